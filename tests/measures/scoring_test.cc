// The scoring engine on every shipped instrument. Where a published source
// states how a score is formed (a sum, a mean, x2, x4, a prorated mean x 10)
// the case follows it and names it; the rest are hand-computed cases built so
// that a wrong reverse key or a wrong subscale item gives a different number.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/measures/scoring.h"
#include "tests/measures/shipped_instruments.h"
#include "tests/support/status_matchers.h"

namespace cft::measures {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using testing::Answers;
using testing::ScoreOf;
using testing::ShippedInstrument;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<ScoreValue> ScoreValues(const Instrument& in, const std::vector<int>& values) {
  auto normalized = NormalizeAnswers(in, Answers(in, values));
  EXPECT_THAT(normalized, IsOk());
  if (!normalized.ok()) return {};
  return Score(in, *normalized);
}

double TotalOf(const std::string& key, const std::vector<int>& values, const std::string& score = "total") {
  const auto scores = ScoreValues(ShippedInstrument(key), values);
  const ScoreValue& s = ScoreOf(scores, score);
  EXPECT_TRUE(s.value.has_value()) << key << "." << score;
  return s.value.value_or(-1);
}

std::vector<std::string> FiredKeys(const Instrument& in, const std::vector<int>& values) {
  auto normalized = NormalizeAnswers(in, Answers(in, values));
  EXPECT_THAT(normalized, IsOk());
  if (!normalized.ok()) return {};
  std::vector<std::string> keys;
  for (const FiredRule& f : EvaluateRisk(in, *normalized, Score(in, *normalized), {})) keys.push_back(f.key);
  return keys;
}

// ---------------------------------------------------------------------------
// PHQ-9: sum of items 1-9 scored 0-3; bands 0-4 / 5-9 / 10-14 / 15-19 / 20-27
// (Kroenke, Spitzer & Williams 2001, Table 3).

TEST(Phq9, SumsTheNineItemsAndLeavesTheDifficultyQuestionOut) {
  const Instrument& in = ShippedInstrument("phq9");
  const auto scores = ScoreValues(in, {1, 2, 3, 0, 1, 2, 3, 0, 0, 3});
  const ScoreValue& total = ScoreOf(scores, "total");
  EXPECT_EQ(total.value, 12);
  EXPECT_EQ(total.items_answered, 9);
  EXPECT_EQ(total.band_label, "Moderate");
  EXPECT_EQ(total.caseness, true);
}

TEST(Phq9, BandsFollowKroenke2001AtEveryEdge) {
  const std::pair<int, const char*> edges[] = {{0, "Minimal"},  {4, "Minimal"},          {5, "Mild"},
                                               {9, "Mild"},     {10, "Moderate"},         {14, "Moderate"},
                                               {15, "Moderately severe"}, {19, "Moderately severe"},
                                               {20, "Severe"},  {27, "Severe"}};
  const Instrument& in = ShippedInstrument("phq9");
  for (const auto& [total, band] : edges) {
    std::vector<int> v(10, 0);
    v[9] = -1;
    for (int left = total, i = 0; left > 0; ++i) {
      v[i] = std::min(3, left);
      left -= v[i];
    }
    const auto scores = ScoreValues(in, v);
    EXPECT_EQ(ScoreOf(scores, "total").value, total);
    EXPECT_EQ(ScoreOf(scores, "total").band_label, band) << total;
    EXPECT_EQ(ScoreOf(scores, "total").caseness, total >= 10) << total;
  }
}

TEST(Phq9, ItemNineAnsweredOneIsAmberAndTwoOrThreeRed) {
  const Instrument& in = ShippedInstrument("phq9");
  EXPECT_THAT(FiredKeys(in, {0, 0, 0, 0, 0, 0, 0, 0, 0}), ElementsAre());
  EXPECT_THAT(FiredKeys(in, {0, 0, 0, 0, 0, 0, 0, 0, 1}), ElementsAre("item9-amber"));
  EXPECT_THAT(FiredKeys(in, {0, 0, 0, 0, 0, 0, 0, 0, 2}), ElementsAre("item9-red"));
  EXPECT_THAT(FiredKeys(in, {0, 0, 0, 0, 0, 0, 0, 0, 3}), ElementsAre("item9-red"));
  auto n = NormalizeAnswers(in, Answers(in, {0, 0, 0, 0, 0, 0, 0, 0, 1}));
  ASSERT_THAT(n, IsOk());
  EXPECT_EQ(HighestTier(EvaluateRisk(in, *n, Score(in, *n), {})), RiskTier::kAmber);
}

TEST(Phq9, ASevereTotalIsAmberEvenWithoutItemNine) {
  EXPECT_THAT(FiredKeys(ShippedInstrument("phq9"), {3, 3, 3, 3, 3, 3, 2, 0, 0}), ElementsAre("total-severe"));
  EXPECT_THAT(FiredKeys(ShippedInstrument("phq9"), {3, 3, 3, 3, 3, 3, 1, 0, 0}), ElementsAre());
}

TEST(Phq9, AMissingItemIsRefusedNamingIt) {
  const Instrument& in = ShippedInstrument("phq9");
  // Left out of the list altogether.
  auto absent = Answers(in, {1, 1, 1, 1, 1, 1, 1, 1});
  EXPECT_THAT(NormalizeAnswers(in, absent),
              StatusIs(absl::StatusCode::kInvalidArgument, "answers: item 9 (phq9_9) is not answered"));
  // Listed without a value.
  auto blank = Answers(in, {1, 1, 1, -1, 1, 1, 1, 1, 1});
  EXPECT_THAT(NormalizeAnswers(in, blank), StatusIs(absl::StatusCode::kInvalidArgument, "answers[3].value: is required"));
}

TEST(Phq9, ValuesOutsideTheOptionsAndUnknownItemsAreRefused) {
  const Instrument& in = ShippedInstrument("phq9");
  auto answers = Answers(in, {1, 1, 4, 1, 1, 1, 1, 1, 1});
  EXPECT_THAT(NormalizeAnswers(in, answers),
              StatusIs(absl::StatusCode::kInvalidArgument, "answers[2].value: must be one of 0, 1, 2, 3"));
  answers = Answers(in, {1, 1, 1, 1, 1, 1, 1, 1, 1});
  answers.push_back({.item_code = "phq9_1", .value = 2});
  EXPECT_THAT(NormalizeAnswers(in, answers),
              StatusIs(absl::StatusCode::kInvalidArgument, "answers[9].item_code: is listed twice"));
  answers.back().item_code = "gad7_1";
  EXPECT_THAT(NormalizeAnswers(in, answers),
              StatusIs(absl::StatusCode::kInvalidArgument, "answers[9].item_code: is not an item of PHQ-9"));
  EXPECT_THAT(NormalizeAnswers(in, {}), StatusIs(absl::StatusCode::kInvalidArgument, "answers: answer at least one item"));
}

// ---------------------------------------------------------------------------
// GAD-7: sum of 7 items 0-3 (Spitzer et al. 2006); caseness 8 (NHS Talking Therapies).

TEST(Gad7, SumsSevenItemsWithCasenessAtEight) {
  const Instrument& in = ShippedInstrument("gad7");
  auto scores = ScoreValues(in, {1, 1, 1, 1, 1, 1, 1, -1});
  EXPECT_EQ(ScoreOf(scores, "total").value, 7);
  EXPECT_EQ(ScoreOf(scores, "total").band_label, "Mild");
  EXPECT_EQ(ScoreOf(scores, "total").caseness, false);
  scores = ScoreValues(in, {2, 1, 1, 1, 1, 1, 1, 2});
  EXPECT_EQ(ScoreOf(scores, "total").value, 8);
  EXPECT_EQ(ScoreOf(scores, "total").caseness, true);
  EXPECT_EQ(TotalOf("gad7", {3, 3, 3, 3, 3, 3, 3}), 21);
  EXPECT_EQ(ScoreOf(ScoreValues(in, {3, 3, 3, 3, 3, 3, 3}), "total").band_label, "Severe");
}

// ---------------------------------------------------------------------------
// WHO-5: raw sum (0-25) x 4 = 0-100, higher is better; 50 or less poor
// well-being, 28 or less likely depression (Topp et al. 2015).

TEST(Who5, MultipliesTheRawSumByFour) {
  EXPECT_EQ(TotalOf("who5", {5, 4, 3, 2, 1}), 60);  // raw 15
  EXPECT_EQ(TotalOf("who5", {5, 5, 5, 5, 5}), 100);
  EXPECT_EQ(TotalOf("who5", {0, 0, 0, 0, 0}), 0);
}

TEST(Who5, BandsAndCasenessLookDownwards) {
  const Instrument& in = ShippedInstrument("who5");
  auto at = [&](std::vector<int> v) { return ScoreOf(ScoreValues(in, v), "total"); };
  EXPECT_EQ(at({2, 1, 2, 1, 1}).value, 28);
  EXPECT_EQ(at({2, 1, 2, 1, 1}).band_label, "Likely depression: assess further (28 or less)");
  EXPECT_EQ(at({2, 2, 2, 1, 1}).value, 32);
  EXPECT_EQ(at({2, 2, 2, 1, 1}).band_label, "Poor well-being (50 or less)");
  EXPECT_EQ(at({3, 3, 2, 2, 2}).value, 48);
  EXPECT_EQ(at({3, 3, 2, 2, 2}).caseness, true);
  EXPECT_EQ(at({3, 3, 3, 2, 2}).value, 52);
  EXPECT_EQ(at({3, 3, 3, 2, 2}).caseness, false);
  EXPECT_EQ(at({3, 3, 3, 2, 2}).band_label, "Above the poor well-being cut-off");
}

TEST(Who5, BoxPositionsAreNotValuesBecauseTheFirstBoxIsFive) {
  Instrument in = ShippedInstrument("who5");
  in.paper_form.keyed_value = PaperValueMode::kBoxPosition;
  const Item& item = in.items[0];
  EXPECT_EQ(KeyedValueOfBox(in, item, 0), 0);
  // Box 0 ("All of the time") is the value 5.
  auto answers = AnswersFromPaper(in, {{.item_code = "who5_1", .keyed_value = 0},
                                       {.item_code = "who5_2", .keyed_value = 5}});
  ASSERT_THAT(answers, IsOk());
  EXPECT_EQ((*answers)[0].value, 5);
  EXPECT_EQ((*answers)[1].value, 0);
  EXPECT_THAT(AnswersFromPaper(in, {{.item_code = "who5_1", .keyed_value = 6}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "answers[0].keyed_value: must be one of 0, 1, 2, 3, 4, 5 (box positions)"));
}

// ---------------------------------------------------------------------------
// DASS-21: each subscale is the sum of its seven items x 2 (DASS manual,
// Lovibond & Lovibond 1995, for the DASS-42 metric).

TEST(Dass21, EachSubscaleTakesItsOwnItemsOnly) {
  const Instrument& in = ShippedInstrument("dass21");
  // 3 on the depression items (3, 5, 10, 13, 16, 17, 21), 0 elsewhere.
  std::vector<int> v(21, 0);
  for (int n : {3, 5, 10, 13, 16, 17, 21}) v[n - 1] = 3;
  auto scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "depression").value, 42);
  EXPECT_EQ(ScoreOf(scores, "depression").band_label, "Extremely severe");
  EXPECT_EQ(ScoreOf(scores, "anxiety").value, 0);
  EXPECT_EQ(ScoreOf(scores, "stress").value, 0);

