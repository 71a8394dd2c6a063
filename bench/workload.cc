#include "bench/workload.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"

namespace cft::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Per-thread tallies, merged once the threads have stopped.
struct Tally {
  std::vector<int64_t> latencies_ns;
  int64_t ok_units = 0;
  std::map<std::string, int64_t> errors;
};

double Percentile(const std::vector<int64_t>& sorted_ns, double p) {
  if (sorted_ns.empty()) return 0;
  // Nearest rank: the smallest latency with at least p of the calls at or below it.
  size_t rank = static_cast<size_t>(p * static_cast<double>(sorted_ns.size()) + 0.999999);
  rank = std::clamp<size_t>(rank, 1, sorted_ns.size());
  return static_cast<double>(sorted_ns[rank - 1]) / 1e6;
}

}  // namespace

const Workload* Registry::Find(const std::string& name) const {
  for (const Workload& w : workloads_) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

double Result::units_per_second() const {
  const double s = absl::ToDoubleSeconds(window);
  return s > 0 ? static_cast<double>(ok_units) / s : 0;
}

double Result::calls_per_second() const {
  const double s = absl::ToDoubleSeconds(window);
  return s > 0 ? static_cast<double>(ok_calls) / s : 0;
}

absl::StatusOr<Result> RunWorkload(const Workload& w, const RunSettings& settings, const WindowHooks& hooks) {
  const int n = w.callers > 0 ? w.callers : settings.callers;
  std::vector<std::unique_ptr<Caller>> callers;
  callers.reserve(n);
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<std::unique_ptr<Caller>> c = w.make_caller(CallerSlot{.index = i, .callers = n});
    if (!c.ok()) {
      return absl::Status(c.status().code(),
                          absl::StrCat(w.name, ": caller ", i, ": ", c.status().message()));
    }
    callers.push_back(*std::move(c));
  }

  std::vector<Tally> tallies(n);
  absl::Barrier* start = new absl::Barrier(n + 1);
  Clock::time_point window_start;
  Clock::time_point window_end;
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      Caller& caller = *callers[i];
      Tally& tally = tallies[i];
      tally.latencies_ns.reserve(1 << 16);
      // The window is set by the main thread before it passes the barrier.
      if (start->Block()) delete start;
      while (true) {
        const Clock::time_point s = Clock::now();
        if (s >= window_end) break;
        CallOutcome out = caller.Call();
        const Clock::time_point e = Clock::now();
        if (s < window_start || e > window_end) continue;  // warm-up, or straddles the end
        if (out.error.empty()) {
          tally.latencies_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(e - s).count());
          tally.ok_units += out.units;
        } else {
          ++tally.errors[out.error];
        }
      }
    });
  }
  const Clock::time_point now = Clock::now();
  window_start = now + absl::ToChronoNanoseconds(settings.warmup);
  window_end = window_start + absl::ToChronoNanoseconds(settings.duration);
  if (start->Block()) delete start;
  std::this_thread::sleep_until(window_start);
  if (hooks.on_start) hooks.on_start();
  std::this_thread::sleep_until(window_end);
  if (hooks.on_end) hooks.on_end();
  for (std::thread& t : threads) t.join();

  Result r;
  r.workload = w.name;
  r.callers = n;
  r.window = settings.duration;
  std::vector<int64_t> all;
  for (Tally& t : tallies) {
    all.insert(all.end(), t.latencies_ns.begin(), t.latencies_ns.end());
    r.ok_units += t.ok_units;
    for (const auto& [code, count] : t.errors) {
      r.errors_by_code[code] += count;
      r.errors += count;
    }
  }
  r.ok_calls = static_cast<int64_t>(all.size());
  std::sort(all.begin(), all.end());
  r.p50_ms = Percentile(all, 0.50);
  r.p99_ms = Percentile(all, 0.99);
  r.latencies_ns = std::move(all);
  return r;
}

Result Merge(const std::vector<Result>& windows) {
  Result out;
  if (windows.empty()) return out;
  out.workload = windows[0].workload;
  out.phase = windows[0].phase;
  out.callers = windows[0].callers;
  out.window = absl::ZeroDuration();
  out.machine_cpu_seconds = 0;
  for (const Result& r : windows) {
    out.window += r.window;
    out.ok_calls += r.ok_calls;
    out.ok_units += r.ok_units;
    out.errors += r.errors;
    for (const auto& [code, n] : r.errors_by_code) out.errors_by_code[code] += n;
    out.latencies_ns.insert(out.latencies_ns.end(), r.latencies_ns.begin(), r.latencies_ns.end());
    out.cftd_peak_rss_kb = std::max(out.cftd_peak_rss_kb, r.cftd_peak_rss_kb);
    for (const auto& [name, s] : r.cpu_seconds) out.cpu_seconds[name] += s;
    for (const auto& [name, n] : r.db_counters) out.db_counters[name] += n;
    if (r.machine_cpu_seconds < 0 || out.machine_cpu_seconds < 0) {
      out.machine_cpu_seconds = -1;
    } else {
      out.machine_cpu_seconds += r.machine_cpu_seconds;
    }
  }
  std::sort(out.latencies_ns.begin(), out.latencies_ns.end());
  out.p50_ms = Percentile(out.latencies_ns, 0.50);
  out.p99_ms = Percentile(out.latencies_ns, 0.99);
  return out;
}

}  // namespace cft::bench
