// The measures screens' logic without a single widget (this binary links
// none): the shared rules (local risk rules, the missing-item rule, chart
// points, badge words), the questionnaire model, and the participant's and
// clinician's page models against the in-process server and the real
// database, with QAbstractItemModelTester on every model they own.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "client-shared/measure_api.h"
#include "client-shared/measure_cache.h"
#include "client-shared/measure_logic.h"
#include "client-shared/outbox.h"
#include "clinician-client/measures/outcomes_model.h"
#include "clinician-client/measures/paper_entry_model.h"
#include "clinician-client/measures/risk_inbox_model.h"
#include "participant-client/measures/measures_page_model.h"
#include "participant-client/measures/my_progress_model.h"
#include "participant-client/measures/questionnaire_model.h"
#include "tests/gui/manual_clock.h"
#include "tests/gui/measures_support.h"

namespace cft {

using client::RiskTier;
using testing::Count;
using testing::ManualClock;
using testing::TestServer;
using Tester = QAbstractItemModelTester;

namespace {

// A PHQ-9-shaped definition: nine scored items, an unscored tenth, the
// item-9 rules and a total rule.
client::InstrumentInfo phq9Like() {
  client::InstrumentInfo in;
  in.key = "phq9";
  in.version = 1;
  in.shortName = "PHQ-9";
  client::ScoreDefinitionInfo total;
  total.key = "total";
  for (int i = 1; i <= 10; ++i) {
    client::ItemInfo item;
    item.code = i <= 9 ? QStringLiteral("phq9_%1").arg(i) : QStringLiteral("phq9_difficulty");
    item.number = i;
    item.unscored = i == 10;
    for (int v = 0; v <= 3; ++v) item.options.append({v, QStringLiteral("Box %1").arg(v)});
    in.items.append(item);
    if (i <= 9) total.itemCodes << item.code;
  }
  in.scores.append(total);
  client::RiskRuleInfo amber{"item9-amber", RiskTier::Amber, client::RiskConditionKind::Item, "phq9_9", 1, 1, {}, 0,
                             "item 9 several days"};
  client::RiskRuleInfo red{"item9-red", RiskTier::Red, client::RiskConditionKind::Item, "phq9_9", 2, 3, {}, 0,
                           "item 9 more than half the days"};
  client::RiskRuleInfo severe{"total-severe", RiskTier::Amber, client::RiskConditionKind::Score, {}, 0, 0, "total", 20,
                              "total 20 or more"};
  in.riskRules = {amber, red, severe};
  in.crisisText = "Call 116 123.";
  return in;
}

client::AnswerMap allZero(const client::InstrumentInfo& in) {
  client::AnswerMap a;
  for (const client::ItemInfo& i : in.items) a.insert(i.code, 0);
  return a;
}

QDateTime utc(int y, int mo, int d) { return QDateTime(QDate(y, mo, d), QTime(12, 0), QTimeZone::utc()); }

}  // namespace

class MeasuresModelsTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;

  int port() const { return server_->server().port(); }

  static std::unique_ptr<client::Outbox> outbox(const QTemporaryDir& dir, int64_t owner) {
    QString error;
    auto box = client::Outbox::open(dir.path(), QString::number(owner) + "-questionnaires", &error);
    if (box) box->setRetryDelays(20, 80);
    return box;
  }
  static std::unique_ptr<client::MeasureCache> cache(const QTemporaryDir& dir, int64_t owner) {
    QString error;
    return client::MeasureCache::open(dir.path(), QString::number(owner), &error);
  }
  QDateTime serverNow() const {
    return QDateTime::fromMSecsSinceEpoch(absl::ToUnixMillis(server_->clock().Now()), QTimeZone::utc());
  }

 private slots:
  void initTestCase() { server_ = std::make_unique<TestServer>(); }
  void cleanupTestCase() { server_.reset(); }