  // 1 on the anxiety items (2, 4, 7, 9, 15, 19, 20): 7 x 2 = 14, moderate.
  std::fill(v.begin(), v.end(), 0);
  for (int n : {2, 4, 7, 9, 15, 19, 20}) v[n - 1] = 1;
  scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "anxiety").value, 14);
  EXPECT_EQ(ScoreOf(scores, "anxiety").band_label, "Moderate");
  EXPECT_EQ(ScoreOf(scores, "depression").value, 0);
  EXPECT_EQ(ScoreOf(scores, "stress").value, 0);

  // 2 on the stress items (1, 6, 8, 11, 12, 14, 18): 14 x 2 = 28, severe.
  std::fill(v.begin(), v.end(), 0);
  for (int n : {1, 6, 8, 11, 12, 14, 18}) v[n - 1] = 2;
  scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "stress").value, 28);
  EXPECT_EQ(ScoreOf(scores, "stress").band_label, "Severe");
}

TEST(Dass21, BandsApplyToTheDoubledScore) {
  const Instrument& in = ShippedInstrument("dass21");
  std::vector<int> v(21, 0);
  v[2] = 3;
  v[4] = 2;  // depression raw 5 -> 10: mild (a raw-score table would say normal)
  v[0] = 3;
  v[5] = 3;
  v[7] = 1;  // stress raw 7 -> 14: normal
  auto scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "depression").value, 10);
  EXPECT_EQ(ScoreOf(scores, "depression").band_label, "Mild");
  EXPECT_EQ(ScoreOf(scores, "stress").value, 14);
  EXPECT_EQ(ScoreOf(scores, "stress").band_label, "Normal");
  v[10] = 1;  // stress raw 8 -> 16: mild
  EXPECT_EQ(ScoreOf(ScoreValues(in, v), "stress").band_label, "Mild");
}

