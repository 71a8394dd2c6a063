// The plain-text report: one table of the workloads against their ceilings,
// the scale comparison, and cftd's memory.
#pragma once

#include <string>
#include <vector>

#include "bench/bulk_seed.h"
#include "bench/workload.h"

namespace cft::bench {

struct Phase {
  std::string name;  // "10 cohorts"
  DataCounts data;
  std::vector<Result> results;
};

struct Report {
  RunSettings settings;
  int channels = 0;
  Phase base;
  // Empty results when the scale phase was not run.
  Phase scale;
  // Over the whole run (set-up and bulk seed included); -1 if unknown.
  int64_t cftd_peak_rss_kb = -1;
  // The largest ratio of per-call cost at scale to per-call cost at base.
  double scale_target = 1.2;
};

std::string FormatReport(const Registry& registry, const Report& report);

}  // namespace cft::bench
