// The homework screens' logic without a single widget (this binary links
// none): the breathing pacer and practice timer on a clock the test moves,
// when reminders are due, what is kept per person, and the participant's
// and clinician's homework page models against the in-process server and
// the real database, with QAbstractItemModelTester on every model they own.
#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <memory>

#include "absl/time/clock.h"
#include "cft/v1/homework.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "client-shared/homework_api.h"
#include "clinician-client/cohorts/adherence_table_model.h"
#include "clinician-client/cohorts/cohort_homework_model.h"
#include "participant-client/homework/guided_practice.h"
#include "participant-client/homework/homework_page_model.h"
#include "participant-client/homework/my_practice_model.h"
#include "participant-client/homework/practice_settings.h"
#include "participant-client/homework/reminder_scheduler.h"
#include "participant-client/programme/programme_page_model.h"
#include "tests/gui/manual_clock.h"
#include "tests/gui/signed_in_session.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {

using participant::BreathingPacer;
using participant::PracticeTimer;
using participant::ReminderScheduler;
using testing::ManualClock;
using testing::TestServer;
using testing::TestUser;
using Tester = QAbstractItemModelTester;

namespace {

// An assignment of this week with its progress, for the reminder rules.
client::AssignmentProgress progress(qint64 id, const QString& title, int perWeek, int logged, int today,
                                    bool thisWeek = true) {
  client::AssignmentProgress p;
  p.assignment.id = id;
  p.assignment.title = title;
  p.assignment.dose = {perWeek, 5};
  p.thisWeek = thisWeek;
  p.logged = logged;
  p.loggedToday = today;
  return p;
}

QDateTime london(int y, int mo, int d, int h, int mi) {
  return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone("Europe/London")).toUTC();
}

// A baseline questionnaire in the due list, for the reminder rules.
client::DueMeasureInfo dueMeasure(const QString& shortName, client::DueStatus status, const QDateTime& opensAt,
                                  const QDateTime& closesAt) {
  client::DueMeasureInfo m;
  m.instrumentKey = shortName.toLower().remove('-');
  m.shortName = shortName;
  m.timePointKey = QStringLiteral("baseline");
  m.timePointLabel = QStringLiteral("Baseline");
  m.status = status;
  m.opensAt = opensAt;
  m.closesAt = closesAt;
  return m;
}

std::string count(const std::string& where) {
  return testing::TestDatabase::Get().Scalar("SELECT COUNT(*) FROM practice_logs WHERE " + where);
}

}  // namespace

class HomeworkModelsTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;

  std::unique_ptr<client::ApiSession> signedIn(const TestUser& user) {
    return testing::SignedInSession(server_->server().port(), user);
  }

  // The server's own now, so practice times are never in its future.
  QDateTime serverNow() const {
    return QDateTime::fromMSecsSinceEpoch(absl::ToUnixMillis(server_->clock().Now()), QTimeZone::utc());
  }

  // A running cohort ten days old (week 2 released) with its participant.
  testing::CohortWorld world(const std::string& label) {
    const absl::CivilDay start = absl::ToCivilDay(server_->clock().Now(), absl::UTCTimeZone()) - 10;
    return testing::BuildCohortWorld(*server_, {.label = label, .start_date = start});
  }

  static std::unique_ptr<client::Outbox> outbox(const QTemporaryDir& dir, qint64 owner) {
    QString error;
    auto box = client::Outbox::open(dir.path(), QString::number(owner), &error);
    if (box) box->setRetryDelays(20, 80);
    return box;
  }

  static int rowOf(const participant::AssignmentTableModel* model, const QString& title) {
    for (int r = 0; r < model->rowCount(); ++r) {
      if (model->rowAt(r)->assignment.title == title) return r;
    }
    return -1;
  }

 private slots:
  // The server's clock stands on a Wednesday at noon: with the group
  // meeting on Tuesdays from ten days before, week 2 is always this week
  // (on a real Saturday to Monday it would still be week 1). Part of a
  // second past, as a real clock is: times are stored to the second, so a
  // place taken "now" is then already behind the server's now, where the
  // digest counts the person in.
  void initTestCase() {
    server_ = std::make_unique<TestServer>(
        testing::At(testing::Utc(2026, 11, 25, 12, 0) + absl::Seconds(30) + absl::Milliseconds(250)));
  }
  void cleanupTestCase() { server_.reset(); }

  void thePacerBreathesInFourAndOutSixForFiveMinutes() {
    ManualClock clock(QDateTime::currentDateTimeUtc());
    BreathingPacer pacer(clock);
    QCOMPARE(pacer.inCount(), 4);
    QCOMPARE(pacer.outCount(), 6);
    QCOMPARE(pacer.timer().lengthMinutes(), 5);
    QCOMPARE(pacer.instruction(), QStringLiteral("Ready when you are"));
    QCOMPARE(pacer.size(), 0.0);
    QSignalSpy phases(&pacer, &BreathingPacer::phaseChanged);
    QSignalSpy finished(&pacer.timer(), &PracticeTimer::finished);
    pacer.timer().start();
    QVERIFY(clock.isTicking());
    QCOMPARE(pacer.instruction(), QStringLiteral("Breathe in… 1"));
    // Halfway through breathing in the shape is half grown, and growing.
    clock.run(2000);
    QVERIFY(pacer.phase() == BreathingPacer::Phase::In);
    QVERIFY(qAbs(pacer.size() - 0.5) < 1e-9);
    QCOMPARE(pacer.instruction(), QStringLiteral("Breathe in… 3"));
    clock.run(1000);
    QVERIFY(pacer.size() > 0.5);
    // Full at the turn, then shrinking for six counts.
    clock.run(1000);
    QVERIFY(pacer.phase() == BreathingPacer::Phase::Out);
    QVERIFY(qAbs(pacer.size() - 1.0) < 1e-9);
    QCOMPARE(phases.count(), 1);
    clock.run(3000);
    QVERIFY(qAbs(pacer.size() - 0.5) < 1e-9);
    QCOMPARE(pacer.instruction(), QStringLiteral("Breathe out… 4"));
    clock.run(3000);
    // Ten seconds: a new breath in, from empty.
    QVERIFY(pacer.phase() == BreathingPacer::Phase::In);
    QVERIFY(pacer.size() < 1e-9);
    QCOMPARE(phases.count(), 2);
    // A pause is not practice time.
    pacer.timer().pause();
    QVERIFY(!clock.isTicking());
    QCOMPARE(pacer.instruction(), QStringLiteral("Paused. Breathe naturally."));
    clock.advance(120000);
    QCOMPARE(pacer.timer().activeMs(), 10000);
    QCOMPARE(pacer.timer().remainingLabel(), QStringLiteral("4:50 left"));
    pacer.timer().resume();
    clock.run(5 * 60000 - 10000 - 1000, 1000);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(pacer.timer().remainingLabel(), QStringLiteral("0:01 left"));
    clock.run(1000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 5);
    QVERIFY(pacer.timer().state() == PracticeTimer::State::Finished);
    QVERIFY(!pacer.timer().stoppedEarly());
    QVERIFY(!clock.isTicking());
    QVERIFY(pacer.instruction().startsWith("Finished."));
    // Nothing more happens once it is over.
    clock.run(10000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(pacer.timer().activeMs(), 5 * 60000);
  }

  void stoppingEarlyGivesTheMinutesPractisedAndCountsCanChange() {
    ManualClock clock(QDateTime::currentDateTimeUtc());
    PracticeTimer timer(clock);
    timer.setLengthMinutes(10);
    timer.setLengthMinutes(0);
    QCOMPARE(timer.lengthMinutes(), PracticeTimer::kMinLength);
    timer.setLengthMinutes(10);
    QSignalSpy finished(&timer, &PracticeTimer::finished);
    timer.start();
    // The length is fixed once started.
    timer.setLengthMinutes(3);
    QCOMPARE(timer.lengthMinutes(), 10);
    clock.run(160000, 1000);
    timer.stop();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QVERIFY(timer.stoppedEarly());
    // A practice of a few seconds still logs as a minute (the least a log takes).
    PracticeTimer brief(clock);
    QSignalSpy briefDone(&brief, &PracticeTimer::finished);
    brief.start();
    clock.run(10000);
    brief.pause();
    brief.stop();
    QCOMPARE(briefDone.at(0).at(0).toInt(), 1);

    BreathingPacer pacer(clock);
    pacer.setCounts(1, 20);
    QCOMPARE(pacer.inCount(), BreathingPacer::kMinIn);
    QCOMPARE(pacer.outCount(), BreathingPacer::kMaxOut);
    pacer.timer().start();
    clock.run(3000);
    QVERIFY(pacer.phase() == BreathingPacer::Phase::Out);
    // New counts take effect with a new breath in.
    pacer.setCounts(5, 7);
    QVERIFY(pacer.phase() == BreathingPacer::Phase::In);
    QCOMPARE(pacer.count(), 1);
    clock.run(5000);
    QVERIFY(pacer.phase() == BreathingPacer::Phase::Out);
  }

  void eachPracticeAsksForItsShareOfTheDay() {
    client::MyAssignments mine;
    mine.timeZone = "Europe/London";
    mine.assignments = {progress(1, "Soothing rhythm breathing", 14, 3, 1),
                        progress(2, "Morning reflection", 7, 2, 1),
                        progress(3, "Compassionate letter", 1, 1, 0),
                        progress(4, "Last week's loop log", 7, 0, 0, /*thisWeek=*/false)};
    // Breathing twice a day has one to go; the reflection is done for the
    // day; the weekly letter is done for the week; last week does not count.
    QCOMPARE(ReminderScheduler::stillToDoToday(mine), QStringList{"Soothing rhythm breathing (1 of 2 today)"});
    // A log still waiting to be sent is a practice done.
    QVERIFY(ReminderScheduler::stillToDoToday(mine, {{1, 1}}).isEmpty());
    mine.assignments[2].logged = 0;
    QCOMPARE(ReminderScheduler::stillToDoToday(mine),
             (QStringList{"Soothing rhythm breathing (1 of 2 today)", "Compassionate letter"}));
    const QString words = ReminderScheduler::message({"Compassionate letter"});
    QVERIFY(words.contains("Compassionate letter is still open for today"));
    QVERIFY(!words.contains("streak", Qt::CaseInsensitive));
    QVERIFY(!words.contains("in a row", Qt::CaseInsensitive));
  }

  void remindersComeAtTheChosenTimesOnceAndNotWhenTheDayIsLogged() {
    ManualClock clock(london(2026, 10, 6, 7, 59));
    ReminderScheduler reminders(clock);
    QSignalSpy due(&reminders, &ReminderScheduler::due);
    reminders.setTimes({QTime(8, 0), QTime(20, 0)});
    client::MyAssignments mine;
    mine.timeZone = "Europe/London";
    mine.assignments = {progress(1, "Soothing rhythm breathing", 14, 0, 0)};
    // Until the homework is known nothing is decided (nor passed over).
    clock.setNow(london(2026, 10, 6, 8, 0));
    reminders.check();
    QCOMPARE(due.count(), 0);
    reminders.setHomework(mine);
    clock.setNow(london(2026, 10, 6, 7, 59));
    reminders.check();
    QCOMPARE(due.count(), 0);
    clock.setNow(london(2026, 10, 6, 8, 0));
    reminders.check();
    QCOMPARE(due.count(), 1);
    QVERIFY(due.at(0).at(0).toString().contains("Soothing rhythm breathing (0 of 2 today)"));
    // A practice only: opening it goes to the practice.
    QCOMPARE(due.at(0).at(1).toBool(), false);
    // Once per time per day.
    clock.setNow(london(2026, 10, 6, 8, 20));
    reminders.check();
    QCOMPARE(due.count(), 1);
    // The evening time, with the day's two practices logged: no reminder.
    mine.assignments[0].logged = 2;
    mine.assignments[0].loggedToday = 2;
    reminders.setHomework(mine);
    clock.setNow(london(2026, 10, 6, 20, 1));
    reminders.check();
    QCOMPARE(due.count(), 0 + 1);
    // Next morning, more than an hour late (the computer was asleep): it
    // is not made up.
    mine.assignments[0].loggedToday = 0;
    reminders.setHomework(mine);
    clock.setNow(london(2026, 10, 7, 9, 1));
    reminders.check();
    QCOMPARE(due.count(), 1);
    clock.setNow(london(2026, 10, 7, 20, 30));
    reminders.check();
    QCOMPARE(due.count(), 2);
    // In the group's zone: 08:00 in London is 07:00 UTC in October.
    ReminderScheduler utc(clock);
    QSignalSpy utcDue(&utc, &ReminderScheduler::due);
    utc.setTimes({QTime(8, 0)});
    utc.setHomework(mine);
    clock.setNow(QDateTime(QDate(2026, 10, 8), QTime(7, 0), QTimeZone::utc()));
    utc.check();
    QCOMPARE(utcDue.count(), 1);
  }

  void questionnairesRemindAtTheChosenTimesUntilAnswered() {
    ManualClock clock(london(2026, 10, 6, 7, 0));
    ReminderScheduler reminders(clock);
    QSignalSpy due(&reminders, &ReminderScheduler::due);
    reminders.setTimes({QTime(8, 0), QTime(20, 0)});
    client::MyAssignments mine;
    mine.timeZone = "Europe/London";
    mine.assignments = {progress(1, "Soothing rhythm breathing", 7, 1, 1)};  // done for the day
    reminders.setHomework(mine);
    const client::DueMeasureInfo phq9 =
        dueMeasure("PHQ-9", client::DueStatus::Open, london(2026, 10, 1, 0, 0), london(2026, 10, 20, 0, 0));
    // Listed as opening soon: it opens during the night.
    const client::DueMeasureInfo gad7 =
        dueMeasure("GAD-7", client::DueStatus::Upcoming, london(2026, 10, 7, 3, 0), london(2026, 10, 7, 19, 0));
    const QString phq9Words =
        QStringLiteral("A questionnaire is waiting for you: PHQ-9 (Baseline). It takes a few minutes.");

    // A newly open one is reminded of at once, and only once.
    reminders.setQuestionnaires({phq9, gad7});
    QCOMPARE(due.count(), 1);
    QCOMPARE(due.at(0).at(0).toString(), phq9Words);
    QCOMPARE(due.at(0).at(1).toBool(), true);
    reminders.setQuestionnaires({phq9, gad7});
    QCOMPARE(due.count(), 1);

    // At the chosen time, since it is still open.
    clock.setNow(london(2026, 10, 6, 8, 0));
    reminders.check();
    QCOMPARE(due.count(), 2);
    QCOMPARE(due.at(1).at(0).toString(), phq9Words);
    QCOMPARE(due.at(1).at(1).toBool(), true);
    // Once per time per day.
    clock.setNow(london(2026, 10, 6, 8, 30));
    reminders.check();
    QCOMPARE(due.count(), 2);

    // The PHQ-9 is answered (or waiting to be sent: the page's list leaves
    // it out either way), which is not news; the GAD-7 has not opened yet:
    // nothing at 20:00.
    reminders.setQuestionnaires({gad7});
    QCOMPARE(due.count(), 2);
    clock.setNow(london(2026, 10, 6, 20, 0));
    reminders.check();
    QCOMPARE(due.count(), 2);

    // Next morning, more than an hour late: not made up.
    clock.setNow(london(2026, 10, 7, 9, 1));
    reminders.check();
    QCOMPARE(due.count(), 2);
    // The GAD-7 closed at 19:00; the evening's practice is open again.
    mine.assignments[0].loggedToday = 0;
    reminders.setHomework(mine);
    clock.setNow(london(2026, 10, 7, 20, 5));
    reminders.check();
    QCOMPARE(due.count(), 3);
    QCOMPARE(due.at(2).at(0).toString(), ReminderScheduler::message({"Soothing rhythm breathing"}));
    QCOMPARE(due.at(2).at(1).toBool(), false);

    // Both open at one time: one reminder naming both, opening the
    // questionnaires.
    clock.setNow(london(2026, 10, 8, 7, 0));
    reminders.setQuestionnaires(
        {dueMeasure("GAD-7", client::DueStatus::Overdue, london(2026, 10, 1, 0, 0), london(2026, 10, 20, 0, 0))});
    QCOMPARE(due.count(), 4);
    clock.setNow(london(2026, 10, 8, 8, 0));
    reminders.check();
    QCOMPARE(due.count(), 5);
    QCOMPARE(due.at(4).at(0).toString(), ReminderScheduler::message({"Soothing rhythm breathing"}) + ' ' +
                                             ReminderScheduler::questionnaireMessage({"GAD-7 (Baseline)"}));
    QCOMPARE(due.at(4).at(1).toBool(), true);
    // All answered: nothing the next time.
    reminders.setQuestionnaires({});
    mine.assignments[0].loggedToday = 1;
    reminders.setHomework(mine);
    clock.setNow(london(2026, 10, 8, 20, 0));
    reminders.check();
    QCOMPARE(due.count(), 5);
    QVERIFY(ReminderScheduler::questionnaireMessage({}).isEmpty());
  }

  void choicesAreKeptPerPersonOnThisComputer() {
    QTemporaryDir dir;
    const QString file = dir.filePath("settings.ini");
    {
      QSettings store(file, QSettings::IniFormat);
      participant::PracticeSettings mine(store, 7);
      mine.setReminderTimes({QTime(20, 0), QTime(8, 0), QTime(20, 0)});
      mine.setCautionRead("practice-B");
    }
    QSettings store(file, QSettings::IniFormat);
    participant::PracticeSettings mine(store, 7);
    QCOMPARE(mine.reminderTimes(), (QList<QTime>{QTime(8, 0), QTime(20, 0)}));
    QVERIFY(mine.cautionRead("practice-B"));
    QVERIFY(!mine.cautionRead("practice-A"));
    participant::PracticeSettings theirs(store, 8);
    QVERIFY(theirs.reminderTimes().isEmpty());
    QVERIFY(!theirs.cautionRead("practice-B"));
  }

  void aLogSentTwiceWithOneKeyExistsOnce() {
    testing::CohortWorld w = world("Twice");
    auto session = signedIn(w.participant);
    QVERIFY(session != nullptr);
    QObject caller;
    std::optional<client::MyAssignments> mine;
    session->homework().listMyAssignments(&caller, [&](const client::MyAssignments& m) { mine = m; }, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(mine.has_value(), 15000);
    QVERIFY(!mine->assignments.isEmpty());
    client::PracticeEntry e;
    e.assignmentId = mine->assignments.first().assignment.id;
    const QDateTime local = serverNow().toTimeZone(QTimeZone(mine->timeZone.toUtf8()));
    e.practisedOn = local.date();
    e.practisedAt = QTime(local.time().hour(), local.time().minute());
    e.minutes = 5;
    e.helpfulness = 6;
    e.idempotencyKey = QStringLiteral("twice-%1").arg(QString::fromStdString(testing::UniqueSuffix()));
    const QByteArray payload = client::HomeworkApi::encodeLogPractice(e);
    QList<client::LoggedPractice> answers;
    session->homework().logPractice(payload, &caller, [&](const client::LoggedPractice& l) { answers << l; }, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1, 15000);
    session->homework().logPractice(payload, &caller, [&](const client::LoggedPractice& l) { answers << l; }, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 15000);
    QVERIFY(!answers[0].replayed);
    QVERIFY(answers[1].replayed);
    QCOMPARE(answers[1].log.id, answers[0].log.id);
    QCOMPARE(count("idempotency_key = '" + e.idempotencyKey.toStdString() + "'"), std::string("1"));
    // The same key with other content is refused, and says so.
    e.minutes = 6;
    std::optional<client::RpcError> refused;
    session->homework().logPractice(client::HomeworkApi::encodeLogPractice(e), &caller, nullptr,
                                    [&](const client::RpcError& err) { refused = err; });
    QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 15000);
    QVERIFY(refused->kind == client::RpcError::Kind::Conflict);
    QCOMPARE(refused->grpcCode, 6);
    QVERIFY(client::Outbox::outcomeOf(*refused) == client::Outbox::Outcome::Refused);
    // A payload that cannot be read is refused without being sent.
    std::optional<client::RpcError> unreadable;
    session->homework().logPractice("not a request", &caller, nullptr,
                                    [&](const client::RpcError& err) { unreadable = err; });
    QTRY_VERIFY_WITH_TIMEOUT(unreadable.has_value(), 15000);
    QVERIFY(unreadable->kind == client::RpcError::Kind::InvalidInput);
    QCOMPARE(unreadable->grpcCode, 0);
  }

  void theHomeworkPageShowsThisWeekAndLogsThroughTheOutbox() {
    testing::CohortWorld w = world("Page");
    auto session = signedIn(w.participant);
    QVERIFY(session != nullptr);
    QTemporaryDir dir;
    ManualClock clock(serverNow());
    participant::HomeworkPageModel page(*session, clock, outbox(dir, w.participant.id));
    Tester tester(page.assignments(), Tester::FailureReportingMode::QtTest);
    QCOMPARE(page.heading(), QStringLiteral("Loading your practice…"));
    QSignalSpy loaded(&page, &participant::HomeworkPageModel::loaded);
    page.refresh();
    QVERIFY(loaded.wait(15000));
    QCOMPARE(page.mine().currentWeek, 2);
    QVERIFY(page.heading().startsWith("Week 2 · your practice this week."));
    // Week 1 was over before Robin joined; week 2's two practices are theirs.
    QCOMPARE(page.assignments()->rowCount(), 2);
    const int breathing = rowOf(page.assignments(), "Soothing rhythm breathing");
    QVERIFY(breathing >= 0);
    QCOMPARE(page.assignments()->index(breathing, 1).data().toString(), QStringLiteral("Week 2 (this week)"));
    QCOMPARE(page.assignments()->index(breathing, 2).data().toString(), QStringLiteral("About 5 minutes, every day"));
    QCOMPARE(page.assignments()->index(breathing, 3).data().toString(), QStringLiteral("0 of 7 · 0%"));
    page.selectAssignment(breathing);
    const client::AssignmentInfo a = page.selectedAssignment()->assignment;
    QVERIFY(page.guideOf(a) == client::PracticeGuide::BreathingPacer);
    QCOMPARE(participant::practiceKey(a), QStringLiteral("practice-B"));
    QVERIFY(page.selectedHtml().contains("Go gently:"));
    QVERIFY(page.selectedHtml().contains("Done so far: 0 of 7 (0%)"));
    QCOMPARE(page.kindOf(a)->field("in_count")->max, 10);
    QCOMPARE(page.mine().earliestPracticeDate, page.nowLocal().date());

    client::PracticeEntry entry = page.draft(a, 5);
    QCOMPARE(entry.practisedOn, page.nowLocal().date());
    entry.helpfulness = 7;
    entry.fields = {client::FieldValue::ofNumber("in_count", 4), client::FieldValue::ofNumber("out_count", 6)};
    QSignalSpy delivered(&page, &participant::HomeworkPageModel::logDelivered);
    QString error;
    const QString key = page.submit(entry, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    // Durable before the answer: it waits until the server has it.
    QCOMPARE(page.waiting(), 1);
    QCOMPARE(page.waitingLabel(), QStringLiteral("Waiting to send (1)"));
    QCOMPARE(page.queuedToday().value(a.id), 1);
    QVERIFY(delivered.wait(15000));
    QCOMPARE(delivered.at(0).at(0).toString(), key);
    QCOMPARE(delivered.at(0).at(1).value<client::LoggedPractice>().log.minutes, 5);
    QTRY_COMPARE(page.waiting(), 0);
    QCOMPARE(page.waitingLabel(), QString());
    QVERIFY(page.queuedToday().isEmpty());
    // The progress is read again once the queue has drained.
    QTRY_COMPARE_WITH_TIMEOUT(page.assignments()->index(rowOf(page.assignments(), a.title), 3).data().toString(),
                              QStringLiteral("1 of 7 · 14%"), 15000);
    QCOMPARE(count("enrolment_id = " + std::to_string(w.enrolment_id)), std::string("1"));

    // A log the server will not take: kept, with its reason and the field.
    client::PracticeEntry future = page.draft(a, 5);
    future.practisedOn = future.practisedOn.addDays(2);
    future.helpfulness = 5;
    QSignalSpy refused(&page, &participant::HomeworkPageModel::logRefused);
    const QString bad = page.submit(future, &error);
    QVERIFY(refused.wait(15000));
    QCOMPARE(refused.at(0).at(0).toString(), bad);
    const auto why = refused.at(0).at(1).value<client::RpcError>();
    QCOMPARE(why.field(), QStringLiteral("practised_on"));
    QCOMPARE(page.waiting(), 0);
    QCOMPARE(page.refusals().size(), 1);
    QCOMPARE(page.refusals().at(0).refusal, why.message);
    QVERIFY(page.refusals().at(0).label.startsWith("Soothing rhythm breathing, 5 min, "));
    page.withdrawRefused(bad);
    QVERIFY(page.refusals().isEmpty());
    QCOMPARE(count("enrolment_id = " + std::to_string(w.enrolment_id)), std::string("1"));
  }

  void aLogMadeOfflineWaitsAndIsSentOnceAfterARestart() {
    testing::CohortWorld w = world("Offline");
    QTemporaryDir dir;
    // A session to a port where nothing listens: the server cannot be reached.
    client::ConnectionSettings nowhere;
    nowhere.address = QStringLiteral("127.0.0.1:1");
    nowhere.insecure = true;
    ManualClock clock(serverNow());
    QString key;
    {
      client::ApiSession offline(nowhere);
      participant::HomeworkPageModel page(offline, clock, outbox(dir, w.participant.id));
      auto online = signedIn(w.participant);
      QObject caller;
      std::optional<client::MyAssignments> mine;
      online->homework().listMyAssignments(&caller, [&](const client::MyAssignments& m) { mine = m; }, nullptr);
      QTRY_VERIFY_WITH_TIMEOUT(mine.has_value(), 15000);
      const client::AssignmentInfo a = mine->assignments.first().assignment;
      client::PracticeEntry e = page.draft(a, 4);
      const QDateTime local = serverNow().toTimeZone(QTimeZone("Europe/London"));
      e.practisedOn = local.date();
      e.practisedAt = QTime(local.time().hour(), local.time().minute());
      e.helpfulness = 8;
      QSignalSpy waiting(&page, &participant::HomeworkPageModel::logWaiting);
      QString error;
      key = page.submit(e, &error);
      QVERIFY(!key.isEmpty());
      QVERIFY(waiting.wait(15000));
      QCOMPARE(waiting.at(0).at(0).toString(), key);
      QCOMPARE(page.waitingLabel(), QStringLiteral("Waiting to send (1)"));
      QVERIFY(page.refusals().isEmpty());
    }
    QCOMPARE(count("idempotency_key = '" + key.toStdString() + "'"), std::string("0"));
    // The program starts again, signed in where the server answers.
    auto session = signedIn(w.participant);
    participant::HomeworkPageModel page(*session, clock, outbox(dir, w.participant.id));
    QCOMPARE(page.waiting(), 1);
    QSignalSpy delivered(&page, &participant::HomeworkPageModel::logDelivered);
    page.flush();
    QVERIFY(delivered.wait(15000));
    QCOMPARE(delivered.at(0).at(0).toString(), key);
    QCOMPARE(page.waiting(), 0);
    QCOMPARE(count("idempotency_key = '" + key.toStdString() + "'"), std::string("1"));
    // Sending it again (an answer lost after the server stored it) adds nothing.
    page.flush();
    QCOMPARE(count("enrolment_id = " + std::to_string(w.enrolment_id)), std::string("1"));
  }

  void myPracticeShowsTheWeeksAndTheFeedbackWithItsLog() {
    testing::CohortWorld w = world("Mine");
    auto session = signedIn(w.participant);
    QVERIFY(session != nullptr);
    QTemporaryDir dir;
    ManualClock clock(serverNow());
    participant::HomeworkPageModel homework(*session, clock, outbox(dir, w.participant.id));
    QSignalSpy loaded(&homework, &participant::HomeworkPageModel::loaded);
    homework.refresh();
    QVERIFY(loaded.wait(15000));
    QSignalSpy delivered(&homework, &participant::HomeworkPageModel::logDelivered);
    for (int minutes : {5, 10}) {
      client::PracticeEntry e = homework.draft(homework.assignments()->rowAt(0)->assignment, minutes);
      e.helpfulness = minutes == 5 ? 4 : 8;
      e.note = QStringLiteral("Felt calmer after %1 minutes").arg(minutes);
      e.shared = minutes == 10;
      QString error;
      QVERIFY(!homework.submit(e, &error).isEmpty());
    }
    QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 2, 15000);
    const qint64 sharedLog = delivered.at(1).at(1).value<client::LoggedPractice>().log.id;

    // A facilitator answers the shared log.
    v1::AddFeedbackRequest fb;
    fb.set_log_id(sharedLog);
    fb.set_text("Ten minutes is a real gift to yourself.");
    v1::AddFeedbackResponse fbResp;
    auto ctx = TestServer::Context(w.clinician_token);
    QVERIFY(server_->Stub<v1::HomeworkService>()->AddFeedback(ctx.get(), fb, &fbResp).ok());

    participant::MyPracticeModel mine(*session, clock);
    Tester t1(mine.logs(), Tester::FailureReportingMode::QtTest);
    Tester t2(mine.weeks(), Tester::FailureReportingMode::QtTest);
    mine.setKinds(homework.mine().kinds);
    QCOMPARE(mine.summary(), QStringLiteral("Loading your practice…"));
    QSignalSpy mineLoaded(&mine, &participant::MyPracticeModel::loaded);
    mine.refresh();
    QVERIFY(mineLoaded.wait(15000));
    QCOMPARE(mine.summary(), QStringLiteral("2 practices logged, 15 minutes in all."));
    QCOMPARE(mine.weeks()->rowCount(), 1);
    QCOMPARE(mine.weeks()->rowAt(0)->week, 2);
    QCOMPARE(mine.weeks()->rowAt(0)->minutes, 15);
    QCOMPARE(mine.weeks()->index(0, 3).data().toString(), QStringLiteral("6.0 of 10"));
    QCOMPARE(mine.logs()->rowCount(), 2);
    int withFeedback = -1;
    for (int r = 0; r < mine.logs()->rowCount(); ++r) {
      if (mine.logs()->rowAt(r)->id == sharedLog) withFeedback = r;
    }
    QVERIFY(withFeedback >= 0);
    QCOMPARE(mine.logs()->index(withFeedback, 4).data().toString(), QStringLiteral("Shared"));
    QCOMPARE(mine.logs()->index(withFeedback, 5).data().toString(), QStringLiteral("1 comment"));
    mine.selectLog(withFeedback);
    const QString html = mine.selectedHtml();
    QVERIFY(html.contains("Felt calmer after 10 minutes"));
    QVERIFY(html.contains("Feedback from your facilitators"));
    QVERIFY(html.contains("Ten minutes is a real gift to yourself."));
    QVERIFY(html.indexOf("Felt calmer") < html.indexOf("Ten minutes is a real gift"));
    // Practice is shown as it was, never as days in a row.
    for (const QString& text : {html, mine.summary()}) {
      QVERIFY(!text.contains("streak", Qt::CaseInsensitive));
      QVERIFY(!text.contains("in a row", Qt::CaseInsensitive));
    }
    // Their own logs can be deleted for a week.
    QVERIFY(mine.canDeleteSelected());
    QSignalSpy deleted(&mine, &participant::MyPracticeModel::deleted);
    mine.deleteSelected();
    QVERIFY(deleted.wait(15000));
    QTRY_COMPARE_WITH_TIMEOUT(mine.logs()->rowCount(), 1, 15000);
    QCOMPARE(mine.summary(), QStringLiteral("1 practice logged, 5 minutes in all."));
    clock.advance(qint64(8) * 24 * 3600 * 1000);
    QVERIFY(!mine.canDeleteSelected());
  }

  void openingAWeeksModuleIsReported() {
    testing::CohortWorld w = world("Opened");
    auto session = signedIn(w.participant);
    QVERIFY(session != nullptr);
    participant::ProgrammePageModel page(*session);
    QSignalSpy loaded(&page, &participant::ProgrammePageModel::loaded);
    page.refresh();
    QVERIFY(loaded.wait(15000));
    // The latest week is shown, so its module is open.
    const std::string opens = "SELECT COUNT(*) FROM module_opens WHERE enrolment_id = " + std::to_string(w.enrolment_id);
    QTRY_COMPARE_WITH_TIMEOUT(testing::TestDatabase::Get().Scalar(opens + " AND week_number = 2"), std::string("1"),
                              15000);
    page.selectWeek(0);
    QTRY_COMPARE_WITH_TIMEOUT(testing::TestDatabase::Get().Scalar(opens), std::string("2"), 15000);
  }

  void theClinicianSeesTheHeatMapTheLogsAndTheDigest() {
    testing::CohortWorld w = world("Review");
    auto participantSession = signedIn(w.participant);
    QTemporaryDir dir;
    ManualClock clock(serverNow());
    participant::HomeworkPageModel homework(*participantSession, clock, outbox(dir, w.participant.id));
    QSignalSpy loaded(&homework, &participant::HomeworkPageModel::loaded);
    homework.refresh();
    QVERIFY(loaded.wait(15000));
    QSignalSpy delivered(&homework, &participant::HomeworkPageModel::logDelivered);
    const client::AssignmentInfo loop = homework.assignments()->rowAt(rowOf(homework.assignments(), "Tricky-brain loop log"))->assignment;
    client::PracticeEntry e = homework.draft(loop, 5);
    e.helpfulness = 6;
    e.fields = {client::FieldValue::ofText("trigger", "A message left unanswered")};
    QString error;
    QVERIFY(!homework.submit(e, &error).isEmpty());
    QVERIFY(delivered.wait(15000));

    auto session = signedIn(w.clinician);
    QVERIFY(session != nullptr);
    clinician::CohortHomeworkModel model(*session);
    Tester t1(model.adherence(), Tester::FailureReportingMode::QtTest);
    Tester t2(model.logs(), Tester::FailureReportingMode::QtTest);
    QCOMPARE(model.status(clinician::CohortHomeworkModel::Part::Adherence), QStringLiteral("Choose a cohort."));
    // Nothing loads until a part is looked at.
    model.setCohort(w.cohort_id, w.builtin_template_id);
    QVERIFY(!model.isLoaded(clinician::CohortHomeworkModel::Part::Adherence));
    QSignalSpy changed(&model, &clinician::CohortHomeworkModel::changed);
    model.setVisiblePart(clinician::CohortHomeworkModel::Part::Adherence);
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(clinician::CohortHomeworkModel::Part::Adherence), 15000);
    QVERIFY(!model.isLoaded(clinician::CohortHomeworkModel::Part::Digest));
    const clinician::AdherenceTableModel* grid = model.adherence();
    QCOMPARE(grid->rowCount(), 1);
    QCOMPARE(grid->columnCount(), 4);  // name, weeks 1 and 2, sessions attended
    QCOMPARE(grid->index(0, 0).data().toString(), QStringLiteral("Robin Participant"));
    // Week 1 was before Robin joined: not applicable, not zero.
    QVERIFY(!grid->index(0, 1).data(clinician::AdherenceTableModel::ShareRole).isValid());
    QVERIFY(grid->index(0, 1).data().toString().startsWith("—"));
    // Week 2: one of the fourteen practices its two assignments ask for.
    QCOMPARE(grid->index(0, 2).data(clinician::AdherenceTableModel::ShareRole).toInt(), 7);
    QCOMPARE(grid->index(0, 2).data().toString(), QStringLiteral("7%\nno register"));
    QVERIFY(grid->index(0, 2).data(Qt::ToolTipRole).toString().contains("1 of 14 practices (7% of the dose), 5 minutes"));
    QVERIFY(grid->index(0, 2).data(Qt::ToolTipRole).toString().contains("helpfulness 6.0 of 10"));
    QCOMPARE(grid->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Week 2"));

    model.setVisiblePart(clinician::CohortHomeworkModel::Part::Logs);
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(clinician::CohortHomeworkModel::Part::Logs), 15000);
    QCOMPARE(model.logs()->rowCount(), 1);
    QCOMPARE(model.logs()->index(0, 1).data().toString(), QStringLiteral("Robin Participant"));
    QCOMPARE(model.logs()->index(0, 5).data().toString(), QStringLiteral("Kept private"));
    model.selectLog(0);
    // Robin did not share: their words never reach the clinician's screen.
    QTRY_VERIFY_WITH_TIMEOUT(model.selectedLogHtml().contains("kept their words in this log private"), 15000);
    QVERIFY(!model.selectedLogHtml().contains("A message left unanswered"));

    // A minute later the facilitator prepares for the session.
    server_->clock().Advance(absl::Minutes(1));
    model.setVisiblePart(clinician::CohortHomeworkModel::Part::Digest);
    QTRY_VERIFY_WITH_TIMEOUT(model.digest().has_value(), 15000);
    const QString digest = model.digestHtml();
    QVERIFY(digest.startsWith("<h3>Before the session of "));
    QVERIFY2(digest.contains("<td>Robin Participant</td><td>1</td><td>5</td>"), qPrintable(digest));
    QVERIFY(!digest.contains("A message left unanswered"));
    // A new cohort choice starts again, loading only the part in view.
    model.setCohort(0, 0);
    QCOMPARE(model.adherence()->rowCount(), 0);
    QVERIFY(!model.digest().has_value());
  }

  void aHeatMapCellSaysItsNumberBesideTheShade() {
    client::AdherenceGrid grid;
    grid.weeks = {{1, "Safeness", {}, true, 11}, {2, "Our tricky brain", {}, false, 12}};
    client::AdherenceRowInfo row;
    row.name = "Jordan";
    row.status = client::ParticipantStatus::Withdrawn;
    client::AdherenceCellInfo one;
    one.week = 1;
    one.applies = true;
    one.dose = 21;
    one.logged = 9;
    one.percent = 43;
    one.minutes = 45;
    one.meanHelpfulness = 6.5;
    one.attendance = client::Attendance::Present;
    one.moduleOpened = true;
    client::AdherenceCellInfo two;
    two.week = 2;
    two.applies = false;
    row.cells = {one, two};
    clinician::AdherenceTableModel model;
    Tester tester(&model, Tester::FailureReportingMode::QtTest);
    model.setGrid(grid);
    QCOMPARE(model.rowCount(), 0);
    grid.rows = {row};
    model.setGrid(grid);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Jordan (withdrawn)"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("43%\nat the session"));
    QCOMPARE(model.index(0, 1).data(clinician::AdherenceTableModel::ShareRole).toInt(), 43);
    QCOMPARE(model.index(0, 1).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Jordan, week 1: 9 of 21 practices (43% of the dose), 45 minutes, helpfulness 6.5 of 10 "
                            "on average; at the session; module opened."));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("—\nnot in the group"));
    QVERIFY(!model.index(0, 2).data(clinician::AdherenceTableModel::ShareRole).isValid());
    QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("1 of 1"));
    QCOMPARE(model.headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Sessions attended"));
    QCOMPARE(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("Our tricky brain (still running)"));
  }

  void theDigestReadsEarlyWarningsFirst() {
    client::FacilitatorDigest d;
    d.session = {5, 3, "Three systems", {}, "Tuesday 13 October 2026, 18:00 BST"};
    d.previousSession = client::DigestSessionInfo{4, 2, "Our tricky brain", {}, "Tuesday 6 October 2026, 18:00 BST"};
    d.until = QDateTime(QDate(2026, 10, 13), QTime(17, 0), QTimeZone::utc());
    d.moduleWeek = 2;
    d.practised = {{1, "Jordan", 6, 30, 7, 6, 86}};
    d.moduleNotOpened = {{2, "Grace", client::Attendance::Unknown}};
    d.missedLastSession = {{2, "Grace", client::Attendance::Absent}};
    d.earlyWarnings = {{2, "Grace", client::EarlyWarningReason::NoPracticeForTenDays, "No practice logged since 1 October."}};
    const QString html = clinician::digestHtml(d);
    QVERIFY(html.startsWith("<h3>Before the session of Tuesday 13 October 2026, 18:00 BST</h3>"));
    QVERIFY(html.contains("<li><b>Grace</b> — No practice for ten days: No practice logged since 1 October.</li>"));
    QVERIFY(html.contains("<td>Jordan</td><td>6</td><td>30</td><td>6 of 7 (86%)</td>"));
    QVERIFY(html.contains("Not opened the week 2 module yet</h4><p>Grace</p>"));
    QVERIFY(html.contains("Missed the last session</h4><p>Grace (absent)</p>"));
    QVERIFY(html.indexOf("Worth a check-in") < html.indexOf("Practice since the last session"));
    QVERIFY(html.contains("Risk alerts since the last session</h4><p>None.</p>"));
    QVERIFY(!html.contains("Reliable changes"));
    d.newAlerts = {{7, 2, "Grace", true, "PHQ-9", "Week 4", {}, "acknowledged"}};
    d.reliableChanges = {{1, "Jordan", "PHQ-9", "Total", "Week 4", 16, 8, "recovered"}};
    const QString withMeasures = clinician::digestHtml(d);
    QVERIFY(withMeasures.contains("<li><b>Grace</b> — red alert on the PHQ-9 for Week 4 (acknowledged)</li>"));
    QVERIFY(withMeasures.contains("<li><b>Jordan</b> — PHQ-9 total recovered: 16 at baseline, 8 at Week 4</li>"));
    QVERIFY(withMeasures.indexOf("Risk alerts") < withMeasures.indexOf("Worth a check-in"));
    d.newAlerts.clear();
    d.reliableChanges.clear();
    d.earlyWarnings.clear();
    d.missedLastSession.clear();
    QVERIFY(clinician::digestHtml(d).contains("<p>No early warnings.</p>"));
    QVERIFY(clinician::digestHtml(d).contains("Missed the last session</h4><p>Nobody.</p>"));
  }
};

}  // namespace cft

QTEST_GUILESS_MAIN(cft::HomeworkModelsTest)
#include "homework_models_test.moc"
