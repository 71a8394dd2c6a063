// The participant client in real (offscreen) windows against the in-process
// server and the real database.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QAbstractItemModelTester>
#include <QListView>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QTest>

#include "cft/v1/cohort.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "client-shared/app_shell.h"
#include "participant-client/participant_window.h"
#include "participant-client/programme/programme_page.h"
#include "participant-client/programme/programme_page_model.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_database.h"
#include "tests/gui/gui_support.h"
#include "tests/support/test_server.h"

namespace cft {

using testing::TestServer;
using testing::TestUser;

class ParticipantGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;
  TestUser participant_;

 private slots:
  void initTestCase() {
    server_ = std::make_unique<TestServer>();
    const int64_t org = server_->CreateOrganisation("Riverside Psychology");
    participant_ = server_->CreateUser(org, Role::kParticipant);
  }

  void cleanupTestCase() { server_.reset(); }

  void signInShowsTheHomePage() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    client::AppShell shell(api, QStringLiteral("CFT Groups"),
                           [](client::ApiSession& a, client::ErrorReporter& e) {
                             return new participant::ParticipantWindow(a, e);
                           });
    shell.start();
    QVERIFY(QTest::qWaitForWindowExposed(shell.loginDialog()));
    QVERIFY(testing::saveScreenshot(shell.loginDialog(), "participant-sign-in"));
    testing::typeSignIn(shell.loginDialog(), QString::fromStdString(participant_.email),
                        QString::fromStdString(participant_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() != nullptr, 15000);
    auto* greeting = shell.mainWindow()->findChild<QLabel*>("greetingLabel");
    QVERIFY(greeting->text().contains(QString::fromStdString("Test participant " + participant_.email).toHtmlEscaped()));
    QVERIFY(QTest::qWaitForWindowExposed(shell.mainWindow()));
    QVERIFY(testing::saveScreenshot(shell.mainWindow(), "participant-home"));
  }

