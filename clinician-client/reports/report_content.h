// What a PDF report says, worked out from the facades' value types without
// widgets, fonts or a server: the participant report and the cohort report as
// a list of blocks (headings, sentences, tables, charts), with the tables'
// cells already in words. ReportPdf lays the blocks out on pages; tests read
// the tables here. Pure functions over copies; any thread.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "client-shared/calendar_types.h"
#include "client-shared/cohort_types.h"
#include "client-shared/homework_types.h"
#include "client-shared/measure_types.h"

namespace cft::clinician {

// Everything a cohort report shows, as ReportLoader fetched it.
struct CohortReportData {
  client::CohortInfo cohort;
  QList<client::ParticipantInfo> participants;
  QList<client::SessionInfo> sessions;
  client::AdherenceGrid adherence;
  client::MeasurementScheduleInfo plan;
  client::CohortOutcomesInfo prePost;
  // Baseline against each mid-programme and follow-up time point of the
  // plan, in plan order: the change so far while the post one is not in.
  QList<client::CohortOutcomesInfo> interim;
  // One per participant, in the participants' order.
  QList<client::OutcomesInfo> outcomes;
  QList<client::InstrumentSummaryInfo> instruments;
  QString clinicianName;
  QDateTime generatedAt;
};

// Everything a participant report shows.
struct ParticipantReportData {
  client::CohortInfo cohort;
  client::ParticipantInfo participant;
  QList<client::SessionInfo> sessions;
  // The cohort's grid cut down to this participant's row (none if the grid
  // does not list them).
  client::AdherenceGrid adherence;
  client::MeasurementScheduleInfo plan;
  client::OutcomesInfo outcomes;
  QList<client::InstrumentSummaryInfo> instruments;
  QString clinicianName;
  QDateTime generatedAt;
};

struct ReportTable {
  QString caption;
  QStringList header;
  QList<QStringList> rows;
  // Under the table: what its marks mean.
  QString note;
};

struct ReportChart {
  enum class Kind { ScoresOverTime, PrePost };
  Kind kind = Kind::ScoresOverTime;
  client::InstrumentOutcomeInfo outcome;  // ScoresOverTime
  client::CohortOutcomesInfo prePost;     // PrePost
  // The chart in words, printed under it (colour never carries meaning alone).
  QString caption;
};

struct ReportBlock {
  enum class Kind { Heading, Paragraph, Table, Chart };
  Kind kind = Kind::Paragraph;
  QString text;
  ReportTable table;
  ReportChart chart;
  // Starts a new page (each major section of a report does).
  bool newPage = false;
};

struct ReportContent {
  // "Cohort report" / "Participant report".
  QString title;
  // The cohort's or the participant's name: in every page's header.
  QString subject;
  QString generatedBy;
  // "2 December 2026, 01:30 (Europe/London)".
  QString generatedOn;
  QList<ReportBlock> blocks;
};

// A score as a report prints it: "14", "3.25".
QString scoreText(double value);
// The cohort's local date of `utc`, "12 January 2027".
QString localDate(const QDateTime& utc, const QString& timeZone);
// The generation stamp, in the cohort's zone.
QString generatedStamp(const QDateTime& utc, const QString& timeZone);

// The plan's time points in plan order, then any a response names that the
// plan no longer has (a response is never dropped for that).
QList<client::ScheduledTimePointInfo> reportTimePoints(const client::MeasurementScheduleInfo& plan,
                                                       const QList<client::OutcomesInfo>& outcomes);
// Completed once its time point had closed. Such a response is kept and
// marked, never left out.
bool isLate(const client::OutcomePointInfo& point, const client::MeasurementScheduleInfo& plan);

// "Time points": label, week, opens, closes, instruments.
ReportTable timePointsTable(const client::MeasurementScheduleInfo& plan,
                            const QList<client::InstrumentSummaryInfo>& instruments);
// One score across the cohort: a row per participant with any value of it,
// a column per time point; "14 (Moderate)", "late" added for late responses.
ReportTable cohortScoreTable(const QString& instrumentKey, const QString& scoreKey,
                             const QList<client::OutcomesInfo>& outcomes,
                             const QList<client::ParticipantInfo>& participants,
                             const client::MeasurementScheduleInfo& plan);
// The pre–post summary: n, means (SD), improvement, effect sizes, counts.
// Time points are named by their labels in `plan`.
ReportTable effectSizeTable(const client::CohortOutcomesInfo& prePost, const client::MeasurementScheduleInfo& plan);
// The plan's label of a time point key ("Week 4"), the key itself if the
// plan has none.
QString timePointLabel(const QString& key, const client::MeasurementScheduleInfo& plan);
// Sessions: week, date, status, and the register's counts.
ReportTable sessionsTable(const QList<client::SessionInfo>& sessions);
// A row per participant, a column per week: their attendance, then
// "attended of held" (Late counts as attended).
ReportTable attendanceTable(const client::AdherenceGrid& grid, const QList<client::SessionInfo>& sessions);
// A row per participant, a column per week: "logged/dose", "—" where the
// week does not apply to them, then their overall share of the dose.
ReportTable adherenceTable(const client::AdherenceGrid& grid);
// One participant's score over time: time point (late marked), week, date,
// entry, score, band, change from baseline, reliable change.
ReportTable participantScoreTable(const client::ScoreSeriesInfo& series, const client::MeasurementScheduleInfo& plan,
                                  const QString& timeZone);
// One participant week by week: session date, attendance, practice, module.
ReportTable participantWeeksTable(const client::AdherenceGrid& grid, const QList<client::SessionInfo>& sessions);
// "PHQ-9: Developed by …", for every instrument the plan or a response
// uses, in the plan's order.
QStringList copyrightLines(const client::MeasurementScheduleInfo& plan, const QList<client::OutcomesInfo>& outcomes,
                           const QList<client::InstrumentSummaryInfo>& instruments);

// Why there is no report to make, in a sentence; nullopt when there is one.
// A cohort nobody has joined has nothing to report; a participant with no
// questionnaire, no attendance and no practice recorded has nothing either.
std::optional<QString> cohortReportRefusal(const CohortReportData& data);
std::optional<QString> participantReportRefusal(const ParticipantReportData& data);

ReportContent cohortReport(const CohortReportData& data);
ReportContent participantReport(const ParticipantReportData& data);

}  // namespace cft::clinician