  void itemRulesFireLocallyRedFirstAndScoreRulesAreLeftToTheServer() {
    const client::InstrumentInfo in = phq9Like();
    client::AnswerMap a = allZero(in);
    QVERIFY(client::firedItemRules(in, a).isEmpty());
    a.insert("phq9_9", 1);
    QList<client::RiskRuleInfo> fired = client::firedItemRules(in, a);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired.first().key, QStringLiteral("item9-amber"));
    QVERIFY(client::highestTier(fired) == RiskTier::Amber);
    a.insert("phq9_9", 3);
    fired = client::firedItemRules(in, a);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired.first().key, QStringLiteral("item9-red"));
    QVERIFY(client::highestTier(fired) == RiskTier::Red);
    // A total of 24 fires no item rule with item 9 = 0, but the total rule.
    for (int i = 1; i <= 8; ++i) a.insert(QStringLiteral("phq9_%1").arg(i), 3);
    a.insert("phq9_9", 0);
    QVERIFY(client::firedItemRules(in, a).isEmpty());
    fired = client::firedScoreRules(in, a);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired.first().key, QStringLiteral("total-severe"));
    // 19 does not; nor does an incomplete set (no proration here).
    a.insert("phq9_1", 0);
    a.insert("phq9_2", 1);
    QCOMPARE(client::firedScoreRules(in, a).size(), 0);
    a.insert("phq9_2", 3);
    a.insert("phq9_1", 2);
    QCOMPARE(client::firedScoreRules(in, a).size(), 1);
    a.remove("phq9_5");
    QCOMPARE(client::firedScoreRules(in, a).size(), 0);
    // Reverse-keyed items count as min + max - value; a mean times a
    // multiplier on a scale where higher is better fires at or below.
    client::InstrumentInfo well = in;
    well.scores[0].polarity = client::Polarity::HigherIsBetter;
    well.scores[0].mean = true;
    well.scores[0].multiplier = 10;
    well.riskRules = {{"low", RiskTier::Amber, client::RiskConditionKind::Score, {}, 0, 0, "total", 5, "low"}};
    client::AnswerMap b;
    for (int i = 1; i <= 9; ++i) b.insert(QStringLiteral("phq9_%1").arg(i), 1);
    // Mean 1 x 10 = 10: above 5.
    QCOMPARE(client::firedScoreRules(well, b).size(), 0);
    for (int i = 1; i <= 9; ++i) well.items[i - 1].reverseKeyed = true;
    b.insert("phq9_1", 3);
    // Reversed, items 2-9 (answered 1) count 2 each and item 1 (answered 3)
    // counts 0: mean 16/9 x 10 = 17.8, above 5.
    QCOMPARE(client::firedScoreRules(well, b).size(), 0);
    for (int i = 1; i <= 9; ++i) b.insert(QStringLiteral("phq9_%1").arg(i), 3);
    // Every item reversed to 0: mean 0, at or below 5.
    QCOMPARE(client::firedScoreRules(well, b).size(), 1);
  }

  void theMissingItemRuleDecidesWhetherAQuestionnaireCanBeSent() {
    client::InstrumentInfo in = phq9Like();
    client::AnswerMap a = allZero(in);
    // The unscored difficulty item may stay unanswered.
    a.remove("phq9_difficulty");
    QCOMPARE(client::submitProblem(in, a), QString());
    a.remove("phq9_4");
    QCOMPARE(client::submitProblem(in, a), QStringLiteral("Please answer question 4 (Item 4) before sending."));
    // A score that prorates one gap (CORE-10's rule) takes one, not two.
    in.scores[0].maxProrated = 1;
    QCOMPARE(client::submitProblem(in, a), QString());
    a.remove("phq9_7");
    QCOMPARE(client::submitProblem(in, a), QStringLiteral("Please answer question 4 (Item 4) before sending."));
    // One stored without the score takes any number.
    in.scores[0].acceptWithoutScore = true;
    QCOMPARE(client::submitProblem(in, a), QString());
    QCOMPARE(client::answeredCount(in, a), 7);
    QCOMPARE(client::itemCount(in), 10);
  }

  void chartPointsRunInWeeksFromTheFirstScoreWithBandAndReliableChange() {
    client::ScoreSeriesInfo s;
    s.title = "PHQ-9 total";
    s.bands = {{0, 4, "Minimal", 0}, {5, 9, "Mild", 1}, {10, 14, "Moderate", 2}, {15, 19, "Moderately severe", 3},
               {20, 27, "Severe", 4}};
    client::OutcomePointInfo base;
    base.timePointLabel = "Baseline";
    base.completedAt = utc(2027, 1, 4);
    base.value = 14;
    base.bandLabel = "Moderate";
    client::OutcomePointInfo missing = base;
    missing.timePointLabel = "Week 4";
    missing.completedAt = utc(2027, 1, 25);
    missing.value.reset();
    client::OutcomePointInfo post = base;
    post.timePointLabel = "End of programme";
    post.completedAt = utc(2027, 3, 1);
    post.value = 7;
    post.bandLabel = "Mild";
    post.reliable = true;
    post.classification = client::ChangeClassification::Recovered;
    s.points = {base, missing, post};
    const QList<client::ChartPoint> points = client::chartPoints(s);
    QCOMPARE(points.size(), 2);
    QCOMPARE(points[0].x, 0.0);
    QCOMPARE(points[0].label, QStringLiteral("Baseline: 14 (Moderate)"));
    QCOMPARE(points[1].x, 8.0);
    QCOMPARE(points[1].y, 7.0);
    QVERIFY(points[1].reliable);
    QVERIFY(points[1].classification == client::ChangeClassification::Recovered);
    QCOMPARE(client::chartRange(s), std::make_pair(0.0, 27.0));
    QCOMPARE(client::bandRangeLabel(s.bands[3]), QStringLiteral("Moderately severe (15–19)"));
    QCOMPARE(client::riskBadgeText({1, 2, 1}), QStringLiteral("Risk alerts: 1 red · 2 amber · 1 overdue"));
    QCOMPARE(client::riskBadgeText({}), QStringLiteral("No open risk alerts"));
    QCOMPARE(client::figure(0.8456), QStringLiteral("0.85"));
    QCOMPARE(client::figure(std::nullopt), QStringLiteral("—"));
  }

  void theQuestionnaireShowsTheCrisisTextOnceEachTimeARiskRuleBeginsToFire() {
    client::DueMeasureInfo due;
    due.timePointKey = "baseline";
    due.timePointLabel = "Baseline";
    participant::QuestionnaireModel q(phq9Like(), due);
    QSignalSpy risk(&q, &participant::QuestionnaireModel::riskItemAnswered);
    q.setAnswer("phq9_1", 2);
    QCOMPARE(q.progressText(), QStringLiteral("1 of 10 answered"));
    QCOMPARE(q.heading(), QStringLiteral("PHQ-9 · Baseline"));
    QCOMPARE(risk.count(), 0);
    q.setAnswer("phq9_9", 1);
    QCOMPARE(risk.count(), 1);
    QCOMPARE(risk.at(0).at(0).toString(), QStringLiteral("Call 116 123."));
    QVERIFY(risk.at(0).at(1).value<RiskTier>() == RiskTier::Amber);
    // The same answer again is not a new alarm; a higher one is.
    q.setAnswer("phq9_9", 1);
    QCOMPARE(risk.count(), 1);
    q.setAnswer("phq9_9", 2);
    QCOMPARE(risk.count(), 2);
    QVERIFY(risk.at(1).at(1).value<RiskTier>() == RiskTier::Red);
    QVERIFY(!q.canSubmit());
    for (int i = 2; i <= 8; ++i) q.setAnswer(QStringLiteral("phq9_%1").arg(i), 0);
    QVERIFY(q.canSubmit());
    const client::QuestionnaireAnswers r = q.result(utc(2027, 1, 4));
    QCOMPARE(r.answers.size(), 9);
    QCOMPARE(r.answers.last().itemCode, QStringLiteral("phq9_9"));
    QCOMPARE(*r.answers.last().value, 2);
    QCOMPARE(r.timePointKey, QStringLiteral("baseline"));
    QVERIFY(!r.idempotencyKey.isEmpty());
    // A severe total with item 9 at 0 shows it too, once the total is complete.
    participant::QuestionnaireModel severe(phq9Like(), due);
    QSignalSpy severeRisk(&severe, &participant::QuestionnaireModel::riskItemAnswered);
    for (int i = 1; i <= 8; ++i) severe.setAnswer(QStringLiteral("phq9_%1").arg(i), 3);
    QCOMPARE(severeRisk.count(), 0);
    severe.setAnswer("phq9_9", 0);
    QCOMPARE(severeRisk.count(), 1);
    QVERIFY(severeRisk.at(0).at(1).value<RiskTier>() == RiskTier::Amber);
    // Without a kept crisis text, the platform's defaults are shown.
    client::InstrumentInfo bare = phq9Like();
    bare.crisisText.clear();
    participant::QuestionnaireModel q2(bare, due);
    QVERIFY(q2.crisisText().contains("Samaritans are there day and night on 116 123"));
  }

  void aDefinitionKeptOnThisComputerReadsBackWithItsCrisisText() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Kept");
    auto session = testing::SignedInSession(port(), w.participant);
    QVERIFY(session != nullptr);
    QObject caller;
    std::optional<client::FetchedInstrument> got;
    session->measures().getInstrument("phq9", 0, &caller, [&](const client::FetchedInstrument& f) { got = f; },
                                      nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 15000);
    QTemporaryDir dir;
    auto kept = cache(dir, w.participant.id);
    QVERIFY(kept->put("instrument", "phq9/1", got->encoded));
    const std::optional<client::InstrumentInfo> back =
        client::MeasureApi::decodeInstrument(*cache(dir, w.participant.id)->get("instrument", "phq9/1"));
    QVERIFY(back.has_value());
    QCOMPARE(back->items.size(), 10);
    QCOMPARE(back->items[8].code, QStringLiteral("phq9_9"));
    QCOMPARE(back->items[8].options[1].label, QStringLiteral("Several days"));
    QVERIFY(back->items[9].unscored);
    QCOMPARE(back->riskRules.size(), 4);
    QVERIFY(back->crisisText.contains("116 123"));
    QVERIFY(back->copyrightLine.startsWith("Developed by Drs. Robert L. Spitzer"));
    QVERIFY(back->paperMode == client::PaperValueMode::PrintedScore);
    QVERIFY(!client::MeasureApi::decodeInstrument("not a definition").has_value());
  }

  void offlineTheDueListAndDefinitionComeFromTheCacheAndTheAnswersAreSentOnce() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Offline");
    QTemporaryDir dir;
    ManualClock clock(serverNow());
    {
      auto session = testing::SignedInSession(port(), w.participant);
      participant::MeasuresPageModel page(*session, clock, outbox(dir, w.participant.id), cache(dir, w.participant.id));
      Tester tester(page.due(), Tester::FailureReportingMode::QtTest);
      QSignalSpy ready(&page, &participant::MeasuresPageModel::instrumentReady);
      page.refresh();
      QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 4, 15000);
      QVERIFY(!page.fromCache());
      // The default plan's baseline: PHQ-9, GAD-7, CORE-10 and SCS-SF.
      QCOMPARE(page.due()->rowCount(), 4);
      QCOMPARE(page.due()->index(0, 1).data().toString(), QStringLiteral("Baseline"));
      QCOMPARE(page.heading(), QStringLiteral("4 questionnaires to fill in."));
      QVERIFY(page.reminderMessage().startsWith("A questionnaire is waiting for you: "));
    }
    client::ConnectionSettings nowhere;
    nowhere.address = QStringLiteral("127.0.0.1:1");
    nowhere.insecure = true;
    QString key;
    {
      client::ApiSession offline(nowhere);
      participant::MeasuresPageModel page(offline, clock, outbox(dir, w.participant.id), cache(dir, w.participant.id));
      Tester tester(page.due(), Tester::FailureReportingMode::QtTest);
      QSignalSpy loaded(&page, &participant::MeasuresPageModel::loaded);
      page.refresh();
      QVERIFY(loaded.wait(15000));
      QVERIFY(page.fromCache());
      QVERIFY(page.heading().contains("the list kept on this computer"));
      int row = -1;
      for (int r = 0; r < page.due()->rowCount(); ++r) {
        if (page.due()->rowAt(r)->instrumentKey == "phq9") row = r;
      }
      QVERIFY(row >= 0);
      const client::DueMeasureInfo due = *page.due()->rowAt(row);
      const std::optional<client::InstrumentInfo> in = page.instrumentFor(due);
      QVERIFY(in.has_value());
      participant::QuestionnaireModel q(*in, due);
      QSignalSpy risk(&q, &participant::QuestionnaireModel::riskItemAnswered);
      for (int i = 1; i <= 8; ++i) q.setAnswer(QStringLiteral("phq9_%1").arg(i), 1);
      q.setAnswer("phq9_9", 2);
      QCOMPARE(risk.count(), 1);
      QVERIFY(risk.at(0).at(0).toString().contains("116 123"));
      QSignalSpy waiting(&page, &participant::MeasuresPageModel::responseWaiting);
      QString error;
      key = page.submit(q.result(serverNow()), q.heading(), &error);
      QVERIFY2(!key.isEmpty(), qPrintable(error));
      QVERIFY(waiting.wait(15000));
      QCOMPARE(waiting.at(0).at(0).toString(), key);
      QCOMPARE(page.waitingLabel(), QStringLiteral("Questionnaires waiting to send (1)"));
      // Answered here: no longer listed as due.
      QCOMPARE(page.due()->rowCount(), 3);
    }
    const std::string mine = "enrolment_id = " + std::to_string(w.enrolment_id);
    QCOMPARE(Count("measure_responses", mine), std::string("0"));
    auto session = testing::SignedInSession(port(), w.participant);
    participant::MeasuresPageModel page(*session, clock, outbox(dir, w.participant.id), cache(dir, w.participant.id));
    QCOMPARE(page.waiting(), 1);
    QSignalSpy delivered(&page, &participant::MeasuresPageModel::responseDelivered);
    page.flush();
    QVERIFY(delivered.wait(15000));
    QCOMPARE(delivered.at(0).at(0).toString(), key);
    const auto submitted = delivered.at(0).at(1).value<client::SubmittedResponse>();
    QVERIFY(submitted.riskRuleFired);
    QVERIFY(submitted.crisisText.contains("116 123"));
    QCOMPARE(*submitted.response.scores.first().value, 10.0);
    QCOMPARE(page.waiting(), 0);
    page.flush();
    QCOMPARE(Count("measure_responses", mine), std::string("1"));
    QCOMPARE(Count("risk_alerts", mine + " AND tier = 'red'"), std::string("1"));
  }

  void theInboxCountsAcknowledgesAndResolvesOnlyWithANote() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Inbox");
    testing::MustSubmitPhq9(*server_, w.participant_token, {0, 0, 0, 0, 0, 0, 0, 0, 2, 0});
    auto session = testing::SignedInSession(port(), w.clinician);
    clinician::RiskInboxModel inbox(*session);
    Tester tester(inbox.alerts(), Tester::FailureReportingMode::QtTest);
    QSignalSpy counts(&inbox, &clinician::RiskInboxModel::countsChanged);
    inbox.refresh();
    QVERIFY(counts.wait(15000));
    QCOMPARE(inbox.alerts()->rowCount(), 1);
    QCOMPARE(inbox.badgeText(), QStringLiteral("Risk alerts: 1 red · 0 amber · 0 overdue"));
    QCOMPARE(inbox.alerts()->index(0, 0).data().toString(), QStringLiteral("Red"));
    QCOMPARE(inbox.alerts()->index(0, 3).data().toString(), QStringLiteral("PHQ-9 · Baseline"));
    const qint64 id = inbox.selectedAlert()->id;
    QVERIFY(inbox.selectedHtml().contains("same-day contact"));
    QString problem;
    QVERIFY(!inbox.resolve(id, "   ", &problem));
    QCOMPARE(problem, QStringLiteral("Say what was done before resolving the alert: a note is required."));
    QSignalSpy acknowledged(&inbox, &clinician::RiskInboxModel::acknowledged);
    inbox.acknowledge(id, "Calling her now.");
    QVERIFY(acknowledged.wait(15000));
    QVERIFY(acknowledged.at(0).at(0).value<client::RiskAlertInfo>().status == client::RiskAlertStatus::Acknowledged);
    QTRY_COMPARE_WITH_TIMEOUT(inbox.badgeText(), QStringLiteral("No open risk alerts"), 15000);
    QSignalSpy resolved(&inbox, &clinician::RiskInboxModel::resolved);
    QVERIFY(inbox.resolve(id, "Spoke with her; risk plan reviewed with the GP.", &problem));
    QVERIFY(resolved.wait(15000));
    QTRY_COMPARE_WITH_TIMEOUT(inbox.alerts()->rowCount(), 0, 15000);
    QCOMPARE(testing::TestDatabase::Get().Scalar("SELECT resolve_note FROM risk_alerts WHERE id = " + std::to_string(id)),
             std::string("Spoke with her; risk plan reviewed with the GP."));
  }

  void paperBoxesAreKeyedAsTheFormPrintsThem() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Paper");
    auto session = testing::SignedInSession(port(), w.clinician);
    clinician::PaperEntryModel paper(*session, w.cohort_id, w.enrolment_id);
    QSignalSpy loaded(&paper, &clinician::PaperEntryModel::loaded);
    paper.refresh();
    QVERIFY(loaded.wait(15000));
    QCOMPARE(paper.timePoints().size(), 1);
    QCOMPARE(paper.timePoints().first().key, QStringLiteral("baseline"));
    QSignalSpy instrument(&paper, &clinician::PaperEntryModel::instrumentLoaded);
    paper.selectInstrument("core10");
    QVERIFY(instrument.wait(15000));
    QCOMPARE(paper.instrument()->paperItems[1].boxes.first().label, QStringLiteral("Not at all"));
    // CORE-10 prints items 2 and 3 reversed: the first box of item 2 is keyed 4.
    QHash<QString, int> boxes;
    for (const client::PaperItemInfo& p : paper.instrument()->paperItems) boxes.insert(p.itemCode, 0);
    const QDate today = serverNow().toTimeZone(QTimeZone("Europe/London")).date();
    const client::PaperFormInput in = paper.input("baseline", boxes, today);
    QVERIFY(in.keyedAs == client::PaperValueMode::PrintedScore);
    QCOMPARE(in.keyed.size(), 10);
    QCOMPARE(*in.keyed[0].value, 0);
    QCOMPARE(in.keyed[1].itemCode, QStringLiteral("core10_2"));
    QCOMPARE(*in.keyed[1].value, 4);
    QSignalSpy submitted(&paper, &clinician::PaperEntryModel::submitted);
    paper.submit(in);
    QVERIFY(submitted.wait(15000));
    const auto entered = submitted.at(0).at(0).value<client::EnteredResponse>();
    // Every box "Not at all": the reversed items score 4 each.
    QCOMPARE(*entered.response.scores.first().value, 8.0);
    QVERIFY(!entered.alert.has_value());
    QCOMPARE(clinician::PaperEntryModel::resultSentence(entered).left(6), QStringLiteral("Saved:"));
  }

  void outcomesGiveTheParticipantsSeriesAndTheCohortsEffectSizes() {
    testing::CohortWorld w = testing::FinishedWorld(*server_, "Outcomes");
    std::vector<int64_t> people = {w.enrolment_id};
    for (const char* name : {"Bea Second", "Cal Third"}) {
      int64_t enrolment = 0;
      std::string token;
      testing::EnrolParticipant(*server_, w.clinician_token, w.cohort_id,
                                testing::AddSuitableReferral(*server_, w.clinician_token, name), &enrolment, &token);
      people.push_back(enrolment);
    }
    const absl::CivilDay today = absl::ToCivilDay(server_->clock().Now(), absl::UTCTimeZone());
    const int pre[] = {15, 18, 12}, post[] = {8, 10, 11};
    for (int i = 0; i < 3; ++i) {
      testing::MustEnterPhq9(*server_, w.clinician_token, people[i], "baseline", testing::Phq9Summing(pre[i]), today - 50);
      testing::MustEnterPhq9(*server_, w.clinician_token, people[i], "post", testing::Phq9Summing(post[i]), today - 1);
    }
    auto session = testing::SignedInSession(port(), w.clinician);
    clinician::OutcomesModel outcomes(*session);
    Tester tester(outcomes.effectSizes(), Tester::FailureReportingMode::QtTest);
    QSignalSpy cohort(&outcomes, &clinician::OutcomesModel::cohortOutcomesLoaded);
    outcomes.selectCohort(w.cohort_id);
    QVERIFY(cohort.wait(15000));
    QCOMPARE(outcomes.effectSizes()->rowCount(), 1);
    auto cell = [&](int column) { return outcomes.effectSizes()->index(0, column).data().toString(); };
    QCOMPARE(cell(clinician::kScoreColumn), QStringLiteral("PHQ-9 · PHQ-9 total"));
    QCOMPARE(cell(clinician::kNColumn), QStringLiteral("3"));
    // Pre 15, 18, 12: mean 15, SD 3. Post 8, 10, 11: mean 9.67, SD 1.53.
    QCOMPARE(cell(clinician::kPreColumn), QStringLiteral("15.00 (3.00)"));
    QCOMPARE(cell(clinician::kPostColumn), QStringLiteral("9.67 (1.53)"));
    QCOMPARE(cell(clinician::kChangeColumn), QStringLiteral("5.33"));
    // 15 -> 8 falls 7 and crosses 10: recovered; 18 -> 10 falls 8: improved;
    // 12 -> 11: unchanged (NHS Talking Therapies: 6 points).
    QCOMPARE(cell(clinician::kRecoveredColumn), QStringLiteral("1"));
    QCOMPARE(cell(clinician::kImprovedColumn), QStringLiteral("1"));
    QCOMPARE(cell(clinician::kUnchangedColumn), QStringLiteral("1"));
    QCOMPARE(cell(clinician::kDeterioratedColumn), QStringLiteral("0"));
    QCOMPARE(cell(clinician::kShareColumn), QStringLiteral("67%"));
    QCOMPARE(cell(clinician::kFlagColumn), QStringLiteral("Small group (n < 5): interpret with care"));
    // d_av = 5.33 / ((3 + 1.53) / 2) = 2.36, and its Hedges' correction for df 2 is smaller.
    QCOMPARE(cell(clinician::kDavColumn), QStringLiteral("2.36"));
    QVERIFY(cell(clinician::kGavColumn).toDouble() < 2.36);
    QVERIFY(outcomes.cohortNote().startsWith("From baseline to post"));

    QSignalSpy series(&outcomes, &clinician::OutcomesModel::outcomesLoaded);
    outcomes.selectParticipant(w.enrolment_id);
    QVERIFY(series.wait(15000));
    QCOMPARE(outcomes.outcomes().instruments.size(), 1);
    const client::ScoreSeriesInfo& total = outcomes.outcomes().instruments.first().scores.first();
    QCOMPARE(total.points.size(), 2);
    QCOMPARE(*total.points[0].value, 15.0);
    QCOMPARE(*total.points[1].value, 8.0);
    QVERIFY(total.points[1].reliable);
    QVERIFY(total.points[1].classification == client::ChangeClassification::Recovered);
    QCOMPARE(total.bands.size(), 5);
    const QList<client::ChartPoint> points = client::chartPoints(total);
    QCOMPARE(points.size(), 2);
    // Seven weeks, give or take the hour a clock change moves local noon.
    QVERIFY(qAbs(points[1].x - 7.0) < 0.01);
  }

  void myProgressSaysWhereMyLatestScoreLies() {
    testing::CohortWorld w = testing::BaselineOpenWorld(*server_, "Progress");
    testing::MustSubmitPhq9(*server_, w.participant_token, {2, 2, 2, 1, 1, 1, 1, 1, 0, 1});
    auto session = testing::SignedInSession(port(), w.participant);
    participant::MyProgressModel mine(*session);
    QSignalSpy loaded(&mine, &participant::MyProgressModel::loaded);
    mine.refresh();
    QVERIFY(loaded.wait(15000));
    QCOMPARE(mine.summaries(), QStringList{QStringLiteral("PHQ-9 total: 11 at Baseline (Moderate).")});
  }
};

}  // namespace cft

QTEST_MAIN(cft::MeasuresModelsTest)
#include "measures_models_test.moc"
