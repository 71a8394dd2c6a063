// Reminders in a real system tray, against the in-process server and the
// real database: on an X server (Xvfb) with trayer as the XEmbed tray
// (tests/support/with_system_tray.sh starts both; Qt runs on xcb), the
// participant window is told nothing about the tray, finds one and sends its
// reminders there. At a chosen practice time the tray icon shows and Qt's
// message balloon carries the reminder; clicking the balloon opens the
// practice tab, or the questionnaires for a questionnaire reminder; the
// in-window notice stays hidden throughout. The whole screen, tray and
// balloon included, is saved as a PNG under the build tree.
#include <QApplication>
#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <memory>
#include <optional>

#include "client-shared/api_session.h"
#include "client-shared/app_shell.h"
#include "participant-client/homework/homework_page.h"
#include "participant-client/homework/homework_page_model.h"
#include "participant-client/homework/practice_settings.h"
#include "participant-client/homework/reminder_notifier.h"
#include "participant-client/homework/reminder_scheduler.h"
#include "participant-client/measures/measures_page.h"
#include "participant-client/measures/measures_page_model.h"
#include "participant-client/measures/questionnaire_model.h"
#include "participant-client/participant_window.h"
#include "participant-client/programme/programme_page.h"
#include "tests/gui/gui_support.h"
#include "tests/gui/manual_clock.h"
#include "tests/gui/program_shells.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_server.h"

namespace cft {

using testing::ManualClock;
using testing::TestServer;
using testing::TestUser;

namespace {

// A Wednesday at noon in London, as in the homework suite: a group that met
// on the Tuesdays before is in week 2, with practices for today.
const absl::Time kServerStart = testing::Utc(2026, 11, 25, 12, 0);

QDateTime londonOn25th(int hour, int minute) {
  return QDateTime(QDate(2026, 11, 25), QTime(hour, minute), QTimeZone("Europe/London")).toUTC();
}

// Qt's own balloon for a tray message on an XEmbed tray (there is no D-Bus
// notification service there), while it is on the screen.
QWidget* visibleBalloon() {
  for (QWidget* w : QApplication::topLevelWidgets()) {
    if (w->inherits("QBalloonTip") && w->isVisible()) return w;
  }
  return nullptr;
}

bool balloonSays(QWidget* balloon, const QString& text) {
  for (const QLabel* label : balloon->findChildren<QLabel*>()) {
    if (label->text() == text) return true;
  }
  return false;
}

// The whole X screen: the window, the tray with its icon, the balloon.
bool saveScreen(const QString& name) {
  QDir().mkpath(QStringLiteral(CFT_SCREENSHOT_DIR));
  QScreen* screen = QGuiApplication::primaryScreen();
  return screen != nullptr &&
         screen->grabWindow(0).save(QStringLiteral(CFT_SCREENSHOT_DIR "/%1.png").arg(name));
}

}  // namespace

class TrayGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;
  testing::CohortWorld practising_;
  testing::CohortWorld starting_;
  QTemporaryDir data_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<client::ApiSession> api_;
  std::unique_ptr<client::AppShell> shell_;

  // Reminder times as the participant saved them on this computer.
  void chooseTimes(const TestUser& user, const QList<QTime>& times) {
    QSettings store(data_.filePath("settings.ini"), QSettings::IniFormat);
    participant::PracticeSettings(store, user.id).setReminderTimes(times);
  }

  // The window with the program's own tray decision: nothing forced.
  participant::ParticipantWindow* startParticipant(const TestUser& user) {
    participant::ParticipantEnvironment env;
    env.dataDirectory = data_.filePath("data");
    env.settingsFile = data_.filePath("settings.ini");
    env.clock = clock_.get();
    api_ = std::make_unique<client::ApiSession>(testing::localSettings(server_->server().port()));
    shell_ = testing::participantShell(*api_, env);
    shell_->start();
    testing::typeSignIn(shell_->loginDialog(), QString::fromStdString(user.email),
                        QString::fromStdString(user.password));
    if (!QTest::qWaitFor([&] { return shell_->mainWindow() != nullptr; }, 15000)) return nullptr;
    return qobject_cast<participant::ParticipantWindow*>(shell_->mainWindow());
  }

  void closeParticipant() {
    shell_.reset();
    api_.reset();
  }

  // Both lists the reminders are made from have loaded.
  static bool loaded(participant::ParticipantWindow* window) {
    return QTest::qWaitFor(
        [&] { return window->homeworkPage()->pageModel()->isLoaded() && window->measuresPage()->pageModel()->isLoaded(); },
        15000);
  }

