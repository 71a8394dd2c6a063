// The clinician client in real (offscreen) windows against the in-process
// server and the real database. Saves each main screen as a PNG.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QTest>

#include "client-shared/api_client.h"
#include "client-shared/app_shell.h"
#include "clinician-client/clinician_window.h"
#include "clinician-client/staff_page.h"
#include "clinician-client/staff_table_model.h"
#include "tests/gui/gui_support.h"
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
    QVERIFY(!window->findChild<QPushButton*>("addStaffButton")->isVisible());
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
