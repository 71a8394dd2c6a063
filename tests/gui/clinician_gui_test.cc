// The clinician client in real (offscreen) windows against the in-process
// server and the real database. Saves each main screen as a PNG.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QStatusBar>
#include <QTimeEdit>
#include <grpcpp/grpcpp.h>

#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/field_marks.h"
#include "client-shared/app_shell.h"
#include "client-shared/rpc_error.h"
#include "clinician-client/clinician_window.h"
#include "clinician-client/cohorts/cohorts_page.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "clinician-client/cohorts/move_session_dialog.h"
#include "clinician-client/staff/staff_page.h"
#include "clinician-client/staff/staff_page_model.h"
#include "clinician-client/waitlist/waitlist_page.h"
#include "clinician-client/waitlist/waitlist_page_model.h"
#include "tests/gui/gui_support.h"
#include "tests/gui/program_shells.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {

using testing::TestServer;
using testing::TestUser;

class ClinicianGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;
  TestUser admin_;
  TestUser clinician_;

 private slots:
  void initTestCase() {
    server_ = std::make_unique<TestServer>();
    const int64_t org = server_->CreateOrganisation("Riverside Psychology");
    admin_ = server_->CreateUser(org, Role::kAdmin);
    clinician_ = server_->CreateUser(org, Role::kClinician);
  }

  void cleanupTestCase() { server_.reset(); }

  // What people read when the server refuses: plain sentences, fields by
  // their labels, ids left out, and nothing technical. Refused input is read
  // from the google.rpc.BadRequest violations, never from the message text.
  void serverAnswersReadAsPlainSentences() {
    const client::RpcError reason = client::makeRpcError(3, "reason: is required", {{"reason", "is required"}});
    QCOMPARE(reason.message, QStringLiteral("Reason is required."));
    QCOMPARE(reason.field(), QStringLiteral("reason"));
    QCOMPARE(reason.kind, client::RpcError::Kind::InvalidInput);
    // The detail decides, whatever the text says.
    const client::RpcError entry =
        client::makeRpcError(3, "name: something else entirely", {{"entries[3].status", "is required"}});
    QCOMPARE(entry.field(), QStringLiteral("entries[3].status"));
    QCOMPARE(entry.message, QStringLiteral("Status is required."));
    QCOMPARE(client::makeRpcError(3, "x", {{"contact_email", "must not contain spaces"}}).message,
             QStringLiteral("E-mail address must not contain spaces."));
    // A refusal of the request as a whole names no field.
    QCOMPARE(client::makeRpcError(3, "x", {{"", "the request is too large"}}).message,
             QStringLiteral("The request is too large."));
    // Without a detail nothing is taken from the text.
    QVERIFY(client::makeRpcError(3, "email: is required").violations.isEmpty());
    // Other refusals are told in the server's own sentence (its
    // google.rpc.LocalizedMessage), whatever the message text says...
    QCOMPARE(client::makeRpcError(9, "user_id: a running cohort needs at least one facilitator", {},
                                  "A running cohort needs at least one facilitator.")
                 .message,
             QStringLiteral("A running cohort needs at least one facilitator."));
    // ...and without one the text is shown as it is, made a sentence, never parsed.
    QCOMPARE(client::makeRpcError(9, "the cohort is full").message, QStringLiteral("The cohort is full."));
    QVERIFY(client::makeRpcError(9, "capacity: 3 people already hold places in this cohort").violations.isEmpty());
    QCOMPARE(client::makeRpcError(14, "The service cannot reach its database just now.").kind,
             client::RpcError::Kind::Unreachable);
    QVERIFY(!client::makeRpcError(13, "internal error; it has been logged").message.contains("internal error"));
  }

  void signInShowsTheStaffList() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    shell->start();
    QVERIFY(QTest::qWaitForWindowExposed(shell->loginDialog()));
    QVERIFY(testing::saveScreenshot(shell->loginDialog(), "clinician-sign-in"));
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(clinician_.email),
                        QString::fromStdString(clinician_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    QVERIFY(window != nullptr);
    QVERIFY(window->findChild<QLabel*>("accountLabel")->text().contains("Riverside Psychology"));
    auto* model = window->staffPage()->pageModel()->staff();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 15000);
    QStringList names;
    for (int r = 0; r < model->rowCount(); ++r) names << model->index(r, 0).data().toString();
    QVERIFY(names.contains(QString::fromStdString("Test clinician " + clinician_.email)));
    // Clinicians see the staff list but cannot add accounts.
    QVERIFY(window->findChild<QPushButton*>("addStaffButton")->isHidden());
    window->tabs()->setCurrentWidget(window->staffPage());
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-main-staff"));
  }

  void wrongPasswordExplainsInAPlainSentence() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(clinician_.email), "not my password");
    auto* error = shell->loginDialog()->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QCOMPARE(error->text(), QStringLiteral("Incorrect e-mail address or password."));
    QVERIFY(shell->mainWindow() == nullptr);
    QVERIFY(testing::saveScreenshot(shell->loginDialog(), "clinician-sign-in-error"));
  }

  void adminAddsAStaffMemberAndSeesTheTemporaryPassword() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(admin_.email),
                        QString::fromStdString(admin_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    window->tabs()->setCurrentWidget(window->staffPage());
    auto* add = window->findChild<QPushButton*>("addStaffButton");
    QVERIFY(add->isVisible());
    QTest::mouseClick(add, Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "addStaffDialog");
    QVERIFY(dialog != nullptr);

    // First a bad address: the dialog explains and keeps what was typed.
    QTest::keyClicks(dialog->findChild<QLineEdit*>("staffNameEdit"), "Dr Jo Bloggs");
    QTest::keyClicks(dialog->findChild<QLineEdit*>("staffEmailEdit"), "jo.bloggs");
    QTest::mouseClick(dialog->findChild<QPushButton*>("createStaffButton"), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QCOMPARE(error->text(), QStringLiteral("E-mail address must be an e-mail address such as name@example.org."));
    // The server named the field in its BadRequest detail: that input is marked, and only that one.
    auto* emailEdit = dialog->findChild<QLineEdit*>("staffEmailEdit");
    QVERIFY(client::FieldMarks::isMarked(emailEdit));
    QCOMPARE(emailEdit->accessibleDescription(), error->text());
    QVERIFY(!client::FieldMarks::isMarked(dialog->findChild<QLineEdit*>("staffNameEdit")));
    QCOMPARE(emailEdit->text(), QStringLiteral("jo.bloggs"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-add-staff-email-refused"));

    const QString email = QStringLiteral("jo.bloggs.%1@riverside.example").arg(QString::fromStdString(testing::UniqueSuffix()));
    emailEdit->clear();
    QTest::keyClicks(emailEdit, email);
    QTest::mouseClick(dialog->findChild<QPushButton*>("createStaffButton"), Qt::LeftButton);
    auto* temporary = dialog->findChild<QLineEdit*>("temporaryPasswordField");
    QTRY_VERIFY_WITH_TIMEOUT(temporary->isVisible(), 15000);
    QCOMPARE(temporary->text().size(), 16);
    QVERIFY(!client::FieldMarks::isMarked(emailEdit));
    QVERIFY(emailEdit->accessibleDescription().isEmpty());
    QVERIFY(testing::saveScreenshot(dialog, "clinician-add-staff-done"));
    const QString temporaryPassword = temporary->text();
    QTest::mouseClick(dialog->findChild<QPushButton*>("createStaffButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->staffPage()->pageModel()->staff()->rowCount(), 3, 15000);

    // The new colleague signs in with it and must choose their own password first.
    client::ApiSession api2(testing::localSettings(server_->server().port()));
    auto shell2 = testing::clinicianShell(api2);
    shell2->start();
    testing::typeSignIn(shell2->loginDialog(), email, temporaryPassword);
    QDialog* change = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((change = testing::visibleTopLevel<QDialog>("changePasswordDialog")) != nullptr,
                             15000);
    QVERIFY(shell2->mainWindow() == nullptr);
    QTest::keyClicks(change->findChild<QLineEdit*>("currentPasswordEdit"), temporaryPassword);
    QTest::keyClicks(change->findChild<QLineEdit*>("newPasswordEdit"), "my own long passphrase");
    QTest::keyClicks(change->findChild<QLineEdit*>("confirmPasswordEdit"), "my own long passphrase");
    QVERIFY(testing::saveScreenshot(change, "clinician-forced-password-change"));
    QTest::mouseClick(change->findChild<QPushButton*>("savePasswordButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(shell2->mainWindow() != nullptr, 15000);
  }

  // Signs `user` in and returns the clinician window once it is up.
  clinician::ClinicianWindow* signIn(client::ApiSession& api, client::AppShell& shell, const TestUser& user) {
    shell.start();
    testing::typeSignIn(shell.loginDialog(), QString::fromStdString(user.email), QString::fromStdString(user.password));
    if (!QTest::qWaitFor([&] { return shell.mainWindow() != nullptr; }, 15000)) return nullptr;
    (void)api;
    return qobject_cast<clinician::ClinicianWindow*>(shell.mainWindow());
  }

  void cohortsShowTheScheduleParticipantsAndRegister() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Riverside", .start_date = start});
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage()->pageModel();
    QAbstractItemModelTester t1(page->cohorts(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(page->sessions(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(page->participants(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->cohorts()->rowCount(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(page->sessions()->rowCount(), 8, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(page->participants()->rowCount(), 1, 15000);
    QCOMPARE(page->sessions()->index(0, 1).data().toString(), QStringLiteral("Safeness and what compassion is"));
    QVERIFY(page->sessions()->index(0, 2).data().toString().contains(":00"));
    QCOMPARE(page->participants()->index(0, 0).data().toString(), QStringLiteral("Robin Participant"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-cohorts-schedule"));

    // The register for week 1: Robin was absent.
    page->selectSession(0);
    QTest::mouseClick(window->findChild<QPushButton*>("recordAttendanceButton"), Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "attendanceDialog");
    QVERIFY(dialog != nullptr);
    auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("attendance_%1").arg(w.enrolment_id));
    QVERIFY(combo != nullptr);
    combo->setCurrentIndex(combo->findText("Absent"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-register"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveAttendanceButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->sessions()->index(0, 4).data().toString().contains("1 absent"), 15000);
    QCOMPARE(page->sessions()->index(0, 3).data().toString(), QStringLiteral("Held"));

    // The calendar file.
    const QString path = QDir::temp().filePath(QStringLiteral("cft-gui-%1.ics").arg(QString::fromStdString(testing::UniqueSuffix())));
    QSignalSpy saved(page, &clinician::CohortsPageModel::calendarSaved);
    page->exportCalendar(path);
    QVERIFY(saved.wait(15000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("BEGIN:VCALENDAR\r\n"));
    file.remove();
  }

  void planningACohortAndGivingAnInviteCode() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(
        *server_, {.label = "Planner", .start_date = start, .start_running = false});
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(page->cohorts()->rowCount(), 1, 15000);

    QTest::mouseClick(window->findChild<QPushButton*>("newCohortButton"), Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "newCohortDialog");
    QVERIFY(dialog != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QComboBox*>("templateCombo")->count() > 0, 15000);
    // Sent without a name and with a time zone that does not exist: the
    // server refuses the first field it checks, and the dialog marks it.
    auto* name = dialog->findChild<QLineEdit*>("cohortNameEdit");
    auto* zone = dialog->findChild<QComboBox*>("timeZoneCombo");
    zone->setEditText("Atlantis/Lost_City");
    auto* create = dialog->findChild<QPushButton*>("createCohortButton");
    QTest::mouseClick(create, Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QCOMPARE(error->text(), QStringLiteral("Name is required."));
    QVERIFY(client::FieldMarks::isMarked(name));
    QCOMPARE(name->accessibleDescription(), QStringLiteral("Name is required."));
    QVERIFY(!client::FieldMarks::isMarked(zone));
    QVERIFY(create->isEnabled());
    QVERIFY(testing::saveScreenshot(dialog, "clinician-new-cohort-name-required"));
    QTest::keyClicks(name, "Wednesday afternoon group");
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(client::FieldMarks::isMarked(zone), 15000);
    QVERIFY(!client::FieldMarks::isMarked(name));
    QCOMPARE(error->text(), QStringLiteral("Time zone is not a known IANA time zone (such as Europe/London)."));
    QCOMPARE(zone->accessibleDescription(), error->text());
    QCOMPARE(page->cohorts()->rowCount(), 1);
    zone->setEditText("Europe/London");
    QVERIFY(testing::saveScreenshot(dialog, "clinician-new-cohort"));
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->cohorts()->rowCount(), 2, 15000);
    // The server's warning about the new cohort (one facilitator) reaches the status bar.
    QVERIFY(window->statusBar()->currentMessage().contains("This cohort has 1 facilitator"));

    // A participant who has a place but no code yet gets one.
    const int64_t referral = testing::AddSuitableReferral(*server_, w.clinician_token, "Casey Newcomer");
    auto stub = server_->Stub<v1::CohortService>();
    v1::AllocateToCohortRequest alloc;
    alloc.set_referral_id(referral);
    alloc.set_cohort_id(w.cohort_id);
    v1::AllocateToCohortResponse allocated;
    auto ctx = TestServer::Context(w.clinician_token);
    QVERIFY(stub->AllocateToCohort(ctx.get(), alloc, &allocated).ok());
    int row = -1;
    for (int r = 0; r < page->cohorts()->rowCount(); ++r) {
      if (page->cohorts()->index(r, 0).data().toString().startsWith("Planner")) row = r;
    }
    QVERIFY(row >= 0);
    page->selectCohort(row);
    QTRY_COMPARE_WITH_TIMEOUT(page->participants()->rowCount(), 2, 15000);
    int casey = -1;
    for (int r = 0; r < 2; ++r) {
      if (page->participants()->index(r, 0).data().toString() == "Casey Newcomer") casey = r;
    }
    QVERIFY(casey >= 0);
    page->selectParticipant(casey);
    auto* invite = window->findChild<QPushButton*>("createInviteButton");
    QTRY_VERIFY(invite->isEnabled());
    QTest::mouseClick(invite, Qt::LeftButton);
    QDialog* inviteDialog = nullptr;
    QTRY_VERIFY((inviteDialog = window->findChild<QDialog*>("inviteDialog")) != nullptr);
    auto* code = inviteDialog->findChild<QLineEdit*>("inviteCodeField");
    QTRY_VERIFY_WITH_TIMEOUT(code->isVisible(), 15000);
    QCOMPARE(code->text().size(), 14);
    QVERIFY(testing::saveScreenshot(inviteDialog, "clinician-invite-code"));
  }

  void theWaitlistTakesReferralsAndOffersPlaces() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(
        *server_, {.label = "Waiting", .start_date = start, .start_running = false});
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    window->tabs()->setCurrentIndex(1);
    auto* page = window->waitlistPage()->pageModel();
    QAbstractItemModelTester tester(page->referrals(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->referrals()->rowCount(), 1, 15000);

    QTest::mouseClick(window->findChild<QPushButton*>("addReferralButton"), Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "referralDialog");
    QVERIFY(dialog != nullptr);
    QTest::keyClicks(dialog->findChild<QLineEdit*>("referralNameEdit"), "Sky Waiting");
    QTest::keyClicks(dialog->findChild<QLineEdit*>("referralEmailEdit"), "not an address");
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveReferralButton"), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    // contact_email, told by the form's own label for it.
    QCOMPARE(error->text(), QStringLiteral("E-mail address must not contain spaces."));
    auto* email = dialog->findChild<QLineEdit*>("referralEmailEdit");
    QVERIFY(client::FieldMarks::isMarked(email));
    email->clear();
    QTest::keyClicks(email, QStringLiteral("sky.%1@people.example").arg(QString::fromStdString(testing::UniqueSuffix())));
    dialog->findChild<QComboBox*>("screeningCombo")->setCurrentText("Suitable");
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveReferralButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->referrals()->rowCount(), 2, 15000);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-waitlist"));

    int sky = -1;
    for (int r = 0; r < 2; ++r) {
      if (page->referrals()->index(r, 0).data().toString() == "Sky Waiting") sky = r;
    }
    page->selectReferral(sky);
    auto* offer = window->findChild<QPushButton*>("allocateReferralButton");
    QTRY_VERIFY(offer->isEnabled());
    QTest::mouseClick(offer, Qt::LeftButton);
    QDialog* allocate = nullptr;
    QTRY_VERIFY((allocate = window->findChild<QDialog*>("allocateDialog")) != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(allocate->findChild<QComboBox*>("allocateCohortCombo")->count() == 1, 15000);
    QTest::mouseClick(allocate->findChild<QPushButton*>("allocateButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->referrals()->index(sky, 2).data().toString(), QStringLiteral("Allocated"), 15000);
  }

  // The row whose first column starts with `prefix`, or -1.
  static int rowStartingWith(const QAbstractItemModel* model, const QString& prefix) {
    for (int r = 0; r < model->rowCount(); ++r) {
      if (model->index(r, 0).data().toString().startsWith(prefix)) return r;
    }
    return -1;
  }

  // The dialog `name` of `window` once it is open, or nullptr after 15 s.
  static QDialog* waitForDialog(QWidget* window, const char* name) {
    QDialog* dialog = nullptr;
    const bool open = QTest::qWaitFor(
        [&] { return (dialog = window->findChild<QDialog*>(name)) != nullptr && dialog->isVisible(); }, 15000);
    return open ? dialog : nullptr;
  }

  // Sends `dialog` with its reason left empty: it stays open and says so in a plain sentence.
  static bool refusesAnEmptyReason(QDialog* dialog, const char* button) {
    QTest::mouseClick(dialog->findChild<QPushButton*>(button), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    return QTest::qWaitFor([&] { return error->isVisible(); }, 15000) &&
           error->text() == QStringLiteral("Reason is required.") && dialog->isVisible() &&
           client::FieldMarks::isMarked(dialog->findChild<QPlainTextEdit*>("reasonEdit"));
  }

  v1::GetScheduleResponse serverSchedule(const std::string& token, int64_t cohortId) {
    v1::GetScheduleRequest req;
    req.set_cohort_id(cohortId);
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(token);
    const grpc::Status status = server_->Stub<v1::CalendarService>()->GetSchedule(ctx.get(), req, &resp);
    if (!status.ok()) qWarning("GetSchedule: %s", status.error_message().c_str());
    return resp;
  }

  v1::Cohort serverCohort(const std::string& token, int64_t cohortId) {
    v1::GetCohortRequest req;
    req.set_cohort_id(cohortId);
    v1::GetCohortResponse resp;
    auto ctx = TestServer::Context(token);
    const grpc::Status status = server_->Stub<v1::CohortService>()->GetCohort(ctx.get(), req, &resp);
    if (!status.ok()) qWarning("GetCohort: %s", status.error_message().c_str());
    return resp.cohort();
  }

  // A planned cohort of the built-in programme, created by `token`'s user.
  int64_t planCohort(const testing::CohortWorld& w, const std::string& token, const std::string& name) {
    v1::CreateCohortRequest req;
    req.set_name(name);
    req.set_template_id(w.builtin_template_id);
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 30;
    req.mutable_start_date()->set_year(static_cast<int32_t>(start.year()));
    req.mutable_start_date()->set_month(start.month());
    req.mutable_start_date()->set_day(start.day());
    req.set_weekday(v1::WEDNESDAY);
    req.mutable_local_start_time()->set_hour(10);
    req.set_time_zone("Europe/London");
    req.set_group_type(v1::GROUP_CLOSED);
    v1::CreateCohortResponse resp;
    auto ctx = TestServer::Context(token);
    const grpc::Status status = server_->Stub<v1::CohortService>()->CreateCohort(ctx.get(), req, &resp);
    if (!status.ok()) qWarning("CreateCohort: %s", status.error_message().c_str());
    return resp.cohort().id();
  }

  void sessionsMoveAndAreCancelled() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Mover", .start_date = start});
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(page->sessions()->rowCount(), 8, 15000);
    auto* move = window->findChild<QPushButton*>("moveSessionButton");
    auto* cancel = window->findChild<QPushButton*>("cancelSessionButton");

    // A session already past stays where it was.
    page->selectSession(0);
    QVERIFY(!move->isEnabled());
    QVERIFY(!cancel->isEnabled());

    // Week 7 moves to 19:30, and week 8 with it.
    page->selectSession(6);
    QVERIFY(move->isEnabled());
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(move, Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "moveSessionDialog");
    QVERIFY(dialog != nullptr);
    const v1::ScheduledSession week7 = serverSchedule(w.clinician_token, w.cohort_id).sessions(6);
    QCOMPARE(dialog->findChild<QDateEdit*>("newSessionDateEdit")->date(),
             QDate(week7.local_date().year(), week7.local_date().month(), week7.local_date().day()));
    auto* time = dialog->findChild<QTimeEdit*>("newSessionTimeEdit");
    QCOMPARE(time->time(), QTime(18, 0));
    time->setTime(QTime(19, 30));
    dialog->findChild<QCheckBox*>("shiftFollowingCheck")->setChecked(true);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-move-session"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveMoveSessionButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->sessions()->index(6, 2).data().toString().contains("19:30"), 15000);
    QVERIFY(page->sessions()->index(7, 2).data().toString().contains("19:30"));
    QVERIFY(page->sessions()->index(5, 2).data().toString().contains("18:00"));
    v1::GetScheduleResponse schedule = serverSchedule(w.clinician_token, w.cohort_id);
    QCOMPARE(schedule.sessions(6).id(), w.session_ids[6]);
    QCOMPARE(schedule.sessions(6).local_start_time().hour(), 19);
    QCOMPARE(schedule.sessions(6).local_start_time().minute(), 30);
    QCOMPARE(schedule.sessions(7).local_start_time().hour(), 19);
    QCOMPARE(schedule.sessions(5).local_start_time().hour(), 18);

    // Week 6 is cancelled for a bank holiday, and the programme gains a week instead.
    page->selectSession(5);
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    dialog = waitForDialog(window, "cancelSessionDialog");
    QVERIFY(dialog != nullptr);
    QVERIFY(refusesAnEmptyReason(dialog, "confirmCancelSessionButton"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-cancel-session-reason-required"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>("reasonEdit"), "Bank holiday");
    dialog->findChild<QCheckBox*>("extendProgrammeCheck")->setChecked(true);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-cancel-session"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("confirmCancelSessionButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->sessions()->rowCount(), 9, 15000);
    QCOMPARE(page->sessions()->index(5, 3).data().toString(), QStringLiteral("Cancelled (Bank holiday)"));
    QCOMPARE(page->sessions()->index(6, 0).data().toInt(), 6);
    QCOMPARE(page->sessions()->index(6, 3).data().toString(), QStringLiteral("Scheduled"));
    schedule = serverSchedule(w.clinician_token, w.cohort_id);
    QCOMPARE(schedule.sessions_size(), 9);
    QCOMPARE(schedule.sessions(5).id(), w.session_ids[5]);
    QCOMPARE(schedule.sessions(5).status(), v1::SESSION_CANCELLED);
    QCOMPARE(schedule.sessions(5).cancel_reason(), std::string("Bank holiday"));
    QCOMPARE(schedule.sessions(8).week_number(), 8);
    QCOMPARE(schedule.sessions(8).local_start_time().hour(), 19);
    // A cancelled session cannot be moved or cancelled again.
    page->selectSession(5);
    QVERIFY(!move->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-schedule-moved-and-cancelled"));
  }

  void aParticipantIsWithdrawn() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Leaving", .start_date = start});
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(page->participants()->rowCount(), 1, 15000);
    window->findChild<QTabWidget*>("cohortDetailTabs")->setCurrentIndex(1);
    auto* withdraw = window->findChild<QPushButton*>("withdrawParticipantButton");
    QVERIFY(!withdraw->isEnabled());
    page->selectParticipant(0);
    QVERIFY(withdraw->isEnabled());
    QTest::mouseClick(withdraw, Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "withdrawDialog");
    QVERIFY(dialog != nullptr);
    const QString explanation = dialog->findChild<QLabel*>("explanationLabel")->text();
    QVERIFY(explanation.contains("records"));
    QVERIFY(explanation.contains("can no longer sign in"));
    QVERIFY(refusesAnEmptyReason(dialog, "confirmWithdrawButton"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-withdraw-reason-required"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>("reasonEdit"), "Moving to another city");
    QVERIFY(testing::saveScreenshot(dialog, "clinician-withdraw"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("confirmWithdrawButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->participants()->index(0, 1).data().toString().startsWith("Withdrawn"), 15000);
    // The place is free again.
    QTRY_VERIFY_WITH_TIMEOUT(page->cohorts()->index(0, 4).data().toString().startsWith("0 of"), 15000);
    page->selectParticipant(0);
    QVERIFY(!withdraw->isEnabled());

    v1::ListParticipantsRequest req;
    req.set_cohort_id(w.cohort_id);
    v1::ListParticipantsResponse people;
    auto ctx = TestServer::Context(w.clinician_token);
    QVERIFY(server_->Stub<v1::CohortService>()->ListParticipants(ctx.get(), req, &people).ok());
    QCOMPARE(people.participants_size(), 1);
    QCOMPARE(people.participants(0).status(), v1::PARTICIPANT_WITHDRAWN);
    QCOMPARE(people.participants(0).withdrawal_reason(), std::string("Moving to another city"));
    // Their sign-in has ended.
    v1::LoginRequest login;
    login.set_email(w.participant.email);
    login.set_password(w.participant.password);
    v1::LoginResponse loggedIn;
    auto ctx2 = TestServer::Context();
    QVERIFY(!server_->Stub<v1::AuthService>()->Login(ctx2.get(), login, &loggedIn).ok());
  }

  void cohortsAreCompletedAndCancelled() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Ending", .start_date = start});
    const int64_t planned = planCohort(w, w.clinician_token, "Autumn group that will not run");
    QVERIFY(planned > 0);
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(page->cohorts()->rowCount(), 2, 15000);
    auto* complete = window->findChild<QPushButton*>("completeCohortButton");
    auto* cancel = window->findChild<QPushButton*>("cancelCohortButton");

    // The running cohort ends.
    const QString running = QStringLiteral("Ending Tuesday group");
    page->selectCohort(rowStartingWith(page->cohorts(), running));
    QTRY_COMPARE_WITH_TIMEOUT(page->sessions()->rowCount(), 8, 15000);
    QVERIFY(!complete->isHidden());
    QVERIFY(!cancel->isHidden());
    QTest::mouseClick(complete, Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "completeCohortDialog");
    QVERIFY(dialog != nullptr);
    const QString explanation = dialog->findChild<QLabel*>("explanationLabel")->text();
    QVERIFY(explanation.contains("Sessions still ahead are cancelled"));
    QVERIFY(explanation.contains("invite codes nobody has used stop working"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-complete-cohort"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("confirmCompleteCohortButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        page->cohorts()->index(rowStartingWith(page->cohorts(), running), 1).data().toString(),
        QStringLiteral("Completed"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(complete->isHidden() && cancel->isHidden(), 15000);
    QVERIFY(!window->findChild<QPushButton*>("facilitatorsButton")->isEnabled());
    QCOMPARE(serverCohort(w.clinician_token, w.cohort_id).status(), v1::COHORT_COMPLETED);
    const v1::GetScheduleResponse schedule = serverSchedule(w.clinician_token, w.cohort_id);
    QCOMPARE(schedule.sessions(0).status(), v1::SESSION_SCHEDULED);  // past: its register can still be entered
    QCOMPARE(schedule.sessions(7).status(), v1::SESSION_CANCELLED);
    QTRY_VERIFY_WITH_TIMEOUT(page->sessions()->rowCount() == 8 &&
                                 page->sessions()->index(7, 3).data().toString().startsWith("Cancelled"),
                             15000);

    // The planned cohort is called off, with a reason.
    page->selectCohort(rowStartingWith(page->cohorts(), "Autumn group"));
    QTRY_VERIFY(complete->isHidden() && !cancel->isHidden());
    QTest::mouseClick(cancel, Qt::LeftButton);
    dialog = waitForDialog(window, "cancelCohortDialog");
    QVERIFY(dialog != nullptr);
    QVERIFY(refusesAnEmptyReason(dialog, "confirmCancelCohortButton"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-cancel-cohort-reason-required"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>("reasonEdit"), "Too few referrals");
    QVERIFY(testing::saveScreenshot(dialog, "clinician-cancel-cohort"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("confirmCancelCohortButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        page->cohorts()->index(rowStartingWith(page->cohorts(), "Autumn group"), 1).data().toString(),
        QStringLiteral("Cancelled (Too few referrals)"), 15000);
    const v1::Cohort cancelled = serverCohort(w.clinician_token, planned);
    QCOMPARE(cancelled.status(), v1::COHORT_CANCELLED);
    QCOMPARE(cancelled.cancel_reason(), std::string("Too few referrals"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-cohorts-completed-and-cancelled"));
  }

  void facilitatorsAreAddedWithTheServersWarnings() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(
        *server_, {.label = "Team", .start_date = start, .start_running = false});
    // An admin's cohort starts without facilitators.
    const int64_t cohort = planCohort(w, w.admin_token, "Team evening group");
    QVERIFY(cohort > 0);
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(api, *shell, w.admin);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(page->cohorts()->rowCount(), 2, 15000);
    page->selectCohort(rowStartingWith(page->cohorts(), "Team evening group"));
    auto* open = window->findChild<QPushButton*>("facilitatorsButton");
    QTRY_VERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QDialog* dialog = waitForDialog(window, "facilitatorsDialog");
    QVERIFY(dialog != nullptr);
    auto* table = dialog->findChild<QTableView*>("facilitatorsTable");
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* staff = dialog->findChild<QComboBox*>("facilitatorStaffCombo");
    auto* role = dialog->findChild<QComboBox*>("facilitatorRoleCombo");
    auto* add = dialog->findChild<QPushButton*>("addFacilitatorButton");
    auto* warnings = dialog->findChild<QLabel*>("facilitatorWarningsLabel");
    QCOMPARE(table->model()->rowCount(), 0);
    // Active clinicians only: not the administrator.
    QTRY_COMPARE_WITH_TIMEOUT(staff->count(), 2, 15000);

    // One co-facilitator: the server warns twice.
    staff->setCurrentIndex(staff->findData(static_cast<qlonglong>(w.clinician2.id)));
    role->setCurrentText("Co-facilitator");
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 15000);
    QVERIFY(warnings->isVisible());
    QVERIFY(warnings->text().contains(
        "This cohort has 1 facilitator; groups are run by two, so one can step out with a participant in distress."));
    QVERIFY(warnings->text().contains(
        "This cohort has no lead facilitator; make one of its facilitators the lead."));
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("Co-facilitator"));
    QCOMPARE(staff->count(), 1);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-facilitators-warnings"));

    // Made the lead: one warning is left.
    table->setCurrentIndex(table->model()->index(0, 0));
    auto* makeLead = dialog->findChild<QPushButton*>("facilitatorRoleButton");
    QCOMPARE(makeLead->text(), QStringLiteral("Make lead"));
    QTest::mouseClick(makeLead, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(0, 1).data().toString(), QStringLiteral("Lead"), 15000);
    QVERIFY(warnings->text().contains("This cohort has 1 facilitator"));
    QVERIFY(!warnings->text().contains("no lead"));

    // A second facilitator: no warnings.
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 15000);
    QVERIFY(warnings->isHidden());
    QCOMPARE(staff->count(), 0);
    QVERIFY(!add->isEnabled());
    QVERIFY(testing::saveScreenshot(dialog, "clinician-facilitators"));
    v1::Cohort saved = serverCohort(w.admin_token, cohort);
    QCOMPARE(saved.facilitators_size(), 2);
    for (const auto& f : saved.facilitators()) {
      QCOMPARE(f.role(), f.user_id() == w.clinician2.id ? v1::FACILITATOR_LEAD : v1::FACILITATOR_CO);
    }

    // Removing the co-facilitator brings the first warning back.
    const int co = table->model()->index(0, 1).data().toString() == "Lead" ? 1 : 0;
    table->setCurrentIndex(table->model()->index(co, 0));
    QTest::mouseClick(dialog->findChild<QPushButton*>("removeFacilitatorButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 15000);
    QVERIFY(warnings->text().contains("This cohort has 1 facilitator"));
    saved = serverCohort(w.admin_token, cohort);
    QCOMPARE(saved.facilitators_size(), 1);
    QCOMPARE(saved.facilitators(0).user_id(), w.clinician2.id);

    // The cohort list shows who facilitates once the dialog is closed.
    dialog->reject();
    const int row = rowStartingWith(page->cohorts(), "Team evening group");
    QTRY_VERIFY_WITH_TIMEOUT(page->cohorts()->index(row, 5).data().toString().endsWith("(lead)"), 15000);
  }

  // The server warns about sessions a clock change moved; the dialog passes
  // its warnings on, as the page does to the status bar. cftd does not send
  // any yet, so a calendar service of the test's own does.
  void movingASessionPassesOnTheServersWarnings() {
    class WarningCalendar final : public v1::CalendarService::Service {
     public:
      grpc::Status RescheduleSession(grpc::ServerContext*, const v1::RescheduleSessionRequest* req,
                                     v1::RescheduleSessionResponse* resp) override {
        auto* moved = resp->add_sessions();
        moved->set_id(req->session_id());
        moved->set_week_number(3);
        resp->add_warnings("Week 4 now starts at 19:00 in Europe/London: the clocks change that week.");
        return grpc::Status::OK;
      }
    } calendar;
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&calendar);
    std::unique_ptr<grpc::Server> fake = builder.BuildAndStart();
    QVERIFY(fake != nullptr);

    client::ApiSession session(testing::localSettings(port));
    client::ErrorReporter errors;
    client::SessionInfo meeting;
    meeting.id = 99;
    meeting.week = 3;
    meeting.localDate = QDate(2026, 10, 20);
    meeting.localTime = QTime(18, 0);
    clinician::MoveSessionDialog dialog(session, errors, meeting, nullptr);
    QSignalSpy warned(&dialog, &clinician::CallDialog::warned);
    dialog.open();
    QTest::mouseClick(dialog.findChild<QPushButton*>("saveMoveSessionButton"), Qt::LeftButton);
    QVERIFY(warned.wait(15000));
    QCOMPARE(warned.at(0).at(0).toStringList(),
             QStringList{"Week 4 now starts at 19:00 in Europe/London: the clocks change that week."});
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    fake->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  }

  void signingOutReturnsToSignIn() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(clinician_.email),
                        QString::fromStdString(clinician_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    shell->mainWindow()->findChild<QAction*>("signOutAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() == nullptr, 15000);
    QVERIFY(shell->loginDialog()->isVisible());
    QVERIFY(!api.isSignedIn());
  }
};

}  // namespace cft

QTEST_MAIN(cft::ClinicianGuiTest)
#include "clinician_gui_test.moc"