// ---------------------------------------------------------------------------
// SCS-SF: items 1, 4, 8, 9, 11, 12 reverse scored, total = mean of the 12
// (Raes et al. 2011; Neff's coding key).

TEST(ScsSf, ReverseKeysMakeTheMostSelfCriticalAnswersScoreOne) {
  const Instrument& in = ShippedInstrument("scs-sf");
  // 5 on every negatively worded item and 1 on every positive one: all twelve
  // contribute 1. One wrong reverse key would make the mean 1.33.
  const std::vector<int> harsh = {5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5};
  auto scores = ScoreValues(in, harsh);
  EXPECT_EQ(ScoreOf(scores, "total").value, 1.0);
  EXPECT_EQ(ScoreOf(scores, "total").band_label, "Low");
  const std::vector<int> kind = {1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1};
  EXPECT_EQ(TotalOf("scs-sf", kind), 5.0);
  EXPECT_EQ(ScoreOf(ScoreValues(in, kind), "total").band_label, "High");
  // All 5s: six items score 5 and six score 1, a mean of 3.
  EXPECT_EQ(TotalOf("scs-sf", std::vector<int>(12, 5)), 3.0);
}

TEST(ScsSf, BandsAreReadAtTwoDecimals) {
  const Instrument& in = ShippedInstrument("scs-sf");
  // Item sums of 29, 30, 42 and 43 over twelve items.
  // Item contributions summing to `sum`: every item starts at 1 and takes up
  // to 4 more in form order; reversed items are answered 6 - contribution.
  auto with_sum = [&](int sum) {
    std::vector<int> v(12);
    int left = sum - 12;
    for (int i = 0; i < 12; ++i) {
      const int c = 1 + std::min(4, left);
      left -= c - 1;
      v[i] = in.items[i].reverse_keyed ? 6 - c : c;
    }
    return ScoreOf(ScoreValues(in, v), "total");
  };
  EXPECT_EQ(with_sum(29).value, 2.42);
  EXPECT_EQ(with_sum(29).band_label, "Low");
  EXPECT_EQ(with_sum(30).value, 2.5);
  EXPECT_EQ(with_sum(30).band_label, "Moderate");
  EXPECT_EQ(with_sum(42).value, 3.5);
  EXPECT_EQ(with_sum(42).band_label, "Moderate");
  EXPECT_EQ(with_sum(43).value, 3.58);
  EXPECT_EQ(with_sum(43).band_label, "High");
}

