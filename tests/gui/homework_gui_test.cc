// The homework screens of both clients in real (offscreen) windows against
// the in-process server and the real database, in the order a week of the
// programme runs: the participant follows the breathing pacer on a clock
// the test moves, logs it and a thought record, loses the server, logs
// again, closes and restarts the program, and once the server is back the
// waiting log reaches it exactly once; reminders come in the window at the
// chosen times and not once the day is logged; the clinician sees the heat
// map, reads the shared logs, answers one, and opens the digest; the
// participant reads the answer with its log. Then every new screen at 150%
// text size, with the timer of a reflective practice and the form of an
// exposure ladder. Each screen is saved
// as a PNG under the build tree.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimeEdit>
#include <QTimeZone>
#include <memory>

#include "cft/v1/homework.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/app_shell.h"
#include "client-shared/field_marks.h"
#include "clinician-client/clinician_window.h"
#include "clinician-client/cohorts/adherence_tab.h"
#include "clinician-client/cohorts/adherence_table_model.h"
#include "clinician-client/cohorts/cohort_homework_model.h"
#include "clinician-client/cohorts/cohorts_page.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "clinician-client/cohorts/digest_tab.h"
#include "clinician-client/cohorts/practice_logs_tab.h"
#include "participant-client/homework/guided_practice.h"
#include "participant-client/homework/homework_page.h"
#include "participant-client/homework/homework_page_model.h"
#include "participant-client/homework/my_practice_model.h"
#include "participant-client/homework/my_practice_page.h"
#include "participant-client/homework/practice_player_dialog.h"
#include "participant-client/homework/reminder_notifier.h"
#include "participant-client/homework/reminder_scheduler.h"
#include "participant-client/participant_window.h"
#include "participant-client/programme/programme_page.h"
#include "tests/gui/gui_support.h"
#include "tests/gui/manual_clock.h"
#include "tests/gui/program_shells.h"
#include "tests/gui/screen_checks.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {

using testing::ManualClock;
using testing::TestServer;
using testing::TestUser;
using Tester = QAbstractItemModelTester;

namespace {

// A Wednesday at noon in London (GMT in November): the group met on the
// Tuesdays before, so week 2 is this week whatever day the test runs, and
// every time of the day's story falls on that one day.
const absl::Time kServerStart = testing::Utc(2026, 11, 25, 12, 0);

QDateTime londonOn25th(int hour, int minute) {
  return QDateTime(QDate(2026, 11, 25), QTime(hour, minute), QTimeZone("Europe/London")).toUTC();
}

absl::Time toAbsl(const QDateTime& t) { return absl::FromUnixMillis(t.toMSecsSinceEpoch()); }

const QString kSituation = QStringLiteral("My partner had not answered my message for three hours.");
const QString kFeedback = QStringLiteral("You stayed with a hard feeling and looked at the facts. Well done.");

}  // namespace

class HomeworkGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;
  int port_ = 0;
  testing::CohortWorld world_;
  qint64 thoughtRecordId_ = 0;
  QTemporaryDir data_;
  // The participant's computer: its clock, and the program while it runs.
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<client::ApiSession> api_;
  std::unique_ptr<client::AppShell> shell_;

  void startServer(absl::Time start) {
    testing::TestServerOptions options = testing::At(start);
    options.port = port_;
    server_ = std::make_unique<TestServer>(options);
    port_ = server_->server().port();
  }

  // Logs are never in the server's future: its clock keeps at least a
  // minute ahead of the participant's.
  void keepServerAhead() {
    const absl::Time wanted = toAbsl(clock_->now()) + absl::Minutes(1);
    if (server_->clock().Now() < wanted) server_->clock().Set(wanted);
  }

  participant::ParticipantEnvironment environment() {
    participant::ParticipantEnvironment env;
    env.dataDirectory = data_.filePath("data");
    env.settingsFile = data_.filePath("settings.ini");
    env.clock = clock_.get();
    // The offscreen platform has no tray: reminders come in the window.
    env.trayAvailable = false;
    return env;
  }

  // Starts the participant program and signs in; null if the window did not open.
  participant::ParticipantWindow* startParticipant(const TestUser& user) {
    api_ = std::make_unique<client::ApiSession>(testing::localSettings(port_));
    const participant::ParticipantEnvironment env = environment();
    shell_ = testing::participantShell(*api_, env);
    shell_->start();
    testing::typeSignIn(shell_->loginDialog(), QString::fromStdString(user.email),
                        QString::fromStdString(user.password));
    if (!QTest::qWaitFor([&] { return shell_->mainWindow() != nullptr; }, 15000)) return nullptr;
    return participantWindow();
  }

  participant::ParticipantWindow* participantWindow() const {
    return shell_ ? qobject_cast<participant::ParticipantWindow*>(shell_->mainWindow()) : nullptr;
  }

  // Closes the program: the window, the shell and the connection go.
  void closeParticipant() {
    shell_.reset();
    api_.reset();
  }

  static QDialog* waitForDialog(QWidget* window, const char* name) {
    QDialog* dialog = nullptr;
    const bool open = QTest::qWaitFor(
        [&] { return (dialog = window->findChild<QDialog*>(name)) != nullptr && dialog->isVisible(); }, 15000);
    return open ? dialog : nullptr;
  }

  // True once `dialog` is closed (hidden, or deleted on close).
  static bool closes(QPointer<QDialog> dialog, int timeoutMs = 15000) {
    return QTest::qWaitFor([&] { return dialog.isNull() || !dialog->isVisible(); }, timeoutMs);
  }

  static int rowOf(const participant::AssignmentTableModel* model, const QString& title) {
    for (int r = 0; r < model->rowCount(); ++r) {
      if (model->rowAt(r)->assignment.title == title) return r;
    }
    return -1;
  }

  // Chooses the practice with the keyboard, as someone without a mouse would.
  static bool choosePractice(participant::HomeworkPage* page, const QString& title) {
    const int row = rowOf(page->pageModel()->assignments(), title);
    if (row < 0) return false;
    auto* table = page->findChild<QTableView*>("assignmentsTable");
    QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < row; ++i) QTest::keyClick(table, Qt::Key_Down);
    const client::AssignmentProgress* chosen = page->pageModel()->selectedAssignment();
    return chosen != nullptr && chosen->assignment.title == title;
  }

  // Presses a button with the keyboard.
  static void press(QWidget* within, const char* name) {
    auto* button = within->findChild<QPushButton*>(name);
    QVERIFY2(button != nullptr, name);
    QVERIFY2(button->isEnabled(), name);
    QTest::keyClick(button, Qt::Key_Space);
  }

  static void stepUp(QSpinBox* spin, int steps) {
    for (int i = 0; i < steps; ++i) QTest::keyClick(spin, Qt::Key_Up);
  }

  v1::ListPracticeLogsResponse serverLogs() {
    v1::ListPracticeLogsRequest req;
    req.set_cohort_id(world_.cohort_id);
    req.set_page_size(500);
    v1::ListPracticeLogsResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    const grpc::Status status = server_->Stub<v1::HomeworkService>()->ListPracticeLogs(ctx.get(), req, &resp);
    if (!status.ok()) qWarning("ListPracticeLogs: %s", status.error_message().c_str());
    return resp;
  }

  std::string storedLogs() {
    return testing::TestDatabase::Get().Scalar("SELECT COUNT(*) FROM practice_logs WHERE enrolment_id = " +
                                               std::to_string(world_.enrolment_id));
  }

  qint64 createThoughtRecord(const testing::CohortWorld& w) {
    v1::CreateAssignmentRequest req;
    req.set_cohort_id(w.cohort_id);
    req.set_enrolment_id(w.enrolment_id);
    req.set_week_number(2);
    req.set_kind("thought-record");
    req.set_title("Thought record");
    req.set_instructions("When a worry about being left comes up, write it down and look at it with care.");
    req.mutable_dose()->set_times_per_week(3);
    req.mutable_dose()->set_minutes(10);
    v1::CreateAssignmentResponse resp;
    auto ctx = TestServer::Context(w.clinician_token);
    const grpc::Status status = server_->Stub<v1::HomeworkService>()->CreateAssignment(ctx.get(), req, &resp);
    if (!status.ok()) qWarning("CreateAssignment: %s", status.error_message().c_str());
    return resp.assignment().id();
  }

 private slots:
  void initTestCase() {
    QVERIFY(data_.isValid());
    startServer(kServerStart);
    const absl::CivilDay start = absl::ToCivilDay(kServerStart, absl::UTCTimeZone()) - 10;
    world_ = testing::BuildCohortWorld(*server_, {.label = "Harbour", .start_date = start});
    thoughtRecordId_ = createThoughtRecord(world_);
    QVERIFY(thoughtRecordId_ > 0);
    // The participant's computer runs a little behind the server.
    clock_ = std::make_unique<ManualClock>(londonOn25th(11, 40));
  }

  void cleanupTestCase() {
    closeParticipant();
    server_.reset();
  }

  void theParticipantFollowsThePacerAndLogsIt() {
    auto* window = startParticipant(world_.participant);
    QVERIFY(window != nullptr);
    window->tabs()->setCurrentWidget(window->homeworkPage());
    participant::HomeworkPage* page = window->homeworkPage();
    participant::HomeworkPageModel* model = page->pageModel();
    Tester tester(model->assignments(), Tester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(model->assignments()->rowCount(), 3, 15000);
    QVERIFY(window->findChild<QLabel*>("homeworkHeading")->text().startsWith("Week 2 · your practice this week."));
    const int breathingRow = rowOf(model->assignments(), "Soothing rhythm breathing");
    QCOMPARE(model->assignments()->index(breathingRow, 3).data().toString(), QStringLiteral("0 of 7 · 0%"));
    QCOMPARE(model->assignments()->index(rowOf(model->assignments(), "Thought record"), 2).data().toString(),
             QStringLiteral("About 10 minutes, 3 times a week"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "participant-this-weeks-practice"));

    // The caution comes before the first use.
    QVERIFY(choosePractice(page, "Soothing rhythm breathing"));
    auto* start = page->findChild<QPushButton*>("startPracticeButton");
    QCOMPARE(start->text(), QStringLiteral("Start the breathing pacer"));
    press(page, "startPracticeButton");
    QDialog* caution = waitForDialog(window, "cautionDialog");
    QVERIFY(caution != nullptr);
    QVERIFY(caution->findChild<QLabel*>("cautionIntro")->text().startsWith("Before you start this practice"));
    QVERIFY(!caution->findChild<QLabel*>("cautionText")->text().isEmpty());
    QVERIFY(testing::saveScreenshot(caution, "participant-caution-before-first-use"));
    QTest::keyClick(caution, Qt::Key_Return);

    auto* player = qobject_cast<participant::PracticePlayerDialog*>(waitForDialog(window, "practicePlayerDialog"));
    QVERIFY(player != nullptr);
    QCOMPARE(player->findChild<QSpinBox*>("inCountSpin")->value(), 4);
    QCOMPARE(player->findChild<QSpinBox*>("outCountSpin")->value(), 6);
    QCOMPARE(player->findChild<QSpinBox*>("lengthSpin")->value(), 5);
    QCOMPARE(player->findChild<QLabel*>("remainingLabel")->text(), QStringLiteral("5 minutes"));
    auto* instruction = player->findChild<QLabel*>("pacerInstruction");
    QCOMPARE(instruction->text(), QStringLiteral("Ready when you are"));
    QTest::keyClick(player, Qt::Key_Return);
    QVERIFY(clock_->isTicking());
    QCOMPARE(instruction->text(), QStringLiteral("Breathe in… 1"));
    // Two counts in: the circle is half grown.
    clock_->run(2000);
    QCOMPARE(instruction->text(), QStringLiteral("Breathe in… 3"));
    QVERIFY(qAbs(player->pacer()->size() - 0.5) < 1e-9);
    QCOMPARE(player->findChild<QWidget*>("pacerWidget")->accessibleDescription(), QStringLiteral("Breathe in… 1"));
    QVERIFY(testing::saveScreenshot(player, "participant-breathing-pacer"));
    // Full at the top of the breath, then breathing out for six.
    clock_->run(3000);
    QCOMPARE(instruction->text(), QStringLiteral("Breathe out… 2"));
    QVERIFY(player->pacer()->size() < 1.0 && player->pacer()->size() > 0.9);
    QCOMPARE(player->findChild<QWidget*>("pacerWidget")->accessibleDescription(), QStringLiteral("Breathe out… 1"));

    // The caution can be read again in the middle of it.
    press(player, "rereadCautionButton");
    QDialog* again = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((again = player->findChild<QDialog*>("cautionDialog")) != nullptr && again->isVisible(),
                             15000);
    QVERIFY(again->findChild<QLabel*>("cautionIntro")->text().startsWith("A few words from your facilitators"));
    press(again, "cautionCloseButton");
    QVERIFY(closes(again));

    // A pause is not practice time.
    press(player, "pauseButton");
    QCOMPARE(player->findChild<QPushButton*>("pauseButton")->text(), QStringLiteral("Resume"));
    QCOMPARE(instruction->text(), QStringLiteral("Paused. Breathe naturally."));
    QVERIFY(!clock_->isTicking());
    clock_->advance(60000);
    QCOMPARE(player->findChild<QLabel*>("remainingLabel")->text(), QStringLiteral("4:55 left"));
    press(player, "pauseButton");
    // To the end of the five minutes: the log form opens with them.
    clock_->run(5 * 60000 - 5000, 1000);
    QVERIFY(!clock_->isTicking());
    QDialog* form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    QCOMPARE(form->findChild<QSpinBox*>("minutesSpin")->value(), 5);
    QCOMPARE(form->findChild<QSpinBox*>("field_in_count")->value(), 4);
    QCOMPARE(form->findChild<QSpinBox*>("field_out_count")->value(), 6);
    // The choice to share, in one plain sentence where it is made.
    const QString privacy = form->findChild<QLabel*>("privacyExplanation")->text();
    QCOMPARE(privacy.count('.'), 1);
    QVERIFY(privacy.endsWith("only if you tick this box."));
    QVERIFY(!form->findChild<QCheckBox*>("shareCheck")->isChecked());
    stepUp(form->findChild<QSpinBox*>("helpfulnessSpin"), 8);  // from "Choose 0 to 10" to 7
    QCOMPARE(form->findChild<QSpinBox*>("helpfulnessSpin")->value(), 7);
    QVERIFY(testing::saveScreenshot(form, "participant-log-after-pacer"));
    keepServerAhead();
    QTest::keyClick(form, Qt::Key_Return);
    QVERIFY(closes(form, 15000));
    QCOMPARE(window->findChild<QLabel*>("homeworkStatus")->text(), QStringLiteral("Saved. Thank you for logging it."));
    QTRY_COMPARE_WITH_TIMEOUT(
        model->assignments()->index(rowOf(model->assignments(), "Soothing rhythm breathing"), 3).data().toString(),
        QStringLiteral("1 of 7 · 14%"), 15000);
    // Read the first time, the caution does not stand in the way again.
    press(page, "startPracticeButton");
    player = qobject_cast<participant::PracticePlayerDialog*>(waitForDialog(window, "practicePlayerDialog"));
    QVERIFY(player != nullptr);
    QVERIFY(window->findChild<QDialog*>("cautionDialog") == nullptr ||
            !window->findChild<QDialog*>("cautionDialog")->isVisible());
    press(player, "closePlayerButton");
    QVERIFY(closes(player));

    const v1::ListPracticeLogsResponse logs = serverLogs();
    QCOMPARE(logs.logs_size(), 1);
    QCOMPARE(logs.logs(0).minutes(), 5);
    QCOMPARE(logs.logs(0).helpfulness(), 7);
    QCOMPARE(logs.logs(0).kind(), std::string("soothing-rhythm-breathing"));
  }

  void theParticipantFillsInAThoughtRecord() {
    auto* window = participantWindow();
    QVERIFY(window != nullptr);
    participant::HomeworkPage* page = window->homeworkPage();
    QVERIFY(choosePractice(page, "Thought record"));
    QCOMPARE(page->findChild<QPushButton*>("startPracticeButton")->text(), QStringLiteral("Log this practice…"));
    press(page, "startPracticeButton");
    QDialog* form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    // The kind's own fields, in its order, with its labels.
    for (const char* field : {"field_situation", "field_anxious_thought", "field_evidence_for", "field_evidence_against",
                              "field_friend_view", "field_balanced_thought"}) {
      QVERIFY2(form->findChild<QPlainTextEdit*>(field) != nullptr, field);
    }
    QCOMPARE(form->findChild<QPlainTextEdit*>("field_situation")->accessibleName(),
             QStringLiteral("The situation (required)"));
    QCOMPARE(form->findChild<QSpinBox*>("minutesSpin")->value(), 10);
    // Tab walks the form in order, from the situation to the balanced thought.
    QApplication::setActiveWindow(form);
    QVERIFY(QTest::qWaitForWindowActive(form));
    form->findChild<QPlainTextEdit*>("field_situation")->setFocus();
    QStringList order;
    for (int i = 0; i < 6; ++i) {
      order << QApplication::focusWidget()->objectName();
      QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    QCOMPARE(order, (QStringList{"field_situation", "field_anxious_thought", "field_evidence_for",
                                 "field_evidence_against", "field_friend_view", "field_balanced_thought"}));

    // Sent empty, it says what is missing in a sentence and marks the field.
    press(form, "saveLogButton");
    auto* error = form->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith("The situation is required."), qPrintable(error->text()));
    QVERIFY(client::FieldMarks::isMarked(form->findChild<QPlainTextEdit*>("field_situation")));
    QVERIFY(form->isVisible());

    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_situation"), kSituation);
    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_anxious_thought"), "They are going off me.");
    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_evidence_for"), "They usually answer within the hour.");
    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_evidence_against"), "They told me they had a long meeting.");
    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_friend_view"), "Busy people miss messages.");
    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_balanced_thought"), "They are busy, not leaving.");
    stepUp(form->findChild<QSpinBox*>("distressBeforeSpin"), 8);  // 7
    stepUp(form->findChild<QSpinBox*>("distressAfterSpin"), 5);   // 4
    stepUp(form->findChild<QSpinBox*>("helpfulnessSpin"), 9);     // 8
    QTest::keyClick(form->findChild<QCheckBox*>("shareCheck"), Qt::Key_Space);
    QVERIFY(form->findChild<QCheckBox*>("shareCheck")->isChecked());
    QVERIFY(testing::saveScreenshot(form, "participant-thought-record"));
    keepServerAhead();
    press(form, "saveLogButton");
    QVERIFY(closes(form, 15000));

    // On the server as it was written, shared with the facilitators.
    const v1::ListPracticeLogsResponse logs = serverLogs();
    QCOMPARE(logs.logs_size(), 2);
    const v1::PracticeLog* record = nullptr;
    for (const v1::PracticeLog& l : logs.logs()) {
      if (l.kind() == "thought-record") record = &l;
    }
    QVERIFY(record != nullptr);
    QCOMPARE(record->minutes(), 10);
    QCOMPARE(record->distress_before(), 7);
    QCOMPARE(record->distress_after(), 4);
    QCOMPARE(record->helpfulness(), 8);
    QVERIFY(record->shared());
    QString situation;
    for (const v1::FieldValue& f : record->fields()) {
      if (f.key() == "situation") situation = QString::fromStdString(f.text());
    }
    QCOMPARE(situation, kSituation);

    // "My practice": the week's minutes and helpfulness, as a chart.
    window->tabs()->setCurrentWidget(window->myPracticePage());
    participant::MyPracticeModel* mine = window->myPracticePage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(mine->summary(), QStringLiteral("2 practices logged, 15 minutes in all."), 15000);
    QCOMPARE(mine->weeks()->rowCount(), 1);
    QCOMPARE(mine->weeks()->index(0, 3).data().toString(), QStringLiteral("7.5 of 10"));
    QChart* chart = window->myPracticePage()->chart();
    QCOMPARE(chart->series().size(), 2);
    auto* bars = qobject_cast<QBarSeries*>(chart->series().at(0));
    QVERIFY(bars != nullptr);
    QCOMPARE(bars->barSets().at(0)->at(0), 15.0);
    QCOMPARE(window->findChild<QChartView*>("practiceChart")->accessibleDescription(),
             QStringLiteral("week 2: 15 minutes, helpfulness 7.5 of 10"));
    for (const QString& words : {mine->summary(), mine->selectedHtml()}) {
      QVERIFY(!words.contains("streak", Qt::CaseInsensitive));
      QVERIFY(!words.contains("badge", Qt::CaseInsensitive));
    }
    QVERIFY(testing::saveScreenshot(window, "participant-my-practice"));
  }

  void aLogMadeOfflineReachesTheServerOnceAfterARestart() {
    auto* window = participantWindow();
    QVERIFY(window != nullptr);
    // The server goes away.
    const absl::Time stoppedAt = server_->clock().Now();
    server_.reset();

    window->tabs()->setCurrentWidget(window->homeworkPage());
    participant::HomeworkPage* page = window->homeworkPage();
    QVERIFY(choosePractice(page, "Soothing rhythm breathing"));
    press(page, "logPracticeButton");
    QDialog* form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    auto* minutes = form->findChild<QSpinBox*>("minutesSpin");
    minutes->selectAll();
    QTest::keyClicks(minutes, "12");
    QCOMPARE(minutes->value(), 12);
    stepUp(form->findChild<QSpinBox*>("helpfulnessSpin"), 7);  // 6
    press(form, "saveLogButton");
    // Kept on this computer: the form closes and says so.
    QVERIFY(closes(form, 30000));
    QVERIFY(window->findChild<QLabel*>("homeworkStatus")->text().startsWith("Saved on this computer."));
    auto* waiting = window->findChild<QLabel*>("waitingLabel");
    QCOMPARE(waiting->text(), QStringLiteral("Waiting to send (1)"));
    QVERIFY(waiting->isVisible());
    QVERIFY(testing::saveScreenshot(window, "participant-waiting-to-send"));

    // The program is closed while the server is away, and started again.
    closeParticipant();
    api_ = std::make_unique<client::ApiSession>(testing::localSettings(port_));
    const participant::ParticipantEnvironment env = environment();
    shell_ = testing::participantShell(*api_, env);
    shell_->start();
    client::LoginDialog* login = shell_->loginDialog();
    testing::typeSignIn(login, QString::fromStdString(world_.participant.email),
                        QString::fromStdString(world_.participant.password));
    auto* error = login->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 30000);
    QCOMPARE(error->text(), QStringLiteral("Cannot reach the server. Check your connection; we will keep trying."));
    QCOMPARE(storedLogs(), std::string("2"));

    // The server is back where it was; signing in again sends what waited.
    startServer(stoppedAt);
    auto* signIn = login->findChild<QPushButton*>("signInButton");
    QVERIFY(QTest::qWaitFor(
        [&] {
          if (shell_->mainWindow() != nullptr) return true;
          // As a person would: try again while the connection comes back.
          if (signIn->isEnabled() && api_->pending() == 0) QTest::mouseClick(signIn, Qt::LeftButton);
          return false;
        },
        30000));
    window = participantWindow();
    participant::HomeworkPageModel* model = window->homeworkPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->waiting(), 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->findChild<QLabel*>("waitingLabel")->isVisible(), 15000);
    const v1::ListPracticeLogsResponse logs = serverLogs();
    QCOMPARE(logs.logs_size(), 3);
    int twelve = 0;
    for (const v1::PracticeLog& l : logs.logs()) twelve += l.minutes() == 12 ? 1 : 0;
    QCOMPARE(twelve, 1);
    QCOMPARE(storedLogs(), std::string("3"));
    // Sending again adds nothing.
    model->flush();
    QTRY_COMPARE_WITH_TIMEOUT(
        model->assignments()->index(rowOf(model->assignments(), "Soothing rhythm breathing"), 3).data().toString(),
        QStringLiteral("2 of 7 · 29%"), 15000);
    QCOMPARE(storedLogs(), std::string("3"));
  }

  void remindersComeInTheWindowUntilTheDaysPracticeIsLogged() {
    auto* window = participantWindow();
    QVERIFY(window != nullptr);
    QVERIFY(window->notifier()->channel() == participant::ReminderNotifier::Channel::Window);
    participant::HomeworkPage* page = window->homeworkPage();
    participant::HomeworkPageModel* model = page->pageModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->isLoaded(), 15000);

    // The participant chooses two times, with the keyboard.
    press(page, "remindersButton");
    QDialog* dialog = waitForDialog(window, "remindersDialog");
    QVERIFY(dialog != nullptr);
    auto* time = dialog->findChild<QTimeEdit*>("reminderTimeEdit");
    for (const QTime& t : {QTime(14, 0), QTime(18, 30)}) {
      time->setTime(t);
      press(dialog, "addReminderButton");
    }
    QCOMPARE(dialog->findChild<QListWidget*>("reminderTimesList")->count(), 2);
    QVERIFY(testing::saveScreenshot(dialog, "participant-reminder-times"));
    press(dialog, "saveRemindersButton");
    QVERIFY(closes(dialog));
    QCOMPARE(window->reminders()->times(), (QList<QTime>{QTime(14, 0), QTime(18, 30)}));

    // At 14:00 the loop log is still open for the day (breathing and the
    // thought record are done): the notice says so inside the window.
    clock_->setNow(londonOn25th(14, 0));
    window->reminders()->check();
    auto* notice = window->reminderNotice();
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->message(),
             QStringLiteral("A gentle reminder, at a time you chose: Tricky-brain loop log is still open for today. "
                            "Only if it suits you now; there is no catching up to do."));
    QVERIFY(window->notifier()->trayIcon() == nullptr);
    QCOMPARE(window->notifier()->shown(), 1);
    window->tabs()->setCurrentWidget(window->programmePage());
    QVERIFY(testing::saveScreenshot(window, "participant-reminder-in-window"));
    press(notice, "reminderOpenButton");
    QVERIFY(!notice->isVisible());
    QCOMPARE(window->tabs()->currentWidget(), page);

    // The loop log is logged; at 18:30 nothing is left, so no reminder.
    QVERIFY(choosePractice(page, "Tricky-brain loop log"));
    press(page, "startPracticeButton");
    // It has a caution of its own, read once before its first use.
    QDialog* caution = waitForDialog(window, "cautionDialog");
    QVERIFY(caution != nullptr);
    QTest::keyClick(caution, Qt::Key_Return);
    QDialog* form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    QTest::keyClicks(form->findChild<QPlainTextEdit*>("field_trigger"), "A message left unanswered");
    stepUp(form->findChild<QSpinBox*>("helpfulnessSpin"), 6);  // 5
    keepServerAhead();
    press(form, "saveLogButton");
    QVERIFY(closes(form, 15000));
    QTRY_COMPARE_WITH_TIMEOUT(
        model->assignments()->index(rowOf(model->assignments(), "Tricky-brain loop log"), 3).data().toString(),
        QStringLiteral("1 of 7 · 14%"), 15000);
    clock_->setNow(londonOn25th(18, 30));
    window->reminders()->check();
    QVERIFY(!notice->isVisible());
    QCOMPARE(window->notifier()->shown(), 1);
  }

  void theClinicianSeesTheHeatMapAnswersALogAndOpensTheDigest() {
    client::ApiSession api(testing::localSettings(port_));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(world_.clinician.email),
                        QString::fromStdString(world_.clinician.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    window->tabs()->setCurrentWidget(window->cohortsPage());
    clinician::CohortsPage* page = window->cohortsPage();
    clinician::CohortHomeworkModel* homework = page->pageModel()->homework();
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->cohorts()->rowCount(), 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(homework->cohortId() == world_.cohort_id, 15000);

    // The heat map: participants by weeks, the share of the dose in each
    // cell as a number, the minutes and helpfulness in its tooltip.
    page->detailTabs()->setCurrentWidget(page->adherenceTab());
    Tester t1(homework->adherence(), Tester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(homework->isLoaded(clinician::CohortHomeworkModel::Part::Adherence), 15000);
    auto* grid = page->findChild<QTableView*>("adherenceTable");
    QCOMPARE(grid->model()->rowCount(), 1);
    QCOMPARE(grid->model()->columnCount(), 4);
    QCOMPARE(grid->model()->index(0, 0).data().toString(), QStringLiteral("Robin Participant"));
    // Week 2 asks for 7 + 7 + 3 practices; 4 are logged: 24%.
    const QModelIndex week2 = grid->model()->index(0, 2);
    QCOMPARE(week2.data(clinician::AdherenceTableModel::ShareRole).toInt(), 24);
    QCOMPARE(week2.data().toString(), QStringLiteral("24%\nno register"));
    const QString tip = week2.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("4 of 17 practices (24% of the dose), 32 minutes, helpfulness 6.5 of 10"), qPrintable(tip));
    QCOMPARE(grid->model()->headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Sessions attended"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-adherence-heat-map"));

    // The cohort's logs: shared words shown, private ones withheld.
    page->detailTabs()->setCurrentWidget(page->practiceLogsTab());
    Tester t2(homework->logs(), Tester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(homework->logs()->rowCount(), 4, 15000);
    int recordRow = -1, loopRow = -1;
    for (int r = 0; r < homework->logs()->rowCount(); ++r) {
      if (homework->logs()->rowAt(r)->kind == "thought-record") recordRow = r;
      if (homework->logs()->rowAt(r)->kind == "tricky-brain-loop") loopRow = r;
    }
    QVERIFY(recordRow >= 0 && loopRow >= 0);
    QCOMPARE(homework->logs()->index(loopRow, 5).data().toString(), QStringLiteral("Kept private"));
    homework->selectLog(loopRow);
    auto* detail = page->findChild<QTextBrowser*>("cohortLogDetail");
    QTRY_VERIFY(detail->toPlainText().contains("kept their words in this log private"));
    QVERIFY(!detail->toPlainText().contains("A message left unanswered"));
    homework->selectLog(recordRow);
    QTRY_VERIFY(detail->toPlainText().contains(kSituation));
    QVERIFY(detail->toPlainText().contains("A more balanced thought"));
    QVERIFY(testing::saveScreenshot(window, "clinician-practice-logs"));

    // Feedback on the thought record.
    press(page, "giveFeedbackButton");
    QDialog* dialog = waitForDialog(window, "feedbackDialog");
    QVERIFY(dialog != nullptr);
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>("feedbackEdit"), kFeedback);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-feedback"));
    press(dialog, "sendFeedbackButton");
    QVERIFY(closes(dialog, 15000));
    QTRY_VERIFY_WITH_TIMEOUT(homework->selectedLog() != nullptr && homework->selectedLog()->feedback.size() == 1,
                             15000);
    QTRY_VERIFY(detail->toPlainText().contains(kFeedback));

    // The digest, one click from the cohort.
    press(page, "digestButton");
    QCOMPARE(page->detailTabs()->currentWidget(), page->digestTab());
    QTRY_VERIFY_WITH_TIMEOUT(homework->digest().has_value(), 15000);
    QVERIFY(homework->digestHtml().contains("<td>Robin Participant</td><td>4</td><td>32</td>"));
    auto* digest = page->findChild<QTextBrowser*>("digestView");
    QTRY_VERIFY(digest->toPlainText().startsWith("Before the session of "));
    QVERIFY(!digest->toPlainText().contains("A message left unanswered"));
    QVERIFY(testing::saveScreenshot(window, "clinician-digest"));
  }

  void theParticipantReadsTheFeedbackWithItsLog() {
    auto* window = participantWindow();
    QVERIFY(window != nullptr);
    window->tabs()->setCurrentWidget(window->myPracticePage());
    participant::MyPracticeModel* mine = window->myPracticePage()->pageModel();
    QSignalSpy loaded(mine, &participant::MyPracticeModel::loaded);
    press(window->myPracticePage(), "refreshMyPracticeButton");
    QVERIFY(loaded.wait(15000));
    QCOMPARE(mine->summary(), QStringLiteral("4 practices logged, 32 minutes in all."));
    int record = -1;
    for (int r = 0; r < mine->logs()->rowCount(); ++r) {
      if (mine->logs()->rowAt(r)->kind == "thought-record") record = r;
    }
    QVERIFY(record >= 0);
    QCOMPARE(mine->logs()->index(record, 5).data().toString(), QStringLiteral("1 comment"));
    mine->selectLog(record);
    const QString text = window->findChild<QTextBrowser*>("myLogDetail")->toPlainText();
    QVERIFY(text.contains(kSituation));
    QVERIFY(text.contains(kFeedback));
    QVERIFY(text.indexOf(kSituation) < text.indexOf(kFeedback));
    QVERIFY(testing::saveScreenshot(window, "participant-feedback-with-its-log"));
    closeParticipant();
  }

  // Every new screen at 150% text: nothing cut off, every control named
  // and on the Tab order.
  void everyNewScreenReadsAtOneAndAHalfTimesTheTextSize() {
    const QFont normal = QApplication::font();
    QFont large = normal;
    large.setPointSizeF(normal.pointSizeF() * 1.5);
    QApplication::setFont(large);
    const auto restore = qScopeGuard([normal] { QApplication::setFont(normal); });
    // Gathered over every screen, so one run names them all.
    QStringList problems;

    // A reflective practice too, for the timer beside its instructions.
    v1::CreateAssignmentRequest imagery;
    imagery.set_cohort_id(world_.cohort_id);
    imagery.set_week_number(2);
    imagery.set_kind("compassionate-figure");
    imagery.set_title("Compassionate-figure imagery");
    imagery.set_instructions("Sit comfortably and bring to mind a figure who is wise, strong and warm towards you.");
    imagery.mutable_dose()->set_times_per_week(3);
    imagery.mutable_dose()->set_minutes(10);
    v1::CreateAssignmentResponse created;
    auto ctx = TestServer::Context(world_.clinician_token);
    QVERIFY(server_->Stub<v1::HomeworkService>()->CreateAssignment(ctx.get(), imagery, &created).ok());
    // And a graded exposure ladder of Robin's own, for its form.
    v1::CreateAssignmentRequest ladder;
    ladder.set_cohort_id(world_.cohort_id);
    ladder.set_enrolment_id(world_.enrolment_id);
    ladder.set_week_number(2);
    ladder.set_kind("exposure-ladder");
    ladder.set_title("Time apart");
    ladder.mutable_dose()->set_times_per_week(3);
    ladder.mutable_dose()->set_minutes(10);
    for (const auto& [what, minutes] : {std::pair{"Partner out for a walk", 5}, {"Partner at the shops", 10},
                                        {"An evening with friends apart", 30}}) {
      v1::LadderStep* step = ladder.add_steps();
      step->set_description(what);
      step->set_target_minutes(minutes);
    }
    auto ctx2 = TestServer::Context(world_.clinician_token);
    QVERIFY(server_->Stub<v1::HomeworkService>()->CreateAssignment(ctx2.get(), ladder, &created).ok());

    closeParticipant();
    auto* window = startParticipant(world_.participant);
    QVERIFY(window != nullptr);
    QCOMPARE(window->font().pointSizeF(), large.pointSizeF());
    window->tabs()->setCurrentWidget(window->homeworkPage());
    participant::HomeworkPage* page = window->homeworkPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->pageModel()->isLoaded(), 15000);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(choosePractice(page, "Soothing rhythm breathing"));
    problems += testing::screenProblems(window);
    QVERIFY(testing::saveScreenshot(window, "participant-this-weeks-practice-150"));

    press(page, "cautionButton");
    QDialog* caution = waitForDialog(window, "cautionDialog");
    QVERIFY(caution != nullptr);
    problems += testing::screenProblems(caution);
    QVERIFY(testing::saveScreenshot(caution, "participant-caution-150"));
    press(caution, "cautionCloseButton");
    QVERIFY(closes(caution));

    press(page, "startPracticeButton");
    QDialog* player = waitForDialog(window, "practicePlayerDialog");
    QVERIFY(player != nullptr);
    QTest::keyClick(player, Qt::Key_Return);
    clock_->run(2000);
    problems += testing::screenProblems(player);
    QVERIFY(testing::saveScreenshot(player, "participant-breathing-pacer-150"));
    press(player, "stopButton");
    QDialog* form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    problems += testing::screenProblems(form);
    QVERIFY(testing::saveScreenshot(form, "participant-log-150"));
    press(form, "cancelLogButton");
    QVERIFY(closes(form));

    QVERIFY(choosePractice(page, "Compassionate-figure imagery"));
    QCOMPARE(page->findChild<QPushButton*>("startPracticeButton")->text(), QStringLiteral("Start the timer"));
    press(page, "startPracticeButton");
    player = waitForDialog(window, "practicePlayerDialog");
    QVERIFY(player != nullptr);
    QVERIFY(player->findChild<QWidget*>("pacerWidget") == nullptr);
    QCOMPARE(player->findChild<QTextBrowser*>("practiceInstructions")->toPlainText(),
             QString::fromStdString(imagery.instructions()));
    QCOMPARE(player->findChild<QSpinBox*>("lengthSpin")->value(), 10);
    QCOMPARE(player->findChild<QLabel*>("remainingLabel")->text(), QStringLiteral("10 minutes"));
    QTest::keyClick(player, Qt::Key_Return);
    clock_->run(60000, 1000);
    QCOMPARE(player->findChild<QLabel*>("remainingLabel")->text(), QStringLiteral("9:00 left"));
    problems += testing::screenProblems(player);
    QVERIFY(testing::saveScreenshot(player, "participant-practice-timer-150"));
    press(player, "stopButton");
    form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    QCOMPARE(form->findChild<QSpinBox*>("minutesSpin")->value(), 1);
    QVERIFY(form->findChild<QPlainTextEdit*>("field_figure") != nullptr);
    press(form, "cancelLogButton");
    QVERIFY(closes(form));

    // The ladder's form: its steps to choose from, the distress expected
    // and felt, and whether the step was done; sent, it reaches the server.
    QVERIFY(choosePractice(page, "Time apart"));
    press(page, "logPracticeButton");
    form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    auto* step = form->findChild<QComboBox*>("field_step");
    QVERIFY(step != nullptr);
    QCOMPARE(step->count(), 4);
    QCOMPARE(step->itemText(2), QStringLiteral("Step 2: Partner at the shops (10 min)"));
    problems += testing::screenProblems(form);
    QVERIFY(testing::saveScreenshot(form, "participant-exposure-ladder-150"));
    step->setCurrentIndex(2);
    stepUp(form->findChild<QSpinBox*>("field_distress_expected"), 7);  // 6
    stepUp(form->findChild<QSpinBox*>("field_distress_felt"), 5);      // 4
    auto* done = form->findChild<QComboBox*>("field_done");
    done->setCurrentIndex(done->findText("Yes"));
    stepUp(form->findChild<QSpinBox*>("helpfulnessSpin"), 6);  // 5
    keepServerAhead();
    press(form, "saveLogButton");
    QVERIFY(closes(form));
    const v1::PracticeLog* ladderLog = nullptr;
    const v1::ListPracticeLogsResponse logs = serverLogs();
    for (const v1::PracticeLog& l : logs.logs()) {
      if (l.kind() == "exposure-ladder") ladderLog = &l;
    }
    QVERIFY(ladderLog != nullptr);
    QStringList values;
    for (const v1::FieldValue& f : ladderLog->fields()) {
      values << QStringLiteral("%1=%2").arg(QString::fromStdString(f.key()),
                                            f.has_step()      ? QString::number(f.step())
                                            : f.has_number()  ? QString::number(f.number())
                                            : f.has_yes_no()  ? QString(f.yes_no() ? "yes" : "no")
                                                              : QString::fromStdString(f.text()));
    }
    values.sort();
    QCOMPARE(values, (QStringList{"distress_expected=6", "distress_felt=4", "done=yes", "step=2"}));

    QVERIFY(choosePractice(page, "Thought record"));
    press(page, "startPracticeButton");
    form = waitForDialog(window, "logPracticeDialog");
    QVERIFY(form != nullptr);
    problems += testing::screenProblems(form);
    QVERIFY(testing::saveScreenshot(form, "participant-thought-record-150"));
    press(form, "cancelLogButton");
    QVERIFY(closes(form));

    press(page, "remindersButton");
    QDialog* reminders = waitForDialog(window, "remindersDialog");
    QVERIFY(reminders != nullptr);
    problems += testing::screenProblems(reminders);
    QVERIFY(testing::saveScreenshot(reminders, "participant-reminder-times-150"));
    reminders->reject();

    window->reminderNotice()->showMessage(participant::ReminderScheduler::message({"Tricky-brain loop log"}));
    window->tabs()->setCurrentWidget(window->myPracticePage());
    QTRY_VERIFY_WITH_TIMEOUT(window->myPracticePage()->pageModel()->isLoaded(), 15000);
    window->myPracticePage()->pageModel()->selectLog(0);
    problems += testing::screenProblems(window);
    QVERIFY(testing::saveScreenshot(window, "participant-my-practice-150"));
    closeParticipant();

    client::ApiSession api(testing::localSettings(port_));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(world_.clinician.email),
                        QString::fromStdString(world_.clinician.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* clinicianWindow = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    clinicianWindow->tabs()->setCurrentWidget(clinicianWindow->cohortsPage());
    clinician::CohortsPage* cohorts = clinicianWindow->cohortsPage();
    clinician::CohortHomeworkModel* homework = cohorts->pageModel()->homework();
    QTRY_VERIFY_WITH_TIMEOUT(homework->cohortId() == world_.cohort_id, 15000);
    QVERIFY(QTest::qWaitForWindowExposed(clinicianWindow));
    using Part = clinician::CohortHomeworkModel::Part;
    const std::pair<QWidget*, Part> tabs[] = {{cohorts->adherenceTab(), Part::Adherence},
                                              {cohorts->practiceLogsTab(), Part::Logs},
                                              {cohorts->digestTab(), Part::Digest}};
    for (const auto& [tab, part] : tabs) {
      cohorts->detailTabs()->setCurrentWidget(tab);
      QTRY_VERIFY_WITH_TIMEOUT(homework->isLoaded(part), 15000);
      problems += testing::screenProblems(tab);
      QVERIFY(testing::saveScreenshot(clinicianWindow, "clinician-" + tab->objectName() + "-150"));
    }
    cohorts->detailTabs()->setCurrentWidget(cohorts->practiceLogsTab());
    homework->selectLog(0);
    press(cohorts, "giveFeedbackButton");
    QDialog* dialog = waitForDialog(clinicianWindow, "feedbackDialog");
    QVERIFY(dialog != nullptr);
    problems += testing::screenProblems(dialog);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-feedback-150"));
    dialog->reject();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
  }
};

}  // namespace cft

QTEST_MAIN(cft::HomeworkGuiTest)
#include "homework_gui_test.moc"
