// The benchmark's unit: a workload is a named way of making one call (a
// request builder bound to one caller's channel, token and targets), the
// ceiling it is compared to, and the ratio it should reach. The runner drives
// N callers of a workload for a warm-up and a fixed window; anything that is
// not OK is counted as an error, never as throughput.
//
// To add a workload (a later issue's RPC), write a Caller for it and one
// Registry::Add call in its own Register...() function (see cftd_workloads.cc);
// bench_main.cc lists the Register functions.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cft::bench {

// What one call did. `error` is empty for success, otherwise a short code
// ("UNAVAILABLE", "mysql 1213") that the report tallies.
struct CallOutcome {
  std::string error;
  // What the throughput counts: 1 for a unary call; rows for a streaming one.
  int64_t units = 1;
};

// One caller: a thread calls Call() in a loop. Owned and used by that thread
// only, so implementations need no locking.
class Caller {
 public:
  virtual ~Caller() = default;
  virtual CallOutcome Call() = 0;
};

// Which caller is being made: the runner makes `callers` of them before the
// clock starts, so connection set-up is never measured.
struct CallerSlot {
  int index = 0;
  int callers = 0;
};

enum class Side {
  kCeiling,  // what this machine can do at best (bare gRPC, raw SQL)
  kCftd,     // a cftd RPC
};

struct Workload {
  std::string name;
  Side side = Side::kCftd;
  // The workload it is compared to (by name), and the share of the ceiling's
  // throughput it should reach (0: no target).
  std::string ceiling;
  double target_ratio = 0;
  // The p99 latency it should stay under, in milliseconds (0: no target).
  double target_p99_ms = 0;
  // What a unit of throughput is ("calls", "rows").
  std::string unit = "calls";
  // Concurrent callers; 0 means the run's default.
  int callers = 0;
  // Measured again once the database holds the large data set.
  bool at_scale = false;
  // The shortest measured window that counts several of its calls: only
  // calls that start and end inside the window count, so a workload whose
  // one call outlasts the run's window needs a longer one.
  absl::Duration min_window = absl::ZeroDuration();
  std::function<absl::StatusOr<std::unique_ptr<Caller>>(const CallerSlot&)> make_caller;
};

// The workloads of a run, in the order they are measured.
class Registry {
 public:
  void Add(Workload w) { workloads_.push_back(std::move(w)); }
  const std::vector<Workload>& workloads() const { return workloads_; }
  const Workload* Find(const std::string& name) const;

 private:
  std::vector<Workload> workloads_;
};

struct RunSettings {
  int callers = 32;
  absl::Duration warmup = absl::Seconds(2);
  absl::Duration duration = absl::Seconds(8);
};

// Called on the runner's own thread as the measured window opens and closes
// (to sample CPU time, start a profiler); either may be empty.
struct WindowHooks {
  std::function<void()> on_start;
  std::function<void()> on_end;
};

// One measurement of one workload.
struct Result {
  std::string workload;
  std::string phase;
  int callers = 0;
  absl::Duration window;
  int64_t ok_calls = 0;
  int64_t ok_units = 0;
  int64_t errors = 0;
  std::map<std::string, int64_t> errors_by_code;
  // Of successful calls only; the sorted latencies they come from.
  double p50_ms = 0;
  double p99_ms = 0;
  std::vector<int64_t> latencies_ns;
  // cftd's peak resident set during this workload; -1 when not measured.
  int64_t cftd_peak_rss_kb = -1;
  // CPU time spent in the window by each process watched ("load client",
  // "cftd", "MariaDB", ...), in seconds.
  std::map<std::string, double> cpu_seconds;
  // CPU time used on the whole machine in the window (all processes); -1 if unknown.
  double machine_cpu_seconds = -1;
  // Growth of the database server's status counters over the window.
  std::map<std::string, int64_t> db_counters;

  double units_per_second() const;
  double calls_per_second() const;
};

// Runs `w` with its callers in parallel: every caller calls for the warm-up,
// then calls whose start and end both fall inside the window are counted.
// Fails only if a caller cannot be made.
// One result from several windows of the same workload: counts, CPU and
// counters add up, percentiles come from all the windows' calls together.
Result Merge(const std::vector<Result>& windows);

absl::StatusOr<Result> RunWorkload(const Workload& w, const RunSettings& settings, const WindowHooks& hooks = {});

}  // namespace cft::bench
