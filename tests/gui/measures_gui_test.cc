// The questionnaire, crisis, progress, risk-inbox, outcomes and paper-form
// screens of both clients in real (offscreen) windows against the
// in-process server and the real database, including the server stopped and
// started again where the participant client expects it.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "client-shared/app_shell.h"
#include "client-shared/error_reporter.h"
#include "client-shared/field_marks.h"
#include "client-shared/score_chart.h"
#include "clinician-client/call_dialog.h"
#include "clinician-client/clinician_window.h"
#include "clinician-client/measures/outcomes_model.h"
#include "clinician-client/measures/outcomes_page.h"
#include "clinician-client/measures/paper_entry_dialog.h"
#include "clinician-client/measures/risk_inbox_model.h"
#include "clinician-client/measures/risk_inbox_page.h"
#include "participant-client/homework/reminder_notifier.h"
#include "participant-client/measures/crisis_dialog.h"
#include "participant-client/measures/measures_page.h"
#include "participant-client/measures/measures_page_model.h"
#include "participant-client/measures/my_progress_model.h"
#include "participant-client/measures/my_progress_page.h"
#include "participant-client/measures/questionnaire_dialog.h"
#include "participant-client/participant_window.h"
#include "tests/gui/gui_support.h"
#include "tests/gui/measures_support.h"
#include "tests/gui/program_shells.h"

namespace cft {

using testing::Count;
using testing::TestServer;
using Tester = QAbstractItemModelTester;

namespace {

int rowOf(const participant::DueTableModel* model, const QString& instrumentKey) {
  for (int r = 0; r < model->rowCount(); ++r) {
    if (model->rowAt(r)->instrumentKey == instrumentKey) return r;
  }
  return -1;
}

participant::ParticipantEnvironment environmentIn(const QTemporaryDir& dir) {
  participant::ParticipantEnvironment env;
  env.dataDirectory = dir.path();
  env.settingsFile = dir.filePath("settings.ini");
  env.trayAvailable = false;
  return env;
}

void click(QWidget* parent, const char* name) {
  auto* button = parent->findChild<QAbstractButton*>(name);
  QVERIFY2(button != nullptr, name);
  QVERIFY2(button->isEnabled(), name);
  QTest::mouseClick(button, Qt::LeftButton);
}

}  // namespace

class MeasuresGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;

  int port() const { return server_->server().port(); }

  // Opens the PHQ-9 of the page's due list once its definition is at hand.
  static participant::QuestionnaireDialog* openPhq9(participant::MeasuresPage* page) {
    participant::MeasuresPageModel* model = page->pageModel();
    if (!QTest::qWaitFor([&] { return rowOf(model->due(), "phq9") >= 0; }, 15000)) return nullptr;
    model->selectDue(rowOf(model->due(), "phq9"));
    auto* answer = page->findChild<QPushButton*>("answerButton");
    if (!QTest::qWaitFor([&] { return answer->isEnabled(); }, 15000)) return nullptr;
    QTest::mouseClick(answer, Qt::LeftButton);
    return page->questionnaire();
  }

  // Answers items 1-8 with `rest` and item 9 with `item9` by keyboard (focus,
  // then space), each scrolled into view first as a person would.
  static void answerPhq9(participant::QuestionnaireDialog* dialog, int rest, int item9) {
    auto* scroll = dialog->findChild<QScrollArea*>("itemsScroll");
    for (int i = 1; i <= 8; ++i) {
      auto* radio = dialog->findChild<QRadioButton*>(QStringLiteral("answer_phq9_%1_%2").arg(i).arg(rest));
      scroll->ensureWidgetVisible(radio);
      radio->setFocus();
      QTest::keyClick(radio, Qt::Key_Space);
    }
    QCOMPARE(dialog->findChild<QLabel*>("progressLabel")->text(), QStringLiteral("8 of 10 answered"));
    auto* nine = dialog->findChild<QRadioButton*>(QStringLiteral("answer_phq9_9_%1").arg(item9));
    scroll->ensureWidgetVisible(nine);
    nine->setFocus();
    QTest::keyClick(nine, Qt::Key_Space);
    QVERIFY2(nine->isChecked(), qPrintable(nine->objectName()));
    QCOMPARE(dialog->findChild<QLabel*>("progressLabel")->text(), QStringLiteral("9 of 10 answered"));
  }