  // The tray shows `title` and `message` now; the balloon, clicked as a
  // person would, goes and the window shows `tab`.
  static void expectTrayMessageOpening(participant::ParticipantWindow* window, const QString& title,
                                       const QString& message, QWidget* tab, const QString& screenshot) {
    QSystemTrayIcon* tray = window->notifier()->trayIcon();
    QVERIFY(tray != nullptr);
    QVERIFY(tray->isVisible());
    QVERIFY(!window->reminderNotice()->isVisible());
    QWidget* balloon = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((balloon = visibleBalloon()) != nullptr, 15000);
    QVERIFY(balloonSays(balloon, title));
    QVERIFY2(balloonSays(balloon, message), qPrintable(message));
    QVERIFY(QTest::qWaitForWindowExposed(balloon));
    QVERIFY(saveScreen(screenshot));
    QCOMPARE_NE(window->tabs()->currentWidget(), tab);
    QTest::mouseClick(balloon, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(visibleBalloon() == nullptr, 15000);
    QCOMPARE(window->tabs()->currentWidget(), tab);
    QVERIFY(!window->reminderNotice()->isVisible());
  }

 private slots:
  void initTestCase() {
    // Offscreen has no tray: this suite means something only on a real X
    // server with one, and fails rather than passes anywhere else.
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
    QVERIFY(data_.isValid());
    testing::TestServerOptions options = testing::At(kServerStart);
    server_ = std::make_unique<TestServer>(options);
    const absl::CivilDay today = absl::ToCivilDay(kServerStart, absl::UTCTimeZone());
    practising_ = testing::BuildCohortWorld(*server_, {.label = "Harbour", .start_date = today - 10});
    // The first session is within the week: the baseline questionnaires are open.
    starting_ = testing::BuildCohortWorld(*server_, {.label = "Meadow", .start_date = today});
    clock_ = std::make_unique<ManualClock>(londonOn25th(11, 40));
  }

  void cleanupTestCase() {
    closeParticipant();
    server_.reset();
  }

  void theDesktopHasATray() { QVERIFY(QSystemTrayIcon::isSystemTrayAvailable()); }

  void aPracticeReminderComesInTheTrayAndOpensThePractice() {
    chooseTimes(practising_.participant, {QTime(14, 0)});
    auto* window = startParticipant(practising_.participant);
    QVERIFY(window != nullptr);
    QVERIFY(window->notifier()->channel() == participant::ReminderNotifier::Channel::Tray);
    QCOMPARE(window->reminders()->times(), QList<QTime>{QTime(14, 0)});
    QVERIFY(loaded(window));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    const int before = window->notifier()->shown();

    window->tabs()->setCurrentWidget(window->programmePage());
    clock_->setNow(londonOn25th(14, 0));
    window->reminders()->check();
    QCOMPARE(window->notifier()->shown(), before + 1);
    const QString words =
        participant::ReminderScheduler::message({"Soothing rhythm breathing", "Tricky-brain loop log"});
    expectTrayMessageOpening(window, QStringLiteral("Practice reminder"), words, window->homeworkPage(),
                             "participant-reminder-in-tray");
    if (QTest::currentTestFailed()) return;
    QVERIFY(testing::saveScreenshot(window, "participant-after-tray-reminder"));
    // Once per chosen time.
    clock_->setNow(londonOn25th(14, 20));
    window->reminders()->check();
    QCOMPARE(window->notifier()->shown(), before + 1);
    closeParticipant();
  }

  void aQuestionnaireReminderComesInTheTrayAndOpensTheQuestionnaires() {
    chooseTimes(starting_.participant, {QTime(15, 0), QTime(16, 0)});
    auto* window = startParticipant(starting_.participant);
    QVERIFY(window != nullptr);
    QVERIFY(window->notifier()->channel() == participant::ReminderNotifier::Channel::Tray);
    QVERIFY(loaded(window));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    participant::MeasuresPageModel* measures = window->measuresPage()->pageModel();
    const QString words = measures->reminderMessage();
    QVERIFY(words.startsWith("A questionnaire is waiting for you: "));
    QVERIFY(words.contains("PHQ-9 (Baseline)"));
    // The new set of open questionnaires is reminded of as soon as it loads.
    QTRY_COMPARE_WITH_TIMEOUT(window->notifier()->shown(), 1, 15000);
    window->tabs()->setCurrentWidget(window->programmePage());
    expectTrayMessageOpening(window, QStringLiteral("Questionnaire reminder"), words, window->measuresPage(),
                             "participant-questionnaire-reminder-in-tray");
    if (QTest::currentTestFailed()) return;

    // And again at the chosen time, since they are still open.
    window->tabs()->setCurrentWidget(window->programmePage());
    clock_->setNow(londonOn25th(15, 0));
    window->reminders()->check();
    QCOMPARE(window->notifier()->shown(), 2);
    expectTrayMessageOpening(window, QStringLiteral("Questionnaire reminder"), words, window->measuresPage(),
                             "participant-questionnaire-reminder-at-chosen-time");
    if (QTest::currentTestFailed()) return;

    // The PHQ-9 answered and sent: the next chosen time names only the
    // ones still open.
    std::optional<client::DueMeasureInfo> phq9;
    for (const client::DueMeasureInfo& m : measures->due()->rows()) {
      if (m.instrumentKey == "phq9") phq9 = m;
    }
    QVERIFY(phq9.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(measures->instrumentFor(*phq9).has_value(), 15000);
    participant::QuestionnaireModel answers(*measures->instrumentFor(*phq9), *phq9);
    for (int i = 1; i <= 9; ++i) answers.setAnswer(QStringLiteral("phq9_%1").arg(i), 0);
    // Never in the server's future.
    server_->clock().Set(absl::FromUnixMillis(clock_->now().toMSecsSinceEpoch()) + absl::Minutes(1));
    QString error;
    QVERIFY2(!measures->submit(answers.result(clock_->now()), answers.heading(), &error).isEmpty(), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(measures->waiting(), 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!measures->reminderMessage().contains("PHQ-9"), 15000);
    const QString rest = measures->reminderMessage();
    QVERIFY(rest.startsWith("A questionnaire is waiting for you: "));
    window->tabs()->setCurrentWidget(window->programmePage());
    clock_->setNow(londonOn25th(16, 0));
    window->reminders()->check();
    QCOMPARE(window->notifier()->shown(), 3);
    expectTrayMessageOpening(window, QStringLiteral("Questionnaire reminder"), rest, window->measuresPage(),
                             "participant-questionnaire-reminder-after-answering");
    closeParticipant();
  }
};

}  // namespace cft

QTEST_MAIN(cft::TrayGuiTest)
#include "tray_gui_test.moc"
