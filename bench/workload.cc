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
  return r;
}

}  // namespace cft::bench