 private slots:
  void initTestCase() { server_ = std::make_unique<TestServer>(); }
  void cleanupTestCase() { server_.reset(); }

  void theParticipantAnswersPhq9AndSeesTheCrisisDialogAtOnce() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Online");
    QTemporaryDir dir;
    const participant::ParticipantEnvironment env = environmentIn(dir);
    client::ApiSession api(testing::localSettings(port()));
    auto shell = testing::participantShell(api, env);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(w.participant.email),
                        QString::fromStdString(w.participant.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<participant::ParticipantWindow*>(shell->mainWindow());
    participant::MeasuresPage* page = window->measuresPage();
    Tester tester(page->pageModel()->due(), Tester::FailureReportingMode::QtTest);
    window->tabs()->setCurrentWidget(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->due()->rowCount(), 4, 15000);
    auto* table = page->findChild<QTableView*>("dueTable");
    QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("Baseline"));
    // Reminded as practices are: in the window, since there is no tray.
    QTRY_VERIFY_WITH_TIMEOUT(window->reminderNotice()->message().startsWith("A questionnaire is waiting for you: "),
                             15000);
    QVERIFY(window->reminderNotice()->message().contains("PHQ-9 (Baseline)"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // Its button leads to the questionnaires, not to the practice.
    auto* openReminder = window->reminderNotice()->findChild<QPushButton*>("reminderOpenButton");
    QCOMPARE(openReminder->text(), QStringLiteral("Open my questionnaires"));
    window->tabs()->setCurrentIndex(0);
    click(window->reminderNotice(), "reminderOpenButton");
    QCOMPARE(window->tabs()->currentWidget(), page);
    QVERIFY(!window->reminderNotice()->isVisible());

    participant::QuestionnaireDialog* dialog = openPhq9(page);
    QVERIFY(dialog != nullptr);
    QVERIFY(testing::saveScreenshot(window, "participant-questionnaires"));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->findChild<QLabel*>("copyrightLabel")->text().startsWith("Developed by Drs. Robert L. Spitzer"));
    QCOMPARE(dialog->findChild<QLabel*>("progressLabel")->text(), QStringLiteral("0 of 10 answered"));
    auto* send = dialog->findChild<QPushButton*>("sendButton");
    QVERIFY(!send->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>("submitProblemLabel")->text().startsWith("Please answer question 1 ("));

    answerPhq9(dialog, 0, 1);
    if (QTest::currentTestFailed()) return;
    // Shown the moment item 9 is answered, before anything is sent.
    participant::CrisisDialog* crisis = dialog->crisisDialog();
    QVERIFY(crisis != nullptr);
    QVERIFY(crisis->isVisible());
    QVERIFY(crisis->isModal());
    QVERIFY(crisis->text().contains("Samaritans are there day and night on 116 123"));
    QVERIFY(crisis->text().contains("not watched around the clock"));
    QVERIFY(QTest::qWaitForWindowExposed(crisis));
    QVERIFY(testing::saveScreenshot(crisis, "participant-crisis-dialog"));
    // Not dismissed by a stray Escape: only by its button.
    QTest::keyClick(crisis, Qt::Key_Escape);
    QVERIFY(crisis->isVisible());
    QTest::mouseClick(crisis->findChild<QPushButton*>("crisisReadButton"), Qt::LeftButton);
    QTRY_VERIFY(dialog->crisisDialog() == nullptr);

    QCOMPARE(dialog->findChild<QLabel*>("progressLabel")->text(), QStringLiteral("9 of 10 answered"));
    QCOMPARE(dialog->findChild<QProgressBar*>("progressBar")->value(), 9);
    QVERIFY(send->isEnabled());
    QVERIFY(testing::saveScreenshot(dialog, "participant-questionnaire"));
    QTest::mouseClick(send, Qt::LeftButton);
    auto* status = page->findChild<QLabel*>("measuresStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith("Thank you: your Baseline answers have been received."), 15000);
    // Shown already while answering: the server's reply does not show it twice.
    QVERIFY(page->crisisDialog() == nullptr);
    const std::string mine = "enrolment_id = " + std::to_string(w.enrolment_id);
    QCOMPARE(Count("measure_responses", mine + " AND instrument_key = 'phq9'"), std::string("1"));
    QCOMPARE(Count("risk_alerts", mine + " AND tier = 'amber'"), std::string("1"));
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->due()->rowCount(), 3, 15000);

    window->tabs()->setCurrentWidget(window->myProgressPage());
    participant::MyProgressPage* progress = window->myProgressPage();
    QTRY_COMPARE_WITH_TIMEOUT(progress->charts().size(), 1, 15000);
    QCOMPARE(progress->charts().first()->bandCount(), 5);
    QCOMPARE(progress->charts().first()->pointLabels(),
             QStringList{QStringLiteral("PHQ-9 total, Baseline: 1 (Minimal)")});
    QCOMPARE(progress->findChild<QLabel*>("progressSummary")->text(),
             QStringLiteral("PHQ-9 total: 1 at Baseline (Minimal)."));
    QVERIFY(testing::saveScreenshot(window, "participant-my-progress"));
  }

