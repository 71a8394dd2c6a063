#include "services/measures/change_stats.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/measures/scoring.h"

namespace cft::measures {
namespace {

constexpr double kEpsilon = 1e-9;

absl::string_view ReliabilityWord(ReliabilityType t) {
  switch (t) {
    case ReliabilityType::kInternalConsistency:
      return "internal consistency";
    case ReliabilityType::kTestRetest:
      return "test-retest";
    case ReliabilityType::kUnspecified:
      break;
  }
  return "reliability";
}

std::string Number(double v) { return absl::StrFormat("%g", v); }

}  // namespace

double ReliableChangeParams::PointsNeeded() const {
  switch (method) {
    case Method::kThreshold:
      return threshold;
    case Method::kJacobsonTruax:
      return z * StandardErrorOfDifference(sd, reliability);
    case Method::kNone:
      break;
  }
  return 0;
}

std::string ReliableChangeParams::Describe() const {
  switch (method) {
    case Method::kThreshold:
      return absl::StrCat("Published threshold: a change of ", Number(threshold), " points or more (", source, ")");
    case Method::kJacobsonTruax:
      return absl::StrCat("Jacobson & Truax reliable change index: SD ", Number(sd), ", ",
                          ReliabilityWord(reliability_type), " ", Number(reliability), ", |RC| > ", Number(z),
                          " (", absl::StrFormat("%.2f", PointsNeeded()), " points); ",
                          set_by_organisation ? "set by the organisation from " : "", source);
    case Method::kNone:
      break;
  }
  return "No reliable-change parameters are published for this score; an organisation admin can set SD, "
         "reliability and their source.";
}

ReliableChangeParams ParamsFor(const ScoreDef& score, const std::optional<OrgReliableChange>& org) {
  const ReliableChangeDef& def = score.reliable_change;
  ReliableChangeParams p;
  if (def.threshold) {
    p.method = ReliableChangeParams::Method::kThreshold;
    p.threshold = *def.threshold;
    p.source = def.source;
    return p;
  }
  if (def.sd && def.reliability) {
    p.method = ReliableChangeParams::Method::kJacobsonTruax;
    p.sd = *def.sd;
    p.reliability = *def.reliability;
    p.reliability_type = def.reliability_type;
    p.z = def.z > 0 ? def.z : kDefaultZ;
    p.source = def.source;
    return p;
  }
  if (def.set_by_organisation && org) {
    p.method = ReliableChangeParams::Method::kJacobsonTruax;
    p.sd = org->sd;
    p.reliability = org->reliability;
    p.reliability_type = org->reliability_type;
    p.z = org->z > 0 ? org->z : kDefaultZ;
    p.source = org->source;
    p.set_by_organisation = true;
  }
  return p;
}

double StandardError(double sd, double reliability) { return sd * std::sqrt(1 - reliability); }

double StandardErrorOfDifference(double sd, double reliability) {
  const double se = StandardError(sd, reliability);
  return std::sqrt(2 * se * se);
}

double ReliableChangeIndex(double pre, double post, double sd, double reliability) {
  return (post - pre) / StandardErrorOfDifference(sd, reliability);
}

double CutoffA(const Norms& clinical, Polarity polarity) {
  return polarity == Polarity::kHigherIsBetter ? clinical.mean + 2 * clinical.sd : clinical.mean - 2 * clinical.sd;
}

double CutoffB(const Norms& functional, Polarity polarity) {
  return polarity == Polarity::kHigherIsBetter ? functional.mean - 2 * functional.sd
                                               : functional.mean + 2 * functional.sd;
}

double CutoffC(const Norms& clinical, const Norms& functional) {
  return (clinical.sd * functional.mean + functional.sd * clinical.mean) / (clinical.sd + functional.sd);
}

RecoveryCutoff RecoveryCutoffOf(const ScoreDef& score) {
  if (score.clinical_norms && score.functional_norms) {
    const double c = CutoffC(*score.clinical_norms, *score.functional_norms);
    return {c, absl::StrCat("Jacobson & Truax cut-off c (", absl::StrFormat("%.2f", c), ") from clinical norms (",
                            score.clinical_norms->source, ") and functional norms (", score.functional_norms->source,
                            ")")};
  }
  if (score.clinical_norms) {
    const double a = CutoffA(*score.clinical_norms, score.polarity);
    return {a, absl::StrCat("Jacobson & Truax cut-off a (", absl::StrFormat("%.2f", a), ") from clinical norms (",
                            score.clinical_norms->source, ")")};
  }
  if (score.caseness_cutoff) {
    return {*score.caseness_cutoff, absl::StrCat("Caseness cut-off ", Number(*score.caseness_cutoff), " (",
                                                 score.caseness_source, ")")};
  }
  return {std::nullopt, "No clinical cut-off: change is classified as improved, unchanged or deteriorated only."};
}

ChangeAssessment AssessChange(const ScoreDef& score, const ReliableChangeParams& params, double pre, double post) {
  ChangeAssessment a;
  a.change = post - pre;
  switch (params.method) {
    case ReliableChangeParams::Method::kNone:
      a.classification = Classification::kNotAvailable;
      return a;
    case ReliableChangeParams::Method::kThreshold:
      a.reliable = std::fabs(a.change) >= params.threshold - kEpsilon;
      break;
    case ReliableChangeParams::Method::kJacobsonTruax:
      a.rci = ReliableChangeIndex(pre, post, params.sd, params.reliability);
      a.reliable = std::fabs(*a.rci) > params.z;
      break;
  }
  const double improvement = score.polarity == Polarity::kHigherIsBetter ? a.change : -a.change;
  if (!a.reliable || improvement == 0) {
    a.classification = Classification::kUnchanged;
  } else if (improvement < 0) {
    a.classification = Classification::kDeteriorated;
  } else {
    const RecoveryCutoff cutoff = RecoveryCutoffOf(score);
    const bool crossed = cutoff.value && AtOrBeyond(score.polarity, pre, *cutoff.value) &&
                         !AtOrBeyond(score.polarity, post, *cutoff.value);
    a.classification = crossed ? Classification::kRecovered : Classification::kImproved;
  }
  return a;
}

double Mean(const std::vector<double>& xs) {
  if (xs.empty()) return 0;
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

std::optional<double> SampleSd(const std::vector<double>& xs) {
  if (xs.size() < 2) return std::nullopt;
  const double m = Mean(xs);
  double ss = 0;
  for (double x : xs) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

std::optional<double> Pearson(const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.size() != ys.size() || xs.size() < 3) return std::nullopt;
  const double mx = Mean(xs);
  const double my = Mean(ys);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

double HedgesJ(int df) {
  const double h = df / 2.0;
  return std::exp(std::lgamma(h) - std::lgamma(h - 0.5)) / std::sqrt(h);
}

namespace {

// Fills the effect sizes of `s` from its means, SDs and r.
void AddEffectSizes(PrePostSummary& s) {
  if (s.pre_sd && s.post_sd && *s.pre_sd + *s.post_sd > 0) {
    s.d_av = *s.mean_improvement / ((*s.pre_sd + *s.post_sd) / 2);
  }
  if (s.pre_sd && s.post_sd && s.r) {
    const double var = *s.pre_sd * *s.pre_sd + *s.post_sd * *s.post_sd - 2 * *s.r * *s.pre_sd * *s.post_sd;
    if (var > 0) {
      s.s_diff = std::sqrt(var);
      s.d_z = *s.mean_improvement / *s.s_diff;
      s.d_rm = *s.d_z * std::sqrt(2 * (1 - *s.r));
    }
  }
  if (s.n >= 3) {
    const double j = HedgesJ(s.n - 1);
    if (s.d_av) s.g_av = j * *s.d_av;
    if (s.d_rm) s.g_rm = j * *s.d_rm;
  }
}

double Improvement(Polarity polarity, double pre, double post) {
  return polarity == Polarity::kHigherIsBetter ? post - pre : pre - post;
}

}  // namespace

PrePostSummary SummarizePrePost(const std::vector<std::pair<double, double>>& pre_post, Polarity polarity) {
  PrePostSummary s;
  s.n = static_cast<int>(pre_post.size());
  if (s.n == 0) return s;
  std::vector<double> pre, post;
  for (const auto& [a, b] : pre_post) {
    pre.push_back(a);
    post.push_back(b);
  }
  s.pre_mean = Mean(pre);
  s.post_mean = Mean(post);
  s.mean_improvement = Improvement(polarity, *s.pre_mean, *s.post_mean);
  s.pre_sd = SampleSd(pre);
  s.post_sd = SampleSd(post);
  s.r = Pearson(pre, post);
  AddEffectSizes(s);
  return s;
}

PrePostSummary EffectSizes(int n, double pre_mean, double pre_sd, double post_mean, double post_sd, double r,
                           Polarity polarity) {
  PrePostSummary s;
  s.n = n;
  s.pre_mean = pre_mean;
  s.post_mean = post_mean;
  s.pre_sd = pre_sd;
  s.post_sd = post_sd;
  s.r = r;
  s.mean_improvement = Improvement(polarity, pre_mean, post_mean);
  AddEffectSizes(s);
  return s;
}

}  // namespace cft::measures
