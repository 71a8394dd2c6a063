#include "services/measures/scoring.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/common/errors.h"

namespace cft::measures {
namespace {

// Values are compared at a score's precision; this absorbs binary rounding.
constexpr double kEpsilon = 1e-9;

std::string ValueList(const OptionSet& set) {
  std::vector<int> values;
  for (const ResponseOption& o : set.options) values.push_back(o.value);
  std::sort(values.begin(), values.end());
  return absl::StrJoin(values, ", ");
}

// Optional sections the person left out as a whole.
std::set<std::string> SkippedSections(const Instrument& instrument, const std::vector<AnswerValue>& normalized) {
  std::set<std::string> skipped;
  for (const Section& s : instrument.sections) {
    if (!s.optional) continue;
    bool any = false;
    bool answered = false;
    for (size_t i = 0; i < instrument.items.size(); ++i) {
      if (instrument.items[i].section != s.key) continue;
      any = true;
      if (normalized[i].value) answered = true;
    }
    if (any && !answered) skipped.insert(s.key);
  }
  return skipped;
}

bool TouchesSkipped(const Instrument& instrument, const ScoreDef& score, const std::set<std::string>& skipped) {
  for (const std::string& code : score.item_codes) {
    const Item* item = instrument.FindItem(code);
    if (item != nullptr && skipped.count(item->section)) return true;
  }
  return false;
}

std::string FormatValue(double v, int decimals) {
  return absl::StrFormat("%.*f", decimals, v);
}

}  // namespace

ScoreRange RangeOf(const Instrument& instrument, const ScoreDef& score) {
  double lo = 0;
  double hi = 0;
  bool first = true;
  for (const std::string& code : score.item_codes) {
    const Item* item = instrument.FindItem(code);
    if (item == nullptr) continue;
    const OptionSet* set = instrument.OptionSetOf(*item);
    if (set == nullptr || set->options.empty()) continue;
    const double mn = set->MinValue();
    const double mx = set->MaxValue();
    if (score.rule == ScoringRule::kMean) {
      lo = first ? mn : std::min(lo, mn);
      hi = first ? mx : std::max(hi, mx);
    } else {
      lo += mn;
      hi += mx;
    }
    first = false;
  }
  return ScoreRange{lo * score.multiplier, hi * score.multiplier};
}

double RoundTo(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

int ItemScore(const Instrument& instrument, const Item& item, int value) {
  if (!item.reverse_keyed) return value;
  const OptionSet* set = instrument.OptionSetOf(item);
  if (set == nullptr) return value;
  return set->MinValue() + set->MaxValue() - value;
}

absl::StatusOr<std::vector<AnswerValue>> NormalizeAnswers(const Instrument& instrument,
                                                          const std::vector<AnswerValue>& answers,
                                                          absl::string_view field) {
  std::vector<AnswerValue> out(instrument.items.size());
  std::vector<int> given_at(instrument.items.size(), -1);  // index into `answers`
  for (size_t i = 0; i < instrument.items.size(); ++i) out[i].item_code = instrument.items[i].code;
  bool any = false;
  for (size_t a = 0; a < answers.size(); ++a) {
    const std::string path = absl::StrCat(field, "[", a, "]");
    const int index = instrument.ItemIndex(answers[a].item_code);
    if (index < 0) {
      return InvalidField(path + ".item_code", absl::StrCat("is not an item of ", instrument.short_name));
    }
    if (given_at[index] >= 0) return InvalidField(path + ".item_code", "is listed twice");
    given_at[index] = static_cast<int>(a);
    const Item& item = instrument.items[index];
    if (answers[a].value) {
      const OptionSet* set = instrument.OptionSetOf(item);
      if (set == nullptr || set->Find(*answers[a].value) == nullptr) {
        return InvalidField(path + ".value", absl::StrCat("must be one of ", set ? ValueList(*set) : ""));
      }
      any = true;
    }
    out[index].value = answers[a].value;
    out[index].keyed_value = answers[a].keyed_value;
  }
  if (!any) return InvalidField(field, "answer at least one item");

  const std::set<std::string> skipped = SkippedSections(instrument, out);
  for (const ScoreDef& score : instrument.scores) {
    if (TouchesSkipped(instrument, score, skipped)) continue;
    int missing = 0;
    const Item* first_missing = nullptr;
    for (const std::string& code : score.item_codes) {
      const int index = instrument.ItemIndex(code);
      if (index < 0 || out[index].value) continue;
      ++missing;
      if (first_missing == nullptr) first_missing = &instrument.items[index];
    }
    if (missing == 0 || missing <= score.missing.max_prorated || score.missing.accept_without_score) continue;
    const int index = instrument.ItemIndex(first_missing->code);
    if (given_at[index] >= 0) {
      return InvalidField(absl::StrCat(field, "[", given_at[index], "].value"), "is required");
    }
    return InvalidField(field, absl::StrCat("item ", first_missing->number, " (", first_missing->code,
                                            ") is not answered"));
  }
  return out;
}

int KeyedValueOfBox(const Instrument& instrument, const Item& item, int position) {
  const OptionSet* set = instrument.OptionSetOf(item);
  if (set == nullptr || position < 0 || position >= static_cast<int>(set->options.size())) return position;
  if (instrument.paper_form.keyed_value == PaperValueMode::kBoxPosition) return position;
  const int value = set->options[position].value;
  const auto& reversed = instrument.paper_form.printed_reversed_items;
  if (std::find(reversed.begin(), reversed.end(), item.code) != reversed.end()) {
    return set->MinValue() + set->MaxValue() - value;
  }
  return value;
}

absl::StatusOr<std::vector<AnswerValue>> AnswersFromPaper(const Instrument& instrument,
                                                          const std::vector<AnswerValue>& keyed,
                                                          absl::string_view field) {
  std::vector<AnswerValue> out;
  out.reserve(keyed.size());
  for (size_t a = 0; a < keyed.size(); ++a) {
    AnswerValue answer{.item_code = keyed[a].item_code, .keyed_value = keyed[a].keyed_value};
    const Item* item = instrument.FindItem(keyed[a].item_code);
    if (item != nullptr && keyed[a].keyed_value) {
      const OptionSet* set = instrument.OptionSetOf(*item);
      const int k = *keyed[a].keyed_value;
      std::optional<int> value;
      for (size_t pos = 0; set != nullptr && pos < set->options.size(); ++pos) {
        if (KeyedValueOfBox(instrument, *item, static_cast<int>(pos)) == k) value = set->options[pos].value;
      }
      if (!value) {
        std::vector<int> allowed;
        for (size_t pos = 0; set != nullptr && pos < set->options.size(); ++pos) {
          allowed.push_back(KeyedValueOfBox(instrument, *item, static_cast<int>(pos)));
        }
        std::sort(allowed.begin(), allowed.end());
        return InvalidField(absl::StrCat(field, "[", a, "].keyed_value"),
                            absl::StrCat("must be one of ", absl::StrJoin(allowed, ", "), " (",
                                         instrument.paper_form.keyed_value == PaperValueMode::kBoxPosition
                                             ? "box positions"
                                             : "scores printed on the form",
                                         ")"));
      }
      answer.value = value;
    }
    out.push_back(std::move(answer));
  }
  return out;
}

const Band* BandOf(const ScoreDef& score, double value) {
  for (const Band& b : score.bands) {
    if (value >= b.min - kEpsilon && value <= b.max + kEpsilon) return &b;
  }
  return nullptr;
}

bool AtOrBeyond(Polarity polarity, double value, double cutoff) {
  return polarity == Polarity::kHigherIsBetter ? value <= cutoff + kEpsilon : value >= cutoff - kEpsilon;
}

std::optional<bool> CasenessOf(const ScoreDef& score, double value) {
  if (!score.caseness_cutoff) return std::nullopt;
  return AtOrBeyond(score.polarity, value, *score.caseness_cutoff);
}

std::vector<ScoreValue> Score(const Instrument& instrument, const std::vector<AnswerValue>& normalized) {
  const std::set<std::string> skipped = SkippedSections(instrument, normalized);
  std::vector<ScoreValue> out;
  for (const ScoreDef& score : instrument.scores) {
    ScoreValue v{.key = score.key, .item_count = static_cast<int>(score.item_codes.size())};
    double sum = 0;
    for (const std::string& code : score.item_codes) {
      const int index = instrument.ItemIndex(code);
      if (index < 0 || !normalized[index].value) continue;
      sum += ItemScore(instrument, instrument.items[index], *normalized[index].value);
      ++v.items_answered;
    }
    const int missing = v.item_count - v.items_answered;
    if (v.items_answered > 0 && missing <= score.missing.max_prorated &&
        !TouchesSkipped(instrument, score, skipped)) {
      const double mean = sum / v.items_answered;
      const double raw = score.rule == ScoringRule::kMean ? mean : (missing > 0 ? mean * v.item_count : sum);
      v.prorated = missing > 0;
      v.value = RoundTo(raw * score.multiplier, score.decimals);
      if (const Band* b = BandOf(score, *v.value); b != nullptr) {
        v.band_label = b->label;
        v.band_severity = b->severity;
      }
      v.caseness = CasenessOf(score, *v.value);
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<FiredRule> EvaluateRisk(const Instrument& instrument, const std::vector<AnswerValue>& normalized,
                                    const std::vector<ScoreValue>& scores, const DeteriorationCheck& deteriorated) {
  auto score_value = [&](absl::string_view key) -> std::optional<double> {
    for (const ScoreValue& s : scores) {
      if (s.key == key) return s.value;
    }
    return std::nullopt;
  };
  std::vector<FiredRule> fired;
  for (const RiskRule& rule : instrument.risk_rules) {
    switch (rule.kind) {
      case RiskRule::Kind::kItem: {
        const int index = instrument.ItemIndex(rule.item_code);
        if (index < 0 || !normalized[index].value) break;
        const int v = *normalized[index].value;
        if (v < rule.min_value || v > rule.max_value) break;
        const OptionSet* set = instrument.OptionSetOf(instrument.items[index]);
        const ResponseOption* option = set ? set->Find(v) : nullptr;
        fired.push_back({rule.key, rule.tier,
                         absl::StrCat(rule.description, " (answered \"", option ? option->label : "", "\")")});
        break;
      }
      case RiskRule::Kind::kScore: {
        const ScoreDef* def = instrument.FindScore(rule.score_key);
        const std::optional<double> v = score_value(rule.score_key);
        if (def == nullptr || !v || !AtOrBeyond(def->polarity, *v, rule.at_least)) break;
        fired.push_back({rule.key, rule.tier,
                         absl::StrCat(rule.description, " (", def->title, " ", FormatValue(*v, def->decimals), ")")});
        break;
      }
      case RiskRule::Kind::kDeterioration: {
        const ScoreDef* def = instrument.FindScore(rule.score_key);
        const std::optional<double> v = score_value(rule.score_key);
        if (def == nullptr || !v || !deteriorated || !deteriorated(*def, *v)) break;
        fired.push_back({rule.key, rule.tier,
                         absl::StrCat(rule.description, " (", def->title, " now ", FormatValue(*v, def->decimals), ")")});
        break;
      }
      case RiskRule::Kind::kUnspecified:
        break;
    }
  }
  return fired;
}

RiskTier HighestTier(const std::vector<FiredRule>& fired) {
  for (const FiredRule& f : fired) {
    if (f.tier == RiskTier::kRed) return RiskTier::kRed;
  }
  return RiskTier::kAmber;
}

}  // namespace cft::measures
