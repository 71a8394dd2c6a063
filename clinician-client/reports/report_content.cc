#include "clinician-client/reports/report_content.h"

#include <QHash>
#include <QLocale>
#include <QSet>
#include <QTimeZone>
#include <cmath>

#include "client-shared/measure_logic.h"
#include "clinician-client/measures/outcomes_model.h"

namespace cft::clinician {
namespace {

using client::AdherenceGrid;
using client::InstrumentSummaryInfo;
using client::MeasurementScheduleInfo;
using client::OutcomePointInfo;
using client::OutcomesInfo;
using client::ScheduledTimePointInfo;

// Reports read the same wherever they are made: British English dates.
QLocale reportLocale() { return QLocale(QLocale::English, QLocale::UnitedKingdom); }

QDateTime inZone(const QDateTime& utc, const QString& timeZone) {
  const QTimeZone zone(timeZone.toUtf8());
  return zone.isValid() ? utc.toTimeZone(zone) : utc.toUTC();
}

const ScheduledTimePointInfo* findTimePoint(const MeasurementScheduleInfo& plan, const QString& key) {
  for (const ScheduledTimePointInfo& t : plan.schedule) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

QString shortNameOf(const QString& key, const QList<InstrumentSummaryInfo>& instruments) {
  for (const InstrumentSummaryInfo& i : instruments) {
    if (i.key == key) return i.shortName;
  }
  return key;
}

QString signedScore(double v) { return (v > 0 ? QStringLiteral("+") : QString()) + scoreText(v); }

// "14 (Moderate)".
QString valueWithBand(const OutcomePointInfo& p) {
  if (!p.value) return QStringLiteral("not scored");
  QString s = scoreText(*p.value);
  if (!p.bandLabel.isEmpty()) s += QStringLiteral(" (%1)").arg(p.bandLabel);
  return s;
}

const client::SessionInfo* sessionOf(const client::AdherenceWeekInfo& week, const QList<client::SessionInfo>& sessions) {
  for (const client::SessionInfo& s : sessions) {
    if (week.sessionId != 0 ? s.id == week.sessionId : s.week == week.week) return &s;
  }
  return nullptr;
}

bool attended(client::Attendance a) { return a == client::Attendance::Present || a == client::Attendance::Late; }

// Every (instrument, score) with a point, in the order responses name them.
struct ScoreRef {
  QString instrumentKey;
  QString shortName;
  QString scoreKey;
  QString title;
};

QList<ScoreRef> scoresWithPoints(const QList<OutcomesInfo>& outcomes) {
  QList<ScoreRef> refs;
  for (const OutcomesInfo& o : outcomes) {
    for (const client::InstrumentOutcomeInfo& i : o.instruments) {
      for (const client::ScoreSeriesInfo& s : i.scores) {
        if (s.points.isEmpty()) continue;
        const bool known = std::any_of(refs.begin(), refs.end(), [&](const ScoreRef& r) {
          return r.instrumentKey == i.instrumentKey && r.scoreKey == s.scoreKey;
        });
        if (!known) refs.append({i.instrumentKey, i.shortName, s.scoreKey, s.title});
      }
    }
  }
  return refs;
}

bool anyPoint(const QList<OutcomesInfo>& outcomes) { return !scoresWithPoints(outcomes).isEmpty(); }

ReportBlock heading(const QString& text, bool newPage = false) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::Heading;
  b.text = text;
  b.newPage = newPage;
  return b;
}

ReportBlock paragraph(const QString& text) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::Paragraph;
  b.text = text;
  return b;
}

ReportBlock tableBlock(ReportTable table) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::Table;
  b.table = std::move(table);
  return b;
}

ReportBlock chartBlock(ReportChart chart) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::Chart;
  b.chart = std::move(chart);
  return b;
}