// ---------------------------------------------------------------------------
// CORE-10: sum of 10 items 0-4 with items 2 and 3 reverse keyed; with exactly
// one item missing, the mean of the other nine x 10 ("What's in a name (1):
// scoring CORE measures", CORE System Trust); with two or more, no total.

TEST(Core10, ItemsTwoAndThreeAreReverseKeyed) {
  EXPECT_EQ(TotalOf("core10", std::vector<int>(10, 0)), 8);   // items 2, 3 score 4 each
  EXPECT_EQ(TotalOf("core10", std::vector<int>(10, 4)), 32);  // items 2, 3 score 0
  // "Most or all of the time" on the two positive items only: no distress.
  EXPECT_EQ(TotalOf("core10", {0, 4, 4, 0, 0, 0, 0, 0, 0, 0}), 0);
  // "Not at all" on them only: 8, not 0.
  EXPECT_EQ(TotalOf("core10", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 8);
}

TEST(Core10, OneMissingItemIsProratedAsTheMeanOfNineTimesTen) {
  const Instrument& in = ShippedInstrument("core10");
  // Item 10 unanswered; the nine answered contribute 2 + 2 + 2 + 3 + 1 + 0 + 2 + 3 + 4 = 19.
  auto scores = ScoreValues(in, {2, 2, 2, 3, 1, 0, 2, 3, 4, -1});
  const ScoreValue& total = ScoreOf(scores, "total");
  EXPECT_EQ(total.value, 21.1);  // 19 / 9 * 10 = 21.11
  EXPECT_TRUE(total.prorated);
  EXPECT_EQ(total.items_answered, 9);
  EXPECT_EQ(total.band_label, "Moderate-to-severe psychological distress");
}

TEST(Core10, TwoMissingItemsAreAcceptedWithoutATotal) {
  const Instrument& in = ShippedInstrument("core10");
  auto normalized = NormalizeAnswers(in, Answers(in, {2, 2, 2, 3, 1, 0, 2, 3, -1, -1}));
  ASSERT_THAT(normalized, IsOk());
  const auto scores = Score(in, *normalized);
  const ScoreValue& total = ScoreOf(scores, "total");
  EXPECT_FALSE(total.value.has_value());
  EXPECT_EQ(total.items_answered, 8);
  EXPECT_EQ(total.band_label, "");
  EXPECT_FALSE(total.caseness.has_value());
}

TEST(Core10, AProratedScoreIsBandedAtOneDecimalAgainstTheCutOff) {
  const Instrument& in = ShippedInstrument("core10");
  // Nine items contributing 9 (a prorated 10.0) and 10 (11.1).
  auto low = ScoreOf(ScoreValues(in, {1, 4, 4, 1, 1, 0, 2, 2, 2, -1}), "total");
  EXPECT_EQ(low.value, 10.0);
  EXPECT_EQ(low.caseness, false);
  auto high = ScoreOf(ScoreValues(in, {1, 4, 4, 1, 1, 0, 2, 2, 3, -1}), "total");
  EXPECT_EQ(high.value, 11.1);
  EXPECT_EQ(high.caseness, true);
  EXPECT_EQ(high.band_label, "Mild psychological distress");
}

TEST(Core10, ItemSixAboveZeroIsRedWhateverTheTotal) {
  const Instrument& in = ShippedInstrument("core10");
  const std::vector<int> low = {0, 4, 4, 0, 0, 1, 0, 0, 0, 0};
  EXPECT_EQ(TotalOf("core10", low), 1);
  EXPECT_THAT(FiredKeys(in, low), ElementsAre("item6-red"));
  EXPECT_THAT(FiredKeys(in, {0, 4, 4, 0, 0, 0, 0, 0, 0, 0}), ElementsAre());
}

TEST(Core10, PrintedScoresOfItemsTwoAndThreeAreTurnedBackBeforeStoring) {
  const Instrument& in = ShippedInstrument("core10");
  ASSERT_EQ(in.paper_form.keyed_value, PaperValueMode::kPrintedScore);
  // Every "Not at all" box ticked: the form prints 0, except 4 for items 2 and 3.
  std::vector<AnswerValue> keyed;
  for (const Item& item : in.items) {
    keyed.push_back({.item_code = item.code, .keyed_value = item.number == 2 || item.number == 3 ? 4 : 0});
  }
  auto answers = AnswersFromPaper(in, keyed);
  ASSERT_THAT(answers, IsOk());
  for (const AnswerValue& a : *answers) EXPECT_EQ(a.value, 0) << a.item_code;
  EXPECT_EQ((*answers)[1].keyed_value, 4);
  auto normalized = NormalizeAnswers(in, *answers);
  ASSERT_THAT(normalized, IsOk());
  // Stored as 0 and reversed once in scoring: 8. Storing the printed 4 would give 0.
  EXPECT_EQ(ScoreOf(Score(in, *normalized), "total").value, 8);
  EXPECT_EQ(KeyedValueOfBox(in, in.items[1], 0), 4);
  EXPECT_EQ(KeyedValueOfBox(in, in.items[0], 0), 0);
}

// ---------------------------------------------------------------------------
// Definition-only instruments: hand-computed cases.

TEST(Fscrs, ThreeSubscalesTakeTheirOwnItems) {
  const Instrument& in = ShippedInstrument("fscrs");
  std::vector<int> v(22, 0);
  for (int n : {1, 2, 4, 6, 7, 14, 17, 18, 20}) v[n - 1] = 4;
  auto scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "inadequate_self").value, 36);
  EXPECT_EQ(ScoreOf(scores, "hated_self").value, 0);
  EXPECT_EQ(ScoreOf(scores, "reassured_self").value, 0);
  std::fill(v.begin(), v.end(), 0);
  for (int n : {9, 10, 12, 15, 22}) v[n - 1] = 3;
  for (int n : {3, 5, 8, 11, 13, 16, 19, 21}) v[n - 1] = 2;
  scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "inadequate_self").value, 0);
  EXPECT_EQ(ScoreOf(scores, "hated_self").value, 15);
  EXPECT_EQ(ScoreOf(scores, "reassured_self").value, 16);
}

