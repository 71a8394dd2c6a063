#include "bench/report.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace cft::bench {
namespace {

const Result* FindResult(const Phase& phase, const std::string& workload) {
  for (const Result& r : phase.results) {
    if (r.workload == workload) return &r;
  }
  return nullptr;
}

// A table whose columns are as wide as their widest cell; the first column
// left-aligned, the rest right-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string Render() const {
    std::vector<size_t> width(rows_[0].size(), 0);
    for (const auto& row : rows_) {
      for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    }
    std::string out;
    for (size_t r = 0; r < rows_.size(); ++r) {
      std::string line;
      for (size_t i = 0; i < rows_[r].size(); ++i) {
        const std::string& cell = rows_[r][i];
        const std::string pad(width[i] - cell.size(), ' ');
        absl::StrAppend(&line, i == 0 ? "" : "  ", i == 0 ? cell + pad : pad + cell);
      }
      absl::StrAppend(&out, line, "\n");
      if (r == 0) {
        size_t total = 0;
        for (size_t w : width) total += w;
        absl::StrAppend(&out, std::string(total + 2 * (width.size() - 1), '-'), "\n");
      }
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

std::string Rate(double v) { return absl::StrFormat("%.0f", v); }
std::string Ms(double v) { return absl::StrFormat("%.2f", v); }
std::string Mib(int64_t kb) { return kb < 0 ? "-" : absl::StrFormat("%.0f", static_cast<double>(kb) / 1024.0); }

std::string DataLine(const Phase& p) {
  return absl::StrFormat(
      "%s: %d cohorts, %d sessions, %d participants (enrolments), %d accounts, %d attendance rows, "
      "%d audit rows",
      p.name, p.data.cohorts, p.data.sessions, p.data.participants, p.data.users, p.data.attendance,
      p.data.audit_rows);
}

// CPU time per successful unit in each watched process, and how many of the
// machine's cores were busy in all of them together.
// Above this many cores taken by other processes, a window's rates say more
// about the machine's other tenants than about cftd.
constexpr double kOthersWarning = 0.15;

void AppendCpuTable(const std::vector<const Phase*>& phases, std::string& out, int* disturbed) {
  std::vector<std::string> processes;
  for (const Phase* p : phases) {
    for (const Result& r : p->results) {
      for (const auto& [name, seconds] : r.cpu_seconds) {
        if (std::find(processes.begin(), processes.end(), name) == processes.end()) processes.push_back(name);
      }
    }
  }
  if (processes.empty()) return;
  std::vector<std::string> header = {"workload"};
  for (const std::string& p : processes) header.push_back(absl::StrCat(p, " us"));
  header.insert(header.end(), {"total us", "cores busy", "others' cores"});
  Table table(header);
  for (const Phase* p : phases) {
    for (const Result& r : p->results) {
      std::vector<std::string> row = {phases.size() > 1 ? absl::StrCat(r.workload, " @", p->name) : r.workload};
      double total = 0;
      for (const std::string& name : processes) {
        auto it = r.cpu_seconds.find(name);
        if (it == r.cpu_seconds.end() || r.ok_units == 0) {
          row.push_back("-");
          continue;
        }
        total += it->second;
        row.push_back(absl::StrFormat("%.0f", it->second * 1e6 / static_cast<double>(r.ok_units)));
      }
      row.push_back(r.ok_units > 0 ? absl::StrFormat("%.0f", total * 1e6 / static_cast<double>(r.ok_units)) : "-");
      row.push_back(absl::StrFormat("%.2f", total / absl::ToDoubleSeconds(r.window)));
      // Whatever else ran on the machine (kernel threads, other people's work).
      const double others = r.machine_cpu_seconds >= 0 ? std::max(0.0, r.machine_cpu_seconds - total) : -1;
      row.push_back(others >= 0 ? absl::StrFormat("%.2f", others / absl::ToDoubleSeconds(r.window)) : "-");
      if (others / absl::ToDoubleSeconds(r.window) > kOthersWarning) ++*disturbed;
      table.Add(std::move(row));
    }
  }
  absl::StrAppend(&out, "\nWhere the CPU goes: CPU time per successful call in each process during the window "
                        "(us; from /proc/PID/stat, 10 ms ticks); cores busy = the benchmark's processes, others' "
                        "cores = everything else on the machine (/proc/stat)\n\n", table.Render());
}

// What each call asked of the database server, from its global counters.
void AppendDbTable(const std::vector<const Phase*>& phases, std::string& out) {
  struct Column {
    const char* title;
    std::vector<const char*> counters;
  };
  const Column columns[] = {
      {"statements", {"Questions"}},
      {"prepares", {"Com_stmt_prepare"}},
      {"commits", {"Com_commit"}},
      {"disk tmp tables", {"Created_tmp_disk_tables"}},
      {"fsyncs", {"Innodb_data_fsyncs"}},
      {"rows read", {"Handler_read_key", "Handler_read_next", "Handler_read_rnd_next"}},
  };
  std::vector<std::string> header = {"workload"};
  for (const Column& c : columns) header.push_back(c.title);
  Table table(header);
  bool any = false;
  for (const Phase* p : phases) {
    for (const Result& r : p->results) {
      if (r.db_counters.empty() || r.ok_calls == 0) continue;
      any = true;
      std::vector<std::string> row = {phases.size() > 1 ? absl::StrCat(r.workload, " @", p->name) : r.workload};
      for (const Column& c : columns) {
        int64_t sum = 0;
        for (const char* name : c.counters) {
          auto it = r.db_counters.find(name);
          if (it != r.db_counters.end()) sum += it->second;
        }
        row.push_back(absl::StrFormat("%.1f", static_cast<double>(sum) / static_cast<double>(r.ok_calls)));
      }
      table.Add(std::move(row));
    }
  }
  if (!any) return;
  absl::StrAppend(&out, "\nWhat each call asks of MariaDB: server counters (SHOW GLOBAL STATUS) over the window, "
                        "per successful call\n\n", table.Render());
}

}  // namespace

std::string FormatReport(const Registry& registry, const Report& report) {
  std::string out;
  absl::StrAppendFormat(&out, "%d callers over %d TLS channels (one TCP connection each); %s warm-up, %s measured per workload\n",
                        report.settings.callers, report.channels, absl::FormatDuration(report.settings.warmup),
                        absl::FormatDuration(report.settings.duration));
  absl::StrAppend(&out, DataLine(report.base), "\n\n");

  Table table({"workload", "calls/s", "p50 ms", "p99 ms", "errors", "ceiling", "ratio", "target", "met?",
               "cftd peak RSS MiB"});
  std::vector<std::string> error_notes;
  for (const Result& r : report.base.results) {
    const Workload* w = registry.Find(r.workload);
    const std::string name = w && w->unit != "calls" ? absl::StrCat(r.workload, " (", w->unit, "/s)") : r.workload;
    std::string ceiling = "-";
    std::string ratio = "-";
    std::string target = "-";
    std::string met = "-";
    if (w != nullptr && !w->ceiling.empty()) {
      ceiling = w->ceiling;
      if (const Result* c = FindResult(report.base, w->ceiling); c != nullptr && c->units_per_second() > 0) {
        const double x = r.units_per_second() / c->units_per_second();
        ratio = absl::StrFormat("%.2f", x);
        if (w->target_ratio > 0) {
          target = absl::StrFormat(">= %.2f", w->target_ratio);
          met = x >= w->target_ratio ? "yes" : "NO";
        }
      }
    }
    table.Add({name, Rate(r.units_per_second()), Ms(r.p50_ms), Ms(r.p99_ms), absl::StrCat(r.errors), ceiling, ratio,
               target, met, Mib(r.cftd_peak_rss_kb)});
    if (r.errors > 0) {
      std::vector<std::string> parts;
      for (const auto& [code, n] : r.errors_by_code) parts.push_back(absl::StrCat(code, " x", n));
      error_notes.push_back(absl::StrCat(r.workload, " (", report.base.name, "): ", absl::StrJoin(parts, ", ")));
    }
  }
  absl::StrAppend(&out, table.Render());

  if (!report.scale.results.empty()) {
    absl::StrAppend(
        &out, "\nScale: the read RPCs again once the database holds the large data set\n", DataLine(report.scale),
        "\ncost ratio = (calls/s at ", report.base.name, ") / (calls/s at ", report.scale.name,
        "): above 1, each call costs more. A shared machine's speed drifts between the two phases; a ceiling "
        "measured in both (it never touches the database) shows by how much, and the corrected ratio divides "
        "that drift out. The target applies to the corrected ratio.\n\n");
    Table scale({"workload", absl::StrCat("calls/s @", report.base.name), absl::StrCat("p50 ms @", report.base.name),
                 absl::StrCat("calls/s @", report.scale.name), absl::StrCat("p50 ms @", report.scale.name),
                 "errors", "cost ratio", "corrected", "target", "met?", "cftd peak RSS MiB"});
    auto cost_ratio = [&](const std::string& name) -> std::optional<double> {
      const Result* small = FindResult(report.base, name);
      const Result* big = FindResult(report.scale, name);
      if (small == nullptr || big == nullptr || big->units_per_second() <= 0) return std::nullopt;
      return small->units_per_second() / big->units_per_second();
    };
    for (const Result& big : report.scale.results) {
      const Result* small = FindResult(report.base, big.workload);
      if (small == nullptr) continue;
      const Workload* w = registry.Find(big.workload);
      const std::optional<double> raw = cost_ratio(big.workload);
      std::optional<double> drift;
      if (w != nullptr && !w->ceiling.empty()) drift = cost_ratio(w->ceiling);
      std::string corrected = "-";
      std::string target = "-";
      std::string met = "-";
      if (raw && w != nullptr && w->side == Side::kCftd) {
        const double judged = drift ? *raw / *drift : *raw;
        if (drift) corrected = absl::StrFormat("%.2f", judged);
        target = absl::StrFormat("<= %.2f", report.scale_target);
        met = judged <= report.scale_target ? "yes" : "NO";
      }
      scale.Add({big.workload, Rate(small->units_per_second()), Ms(small->p50_ms), Rate(big.units_per_second()),
                 Ms(big.p50_ms), absl::StrCat(big.errors), raw ? absl::StrFormat("%.2f", *raw) : "-", corrected,
                 target, met, Mib(big.cftd_peak_rss_kb)});
      if (big.errors > 0) {
        std::vector<std::string> parts;
        for (const auto& [code, n] : big.errors_by_code) parts.push_back(absl::StrCat(code, " x", n));
        error_notes.push_back(absl::StrCat(big.workload, " (", report.scale.name, "): ", absl::StrJoin(parts, ", ")));
      }
    }
    absl::StrAppend(&out, scale.Render());
  }

  std::vector<const Phase*> phases = {&report.base};
  if (!report.scale.results.empty()) phases.push_back(&report.scale);
  int disturbed = 0;
  AppendCpuTable(phases, out, &disturbed);
  AppendDbTable(phases, out);

  if (disturbed > 0) {
    absl::StrAppendFormat(&out,
                          "\nWARNING: in %d window(s) other processes used more than %.2f of a core: their rates "
                          "are not this machine's best; run again on a quiet machine.\n",
                          disturbed, kOthersWarning);
  }
  absl::StrAppend(&out, "\ncftd peak RSS over the whole run: ", Mib(report.cftd_peak_rss_kb), " MiB\n");
  if (!error_notes.empty()) {
    absl::StrAppend(&out, "\nErrors by status:\n");
    for (const std::string& n : error_notes) absl::StrAppend(&out, "  ", n, "\n");
  }
  return out;
}

}  // namespace cft::bench