QString cohortSummary(const client::CohortInfo& c, const QList<client::ParticipantInfo>& participants) {
  QStringList facilitators;
  for (const client::FacilitatorInfo& f : c.facilitators) {
    facilitators << (f.lead ? QStringLiteral("%1 (lead)").arg(f.name) : f.name);
  }
  int active = 0, withdrawn = 0, completed = 0;
  for (const client::ParticipantInfo& p : participants) {
    if (p.status == client::ParticipantStatus::Withdrawn) ++withdrawn;
    else if (p.status == client::ParticipantStatus::Completed) ++completed;
    else ++active;
  }
  const QString weekday = reportLocale().dayName(c.weekday == 0 ? 1 : c.weekday);
  return QStringLiteral(
             "Programme: %1, starting %2, %3s at %4 (%5). Status: %6. Facilitators: %7. "
             "Participants: %8 (%9 taking part, %10 completed, %11 withdrawn).")
      .arg(c.templateTitle, reportLocale().toString(c.startDate, QStringLiteral("d MMMM yyyy")), weekday,
           c.startTime.toString(QStringLiteral("HH:mm")), c.timeZone, client::cohortStatusLabel(c.status),
           facilitators.isEmpty() ? QStringLiteral("none named") : facilitators.join(QStringLiteral(", ")))
      .arg(participants.size())
      .arg(active)
      .arg(completed)
      .arg(withdrawn);
}

QString copyrightHeading() { return QStringLiteral("Questionnaires and their copyright"); }

void appendCopyright(ReportContent& r, const QStringList& lines) {
  r.blocks.append(heading(copyrightHeading()));
  if (lines.isEmpty()) {
    r.blocks.append(paragraph(QStringLiteral("No questionnaires are planned or answered here.")));
    return;
  }
  for (const QString& line : lines) r.blocks.append(paragraph(line));
}

void appendPrePost(ReportContent& r, const client::CohortOutcomesInfo& prePost, const MeasurementScheduleInfo& plan) {
  ReportChart chart;
  chart.kind = ReportChart::Kind::PrePost;
  chart.prePost = prePost;
  chart.caption = QStringLiteral(
                      "Mean score at %1 (plain bars) and at %2 (hatched bars) for each score, with the number of "
                      "people in brackets.")
                      .arg(timePointLabel(prePost.preTimePointKey, plan), timePointLabel(prePost.postTimePointKey, plan));
  r.blocks.append(chartBlock(chart));
  r.blocks.append(tableBlock(effectSizeTable(prePost, plan)));
}

QString scoresChartCaption(const client::InstrumentOutcomeInfo& i) {
  return QStringLiteral(
             "%1 over time. Shaded bands are the score's ranges, each named in the legend; a star marks a reliable "
             "change from baseline.")
      .arg(i.shortName);
}

}  // namespace

QString scoreText(double value) {
  // Whole scores as they are; means (SCS-SF, ECR) to two places at most.
  QString s = QString::number(value, 'f', 2);
  while (s.endsWith(QLatin1Char('0'))) s.chop(1);
  if (s.endsWith(QLatin1Char('.'))) s.chop(1);
  return s == QStringLiteral("-0") ? QStringLiteral("0") : s;
}

QString localDate(const QDateTime& utc, const QString& timeZone) {
  if (!utc.isValid()) return QStringLiteral("—");
  return reportLocale().toString(inZone(utc, timeZone).date(), QStringLiteral("d MMMM yyyy"));
}

QString generatedStamp(const QDateTime& utc, const QString& timeZone) {
  const QDateTime local = inZone(utc, timeZone);
  return QStringLiteral("%1, %2 (%3)")
      .arg(reportLocale().toString(local.date(), QStringLiteral("d MMMM yyyy")),
           local.time().toString(QStringLiteral("HH:mm")), timeZone.isEmpty() ? QStringLiteral("UTC") : timeZone);
}

QList<ScheduledTimePointInfo> reportTimePoints(const MeasurementScheduleInfo& plan, const QList<OutcomesInfo>& outcomes) {
  QList<ScheduledTimePointInfo> points = plan.schedule;
  for (const OutcomesInfo& o : outcomes) {
    for (const client::InstrumentOutcomeInfo& i : o.instruments) {
      for (const client::ScoreSeriesInfo& s : i.scores) {
        for (const OutcomePointInfo& p : s.points) {
          const bool known = std::any_of(points.begin(), points.end(),
                                         [&](const ScheduledTimePointInfo& t) { return t.key == p.timePointKey; });
          if (known) continue;
          ScheduledTimePointInfo extra;
          extra.key = p.timePointKey;
          extra.label = p.timePointLabel.isEmpty() ? p.timePointKey : p.timePointLabel;
          extra.kind = p.timePointKind;
          extra.week = p.week;
          points.append(extra);
        }
      }
    }
  }
  return points;
}

bool isLate(const OutcomePointInfo& point, const MeasurementScheduleInfo& plan) {
  const ScheduledTimePointInfo* t = findTimePoint(plan, point.timePointKey);
  return t != nullptr && t->closesAt.isValid() && point.completedAt.isValid() && point.completedAt >= t->closesAt;
}