TEST(Fscrs, ItemNineAtTwoOrMoreIsAmber) {
  const Instrument& in = ShippedInstrument("fscrs");
  std::vector<int> v(22, 0);
  v[8] = 1;
  EXPECT_THAT(FiredKeys(in, v), ElementsAre());
  v[8] = 2;
  EXPECT_THAT(FiredKeys(in, v), ElementsAre("item9-amber"));
}

TEST(FearsOfCompassion, EachScaleSumsItsItems) {
  EXPECT_EQ(TotalOf("focs-for-others", std::vector<int>(10, 4)), 40);
  EXPECT_EQ(TotalOf("focs-from-others", std::vector<int>(13, 4)), 52);
  EXPECT_EQ(TotalOf("focs-for-self", std::vector<int>(15, 2)), 30);
  EXPECT_EQ(ShippedInstrument("focs-for-self").items.size(), 15u);
}

TEST(Ceas, FillerItemsAreNotScoredAndMayBeLeftBlank) {
  for (const char* key : {"ceas-self", "ceas-to-others", "ceas-from-others"}) {
    const Instrument& in = ShippedInstrument(key);
    ASSERT_EQ(in.items.size(), 13u);
    // Section 1 items 1-8, section 2 items 1-5 (form order). 10 on the
    // fillers (section 1 items 3 and 7, section 2 item 3), 1 elsewhere.
    const std::vector<int> v = {1, 1, 10, 1, 1, 1, 10, 1, 1, 1, 10, 1, 1};
    auto scores = ScoreValues(in, v);
    EXPECT_EQ(ScoreOf(scores, "engagement").value, 6) << key;
    EXPECT_EQ(ScoreOf(scores, "action").value, 4) << key;
    const std::vector<int> blank_fillers = {7, 7, -1, 7, 7, 7, -1, 7, 9, 9, -1, 9, 9};
    scores = ScoreValues(in, blank_fillers);
    EXPECT_EQ(ScoreOf(scores, "engagement").value, 42) << key;
    EXPECT_EQ(ScoreOf(scores, "action").value, 36) << key;
  }
}

