// The plain-text report: the workloads against their ceilings, the scale
// comparison, where the CPU goes, what each call asks of MariaDB, and cftd's
// memory.
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

// One read RPC measured in alternating rounds against the small and the large
// database, each side merged over its rounds.
struct ScaleRow {
  Result small;
  Result large;
};

struct Report {
  RunSettings settings;
  int channels = 0;
  Phase base;
  // Empty rows when the scale comparison was not run.
  std::string small_name;
  std::string large_name;
  DataCounts small_data;
  DataCounts large_data;
  int scale_rounds = 0;
  absl::Duration scale_window;
  std::vector<ScaleRow> scale;
  // The largest ratio of per-call cost at the large size to the small size.
  double scale_target = 1.2;
  // Over the whole run (set-up and bulk seed included); -1 if unknown.
  int64_t cftd_peak_rss_kb = -1;
  int64_t cftd_scale_peak_rss_kb = -1;
};

std::string FormatReport(const Registry& registry, const Report& report);

}  // namespace cft::bench