ReportTable timePointsTable(const MeasurementScheduleInfo& plan, const QList<InstrumentSummaryInfo>& instruments) {
  ReportTable t;
  t.header = {QStringLiteral("Time point"), QStringLiteral("Week"), QStringLiteral("Opens"),
              QStringLiteral("Last day open"), QStringLiteral("Questionnaires")};
  for (const ScheduledTimePointInfo& p : plan.schedule) {
    QStringList names;
    for (const QString& key : p.instrumentKeys) names << shortNameOf(key, instruments);
    // closesAt is the first instant it no longer takes answers.
    t.rows.append({p.label, QString::number(p.week), localDate(p.opensAt, plan.timeZone),
                   localDate(p.closesAt.addMSecs(-1), plan.timeZone), names.join(QStringLiteral(", "))});
  }
  t.note = QStringLiteral("Dates are in the group's time zone (%1).").arg(plan.timeZone);
  return t;
}

ReportTable cohortScoreTable(const QString& instrumentKey, const QString& scoreKey, const QList<OutcomesInfo>& outcomes,
                             const QList<client::ParticipantInfo>& participants, const MeasurementScheduleInfo& plan) {
  ReportTable t;
  const QList<ScheduledTimePointInfo> points = reportTimePoints(plan, outcomes);
  QHash<qint64, QString> names;
  for (const client::ParticipantInfo& p : participants) names.insert(p.enrolmentId, p.name);
  t.header << QStringLiteral("Participant");
  for (const ScheduledTimePointInfo& p : points) t.header << p.label;
  bool anyLate = false;
  // The columns that hold a value: a plan's time points nobody answered
  // this score at are left out, so a table never fills with dashes.
  QList<QStringList> cells;
  QList<bool> used(points.size(), false);
  for (const OutcomesInfo& o : outcomes) {
    for (const client::InstrumentOutcomeInfo& i : o.instruments) {
      if (i.instrumentKey != instrumentKey) continue;
      for (const client::ScoreSeriesInfo& s : i.scores) {
        if (s.scoreKey != scoreKey || s.points.isEmpty()) continue;
        if (t.caption.isEmpty()) t.caption = QStringLiteral("%1 · %2").arg(i.shortName, s.title);
        QStringList row(points.size() + 1);
        row[0] = names.value(o.enrolmentId, o.participantName);
        for (const OutcomePointInfo& p : s.points) {
          int col = 0;
          while (col < points.size() && points[col].key != p.timePointKey) ++col;
          QString text = valueWithBand(p);
          if (isLate(p, plan)) {
            text += QStringLiteral(", late");
            anyLate = true;
          }
          QString& cell = row[col + 1];
          cell = cell.isEmpty() ? text : cell + QStringLiteral("; ") + text;
          used[col] = true;
        }
        cells.append(row);
      }
    }
  }
  QStringList header{t.header.first()};
  for (int c = 0; c < points.size(); ++c) {
    if (used[c]) header << t.header[c + 1];
  }
  t.header = header;
  for (const QStringList& row : cells) {
    QStringList kept{row.first()};
    for (int c = 0; c < points.size(); ++c) {
      if (used[c]) kept << (row[c + 1].isEmpty() ? QStringLiteral("—") : row[c + 1]);
    }
    t.rows.append(kept);
  }
  t.note = QStringLiteral("Scores with their band; “—”: no response at that time point.");
  if (anyLate) t.note += QStringLiteral(" “late”: completed after the time point closed, and included.");
  return t;
}

QString timePointLabel(const QString& key, const MeasurementScheduleInfo& plan) {
  const ScheduledTimePointInfo* t = findTimePoint(plan, key);
  return t != nullptr && !t->label.isEmpty() ? t->label : key;
}

