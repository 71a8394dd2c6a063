// What both clients work out from measure types without asking the server:
// which of a definition's item and score risk rules the answers so far fire (so the
// participant sees crisis resources the moment a risk item is answered, also
// offline), whether a questionnaire may be submitted under its scores'
// missing-item rules, the points a score chart draws, and the words of the
// risk badge. Scores themselves are only ever the server's. Pure functions;
// any thread.
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

#include "client-shared/measure_types.h"

namespace cft::client {

// Answer values by item code; an item not in the hash is unanswered.
using AnswerMap = QHash<QString, int>;

// The definition's item rules whose condition the answers meet, red first.
// Deterioration rules need the baseline on the server and are left to it.
QList<RiskRuleInfo> firedItemRules(const InstrumentInfo& instrument, const AnswerMap& answers);
// Its score rules that a complete set of the score's items already meets
// (offline, so the crisis text is not held back until the answers are
// sent). Only scores with every item answered are looked at: no proration
// here, and the server's score stays the one that is stored and shown.
QList<RiskRuleInfo> firedScoreRules(const InstrumentInfo& instrument, const AnswerMap& answers);
// The highest tier among `rules`, Unknown when none.
RiskTier highestTier(const QList<RiskRuleInfo>& rules);

// Items a person is asked to answer (unscored ones included) and how many are.
int itemCount(const InstrumentInfo& instrument);
int answeredCount(const InstrumentInfo& instrument, const AnswerMap& answers);

// Why the questionnaire cannot be submitted yet, as a sentence naming the
// first item that must still be answered; empty when it can be. An item may
// stay unanswered when it is unscored, when its optional section is left out
// as a whole, or when every score it counts in tolerates that many gaps
// (proration or acceptance without the score).
QString submitProblem(const InstrumentInfo& instrument, const AnswerMap& answers);

// One point of a score chart: x in weeks since the first point.
struct ChartPoint {
  double x = 0;
  double y = 0;
  QString label;  // "Week 4: 12 (Moderate)"
  // A reliable change from baseline, to be marked.
  bool reliable = false;
  ChangeClassification classification = ChangeClassification::Unknown;
};

// The series' points that have a value, in time order.
QList<ChartPoint> chartPoints(const ScoreSeriesInfo& series);
// The score range a chart shows: its bands' span, widened to the points.
std::pair<double, double> chartRange(const ScoreSeriesInfo& series);
// "Moderate (10–14)".
QString bandRangeLabel(const BandInfo& band);

// "1 red · 2 amber · 1 overdue", or "No open risk alerts".
QString riskBadgeText(const RiskAlertCountsInfo& counts);

// A figure for a table: `decimals` places, or "—" when there is none.
QString figure(const std::optional<double>& value, int decimals = 2);

}  // namespace cft::client
