// What the PDF reports say, without a widget, a font or a server: each
// table's cells from value types with known figures, late responses kept
// and marked, time points labelled from the plan, copyright lines for every
// instrument used, the sentences that replace empty sections and the refusal
// of a report with nothing at all in it, and the export's file names.
#include <QTest>
#include <QTimeZone>

#include "clinician-client/reports/export_model.h"
#include "clinician-client/reports/report_content.h"

namespace cft {

using namespace clinician;
using namespace client;

namespace {

QDateTime utc(int y, int mo, int d, int h = 12, int mi = 0) { return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc()); }

MeasurementScheduleInfo plan() {
  MeasurementScheduleInfo p;
  p.cohortId = 5;
  p.timeZone = QStringLiteral("Europe/London");
  ScheduledTimePointInfo baseline;
  baseline.key = QStringLiteral("baseline");
  baseline.label = QStringLiteral("Baseline");
  baseline.kind = TimePointKind::Baseline;
  baseline.week = 1;
  baseline.opensAt = utc(2026, 12, 29, 0);
  baseline.closesAt = utc(2027, 1, 12, 0);
  baseline.instrumentKeys = {QStringLiteral("phq9"), QStringLiteral("core10")};
  ScheduledTimePointInfo week4 = baseline;
  week4.key = QStringLiteral("week-4");
  week4.label = QStringLiteral("Week 4");
  week4.kind = TimePointKind::Mid;
  week4.week = 4;
  week4.opensAt = utc(2027, 1, 24, 0);
  week4.closesAt = utc(2027, 2, 1, 0);
  week4.instrumentKeys = {QStringLiteral("phq9")};
  p.schedule = {baseline, week4};
  return p;
}

QList<InstrumentSummaryInfo> instruments() {
  InstrumentSummaryInfo phq;
  phq.key = QStringLiteral("phq9");
  phq.shortName = QStringLiteral("PHQ-9");
  phq.title = QStringLiteral("Patient Health Questionnaire");
  phq.copyrightLine = QStringLiteral("Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke.");
  InstrumentSummaryInfo core = phq;
  core.key = QStringLiteral("core10");
  core.shortName = QStringLiteral("CORE-10");
  core.title = QStringLiteral("CORE-10");
  core.copyrightLine = QStringLiteral("© CORE System Trust");
  InstrumentSummaryInfo gad = phq;
  gad.key = QStringLiteral("gad7");
  gad.shortName = QStringLiteral("GAD-7");
  gad.title = QStringLiteral("Generalised Anxiety Disorder");
  gad.copyrightLine.clear();
  return {phq, core, gad};
}

OutcomePointInfo point(const QString& key, const QString& label, TimePointKind kind, int week, const QDateTime& at,
                       double value, const QString& band) {
  OutcomePointInfo p;
  p.timePointKey = key;
  p.timePointLabel = label;
  p.timePointKind = kind;
  p.week = week;
  p.completedAt = at;
  p.entryMode = EntryMode::Online;
  p.value = value;
  p.bandLabel = band;
  return p;
}

OutcomesInfo outcomes(qint64 enrolment, const QString& name, QList<OutcomePointInfo> points) {
  OutcomesInfo o;
  o.enrolmentId = enrolment;
  o.cohortId = 5;
  o.participantName = name;
  InstrumentOutcomeInfo i;
  i.instrumentKey = QStringLiteral("phq9");
  i.shortName = QStringLiteral("PHQ-9");
  ScoreSeriesInfo s;
  s.scoreKey = QStringLiteral("total");
  s.title = QStringLiteral("PHQ-9 total");
  s.reliableChange.available = true;
  s.reliableChange.pointsNeeded = 6;
  s.reliableChange.method = QStringLiteral("NHS Talking Therapies");
  s.points = std::move(points);
  i.scores = {s};
  if (!s.points.isEmpty()) o.instruments = {i};
  return o;
}

// Alex answered both time points; Blair's baseline was keyed from paper a
// week after it closed; Casey has answered nothing.
QList<OutcomesInfo> cohortOutcomes() {
  OutcomePointInfo later = point("week-4", "Week 4", TimePointKind::Mid, 4, utc(2027, 1, 25, 10), 7, "Mild");
  later.entryMode = EntryMode::Paper;
  later.changeFromBaseline = -7;
  later.reliable = true;
  later.classification = ChangeClassification::Recovered;
  OutcomePointInfo late = point("baseline", "Baseline", TimePointKind::Baseline, 1, utc(2027, 1, 19), 9, "Mild");
  late.entryMode = EntryMode::Paper;
  return {outcomes(11, "Alex", {point("baseline", "Baseline", TimePointKind::Baseline, 1, utc(2027, 1, 4), 14, "Moderate"), later}),
          outcomes(12, "Blair", {late}), outcomes(13, "Casey", {})};
}

QList<ParticipantInfo> people() {
  QList<ParticipantInfo> list;
  for (auto [id, name] : {std::pair<qint64, const char*>{11, "Alex"}, {12, "Blair"}, {13, "Casey"}}) {
    ParticipantInfo p;
    p.enrolmentId = id;
    p.name = QString::fromUtf8(name);
    p.status = ParticipantStatus::Active;
    list.append(p);
  }
  return list;
}

AdherenceCellInfo cell(int week, bool applies, int dose, int logged, Attendance a = Attendance::Unknown) {
  AdherenceCellInfo c;
  c.week = week;
  c.applies = applies;
  c.dose = dose;
  c.logged = logged;
  c.attendance = a;
  c.minutes = logged * 10;
  c.moduleOpened = logged > 0;
  return c;
}

AdherenceGrid grid() {
  AdherenceGrid g;
  for (int w = 1; w <= 3; ++w) {
    AdherenceWeekInfo week;
    week.week = w;
    week.title = QStringLiteral("Week title %1").arg(w);
    week.sessionId = 100 + w;
    g.weeks.append(week);
  }
  AdherenceRowInfo alex{11, QStringLiteral("Alex"), ParticipantStatus::Active,
                        {cell(1, true, 7, 5, Attendance::Present), cell(2, true, 7, 7), cell(3, true, 14, 2)}};
  AdherenceRowInfo blair{12, QStringLiteral("Blair"), ParticipantStatus::Active,
                         {cell(1, false, 0, 0, Attendance::Late), cell(2, false, 0, 0), cell(3, false, 0, 0)}};
  // Blair's week 1 is marked Late but does not apply to them: not counted.
  AdherenceRowInfo casey{13, QStringLiteral("Casey"), ParticipantStatus::Active,
                         {cell(1, false, 0, 0), cell(2, true, 7, 0), cell(3, true, 0, 0, Attendance::Absent)}};
  g.rows = {alex, blair, casey};
  return g;
}

QList<SessionInfo> sessions() {
  QList<SessionInfo> list;
  const SessionStatus statuses[] = {SessionStatus::Held, SessionStatus::Cancelled, SessionStatus::Scheduled};
  for (int w = 1; w <= 3; ++w) {
    SessionInfo s;
    s.id = 100 + w;
    s.week = w;
    s.weekTitle = QStringLiteral("Week title %1").arg(w);
    s.localDate = QDate(2027, 1, 5).addDays(7 * (w - 1));
    s.status = statuses[w - 1];
    if (s.status == SessionStatus::Cancelled) s.cancelReason = QStringLiteral("Snow");
    s.present = w == 1 ? 1 : 0;
    s.absent = w == 3 ? 1 : 0;
    list.append(s);
  }
  return list;
}

CohortReportData cohortData() {
  CohortReportData d;
  d.cohort.id = 5;
  d.cohort.name = QStringLiteral("Tuesday evening group");
  d.cohort.templateTitle = QStringLiteral("Compassion-focused group");
  d.cohort.weekCount = 8;
  d.cohort.startDate = QDate(2027, 1, 5);
  d.cohort.weekday = 2;
  d.cohort.startTime = QTime(18, 0);
  d.cohort.timeZone = QStringLiteral("Europe/London");
  d.cohort.status = CohortStatus::Running;
  d.participants = people();
  d.sessions = sessions();
  d.adherence = grid();
  d.plan = plan();
  d.outcomes = cohortOutcomes();
  d.instruments = instruments();
  d.clinicianName = QStringLiteral("Dr Ada Clinician");
  d.generatedAt = utc(2027, 1, 25, 9, 30);
  return d;
}

}  // namespace

class ReportModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void scoresAndDatesReadPlainly() {
    QCOMPARE(scoreText(14), QStringLiteral("14"));
    QCOMPARE(scoreText(3.25), QStringLiteral("3.25"));
    QCOMPARE(scoreText(12.3333), QStringLiteral("12.33"));
    QCOMPARE(scoreText(2.5), QStringLiteral("2.5"));
    QCOMPARE(scoreText(-7), QStringLiteral("-7"));
    QCOMPARE(localDate(utc(2027, 1, 4, 23, 30), QStringLiteral("Europe/London")), QStringLiteral("4 January 2027"));
    // 23:30 UTC in July is 00:30 the next day in London.
    QCOMPARE(localDate(utc(2027, 7, 4, 23, 30), QStringLiteral("Europe/London")), QStringLiteral("5 July 2027"));
    QCOMPARE(generatedStamp(utc(2027, 7, 4, 9, 5), QStringLiteral("Europe/London")),
             QStringLiteral("4 July 2027, 10:05 (Europe/London)"));
  }

  void aLateResponseIsKeptAndMarked() {
    const MeasurementScheduleInfo p = plan();
    const QList<OutcomesInfo> o = cohortOutcomes();
    QVERIFY(!isLate(o[0].instruments[0].scores[0].points[0], p));
    QVERIFY(isLate(o[1].instruments[0].scores[0].points[0], p));
    // Exactly at the close is late: the time point takes answers until then.
    OutcomePointInfo edge = o[0].instruments[0].scores[0].points[0];
    edge.completedAt = utc(2027, 1, 12, 0);
    QVERIFY(isLate(edge, p));

    const ReportTable t = cohortScoreTable("phq9", "total", o, people(), p);
    QCOMPARE(t.caption, QStringLiteral("PHQ-9 · PHQ-9 total"));
    QCOMPARE(t.header, (QStringList{"Participant", "Baseline", "Week 4"}));
    QCOMPARE(t.rows.size(), 2);
    QCOMPARE(t.rows[0], (QStringList{"Alex", "14 (Moderate)", "7 (Mild)"}));
    QCOMPARE(t.rows[1], (QStringList{"Blair", "9 (Mild), late", "—"}));
    QVERIFY(t.note.contains(QStringLiteral("“late”: completed after the time point closed, and included.")));
  }

  void aTimePointTheResponsesNameButThePlanLacksStillGetsAColumn() {
    QList<OutcomesInfo> o = cohortOutcomes();
    o[2] = outcomes(13, "Casey", {point("extra", "Extra check", TimePointKind::Session, 2, utc(2027, 1, 13), 11, "Moderate")});
    const QList<ScheduledTimePointInfo> points = reportTimePoints(plan(), o);
    QCOMPARE(points.size(), 3);
    QCOMPARE(points[2].key, QStringLiteral("extra"));
    QCOMPARE(points[2].label, QStringLiteral("Extra check"));
    const ReportTable t = cohortScoreTable("phq9", "total", o, people(), plan());
    QCOMPARE(t.header, (QStringList{"Participant", "Baseline", "Week 4", "Extra check"}));
    QCOMPARE(t.rows[2], (QStringList{"Casey", "—", "—", "11 (Moderate)"}));
  }

  void timePointsAreLabelledWithTheirDatesAndQuestionnaires() {
    const ReportTable t = timePointsTable(plan(), instruments());
    QCOMPARE(t.header, (QStringList{"Time point", "Week", "Opens", "Last day open", "Questionnaires"}));
    // Closing at midnight: the day before is the last one.
    QCOMPARE(t.rows[0], (QStringList{"Baseline", "1", "29 December 2026", "11 January 2027", "PHQ-9, CORE-10"}));
    QCOMPARE(t.rows[1], (QStringList{"Week 4", "4", "24 January 2027", "31 January 2027", "PHQ-9"}));
  }

  void participantScoresOverTime() {
    const QList<OutcomesInfo> o = cohortOutcomes();
    const ReportTable alex = participantScoreTable(o[0].instruments[0].scores[0], plan(), QStringLiteral("Europe/London"));
    QCOMPARE(alex.header, (QStringList{"Time point", "Week", "Completed", "Entered", "Score", "Band",
                                       "Change from baseline", "Reliable change"}));
    QCOMPARE(alex.rows[0], (QStringList{"Baseline", "1", "4 January 2027", "In the app", "14", "Moderate", "—", "Baseline"}));
    QCOMPARE(alex.rows[1], (QStringList{"Week 4", "4", "25 January 2027", "Keyed from paper", "7", "Mild", "-7", "Recovered"}));
    QCOMPARE(alex.note, QStringLiteral("A reliable change needs 6 points (NHS Talking Therapies)."));
    const ReportTable blair = participantScoreTable(o[1].instruments[0].scores[0], plan(), QStringLiteral("Europe/London"));
    QCOMPARE(blair.rows[0][0], QStringLiteral("Baseline (late)"));
    QVERIFY(blair.note.endsWith(QStringLiteral("“late”: completed after the time point closed, and included.")));
  }

  void attendanceCountsHeldSessionsWhileInTheGroup() {
    const ReportTable t = attendanceTable(grid(), sessions());
    QCOMPARE(t.header, (QStringList{"Participant", "Week 1", "Week 2", "Week 3", "Attended"}));
    QCOMPARE(t.rows[0], (QStringList{"Alex", "Present", "Cancelled", "Not recorded", "1 of 1"}));
    QCOMPARE(t.rows[1], (QStringList{"Blair", "—", "Cancelled", "—", "0 of 0"}));
    QCOMPARE(t.rows[2], (QStringList{"Casey", "—", "Cancelled", "Absent", "0 of 1"}));

    const ReportTable s = sessionsTable(sessions());
    QCOMPARE(s.rows[0], (QStringList{"1", "Week title 1", "5 January 2027", "Held", "1", "0", "0", "0"}));
    QCOMPARE(s.rows[1][3], QStringLiteral("Cancelled: Snow"));
    QCOMPARE(s.rows[2], (QStringList{"3", "Week title 3", "19 January 2027", "Scheduled", "0", "0", "1", "0"}));
  }

  void adherenceIsLoggedAgainstTheDoseOverTheWeeksThatApply() {
    const ReportTable t = adherenceTable(grid());
    QCOMPARE(t.header, (QStringList{"Participant", "Week 1", "Week 2", "Week 3", "Overall"}));
    QCOMPARE(t.rows[0], (QStringList{"Alex", "5/7", "7/7", "2/14", "50%"}));
    QCOMPARE(t.rows[1], (QStringList{"Blair", "—", "—", "—", "—"}));
    QCOMPARE(t.rows[2], (QStringList{"Casey", "—", "0/7", "0/0", "0%"}));

    AdherenceGrid one = grid();
    one.rows = {one.rows[0]};
    const ReportTable weeks = participantWeeksTable(one, sessions());
    QCOMPARE(weeks.rows[0], (QStringList{"1. Week title 1", "5 January 2027", "Present", "5/7", "50", "Yes"}));
    QCOMPARE(weeks.rows[1], (QStringList{"2. Week title 2", "12 January 2027", "Session cancelled", "7/7", "70", "Yes"}));
    QCOMPARE(weeks.rows[2], (QStringList{"3. Week title 3", "19 January 2027", "Not recorded", "2/14", "20", "Yes"}));
  }

  void theEffectSizeTableFlagsASmallGroup() {
    CohortOutcomesInfo prePost;
    prePost.preTimePointKey = QStringLiteral("baseline");
    prePost.postTimePointKey = QStringLiteral("post");
    CohortScoreOutcomeInfo s;
    s.shortName = QStringLiteral("PHQ-9");
    s.title = QStringLiteral("PHQ-9 total");
    s.n = 3;
    s.preMean = 12.3333;
    s.preSd = 2.5166;
    s.postMean = 8;
    s.postSd = 1;
    s.meanImprovement = 4.3333;
    s.gAv = 1.9;
    s.counts = {1, 1, 1, 0, 0};
    s.smallGroup = true;
    s.method = QStringLiteral("Reliable change: 6 points (NHS Talking Therapies).");
    prePost.scores = {s};
    const ReportTable t = effectSizeTable(prePost, plan());
    // Labelled from the plan; a key the plan lacks is shown as it is.
    QCOMPARE(t.caption, QStringLiteral("Before and after: Baseline to post"));
    QCOMPARE(t.rows[0], (QStringList{"PHQ-9 · PHQ-9 total", "3*", "12.33 (2.52)", "8.00 (1.00)", "4.33", "1.90", "—", "1",
                                     "1", "1", "0"}));
    QVERIFY(t.note.contains(QStringLiteral("Reliable change: 6 points (NHS Talking Therapies).")));
    QVERIFY(t.note.contains(QStringLiteral("* Fewer than 5 people")));
  }

  void everyInstrumentUsedHasItsCopyrightLine() {
    QList<OutcomesInfo> o = cohortOutcomes();
    o[0].instruments.append(o[0].instruments[0]);
    o[0].instruments[1].instrumentKey = QStringLiteral("gad7");
    o[0].instruments.append(o[0].instruments[0]);
    o[0].instruments[2].instrumentKey = QStringLiteral("retired");
    const QStringList lines = copyrightLines(plan(), o, instruments());
    QCOMPARE(lines, (QStringList{
                        "PHQ-9 (Patient Health Questionnaire): Developed by Drs. Robert L. Spitzer, Janet B.W. "
                        "Williams, Kurt Kroenke.",
                        "CORE-10 (CORE-10): © CORE System Trust",
                        "GAD-7 (Generalised Anxiety Disorder): no copyright line is recorded.",
                        "retired: no longer in the library; its copyright line could not be read.",
                    }));
  }

  void aCohortReportHasEverySectionAndSaysWhenOneIsEmpty() {
    CohortReportData d = cohortData();
    QVERIFY(!cohortReportRefusal(d));
    ReportContent r = cohortReport(d);
    QCOMPARE(r.title, QStringLiteral("Cohort report"));
    QCOMPARE(r.subject, QStringLiteral("Tuesday evening group"));
    QCOMPARE(r.generatedBy, QStringLiteral("Dr Ada Clinician"));
    QCOMPARE(r.generatedOn, QStringLiteral("25 January 2027, 09:30 (Europe/London)"));
    QStringList headings;
    QStringList paragraphs;
    int tables = 0;
    for (const ReportBlock& b : r.blocks) {
      if (b.kind == ReportBlock::Kind::Heading) headings << b.text;
      if (b.kind == ReportBlock::Kind::Paragraph) paragraphs << b.text;
      if (b.kind == ReportBlock::Kind::Table) ++tables;
    }
    QCOMPARE(headings, (QStringList{"Cohort report: Tuesday evening group", "Questionnaire time points",
                                    "Outcomes before and after", "Scores at each time point", "Attendance",
                                    "Homework practice", "Questionnaires and their copyright"}));
    // Time points, one score, sessions, attendance, adherence.
    QCOMPARE(tables, 5);
    QVERIFY(paragraphs.contains(QStringLiteral(
        "No participant has scores at both Baseline and the end of the programme yet, so there is no "
        "before-and-after summary.")));
    QVERIFY(paragraphs[0].startsWith(QStringLiteral(
        "Programme: Compassion-focused group, starting 5 January 2027, Tuesdays at 18:00 (Europe/London).")));
    QVERIFY(paragraphs[0].endsWith(QStringLiteral("Participants: 3 (3 taking part, 0 completed, 0 withdrawn).")));

    // No responses at all: said in words, not an empty table.
    d.outcomes = {outcomes(11, "Alex", {}), outcomes(12, "Blair", {}), outcomes(13, "Casey", {})};
    QVERIFY(!cohortReportRefusal(d));
    r = cohortReport(d);
    const bool said = std::any_of(r.blocks.begin(), r.blocks.end(), [](const ReportBlock& b) {
      return b.text == QStringLiteral(
                           "No questionnaire responses have been received from this cohort yet, so there are no scores "
                           "to show.");
    });
    QVERIFY(said);

    // Nobody in it at all: no report.
    d.participants.clear();
    d.outcomes.clear();
    d.adherence.rows.clear();
    QCOMPARE(cohortReportRefusal(d).value_or(QString()),
             QStringLiteral("There is nothing to report for Tuesday evening group yet: nobody has joined it, so it has "
                            "no questionnaires, attendance or practice to show."));
  }

  void theChangeSoFarIsChartedWhileThePostScoresAreNotIn() {
    CohortReportData d = cohortData();
    CohortOutcomesInfo empty;
    empty.preTimePointKey = QStringLiteral("baseline");
    empty.postTimePointKey = QStringLiteral("follow-up");
    CohortOutcomesInfo soFar = empty;
    soFar.postTimePointKey = QStringLiteral("week-4");
    CohortScoreOutcomeInfo s;
    s.shortName = QStringLiteral("PHQ-9");
    s.title = QStringLiteral("PHQ-9 total");
    s.n = 1;
    s.preMean = 14;
    s.postMean = 7;
    s.meanImprovement = 7;
    s.counts.recovered = 1;
    s.smallGroup = true;
    soFar.scores = {s};
    d.interim = {soFar, empty};
    const ReportContent r = cohortReport(d);
    QStringList paragraphs, captions;
    int charts = 0;
    for (const ReportBlock& b : r.blocks) {
      if (b.kind == ReportBlock::Kind::Paragraph) paragraphs << b.text;
      if (b.kind == ReportBlock::Kind::Table) captions << b.table.caption;
      if (b.kind == ReportBlock::Kind::Chart) {
        ++charts;
        QCOMPARE(b.chart.kind, ReportChart::Kind::PrePost);
        QCOMPARE(b.chart.prePost.postTimePointKey, QStringLiteral("week-4"));
        QCOMPARE(b.chart.caption, QStringLiteral("Mean score at Baseline (plain bars) and at Week 4 (hatched bars) for "
                                                 "each score, with the number of people in brackets."));
      }
    }
    // The follow-up nobody reached adds nothing.
    QCOMPARE(charts, 1);
    QVERIFY(paragraphs.contains(QStringLiteral("The change so far, from Baseline to Week 4:")));
    QVERIFY(captions.contains(QStringLiteral("Before and after: Baseline to Week 4")));
    QVERIFY(!captions.contains(QStringLiteral("Before and after: Baseline to follow-up")));
  }

  void aParticipantReportNeedsSomethingRecorded() {
    ParticipantReportData d;
    d.cohort = cohortData().cohort;
    d.participant = people()[2];
    d.plan = plan();
    d.instruments = instruments();
    d.outcomes = outcomes(13, "Casey", {});
    AdherenceGrid g = grid();
    AdherenceRowInfo casey = g.rows[2];
    casey.cells[2].attendance = Attendance::Unknown;
    g.rows = {casey};
    d.adherence = g;
    QCOMPARE(participantReportRefusal(d).value_or(QString()),
             QStringLiteral("There is nothing to report for Casey yet: no questionnaire, attendance or practice has "
                            "been recorded for them."));
    // One register entry is enough: the report says the rest in words.
    d.adherence.rows[0].cells[2].attendance = Attendance::Absent;
    QVERIFY(!participantReportRefusal(d));
    const ReportContent r = participantReport(d);
    const bool said = std::any_of(r.blocks.begin(), r.blocks.end(), [](const ReportBlock& b) {
      return b.text == QStringLiteral("Casey has not answered a questionnaire yet, so there are no scores to show.");
    });
    QVERIFY(said);

    // With scores: a chart per instrument and a table per score.
    d.participant = people()[0];
    d.outcomes = cohortOutcomes()[0];
    const ReportContent alex = participantReport(d);
    int charts = 0;
    for (const ReportBlock& b : alex.blocks) {
      if (b.kind == ReportBlock::Kind::Chart) {
        ++charts;
        QCOMPARE(b.chart.outcome.instrumentKey, QStringLiteral("phq9"));
      }
    }
    QCOMPARE(charts, 1);
  }

  void exportFileNamesSayWhatTheyHold() {
    ExportRequestInput in;
    in.format = ExportFormat::LongCsv;
    QCOMPARE(ExportModel::suggestedFileName(in, QStringLiteral("Tuesday: group")), QStringLiteral("outcomes-long-Tuesday- group.csv"));
    in.format = ExportFormat::FhirBundle;
    in.mode = ExportMode::Deidentified;
    QCOMPARE(ExportModel::suggestedFileName(in, QStringLiteral("organisation")),
             QStringLiteral("outcomes-fhir-deidentified-organisation.json"));
  }
};

}  // namespace cft

QTEST_GUILESS_MAIN(cft::ReportModelsTest)
#include "report_models_test.moc"