ReportTable effectSizeTable(const client::CohortOutcomesInfo& prePost, const MeasurementScheduleInfo& plan) {
  ReportTable t;
  t.caption = QStringLiteral("Before and after: %1 to %2")
                  .arg(timePointLabel(prePost.preTimePointKey, plan), timePointLabel(prePost.postTimePointKey, plan));
  t.header = {QStringLiteral("Score"),       QStringLiteral("n"),         QStringLiteral("Before mean (SD)"),
              QStringLiteral("After mean (SD)"), QStringLiteral("Mean improvement"), QStringLiteral("Hedges' g_av"),
              QStringLiteral("Hedges' g_rm"), QStringLiteral("Recovered"), QStringLiteral("Improved"),
              QStringLiteral("Unchanged"),   QStringLiteral("Deteriorated")};
  bool small = false;
  QStringList methods;
  for (const client::CohortScoreOutcomeInfo& s : prePost.scores) {
    small = small || s.smallGroup;
    if (!s.method.isEmpty() && !methods.contains(s.method)) methods << s.method;
    t.rows.append({QStringLiteral("%1 · %2").arg(s.shortName, s.title),
                   QString::number(s.n) + (s.smallGroup ? QStringLiteral("*") : QString()), meanSd(s.preMean, s.preSd),
                   meanSd(s.postMean, s.postSd), client::figure(s.meanImprovement), client::figure(s.gAv),
                   client::figure(s.gRm), QString::number(s.counts.recovered), QString::number(s.counts.improved),
                   QString::number(s.counts.unchanged), QString::number(s.counts.deteriorated)});
  }
  t.note = QStringLiteral(
      "Only participants with both scores count. Improvement is positive whatever the direction of the scale.");
  if (!methods.isEmpty()) t.note += QLatin1Char(' ') + methods.join(QLatin1Char(' '));
  if (small) t.note += QStringLiteral(" * Fewer than 5 people: too few for the figures to mean much.");
  return t;
}

ReportTable sessionsTable(const QList<client::SessionInfo>& sessions) {
  ReportTable t;
  t.caption = QStringLiteral("Sessions");
  t.header = {QStringLiteral("Week"),    QStringLiteral("Session"), QStringLiteral("Date"),   QStringLiteral("Status"),
              QStringLiteral("Present"), QStringLiteral("Late"),    QStringLiteral("Absent"), QStringLiteral("Excused")};
  for (const client::SessionInfo& s : sessions) {
    QString status = client::sessionStatusLabel(s.status);
    if (s.status == client::SessionStatus::Cancelled && !s.cancelReason.isEmpty()) {
      status += QStringLiteral(": ") + s.cancelReason;
    }
    t.rows.append({QString::number(s.week), s.weekTitle,
                   reportLocale().toString(s.localDate, QStringLiteral("d MMMM yyyy")), status,
                   QString::number(s.present), QString::number(s.late), QString::number(s.absent),
                   QString::number(s.excused)});
  }
  return t;
}

ReportTable attendanceTable(const AdherenceGrid& grid, const QList<client::SessionInfo>& sessions) {
  ReportTable t;
  t.caption = QStringLiteral("Attendance by participant");
  t.header << QStringLiteral("Participant");
  for (const client::AdherenceWeekInfo& w : grid.weeks) t.header << QStringLiteral("Week %1").arg(w.week);
  t.header << QStringLiteral("Attended");
  for (const client::AdherenceRowInfo& row : grid.rows) {
    QStringList cells{row.name};
    int attendedCount = 0, counted = 0;
    for (int i = 0; i < grid.weeks.size(); ++i) {
      const client::AdherenceCellInfo* cell = i < row.cells.size() ? &row.cells[i] : nullptr;
      const client::SessionInfo* session = sessionOf(grid.weeks[i], sessions);
      if (session != nullptr && session->status == client::SessionStatus::Cancelled) {
        cells << QStringLiteral("Cancelled");
      } else if (cell == nullptr || !cell->applies) {
        cells << QStringLiteral("—");
      } else {
        cells << client::attendanceLabel(cell->attendance);
        const bool held = session != nullptr && session->status == client::SessionStatus::Held;
        if (held || cell->attendance != client::Attendance::Unknown) {
          ++counted;
          if (attended(cell->attendance)) ++attendedCount;
        }
      }
    }
    cells << QStringLiteral("%1 of %2").arg(attendedCount).arg(counted);
    t.rows.append(cells);
  }
  t.note = QStringLiteral(
      "“Attended”: present or late, of the sessions held or recorded while the person was in the group; "
      "“—”: before they joined or after they left.");
  return t;
}

