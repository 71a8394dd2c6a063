// The scoring engine: pure functions from an instrument definition and the
// answers given to scores, bands, caseness and fired risk rules. Every
// instrument is scored here and only here (clients never score). No storage,
// no clock; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/measures/measure_types.h"

namespace cft::measures {

// The lowest and highest value a score can take.
struct ScoreRange {
  double min = 0;
  double max = 0;
};
ScoreRange RangeOf(const Instrument& instrument, const ScoreDef& score);

// `value` rounded half away from zero to `decimals` places.
double RoundTo(double value, int decimals);

// The score an item's answer contributes: the value itself, or min + max -
// value for a reverse-keyed item.
int ItemScore(const Instrument& instrument, const Item& item, int value);

// Checks answers against the definition and returns one answer per item in
// form order (unanswered items without a value). Refuses, naming the field
// under `field` ("answers[3].value"): an unknown or repeated item code, a
// value that is not one of the item's options, an empty response, and an
// unanswered item that a score needs (its missing-item rule neither prorates
// nor accepts it; items of an optional section left out as a whole are fine).
absl::StatusOr<std::vector<AnswerValue>> NormalizeAnswers(const Instrument& instrument,
                                                          const std::vector<AnswerValue>& answers,
                                                          absl::string_view field = "answers");

// Turns numbers keyed in from a paper form into answer values, following the
// form's PaperValueMode: a box position becomes that box's option value; a
// printed score is the value itself, except for items whose form prints
// scores in reverse, where it becomes min + max - printed (so that scoring
// does not reverse it twice). Keeps the keyed number with the answer. Names
// "answers[i].keyed_value" when a number is not a box or score of the item.
absl::StatusOr<std::vector<AnswerValue>> AnswersFromPaper(const Instrument& instrument,
                                                          const std::vector<AnswerValue>& keyed,
                                                          absl::string_view field = "answers");

// The number a clinician keys for box `position` of `item` under the form's mode.
int KeyedValueOfBox(const Instrument& instrument, const Item& item, int position);

// Scores normalized answers (the output of NormalizeAnswers): every score of
// the definition in order, with band and caseness.
std::vector<ScoreValue> Score(const Instrument& instrument, const std::vector<AnswerValue>& normalized);

// The band a value (at the score's precision) falls in, or null.
const Band* BandOf(const ScoreDef& score, double value);

// Whether `value` is on the unhealthy side of `cutoff` (inclusive).
bool AtOrBeyond(Polarity polarity, double value, double cutoff);

// Whether the value meets the score's caseness cut-off; nullopt without one.
std::optional<bool> CasenessOf(const ScoreDef& score, double value);

// A risk rule that fired, with the reason in words.
struct FiredRule {
  std::string key;
  RiskTier tier = RiskTier::kAmber;
  std::string reason;
};

// Tells whether a score deteriorated reliably since baseline; supplied by the
// caller, who knows the baseline and the reliable-change parameters in force.
using DeteriorationCheck = std::function<bool(const ScoreDef& score, double value)>;

// The rules that fire for a scored response, in definition order. Item rules
// look at the answers, score rules at the scores; deterioration rules ask
// `deteriorated` (none fire when it is empty).
std::vector<FiredRule> EvaluateRisk(const Instrument& instrument, const std::vector<AnswerValue>& normalized,
                                    const std::vector<ScoreValue>& scores, const DeteriorationCheck& deteriorated);

// The highest tier among fired rules.
RiskTier HighestTier(const std::vector<FiredRule>& fired);

}  // namespace cft::measures