  void theProgrammeShowsReleasedWeeksAndTheNextSession() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Riverside", .start_date = start});
    client::ApiSession api(testing::localSettings(server_->server().port()));
    client::AppShell shell(api, QStringLiteral("CFT Groups"), [](client::ApiSession& a, client::ErrorReporter& e) {
      return new participant::ParticipantWindow(a, e);
    });
    shell.start();
    testing::typeSignIn(shell.loginDialog(), QString::fromStdString(w.participant.email),
                        QString::fromStdString(w.participant.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<participant::ParticipantWindow*>(shell.mainWindow());
    auto* page = window->programmePage()->pageModel();
    QAbstractItemModelTester tester(page->weeks(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* weeks = window->findChild<QListView*>("weeksList");
    QTRY_VERIFY_WITH_TIMEOUT(weeks->model()->rowCount() >= 1, 15000);
    QCOMPARE(weeks->model()->rowCount(), page->programme().currentWeek);
    // The latest week released is the one shown.
    QCOMPARE(weeks->currentIndex().row(), weeks->model()->rowCount() - 1);
    QVERIFY(weeks->model()->index(0, 0).data().toString().startsWith("Week 1 — Safeness and what compassion is"));
    weeks->setCurrentIndex(weeks->model()->index(0, 0));
    const QString text = window->findChild<QTextBrowser*>("weekContent")->toPlainText();
    QVERIFY(text.startsWith("Week 1: Safeness and what compassion is"));
    QVERIFY(text.contains("To practise this week"));
    QVERIFY(text.contains("Go gently:"));
    QVERIFY(window->findChild<QLabel*>("nextSessionLabel")->text().contains("Next session"));
    QVERIFY(window->findChild<QLabel*>("programmeHeading")->text().contains(QStringLiteral("of 8")));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "participant-programme"));

    const QString path = QDir::temp().filePath(QStringLiteral("cft-my-%1.ics").arg(QString::fromStdString(testing::UniqueSuffix())));
    QSignalSpy saved(page, &participant::ProgrammePageModel::calendarSaved);
    page->exportCalendar(path);
    QVERIFY(saved.wait(15000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray ics = file.readAll();
    QVERIFY(ics.contains("SUMMARY:Group session (week 1)"));
    file.remove();
  }

  void aNewParticipantJoinsWithTheirInviteCode() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 3;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Joining", .start_date = start});
    auto cohorts = server_->Stub<v1::CohortService>();
    v1::AllocateToCohortRequest alloc;
    alloc.set_referral_id(testing::AddSuitableReferral(*server_, w.clinician_token, "Noor Newcomer"));
    alloc.set_cohort_id(w.cohort_id);
    v1::AllocateToCohortResponse place;
    auto c1 = TestServer::Context(w.clinician_token);
    QVERIFY(cohorts->AllocateToCohort(c1.get(), alloc, &place).ok());
    v1::CreateInviteRequest invite;
    invite.set_enrolment_id(place.participant().enrolment_id());
    v1::CreateInviteResponse code;
    auto c2 = TestServer::Context(w.clinician_token);
    QVERIFY(cohorts->CreateInvite(c2.get(), invite, &code).ok());

    client::ApiSession api(testing::localSettings(server_->server().port()));
    client::AppShell shell(
        api, QStringLiteral("CFT Groups"),
        [](client::ApiSession& a, client::ErrorReporter& e) { return new participant::ParticipantWindow(a, e); },
        /*offerInvite=*/true);
    shell.start();
    auto* dialog = shell.loginDialog();
    QTest::mouseClick(dialog->findChild<QPushButton*>("haveInviteButton"), Qt::LeftButton);
    auto* codeEdit = dialog->findChild<QLineEdit*>("inviteCodeEdit");
    QVERIFY(codeEdit->isVisible());
    QTest::keyClicks(codeEdit, "WRNG-WRNG-WRNG");
    QTest::keyClicks(dialog->findChild<QLineEdit*>("newPasswordEdit"), "my own passphrase");
    QTest::keyClicks(dialog->findChild<QLineEdit*>("confirmPasswordEdit"), "my own passphrase");
    QTest::mouseClick(dialog->findChild<QPushButton*>("joinButton"), Qt::LeftButton);
    auto* error = dialog->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QVERIFY(error->text().startsWith("This invite code is not valid"));
    QVERIFY(testing::saveScreenshot(dialog, "participant-join-with-code"));

    codeEdit->clear();
    QTest::keyClicks(codeEdit, QString::fromStdString(code.code()).toLower());
    QTest::mouseClick(dialog->findChild<QPushButton*>("joinButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() != nullptr, 15000);
    QVERIFY(shell.mainWindow()->findChild<QLabel*>("greetingLabel")->text().contains("Noor Newcomer"));
    QCOMPARE(api.currentUser().role, client::UserRole::Participant);
  }

  void anExpiredSessionReturnsToSignInWithAnExplanation() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    client::AppShell shell(api, QStringLiteral("CFT Groups"),
                           [](client::ApiSession& a, client::ErrorReporter& e) {
                             return new participant::ParticipantWindow(a, e);
                           });
    shell.start();
    testing::typeSignIn(shell.loginDialog(), QString::fromStdString(participant_.email),
                        QString::fromStdString(participant_.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() != nullptr, 15000);
    server_->clock().Advance(absl::Hours(13));
    QObject caller;
    bool answered = false;
    client::RpcError::Kind kind = client::RpcError::Kind::Other;
    api.auth().whoAmI(
        &caller, [&](const client::UserInfo&) { answered = true; },
        [&](const client::RpcError& e) {
          answered = true;
          kind = e.kind;
        });
    QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() == nullptr, 15000);
    auto* notice = shell.loginDialog()->findChild<QLabel*>("noticeLabel");
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), QStringLiteral("You have been signed out. Sign in again to continue."));
    // The caller still hears the answer, after the session has ended.
    QVERIFY(answered);
    QVERIFY(kind == client::RpcError::Kind::SignedOut);
    QVERIFY(!api.isSignedIn());
    server_->clock().Advance(-absl::Hours(13));
  }
};

}  // namespace cft

QTEST_MAIN(cft::ParticipantGuiTest)
#include "participant_gui_test.moc"