ReportTable adherenceTable(const AdherenceGrid& grid) {
  ReportTable t;
  t.caption = QStringLiteral("Homework practice by participant");
  t.header << QStringLiteral("Participant");
  for (const client::AdherenceWeekInfo& w : grid.weeks) t.header << QStringLiteral("Week %1").arg(w.week);
  t.header << QStringLiteral("Overall");
  for (const client::AdherenceRowInfo& row : grid.rows) {
    QStringList cells{row.name};
    int logged = 0, dose = 0;
    for (int i = 0; i < grid.weeks.size(); ++i) {
      const client::AdherenceCellInfo* cell = i < row.cells.size() ? &row.cells[i] : nullptr;
      if (cell == nullptr || !cell->applies) {
        cells << QStringLiteral("—");
        continue;
      }
      cells << QStringLiteral("%1/%2").arg(cell->logged).arg(cell->dose);
      logged += cell->logged;
      dose += cell->dose;
    }
    cells << (dose > 0 ? QStringLiteral("%1%").arg(qRound(100.0 * logged / dose)) : QStringLiteral("—"));
    t.rows.append(cells);
  }
  t.note = QStringLiteral(
      "Practices logged against the dose set for the week (logged/set); “Overall”: all logged against all set over "
      "the weeks that apply; “—”: the week does not apply to the person.");
  return t;
}

ReportTable participantScoreTable(const client::ScoreSeriesInfo& series, const MeasurementScheduleInfo& plan,
                                  const QString& timeZone) {
  ReportTable t;
  t.caption = series.title;
  t.header = {QStringLiteral("Time point"), QStringLiteral("Week"),  QStringLiteral("Completed"),
              QStringLiteral("Entered"),    QStringLiteral("Score"), QStringLiteral("Band"),
              QStringLiteral("Change from baseline"), QStringLiteral("Reliable change")};
  bool anyLate = false;
  for (const OutcomePointInfo& p : series.points) {
    QString label = p.timePointLabel.isEmpty() ? p.timePointKey : p.timePointLabel;
    if (isLate(p, plan)) {
      label += QStringLiteral(" (late)");
      anyLate = true;
    }
    const bool baseline = p.timePointKind == client::TimePointKind::Baseline;
    const QString change = p.changeFromBaseline ? signedScore(*p.changeFromBaseline) : QStringLiteral("—");
    const QString reliable = baseline ? QStringLiteral("Baseline")
                             : p.classification == client::ChangeClassification::Unknown
                                 ? QStringLiteral("—")
                                 : client::changeClassificationLabel(p.classification);
    t.rows.append({label, QString::number(p.week), localDate(p.completedAt, timeZone), client::entryModeLabel(p.entryMode),
                   p.value ? scoreText(*p.value) : QStringLiteral("not scored"),
                   p.bandLabel.isEmpty() ? QStringLiteral("—") : p.bandLabel, change, reliable});
  }
  if (series.reliableChange.available) {
    t.note = QStringLiteral("A reliable change needs %1 points (%2).")
                 .arg(scoreText(series.reliableChange.pointsNeeded), series.reliableChange.method);
  } else {
    t.note = QStringLiteral("No reliable-change threshold is set for this score.");
  }
  if (anyLate) t.note += QStringLiteral(" “late”: completed after the time point closed, and included.");
  return t;
}

ReportTable participantWeeksTable(const AdherenceGrid& grid, const QList<client::SessionInfo>& sessions) {
  ReportTable t;
  t.caption = QStringLiteral("Week by week");
  t.header = {QStringLiteral("Week"), QStringLiteral("Session"), QStringLiteral("Attendance"),
              QStringLiteral("Practice logged/set"), QStringLiteral("Minutes"), QStringLiteral("Module opened")};
  const client::AdherenceRowInfo* row = grid.rows.isEmpty() ? nullptr : &grid.rows.first();
  for (int i = 0; i < grid.weeks.size(); ++i) {
    const client::AdherenceWeekInfo& w = grid.weeks[i];
    const client::SessionInfo* s = sessionOf(w, sessions);
    const client::AdherenceCellInfo* cell = row != nullptr && i < row->cells.size() ? &row->cells[i] : nullptr;
    const QString date = s == nullptr ? QStringLiteral("—")
                                      : reportLocale().toString(s->localDate, QStringLiteral("d MMMM yyyy"));
    QString attendance;
    if (s != nullptr && s->status == client::SessionStatus::Cancelled) {
      attendance = QStringLiteral("Session cancelled");
    } else if (cell == nullptr || !cell->applies) {
      attendance = QStringLiteral("—");
    } else {
      attendance = client::attendanceLabel(cell->attendance);
    }
    const bool applies = cell != nullptr && cell->applies;
    t.rows.append({QStringLiteral("%1. %2").arg(w.week).arg(w.title), date, attendance,
                   applies ? QStringLiteral("%1/%2").arg(cell->logged).arg(cell->dose) : QStringLiteral("—"),
                   applies ? QString::number(cell->minutes) : QStringLiteral("—"),
                   applies ? (cell->moduleOpened ? QStringLiteral("Yes") : QStringLiteral("No")) : QStringLiteral("—")});
  }
  t.note = QStringLiteral("“—”: the week does not apply (before joining or after leaving).");
  return t;
}