  void offlineTheCrisisDialogShowsFromTheCacheAndTheAnswersAreSentOnceWhenTheServerIsBack() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Offline");
    QTemporaryDir dir;
    const participant::ParticipantEnvironment env = environmentIn(dir);
    const int fixedPort = port();
    auto api = testing::SignedInSession(fixedPort, w.participant);
    QVERIFY(api != nullptr);
    client::ErrorReporter errors;
    {
      // Online once: the due list and the definitions are kept.
      participant::ParticipantWindow online(*api, errors, env);
      auto* model = online.measuresPage()->pageModel();
      QSignalSpy ready(model, &participant::MeasuresPageModel::instrumentReady);
      QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 4, 15000);
    }
    server_.reset();

    auto window = std::make_unique<participant::ParticipantWindow>(*api, errors, env);
    window->show();
    participant::MeasuresPage* page = window->measuresPage();
    window->tabs()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->pageModel()->fromCache(), 15000);
    QVERIFY(page->findChild<QLabel*>("measuresHeading")->text().contains("the list kept on this computer"));
    participant::QuestionnaireDialog* dialog = openPhq9(page);
    QVERIFY(dialog != nullptr);
    answerPhq9(dialog, 1, 2);
    if (QTest::currentTestFailed()) return;
    participant::CrisisDialog* crisis = dialog->crisisDialog();
    QVERIFY(crisis != nullptr);
    QVERIFY(crisis->isVisible());
    QVERIFY(crisis->text().contains("116 123"));
    QVERIFY(QTest::qWaitForWindowExposed(crisis));
    QVERIFY(testing::saveScreenshot(crisis, "participant-crisis-dialog-offline"));
    QTest::mouseClick(crisis->findChild<QPushButton*>("crisisReadButton"), Qt::LeftButton);
    QSignalSpy waiting(page->pageModel(), &participant::MeasuresPageModel::responseWaiting);
    click(dialog, "sendButton");
    QVERIFY(waiting.wait(15000));
    auto* label = window->findChild<QLabel*>("questionnairesWaitingLabel");
    QCOMPARE(label->text(), QStringLiteral("Questionnaires waiting to send (1)"));
    QVERIFY(label->isVisible());
    QVERIFY(page->findChild<QLabel*>("measuresStatus")->text().startsWith("Your answers are saved on this computer"));
    QVERIFY(testing::saveScreenshot(window.get(), "participant-questionnaire-waiting"));
    const std::string mine = "enrolment_id = " + std::to_string(w.enrolment_id);
    QCOMPARE(Count("measure_responses", mine), std::string("0"));

    // The server comes back where the client expects it.
    testing::TestServerOptions options = testing::DefaultTestServerOptions();
    options.port = fixedPort;
    server_ = std::make_unique<TestServer>(options);
    QSignalSpy delivered(page->pageModel(), &participant::MeasuresPageModel::responseDelivered);
    page->pageModel()->flush();
    QTRY_VERIFY_WITH_TIMEOUT(delivered.count() == 1, 30000);
    QVERIFY(delivered.at(0).at(1).value<client::SubmittedResponse>().riskRuleFired);
    QTRY_VERIFY_WITH_TIMEOUT(!label->isVisible(), 15000);
    page->pageModel()->flush();
    QCOMPARE(Count("measure_responses", mine), std::string("1"));
    QCOMPARE(Count("risk_alerts", mine + " AND tier = 'red'"), std::string("1"));
    QCOMPARE(delivered.count(), 1);
  }

  void theClinicianAcknowledgesAndResolvesAnAlertFromTheInbox() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Alerts");
    testing::MustSubmitPhq9(*server_, w.participant_token, {1, 1, 1, 1, 1, 1, 1, 1, 2, 1});
    client::ApiSession api(testing::localSettings(port()));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(w.clinician.email),
                        QString::fromStdString(w.clinician.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    QPushButton* badge = window->riskBadge();
    QTRY_COMPARE_WITH_TIMEOUT(badge->accessibleName(), QStringLiteral("Risk alerts: 1 red · 0 amber · 0 overdue"), 15000);
    QCOMPARE(badge->text(), QStringLiteral("⚑ Risk alerts: 1 red · 0 amber · 0 overdue"));
    QTest::mouseClick(badge, Qt::LeftButton);
    clinician::RiskInboxPage* inbox = window->riskInboxPage();
    QCOMPARE(window->tabs()->currentWidget(), inbox);
    Tester tester(inbox->pageModel()->alerts(), Tester::FailureReportingMode::QtTest);
    auto* table = inbox->findChild<QTableView*>("riskAlertTable");
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("Red"));
    QVERIFY(table->model()->index(0, 4).data().toString().contains("PHQ-9 item 9"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-risk-inbox"));

    click(inbox, "acknowledgeButton");
    auto* ack = testing::visibleTopLevel<clinician::CallDialog>("acknowledgeAlertDialog");
    QVERIFY(ack != nullptr);
    QTest::keyClicks(ack->findChild<QPlainTextEdit*>("alertNoteEdit"), "Phoning her now.");
    click(ack, "acknowledgeAlertButton");
    QTRY_VERIFY_WITH_TIMEOUT(testing::visibleTopLevel<clinician::CallDialog>("acknowledgeAlertDialog") == nullptr, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(badge->accessibleName(), QStringLiteral("No open risk alerts"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(0, 6).data().toString(), QStringLiteral("Acknowledged"), 15000);

    click(inbox, "resolveButton");
    auto* resolve = testing::visibleTopLevel<clinician::CallDialog>("resolveAlertDialog");
    QVERIFY(resolve != nullptr);
    // Without a note the server refuses, naming the note.
    click(resolve, "resolveAlertButton");
    auto* error = resolve->findChild<QLabel*>("errorLabel");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15000);
    QVERIFY(error->text().startsWith("What was done (required)"));
    auto* note = resolve->findChild<QPlainTextEdit*>("alertNoteEdit");
    QVERIFY(client::FieldMarks::isMarked(note));
    QVERIFY(QTest::qWaitForWindowExposed(resolve));
    QVERIFY(testing::saveScreenshot(resolve, "clinician-resolve-alert"));
    QTest::keyClicks(note, "Spoke with her the same day; risk plan reviewed with her GP.");
    click(resolve, "resolveAlertButton");
    QTRY_VERIFY_WITH_TIMEOUT(testing::visibleTopLevel<clinician::CallDialog>("resolveAlertDialog") == nullptr, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 15000);
    QCOMPARE(testing::TestDatabase::Get().Scalar("SELECT resolve_note FROM risk_alerts WHERE enrolment_id = " +
                                                 std::to_string(w.enrolment_id)),
             std::string("Spoke with her the same day; risk plan reviewed with her GP."));
  }

  void theClinicianKeysAPaperFormAndSeesTheChartAndTheEffectSizes() {
    testing::CohortWorld w = testing::FinishedWorld(*server_, "Charts");
    std::vector<int64_t> people = {w.enrolment_id};
    for (const char* name : {"Bea Second", "Cal Third"}) {
      int64_t enrolment = 0;
      std::string token;
      testing::EnrolParticipant(*server_, w.clinician_token, w.cohort_id,
                                testing::AddSuitableReferral(*server_, w.clinician_token, name), &enrolment, &token);
      people.push_back(enrolment);
    }
    const absl::CivilDay today = absl::ToCivilDay(server_->clock().Now(), absl::UTCTimeZone());
    testing::MustEnterPhq9(*server_, w.clinician_token, people[0], "baseline", testing::Phq9Summing(15), today - 50);
    testing::MustEnterPhq9(*server_, w.clinician_token, people[0], "post", testing::Phq9Summing(8), today - 1);
    testing::MustEnterPhq9(*server_, w.clinician_token, people[1], "baseline", testing::Phq9Summing(18), today - 50);
    testing::MustEnterPhq9(*server_, w.clinician_token, people[1], "post", testing::Phq9Summing(10), today - 1);
    testing::MustEnterPhq9(*server_, w.clinician_token, people[2], "post", testing::Phq9Summing(11), today - 1);

    client::ApiSession api(testing::localSettings(port()));
    auto shell = testing::clinicianShell(api);
    shell->start();
    testing::typeSignIn(shell->loginDialog(), QString::fromStdString(w.clinician.email),
                        QString::fromStdString(w.clinician.password));
    QTRY_VERIFY_WITH_TIMEOUT(shell->mainWindow() != nullptr, 15000);
    auto* window = qobject_cast<clinician::ClinicianWindow*>(shell->mainWindow());
    clinician::OutcomesPage* page = window->outcomesPage();
    window->tabs()->setCurrentWidget(page);
    auto* cohorts = page->findChild<QComboBox*>("outcomesCohortCombo");
    QTRY_VERIFY_WITH_TIMEOUT(cohorts->findData(QVariant::fromValue<qint64>(w.cohort_id)) >= 0, 15000);
    page->chooseCohort(w.cohort_id);
    auto* people3 = page->findChild<QComboBox*>("outcomesParticipantCombo");
    QTRY_COMPARE_WITH_TIMEOUT(people3->count(), 4, 15000);

    // The third participant's baseline form, keyed by its box labels.
    page->chooseParticipant(people[2]);
    click(page, "paperFormButton");
    auto* paper = testing::visibleTopLevel<clinician::PaperEntryDialog>("paperEntryDialog");
    QVERIFY(paper != nullptr);
    auto* instruments = paper->findChild<QComboBox*>("paperInstrumentCombo");
    QTRY_VERIFY_WITH_TIMEOUT(instruments->findData(QStringLiteral("phq9")) >= 0, 15000);
    paper->chooseInstrument("phq9");
    QTRY_VERIFY_WITH_TIMEOUT(paper->findChild<QComboBox*>("paperItem_phq9_9") != nullptr, 15000);
    auto* item1 = paper->findChild<QComboBox*>("paperItem_phq9_1");
    QCOMPARE(item1->itemText(0), QStringLiteral("(left blank)"));
    QCOMPARE(item1->itemText(1), QStringLiteral("Not at all"));
    QCOMPARE(item1->itemText(2), QStringLiteral("Several days"));
    QCOMPARE(item1->itemText(4), QStringLiteral("Nearly every day"));
    for (int i = 1; i <= 9; ++i) paper->tick(QStringLiteral("phq9_%1").arg(i), i <= 4 ? 3 : 0);
    paper->chooseTimePoint("baseline");
    const QDate formDate = QDate::currentDate().addDays(-50);
    paper->findChild<QDateEdit*>("paperDateEdit")->setDate(formDate);
    QVERIFY(QTest::qWaitForWindowExposed(paper));
    QVERIFY(testing::saveScreenshot(paper, "clinician-paper-form"));
    click(paper, "savePaperFormButton");
    QTRY_VERIFY_WITH_TIMEOUT(testing::visibleTopLevel<clinician::PaperEntryDialog>("paperEntryDialog") == nullptr,
                             15000);
    QCOMPARE(page->findChild<QLabel*>("outcomesStatus")->text(), QStringLiteral("Saved: PHQ-9 total 12 (Moderate)."));
    QCOMPARE(Count("measure_responses", "enrolment_id = " + std::to_string(people[2]) + " AND entry_mode = 'paper'"),
             std::string("2"));

    // The group's pre–post summary now counts all three.
    clinician::OutcomesModel* model = page->pageModel();
    Tester tester(model->effectSizes(), Tester::FailureReportingMode::QtTest);
    auto* effects = page->findChild<QTableView*>("effectSizeTable");
    QTRY_COMPARE_WITH_TIMEOUT(effects->model()->index(0, clinician::kNColumn).data().toString(), QStringLiteral("3"),
                              15000);
    QCOMPARE(effects->model()->index(0, clinician::kPreColumn).data().toString(), QStringLiteral("15.00 (3.00)"));
    QCOMPARE(effects->model()->index(0, clinician::kPostColumn).data().toString(), QStringLiteral("9.67 (1.53)"));
    QCOMPARE(effects->model()->index(0, clinician::kDavColumn).data().toString(), QStringLiteral("2.36"));
    QCOMPARE(effects->model()->index(0, clinician::kFlagColumn).data().toString(),
             QStringLiteral("Small group (n < 5): interpret with care"));
    QVERIFY(page->findChild<QLabel*>("effectSizeNote")->text().contains("Fewer than 5 people"));
    QCOMPARE(page->prePostChart()->chart()->series().size(), 1);
    page->findChild<QTabWidget*>("outcomesTabs")->setCurrentIndex(1);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(testing::saveScreenshot(window, "clinician-cohort-outcomes"));

    // The first participant's chart: bands, and the reliable change marked.
    page->findChild<QTabWidget*>("outcomesTabs")->setCurrentIndex(0);
    page->chooseParticipant(people[0]);
    QTRY_COMPARE_WITH_TIMEOUT(page->charts().size(), 1, 15000);
    client::ScoreChart* chart = page->charts().first();
    QCOMPARE(chart->bandCount(), 5);
    QCOMPARE(chart->reliableMarkers(), 1);
    QCOMPARE(chart->pointLabels(),
             (QStringList{QStringLiteral("PHQ-9 total, Baseline: 15 (Moderately severe)"),
                          QStringLiteral("PHQ-9 total, End of programme: 8 (Mild), reliable change: Recovered")}));
    QVERIFY(chart->accessibleDescription().contains("reliable change: Recovered"));
    QVERIFY(testing::saveScreenshot(window, "clinician-participant-chart"));
  }
};

}  // namespace cft

QTEST_MAIN(cft::MeasuresGuiTest)
#include "measures_gui_test.moc"
