// Change statistics as pure functions: the Jacobson & Truax (1991) reliable
// change index and clinical-significance cut-offs, published raw-point
// thresholds, the classification of one person's change, and a cohort's
// within-group pre-post effect sizes with Hedges' correction. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/measures/measure_types.h"

namespace cft::measures {

inline constexpr double kDefaultZ = 1.96;

// The reliable-change parameters in force for one score: the definition's
// published threshold or Jacobson & Truax inputs, else the organisation's.
struct ReliableChangeParams {
  enum class Method { kNone, kThreshold, kJacobsonTruax };
  Method method = Method::kNone;
  double threshold = 0;
  double sd = 0;
  double reliability = 0;
  ReliabilityType reliability_type = ReliabilityType::kUnspecified;
  double z = kDefaultZ;
  std::string source;
  bool set_by_organisation = false;

  // Points of change that count as reliable: the threshold, or z * S_diff.
  double PointsNeeded() const;
  // The method in words, with its figures and source.
  std::string Describe() const;
};

// The definition's parameters when it has any; otherwise `org`'s, when the
// definition leaves them to the organisation. Never invents them.
ReliableChangeParams ParamsFor(const ScoreDef& score, const std::optional<OrgReliableChange>& org);

// Jacobson & Truax: SE = SD * sqrt(1 - r); S_diff = sqrt(2 * SE^2);
// RC = (post - pre) / S_diff.
double StandardError(double sd, double reliability);
double StandardErrorOfDifference(double sd, double reliability);
double ReliableChangeIndex(double pre, double post, double sd, double reliability);

// Jacobson & Truax cut-offs, 0 = clinical and 1 = functional population, with
// the signs flipped when a higher score is healthier:
//   a = M0 - 2 s0 (beyond the clinical range), b = M1 + 2 s1 (within the
//   functional range), c = (s0 M1 + s1 M0) / (s0 + s1).
double CutoffA(const Norms& clinical, Polarity polarity);
double CutoffB(const Norms& functional, Polarity polarity);
double CutoffC(const Norms& clinical, const Norms& functional);

// The cut-off "recovered" is judged against: c when both populations' norms
// are in the definition, a when only the clinical one is, else the caseness
// cut-off; nullopt when there is none.
struct RecoveryCutoff {
  std::optional<double> value;
  std::string method;
};
RecoveryCutoff RecoveryCutoffOf(const ScoreDef& score);

struct ChangeAssessment {
  double change = 0;           // post - pre
  std::optional<double> rci;   // Jacobson & Truax only
  bool reliable = false;
  Classification classification = Classification::kNotAvailable;
};

// Recovered: reliable improvement from at or beyond the recovery cut-off to
// the healthy side of it; improved: reliable improvement otherwise;
// deteriorated: reliable worsening; unchanged: neither; not available
// without parameters.
ChangeAssessment AssessChange(const ScoreDef& score, const ReliableChangeParams& params, double pre, double post);

double Mean(const std::vector<double>& xs);
// Sample SD (n - 1); nullopt below two values.
std::optional<double> SampleSd(const std::vector<double>& xs);
// Pearson's r; nullopt below three pairs or without variance.
std::optional<double> Pearson(const std::vector<double>& xs, const std::vector<double>& ys);

// Hedges' exact small-sample correction J(df) = Γ(df/2) / (sqrt(df/2) Γ((df-1)/2)).
// Defined for df >= 2.
double HedgesJ(int df);

// A cohort's within-group pre-post summary of one score. Improvement is
// positive whatever the polarity.
struct PrePostSummary {
  int n = 0;
  std::optional<double> pre_mean, pre_sd, post_mean, post_sd, r;
  std::optional<double> mean_improvement;
  std::optional<double> s_diff;  // sqrt(SD1^2 + SD2^2 - 2 r SD1 SD2)
  std::optional<double> d_z, d_av, d_rm;
  std::optional<double> g_av, g_rm;  // J(n - 1) * d
};
PrePostSummary SummarizePrePost(const std::vector<std::pair<double, double>>& pre_post, Polarity polarity);

// The same effect sizes from summary statistics (as papers report them).
PrePostSummary EffectSizes(int n, double pre_mean, double pre_sd, double post_mean, double post_sd, double r,
                           Polarity polarity);

}  // namespace cft::measures