QStringList copyrightLines(const MeasurementScheduleInfo& plan, const QList<OutcomesInfo>& outcomes,
                           const QList<InstrumentSummaryInfo>& instruments) {
  QStringList keys;
  for (const ScheduledTimePointInfo& t : plan.schedule) {
    for (const QString& k : t.instrumentKeys) {
      if (!keys.contains(k)) keys << k;
    }
  }
  for (const OutcomesInfo& o : outcomes) {
    for (const client::InstrumentOutcomeInfo& i : o.instruments) {
      if (!keys.contains(i.instrumentKey)) keys << i.instrumentKey;
    }
  }
  QStringList lines;
  for (const QString& key : keys) {
    const InstrumentSummaryInfo* found = nullptr;
    for (const InstrumentSummaryInfo& i : instruments) {
      if (i.key == key) found = &i;
    }
    if (found == nullptr) {
      lines << QStringLiteral("%1: no longer in the library; its copyright line could not be read.").arg(key);
    } else if (found->copyrightLine.isEmpty()) {
      lines << QStringLiteral("%1 (%2): no copyright line is recorded.").arg(found->shortName, found->title);
    } else {
      lines << QStringLiteral("%1 (%2): %3").arg(found->shortName, found->title, found->copyrightLine);
    }
  }
  return lines;
}

std::optional<QString> cohortReportRefusal(const CohortReportData& data) {
  if (data.participants.isEmpty() && !anyPoint(data.outcomes)) {
    return QStringLiteral(
               "There is nothing to report for %1 yet: nobody has joined it, so it has no questionnaires, attendance "
               "or practice to show.")
        .arg(data.cohort.name);
  }
  return std::nullopt;
}

std::optional<QString> participantReportRefusal(const ParticipantReportData& data) {
  if (anyPoint({data.outcomes})) return std::nullopt;
  for (const client::AdherenceRowInfo& row : data.adherence.rows) {
    for (const client::AdherenceCellInfo& c : row.cells) {
      if (c.attendance != client::Attendance::Unknown || c.logs > 0) return std::nullopt;
    }
  }
  return QStringLiteral(
             "There is nothing to report for %1 yet: no questionnaire, attendance or practice has been recorded for "
             "them.")
      .arg(data.participant.name);
}

