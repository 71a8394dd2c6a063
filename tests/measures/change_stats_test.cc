// Change statistics against published figures: the Jacobson & Truax (1991)
// formulas with Kroenke et al.'s (2001) PHQ-9 norms, the MOTE package's
// published d_rm example, and Hedges & Olkin's exact correction J.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/measures/change_stats.h"
#include "tests/measures/shipped_instruments.h"

namespace cft::measures {
namespace {

using testing::ShippedInstrument;

const ScoreDef& Total(const char* key) { return *ShippedInstrument(key).FindScore("total"); }

// Kroenke, Spitzer & Williams 2001 (J Gen Intern Med 16:606-613): major
// depression mean 17.1 (SD 6.1), no depressive disorder mean 3.3 (SD 3.8),
// alpha .89.
const Norms kPhqClinical{.mean = 17.1, .sd = 6.1, .source = "Kroenke et al. 2001"};
const Norms kPhqFunctional{.mean = 3.3, .sd = 3.8, .source = "Kroenke et al. 2001"};

TEST(JacobsonTruax, StandardErrorOfTheDifferenceFromSdAndReliability) {
  // SE = 6.1 * sqrt(1 - .89) = 2.0231; S_diff = sqrt(2 SE^2) = 2.8612.
  EXPECT_NEAR(StandardError(6.1, 0.89), 2.0231, 1e-4);
  EXPECT_NEAR(StandardErrorOfDifference(6.1, 0.89), 2.8612, 1e-4);
  // The change needed at z = 1.96 is 5.61 points: consistent with the NHS
  // Talking Therapies threshold of 6 for the PHQ-9.
  ReliableChangeParams p{.method = ReliableChangeParams::Method::kJacobsonTruax, .sd = 6.1, .reliability = 0.89};
  EXPECT_NEAR(p.PointsNeeded(), 5.608, 1e-3);
  // RC = (post - pre) / S_diff.
  EXPECT_NEAR(ReliableChangeIndex(20, 14, 6.1, 0.89), -2.0970, 1e-4);
  EXPECT_NEAR(ReliableChangeIndex(20, 15, 6.1, 0.89), -1.7475, 1e-4);
}

TEST(JacobsonTruax, CutOffsABCFromPhq9Norms) {
  // a = M0 - 2 s0 = 17.1 - 12.2; b = M1 + 2 s1 = 3.3 + 7.6;
  // c = (s0 M1 + s1 M0) / (s0 + s1) = (6.1 x 3.3 + 3.8 x 17.1) / 9.9.
  EXPECT_NEAR(CutoffA(kPhqClinical, Polarity::kHigherIsWorse), 4.9, 1e-9);
  EXPECT_NEAR(CutoffB(kPhqFunctional, Polarity::kHigherIsWorse), 10.9, 1e-9);
  EXPECT_NEAR(CutoffC(kPhqClinical, kPhqFunctional), 8.5970, 1e-4);
  // When a higher score is healthier the signs flip.
  EXPECT_NEAR(CutoffA(Norms{.mean = 40, .sd = 10}, Polarity::kHigherIsBetter), 60, 1e-9);
  EXPECT_NEAR(CutoffB(Norms{.mean = 70, .sd = 8}, Polarity::kHigherIsBetter), 54, 1e-9);
}

TEST(JacobsonTruax, RecoveryCutOffIsCThenAThenCaseness) {
  ScoreDef s = Total("phq9");
  RecoveryCutoff r = RecoveryCutoffOf(s);
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(*r.value, 10);  // the shipped PHQ-9 uses caseness (NHS Talking Therapies)
  s.clinical_norms = kPhqClinical;
  EXPECT_NEAR(*RecoveryCutoffOf(s).value, 4.9, 1e-9);
  s.functional_norms = kPhqFunctional;
  EXPECT_NEAR(*RecoveryCutoffOf(s).value, 8.597, 1e-3);
  EXPECT_FALSE(RecoveryCutoffOf(*ShippedInstrument("fscrs").FindScore("hated_self")).value.has_value());
}

TEST(Classification, Phq9WithThePublishedThresholdOfSix) {
  const ScoreDef& s = Total("phq9");
  const ReliableChangeParams p = ParamsFor(s, std::nullopt);
  ASSERT_EQ(p.method, ReliableChangeParams::Method::kThreshold);
  EXPECT_EQ(p.PointsNeeded(), 6);
  EXPECT_EQ(AssessChange(s, p, 15, 9).classification, Classification::kRecovered);     // -6, 15 -> below 10
  EXPECT_EQ(AssessChange(s, p, 15, 10).classification, Classification::kUnchanged);    // -5
  EXPECT_EQ(AssessChange(s, p, 22, 12).classification, Classification::kImproved);     // -10, still a case
  EXPECT_EQ(AssessChange(s, p, 8, 2).classification, Classification::kImproved);       // not a case before
  EXPECT_EQ(AssessChange(s, p, 8, 15).classification, Classification::kDeteriorated);  // +7
  EXPECT_EQ(AssessChange(s, p, 8, 15).change, 7);
  EXPECT_FALSE(AssessChange(s, p, 8, 15).rci.has_value());
}

TEST(Classification, HigherIsBetterFlipsTheDirection) {
  const ScoreDef& s = Total("who5");
  const ReliableChangeParams p = ParamsFor(s, std::nullopt);
  EXPECT_EQ(AssessChange(s, p, 40, 56).classification, Classification::kRecovered);  // +16, out of 50 or less
  EXPECT_EQ(AssessChange(s, p, 40, 48).classification, Classification::kUnchanged);  // +8
  EXPECT_EQ(AssessChange(s, p, 60, 48).classification, Classification::kDeteriorated);
}

TEST(Classification, TheRciMethodComparesWithZ) {
  ScoreDef s = Total("phq9");
  s.reliable_change = ReliableChangeDef{.sd = 6.1, .reliability = 0.89,
                                        .reliability_type = ReliabilityType::kInternalConsistency, .source = "x"};
  const ReliableChangeParams p = ParamsFor(s, std::nullopt);
  ASSERT_EQ(p.method, ReliableChangeParams::Method::kJacobsonTruax);
  EXPECT_EQ(p.z, 1.96);
  const ChangeAssessment a = AssessChange(s, p, 20, 14);
  EXPECT_NEAR(*a.rci, -2.0970, 1e-4);
  EXPECT_EQ(a.classification, Classification::kImproved);
  EXPECT_EQ(AssessChange(s, p, 20, 15).classification, Classification::kUnchanged);
}

TEST(Classification, WithoutParametersNothingIsInventedUntilTheOrganisationSetsThem) {
  const ScoreDef& s = *ShippedInstrument("fscrs").FindScore("inadequate_self");
  ASSERT_TRUE(s.reliable_change.set_by_organisation);
  ReliableChangeParams none = ParamsFor(s, std::nullopt);
  EXPECT_EQ(none.method, ReliableChangeParams::Method::kNone);
  EXPECT_EQ(AssessChange(s, none, 30, 10).classification, Classification::kNotAvailable);
  const OrgReliableChange org{.sd = 7.5, .reliability = 0.9, .reliability_type = ReliabilityType::kInternalConsistency,
                              .source = "Local service data 2025"};
  ReliableChangeParams set = ParamsFor(s, org);
  EXPECT_EQ(set.method, ReliableChangeParams::Method::kJacobsonTruax);
  EXPECT_TRUE(set.set_by_organisation);
  // 1.96 x sqrt(2) x 7.5 x sqrt(.1) = 6.57 points.
  EXPECT_NEAR(set.PointsNeeded(), 6.574, 1e-3);
  EXPECT_EQ(AssessChange(s, set, 30, 23).classification, Classification::kImproved);
  EXPECT_EQ(AssessChange(s, set, 30, 24).classification, Classification::kUnchanged);
  // A published threshold is never overridden by the organisation.
  EXPECT_EQ(ParamsFor(Total("phq9"), org).method, ReliableChangeParams::Method::kThreshold);
}

TEST(HedgesJ, ExactValuesOfHedgesAndOlkin) {
  // J(m) = Γ(m/2) / (sqrt(m/2) Γ((m-1)/2)); Hedges & Olkin (1985), Statistical
  // Methods for Meta-Analysis, Table 2 of chapter 5: J(2) = .5642, J(9) = .9139.
  EXPECT_NEAR(HedgesJ(2), 0.5642, 1e-4);
  EXPECT_NEAR(HedgesJ(9), 0.9139, 1e-4);
  // Close to the usual approximation 1 - 3 / (4 m - 1) for larger m.
  EXPECT_NEAR(HedgesJ(40), 1 - 3.0 / 159, 1e-4);
}

TEST(EffectSizes, DrmMatchesMotesPublishedExample) {
  // MOTE (Buchanan et al.), d.dep.t.rm example: seven people's belief in the
  // supernatural before (M 5.571, SD 1.988) and after (M 4.429, SD 2.878) a
  // film, r = .678: d_rm = 0.43.
  const PrePostSummary s = EffectSizes(7, 5.571, 1.988, 4.429, 2.878, 0.678, Polarity::kHigherIsWorse);
  EXPECT_NEAR(*s.d_rm, 0.43, 0.005);
  // From the same figures: d_av = 1.142 / ((1.988 + 2.878) / 2) = 0.469, and
  // Hedges' g = J(6) x d with J(6) = 0.8686.
  EXPECT_NEAR(*s.d_av, 0.4694, 1e-4);
  EXPECT_NEAR(*s.g_rm, 0.8686 * *s.d_rm, 1e-4);
  EXPECT_NEAR(*s.g_av, 0.8686 * 0.4694, 1e-4);
  EXPECT_NEAR(*s.s_diff, 2.1159, 1e-4);
}

TEST(EffectSizes, FromRawPairsHandComputed) {
  // Pre 20, 15, 18, 22, 12; post 10, 12, 9, 15, 11 (higher is worse).
  // Means 17.4 and 11.4; SDs 3.9749 and 2.3022; r = .3333; improvement 6.
  const PrePostSummary s =
      SummarizePrePost({{20, 10}, {15, 12}, {18, 9}, {22, 15}, {12, 11}}, Polarity::kHigherIsWorse);
  EXPECT_EQ(s.n, 5);
  EXPECT_NEAR(*s.pre_mean, 17.4, 1e-9);
  EXPECT_NEAR(*s.post_mean, 11.4, 1e-9);
  EXPECT_NEAR(*s.pre_sd, 3.9749, 1e-4);
  EXPECT_NEAR(*s.post_sd, 2.3022, 1e-4);
  EXPECT_NEAR(*s.r, 0.3333, 1e-4);
  EXPECT_NEAR(*s.mean_improvement, 6, 1e-9);
  EXPECT_NEAR(*s.d_av, 6 / ((3.9749 + 2.3022) / 2), 1e-3);
  // Improvement is positive when a higher score is healthier too.
  const PrePostSummary flipped =
      SummarizePrePost({{10, 20}, {12, 15}, {9, 18}, {15, 22}, {11, 12}}, Polarity::kHigherIsBetter);
  EXPECT_NEAR(*flipped.mean_improvement, 6, 1e-9);
  EXPECT_GT(*flipped.d_av, 0);
}

TEST(EffectSizes, TooFewForSdsOrR) {
  const PrePostSummary one = SummarizePrePost({{10, 5}}, Polarity::kHigherIsWorse);
  EXPECT_EQ(one.n, 1);
  EXPECT_FALSE(one.pre_sd.has_value());
  EXPECT_FALSE(one.d_av.has_value());
  const PrePostSummary two = SummarizePrePost({{10, 5}, {12, 8}}, Polarity::kHigherIsWorse);
  EXPECT_TRUE(two.d_av.has_value());
  EXPECT_FALSE(two.r.has_value());
  EXPECT_FALSE(two.g_av.has_value());  // J needs df >= 2
}

}  // namespace
}  // namespace cft::measures