TEST(EcrRs, AvoidanceReversesItemsOneToFourAndAnxietyIsItemsSevenToNine) {
  const Instrument& in = ShippedInstrument("ecr-rs");
  ASSERT_EQ(in.items.size(), 36u);
  // Mother only: 7 on items 1-4, 1 on 5-6, 7 on 7-9; the other relationships left out.
  std::vector<int> v(36, -1);
  for (int i = 0; i < 4; ++i) v[i] = 7;
  v[4] = 1;
  v[5] = 1;
  for (int i = 6; i < 9; ++i) v[i] = 7;
  auto scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "mother_avoidance").value, 1.0);  // all six contribute 1
  EXPECT_EQ(ScoreOf(scores, "mother_anxiety").value, 7.0);
  EXPECT_FALSE(ScoreOf(scores, "father_avoidance").value.has_value());
  EXPECT_FALSE(ScoreOf(scores, "partner_anxiety").value.has_value());
  // Partner: 2 on items 1-9: avoidance (6 + 6 + 6 + 6 + 2 + 2) / 6 = 4.67.
  for (int i = 18; i < 27; ++i) v[i] = 2;
  scores = ScoreValues(in, v);
  EXPECT_EQ(ScoreOf(scores, "partner_avoidance").value, 4.67);
  EXPECT_EQ(ScoreOf(scores, "partner_anxiety").value, 2.0);
}