ReportContent cohortReport(const CohortReportData& data) {
  ReportContent r;
  r.title = QStringLiteral("Cohort report");
  r.subject = data.cohort.name;
  r.generatedBy = data.clinicianName;
  r.generatedOn = generatedStamp(data.generatedAt, data.cohort.timeZone);
  r.blocks.append(heading(QStringLiteral("Cohort report: %1").arg(data.cohort.name)));
  r.blocks.append(paragraph(cohortSummary(data.cohort, data.participants)));
  r.blocks.append(paragraph(QStringLiteral("Prepared for supervision and commissioning by %1 on %2.")
                                .arg(data.clinicianName, r.generatedOn)));
  r.blocks.append(heading(QStringLiteral("Questionnaire time points")));
  if (data.plan.schedule.isEmpty()) {
    r.blocks.append(paragraph(QStringLiteral("This cohort has no measurement plan.")));
  } else {
    r.blocks.append(tableBlock(timePointsTable(data.plan, data.instruments)));
  }

  r.blocks.append(heading(QStringLiteral("Outcomes before and after")));
  if (data.prePost.scores.isEmpty()) {
    const QString pre = data.prePost.preTimePointKey.isEmpty() ? QStringLiteral("Baseline")
                                                               : timePointLabel(data.prePost.preTimePointKey, data.plan);
    const QString post = data.prePost.postTimePointKey.isEmpty()
                             ? QStringLiteral("the end of the programme")
                             : timePointLabel(data.prePost.postTimePointKey, data.plan);
    r.blocks.append(paragraph(
        QStringLiteral("No participant has scores at both %1 and %2 yet, so there is no before-and-after summary.")
            .arg(pre, post)));
  } else {
    appendPrePost(r, data.prePost, data.plan);
  }
  for (const client::CohortOutcomesInfo& soFar : data.interim) {
    if (soFar.scores.isEmpty()) continue;
    r.blocks.append(paragraph(QStringLiteral("The change so far, from %1 to %2:")
                                  .arg(timePointLabel(soFar.preTimePointKey, data.plan),
                                       timePointLabel(soFar.postTimePointKey, data.plan))));
    appendPrePost(r, soFar, data.plan);
  }

  r.blocks.append(heading(QStringLiteral("Scores at each time point")));
  const QList<ScoreRef> scores = scoresWithPoints(data.outcomes);
  if (scores.isEmpty()) {
    r.blocks.append(paragraph(QStringLiteral(
        "No questionnaire responses have been received from this cohort yet, so there are no scores to show.")));
  }
  for (const ScoreRef& s : scores) {
    r.blocks.append(
        tableBlock(cohortScoreTable(s.instrumentKey, s.scoreKey, data.outcomes, data.participants, data.plan)));
  }

  r.blocks.append(heading(QStringLiteral("Attendance"), true));
  if (data.sessions.isEmpty()) {
    r.blocks.append(paragraph(QStringLiteral("No sessions are scheduled.")));
  } else {
    r.blocks.append(tableBlock(sessionsTable(data.sessions)));
  }
  if (!data.adherence.rows.isEmpty()) r.blocks.append(tableBlock(attendanceTable(data.adherence, data.sessions)));

  r.blocks.append(heading(QStringLiteral("Homework practice")));
  if (data.adherence.weeks.isEmpty() || data.adherence.rows.isEmpty()) {
    r.blocks.append(paragraph(QStringLiteral("No homework has been released to this cohort yet.")));
  } else {
    r.blocks.append(tableBlock(adherenceTable(data.adherence)));
  }
  appendCopyright(r, copyrightLines(data.plan, data.outcomes, data.instruments));
  return r;
}

ReportContent participantReport(const ParticipantReportData& data) {
  ReportContent r;
  r.title = QStringLiteral("Participant report");
  r.subject = data.participant.name;
  r.generatedBy = data.clinicianName;
  r.generatedOn = generatedStamp(data.generatedAt, data.cohort.timeZone);
  r.blocks.append(heading(QStringLiteral("Participant report: %1").arg(data.participant.name)));
  r.blocks.append(paragraph(
      QStringLiteral("%1 in %2 (%3). Joined %4. Prepared by %5 on %6.")
          .arg(client::participantStatusLabel(data.participant.status), data.cohort.name, data.cohort.templateTitle,
               localDate(data.participant.joinedAt, data.cohort.timeZone), data.clinicianName, r.generatedOn)));

  r.blocks.append(heading(QStringLiteral("Questionnaires")));
  bool any = false;
  for (const client::InstrumentOutcomeInfo& i : data.outcomes.instruments) {
    const bool hasPoints =
        std::any_of(i.scores.begin(), i.scores.end(), [](const client::ScoreSeriesInfo& s) { return !s.points.isEmpty(); });
    if (!hasPoints) continue;
    any = true;
    ReportChart chart;
    chart.kind = ReportChart::Kind::ScoresOverTime;
    chart.outcome = i;
    chart.caption = scoresChartCaption(i);
    r.blocks.append(chartBlock(chart));
    for (const client::ScoreSeriesInfo& s : i.scores) {
      if (!s.points.isEmpty()) r.blocks.append(tableBlock(participantScoreTable(s, data.plan, data.cohort.timeZone)));
    }
  }
  if (!any) {
    r.blocks.append(paragraph(
        QStringLiteral("%1 has not answered a questionnaire yet, so there are no scores to show.").arg(data.participant.name)));
  }

  r.blocks.append(heading(QStringLiteral("Attendance and homework practice"), true));
  if (data.adherence.weeks.isEmpty()) {
    r.blocks.append(paragraph(QStringLiteral("No programme week has been released yet.")));
  } else {
    r.blocks.append(tableBlock(participantWeeksTable(data.adherence, data.sessions)));
  }
  appendCopyright(r, copyrightLines(data.plan, {data.outcomes}, data.instruments));
  return r;
}

}  // namespace cft::clinician
