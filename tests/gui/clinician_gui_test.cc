// The clinician client in real (offscreen) windows against the in-process
// server and the real database. Saves each main screen as a PNG.
#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTest>

#include "cft/v1/cohort.grpc.pb.h"
#include "client-shared/api_client.h"
#include "client-shared/app_shell.h"
#include "clinician-client/clinician_window.h"
#include "clinician-client/cohorts_page.h"
#include "clinician-client/staff_page.h"
#include "clinician-client/waitlist_page.h"
#include "clinician-client/staff_table_model.h"
#include "tests/gui/gui_support.h"
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

  std::unique_ptr<client::AppShell> makeShell(client::ApiClient& api) {
    return std::make_unique<client::AppShell>(
        api, QStringLiteral("CFT Groups for clinicians"),
        [](client::ApiClient& a, client::ErrorReporter& e) { return new clinician::ClinicianWindow(a, e); });
  }

 private slots:
  void initTestCase() {
    server_ = std::make_unique<TestServer>();
    const int64_t org = server_->CreateOrganisation("Riverside Psychology");
    admin_ = server_->CreateUser(org, Role::kAdmin);
    clinician_ = server_->CreateUser(org, Role::kClinician);
  }

  void cleanupTestCase() { server_.reset(); }

  void signInShowsTheStaffList() {
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
    shell->start();
    QVERIFY(QTest::qWaitForWindowExposed(shell->loginDialog()));
    QVERIFY(testing::saveScreenshot(shell->loginDialog(), "clinician-sign-in"));
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(clinician_.email),
                        QString::fromStdString(clinician_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    QVERIFY(window != nullptr);
    QVERIFY(window->findChild<QLabel*>("accountLabel")->text().contains("Riverside Psychology"));
    auto* model = window->staffPage()->model();
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
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(clinician_.email), "not my password");
    auto* error = shell->loginDialog()->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QCOMPARE(error->text(), QStringLiteral("Incorrect e-mail address or password."));
    QVERIFY(shell->mainWindow() == nullptr);
    QVERIFY(testing::saveScreenshot(shell->loginDialog(), "clinician-sign-in-error"));
  }

  void adminAddsAStaffMemberAndSeesTheTemporaryPassword() {
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(admin_.email),
                        QString::fromStdString(admin_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    window->tabs()->setCurrentWidget(window->staffPage());
    auto* add = window->findChild<QPushButton*>("addStaffButton");
    QVERIFY(add->isVisible());
    QTest::mouseClick(add, Qt::LeftButton);
    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<QDialog*>("addStaffDialog")) != nullptr);

    // First a bad address: the dialog explains and keeps what was typed.
    QTest::keyClicks(dialog->findChild<QLineEdit*>("staffNameEdit"), "Dr Jo Bloggs");
    QTest::keyClicks(dialog->findChild<QLineEdit*>("staffEmailEdit"), "jo.bloggs");
    QTest::mouseClick(dialog->findChild<QPushButton*>("createStaffButton"), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QCOMPARE(error->text(), QStringLiteral("E-mail address must be an e-mail address such as name@example.org."));

    const QString email = QStringLiteral("jo.bloggs.%1@riverside.example").arg(QString::fromStdString(testing::UniqueSuffix()));
    auto* emailEdit = dialog->findChild<QLineEdit*>("staffEmailEdit");
    emailEdit->clear();
    QTest::keyClicks(emailEdit, email);
    QTest::mouseClick(dialog->findChild<QPushButton*>("createStaffButton"), Qt::LeftButton);
    auto* temporary = dialog->findChild<QLineEdit*>("temporaryPasswordField");
    QTRY_VERIFY_WITH_TIMEOUT(temporary->isVisible(), 15000);
    QCOMPARE(temporary->text().size(), 16);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-add-staff-done"));
    const QString temporaryPassword = temporary->text();
    QTest::mouseClick(dialog->findChild<QPushButton*>("createStaffButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->staffPage()->model()->rowCount(), 3, 15000);

    // The new colleague signs in with it and must choose their own password first.
    client::ApiClient api2(testing::localSettings(server_->server().port()));
    auto shell2 = makeShell(api2);
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
  clinician::ClinicianWindow* signIn(client::ApiClient& api, client::AppShell& shell, const TestUser& user) {
    shell.start();
    testing::typeSignIn(shell.loginDialog(), QString::fromStdString(user.email), QString::fromStdString(user.password));
    if (!QTest::qWaitFor([&] { return shell.mainWindow() != nullptr; }, 15000)) return nullptr;
    (void)api;
    return qobject_cast<clinician::ClinicianWindow*>(shell.mainWindow());
  }

  void cohortsShowTheScheduleParticipantsAndRegister() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Riverside", .start_date = start});
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage();
    QAbstractItemModelTester t1(page->cohortModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(page->sessionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(page->participantModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->cohortModel()->rowCount(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(page->sessionModel()->rowCount(), 8, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(page->participantModel()->rowCount(), 1, 15000);
    QCOMPARE(page->sessionModel()->index(0, 1).data().toString(), QStringLiteral("Safeness and what compassion is"));
    QVERIFY(page->sessionModel()->index(0, 2).data().toString().contains(":00"));
    QCOMPARE(page->participantModel()->index(0, 0).data().toString(), QStringLiteral("Robin Participant"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-cohorts-schedule"));

    // The register for week 1: Robin was absent.
    page->selectSession(0);
    QTest::mouseClick(window->findChild<QPushButton*>("recordAttendanceButton"), Qt::LeftButton);
    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<QDialog*>("attendanceDialog")) != nullptr);
    auto* combo = dialog->findChild<QComboBox*>(QStringLiteral("attendance_%1").arg(w.enrolment_id));
    QVERIFY(combo != nullptr);
    combo->setCurrentIndex(combo->findText("Absent"));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-register"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveAttendanceButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->sessionModel()->index(0, 4).data().toString().contains("1 absent"), 15000);
    QCOMPARE(page->sessionModel()->index(0, 3).data().toString(), QStringLiteral("Held"));

    // The calendar file.
    const QString path = QDir::temp().filePath(QStringLiteral("cft-gui-%1.ics").arg(QString::fromStdString(testing::UniqueSuffix())));
    QSignalSpy saved(page, &clinician::CohortsPage::calendarSaved);
    page->exportCalendarTo(path);
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
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->cohortModel()->rowCount(), 1, 15000);

    QTest::mouseClick(window->findChild<QPushButton*>("newCohortButton"), Qt::LeftButton);
    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<QDialog*>("newCohortDialog")) != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QComboBox*>("templateCombo")->count() > 0, 15000);
    QTest::keyClicks(dialog->findChild<QLineEdit*>("cohortNameEdit"), "Wednesday afternoon group");
    QVERIFY(testing::saveScreenshot(dialog, "clinician-new-cohort"));
    QTest::mouseClick(dialog->findChild<QPushButton*>("createCohortButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->cohortModel()->rowCount(), 2, 15000);

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
    for (int r = 0; r < page->cohortModel()->rowCount(); ++r) {
      if (page->cohortModel()->index(r, 0).data().toString().startsWith("Planner")) row = r;
    }
    QVERIFY(row >= 0);
    page->selectCohort(row);
    QTRY_COMPARE_WITH_TIMEOUT(page->participantModel()->rowCount(), 2, 15000);
    int casey = -1;
    for (int r = 0; r < 2; ++r) {
      if (page->participantModel()->index(r, 0).data().toString() == "Casey Newcomer") casey = r;
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
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
    auto* window = signIn(api, *shell, w.clinician);
    QVERIFY(window != nullptr);
    window->tabs()->setCurrentIndex(1);
    auto* page = window->waitlistPage();
    QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 1, 15000);

    QTest::mouseClick(window->findChild<QPushButton*>("addReferralButton"), Qt::LeftButton);
    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<QDialog*>("referralDialog")) != nullptr);
    QTest::keyClicks(dialog->findChild<QLineEdit*>("referralNameEdit"), "Sky Waiting");
    QTest::keyClicks(dialog->findChild<QLineEdit*>("referralEmailEdit"), "not an address");
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveReferralButton"), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QVERIFY(error->text().startsWith("Contact email"));
    auto* email = dialog->findChild<QLineEdit*>("referralEmailEdit");
    email->clear();
    QTest::keyClicks(email, QStringLiteral("sky.%1@people.example").arg(QString::fromStdString(testing::UniqueSuffix())));
    dialog->findChild<QComboBox*>("screeningCombo")->setCurrentText("Suitable");
    QTest::mouseClick(dialog->findChild<QPushButton*>("saveReferralButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 2, 15000);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-waitlist"));

    int sky = -1;
    for (int r = 0; r < 2; ++r) {
      if (page->model()->index(r, 0).data().toString() == "Sky Waiting") sky = r;
    }
    page->selectReferral(sky);
    auto* offer = window->findChild<QPushButton*>("allocateReferralButton");
    QTRY_VERIFY(offer->isEnabled());
    QTest::mouseClick(offer, Qt::LeftButton);
    QDialog* allocate = nullptr;
    QTRY_VERIFY((allocate = window->findChild<QDialog*>("allocateDialog")) != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(allocate->findChild<QComboBox*>("allocateCohortCombo")->count() == 1, 15000);
    QTest::mouseClick(allocate->findChild<QPushButton*>("allocateButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->index(sky, 2).data().toString(), QStringLiteral("Allocated"), 15000);
  }

  void signingOutReturnsToSignIn() {
    client::ApiClient api(testing::localSettings(server_->server().port()));
    auto shell = makeShell(api);
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
