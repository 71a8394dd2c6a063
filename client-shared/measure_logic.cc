#include "client-shared/measure_logic.h"

#include <algorithm>

namespace cft::client {
namespace {

QString number(double v) { return QString::number(v, 'f', v == static_cast<int>(v) ? 0 : 1); }

}  // namespace

QList<RiskRuleInfo> firedItemRules(const InstrumentInfo& instrument, const AnswerMap& answers) {
  QList<RiskRuleInfo> fired;
  for (const RiskRuleInfo& rule : instrument.riskRules) {
    if (rule.kind != RiskConditionKind::Item) continue;
    auto it = answers.find(rule.itemCode);
    if (it == answers.end()) continue;
    if (*it >= rule.minValue && *it <= rule.maxValue) fired.append(rule);
  }
  std::stable_sort(fired.begin(), fired.end(), [](const RiskRuleInfo& a, const RiskRuleInfo& b) {
    return a.tier == RiskTier::Red && b.tier != RiskTier::Red;
  });
  return fired;
}

QList<RiskRuleInfo> firedScoreRules(const InstrumentInfo& instrument, const AnswerMap& answers) {
  QList<RiskRuleInfo> fired;
  for (const RiskRuleInfo& rule : instrument.riskRules) {
    if (rule.kind != RiskConditionKind::Score) continue;
    const ScoreDefinitionInfo* score = nullptr;
    for (const ScoreDefinitionInfo& s : instrument.scores) {
      if (s.key == rule.scoreKey) score = &s;
    }
    if (score == nullptr || score->itemCodes.isEmpty()) continue;
    double sum = 0;
    bool complete = true;
    for (const QString& code : score->itemCodes) {
      const ItemInfo* item = instrument.item(code);
      auto it = answers.find(code);
      if (item == nullptr || it == answers.end() || item->options.isEmpty()) {
        complete = false;
        break;
      }
      int lo = item->options.first().value, hi = lo;
      for (const ResponseOptionInfo& o : item->options) {
        lo = std::min(lo, o.value);
        hi = std::max(hi, o.value);
      }
      sum += item->reverseKeyed ? lo + hi - *it : *it;
    }
    if (!complete) continue;
    const double value = (score->mean ? sum / score->itemCodes.size() : sum) * score->multiplier;
    const bool beyond = score->polarity == Polarity::HigherIsBetter ? value <= rule.atLeast : value >= rule.atLeast;
    if (beyond) fired.append(rule);
  }
  return fired;
}

RiskTier highestTier(const QList<RiskRuleInfo>& rules) {
  RiskTier tier = RiskTier::Unknown;
  for (const RiskRuleInfo& r : rules) {
    if (r.tier == RiskTier::Red) return RiskTier::Red;
    if (r.tier == RiskTier::Amber) tier = RiskTier::Amber;
  }
  return tier;
}

int itemCount(const InstrumentInfo& instrument) { return static_cast<int>(instrument.items.size()); }

int answeredCount(const InstrumentInfo& instrument, const AnswerMap& answers) {
  int n = 0;
  for (const ItemInfo& item : instrument.items) n += answers.contains(item.code) ? 1 : 0;
  return n;
}

QString submitProblem(const InstrumentInfo& instrument, const AnswerMap& answers) {
  // An optional section with no answer at all is left out as a whole.
  QHash<QString, bool> sectionLeftOut;
  for (const SectionInfo& s : instrument.sections) {
    if (!s.optional) continue;
    bool any = false;
    for (const ItemInfo& item : instrument.items) any = any || (item.section == s.key && answers.contains(item.code));
    sectionLeftOut.insert(s.key, !any);
  }
  auto leftOut = [&](const ItemInfo& item) { return sectionLeftOut.value(item.section, false); };
  // Gaps per score, among the items a person is still expected to answer.
  QHash<QString, int> gaps;
  for (const ScoreDefinitionInfo& score : instrument.scores) {
    int missing = 0;
    for (const QString& code : score.itemCodes) {
      const ItemInfo* item = instrument.item(code);
      if (item != nullptr && !leftOut(*item) && !answers.contains(code)) ++missing;
    }
    gaps.insert(score.key, missing);
  }
  for (const ItemInfo& item : instrument.items) {
    if (item.unscored || answers.contains(item.code) || leftOut(item)) continue;
    bool tolerated = true;
    for (const ScoreDefinitionInfo& score : instrument.scores) {
      if (!score.itemCodes.contains(item.code)) continue;
      if (!score.acceptWithoutScore && gaps.value(score.key) > score.maxProrated) tolerated = false;
    }
    if (!tolerated) {
      return QStringLiteral("Please answer question %1 (%2) before sending.").arg(item.number).arg(itemLabel(item));
    }
  }
  return {};
}

QList<ChartPoint> chartPoints(const ScoreSeriesInfo& series) {
  QList<ChartPoint> out;
  QDateTime first;
  for (const OutcomePointInfo& p : series.points) {
    if (!p.value) continue;
    if (!first.isValid()) first = p.completedAt;
    ChartPoint c;
    c.x = static_cast<double>(first.msecsTo(p.completedAt)) / (7.0 * 24 * 3600 * 1000);
    c.y = *p.value;
    c.label = p.bandLabel.isEmpty() ? QStringLiteral("%1: %2").arg(p.timePointLabel, number(*p.value))
                                    : QStringLiteral("%1: %2 (%3)").arg(p.timePointLabel, number(*p.value), p.bandLabel);
    c.reliable = p.reliable;
    c.classification = p.classification;
    out.append(c);
  }
  return out;
}

std::pair<double, double> chartRange(const ScoreSeriesInfo& series) {
  double lo = 0, hi = 0;
  bool any = false;
  auto widen = [&](double v) {
    lo = any ? std::min(lo, v) : v;
    hi = any ? std::max(hi, v) : v;
    any = true;
  };
  for (const BandInfo& b : series.bands) {
    widen(b.min);
    widen(b.max);
  }
  for (const OutcomePointInfo& p : series.points) {
    if (p.value) widen(*p.value);
  }
  if (!any || hi <= lo) return {lo, lo + 1};
  return {lo, hi};
}

QString bandRangeLabel(const BandInfo& band) {
  return QStringLiteral("%1 (%2–%3)").arg(band.label, number(band.min), number(band.max));
}

QString riskBadgeText(const RiskAlertCountsInfo& c) {
  if (c.red == 0 && c.amber == 0 && c.overdue == 0) return QStringLiteral("No open risk alerts");
  return QStringLiteral("Risk alerts: %1 red · %2 amber · %3 overdue").arg(c.red).arg(c.amber).arg(c.overdue);
}

QString figure(const std::optional<double>& value, int decimals) {
  return value ? QString::number(*value, 'f', decimals) : QStringLiteral("—");
}

}  // namespace cft::client