TEST(EcrRs, ARelationshipAnsweredInPartIsRefused) {
  const Instrument& in = ShippedInstrument("ecr-rs");
  std::vector<int> v(36, -1);
  for (int i = 0; i < 8; ++i) v[i] = 4;  // mother item 9 left out
  EXPECT_THAT(NormalizeAnswers(in, Answers(in, v)),
              StatusIs(absl::StatusCode::kInvalidArgument, "answers[8].value: is required"));
}

TEST(EcrR, FourteenReverseKeysInFraleysNumbering) {
  // 7 on every item: anxiety has two reversed items (9, 11), avoidance twelve
  // (20, 22, 26-31, 33-36). Any other key set gives different means.
  const auto scores = ScoreValues(ShippedInstrument("ecr-r"), std::vector<int>(36, 7));
  EXPECT_EQ(ScoreOf(scores, "anxiety").value, 6.33);    // (16 x 7 + 2 x 1) / 18
  EXPECT_EQ(ScoreOf(scores, "avoidance").value, 3.0);   // (6 x 7 + 12 x 1) / 18
  int reversed = 0;
  for (const Item& item : ShippedInstrument("ecr-r").items) reversed += item.reverse_keyed ? 1 : 0;
  EXPECT_EQ(reversed, 14);
}

TEST(EcrR, AnxietyIsItemsOneToEighteen) {
  std::vector<int> v(36, 1);
  for (int i = 0; i < 18; ++i) v[i] = 4;
  v[8] = 4;
  v[10] = 4;  // reversed: 4 stays 4
  const auto scores = ScoreValues(ShippedInstrument("ecr-r"), v);
  EXPECT_EQ(ScoreOf(scores, "anxiety").value, 4.0);
  // Avoidance: 1 on six forward items, 7 on twelve reversed: (6 + 84) / 18 = 5.
  EXPECT_EQ(ScoreOf(scores, "avoidance").value, 5.0);
}

}  // namespace
}  // namespace cft::measures
