#include "bench/report.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace cft::bench {
namespace {

// Above this many cores taken by other processes, a window's rates say more
// about the machine's other tenants than about cftd.
constexpr double kOthersWarning = 0.15;

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

std::string DataLine(const std::string& name, const DataCounts& d) {
  return absl::StrFormat(
      "%s: %d cohorts, %d sessions, %d participants (enrolments), %d accounts, %d attendance rows, "
      "%d audit rows, %d practice logs",
      name, d.cohorts, d.sessions, d.participants, d.users, d.attendance, d.audit_rows, d.practice_logs);
}

std::string ErrorNote(const Result& r, const std::string& where) {
  std::vector<std::string> parts;
  for (const auto& [code, n] : r.errors_by_code) parts.push_back(absl::StrCat(code, " x", n));
  return absl::StrCat(r.workload, " (", where, "): ", absl::StrJoin(parts, ", "));
}

// A labelled result for the per-call tables.
using Row = std::pair<std::string, const Result*>;

// CPU time per successful unit in each watched process, how many cores the
// benchmark's processes kept busy, and how many everything else took.
void AppendCpuTable(const std::vector<Row>& rows, std::string& out, int* disturbed) {
  std::vector<std::string> processes;
  for (const auto& [label, r] : rows) {
    for (const auto& [name, seconds] : r->cpu_seconds) {
      if (std::find(processes.begin(), processes.end(), name) == processes.end()) processes.push_back(name);
    }
  }
  if (processes.empty()) return;
  std::vector<std::string> header = {"workload"};
  for (const std::string& p : processes) header.push_back(absl::StrCat(p, " us"));
  header.insert(header.end(), {"total us", "cores busy", "others' cores"});
  Table table(header);
  for (const auto& [label, r] : rows) {
    std::vector<std::string> row = {label};
    double total = 0;
    for (const std::string& name : processes) {
      auto it = r->cpu_seconds.find(name);
      if (it == r->cpu_seconds.end() || r->ok_units == 0) {
        row.push_back("-");
        continue;
      }
      total += it->second;
      row.push_back(absl::StrFormat("%.0f", it->second * 1e6 / static_cast<double>(r->ok_units)));
    }
    const double seconds = absl::ToDoubleSeconds(r->window);
    row.push_back(r->ok_units > 0 ? absl::StrFormat("%.0f", total * 1e6 / static_cast<double>(r->ok_units)) : "-");
    row.push_back(absl::StrFormat("%.2f", total / seconds));
    const double others = r->machine_cpu_seconds >= 0 ? std::max(0.0, r->machine_cpu_seconds - total) : -1;
    row.push_back(others >= 0 ? absl::StrFormat("%.2f", others / seconds) : "-");
    if (others / seconds > kOthersWarning) ++*disturbed;
    table.Add(std::move(row));
  }
  absl::StrAppend(&out,
                  "\nWhere the CPU goes: CPU time per successful call in each process during the window (us; "
                  "/proc/PID/stat, 10 ms ticks). cores busy: the benchmark's processes; others' cores: everything "
                  "else on the machine (/proc/stat).\n\n",
                  table.Render());
}

// What each call asked of the database server, from its global counters.
void AppendDbTable(const std::vector<Row>& rows, std::string& out) {
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
  for (const auto& [label, r] : rows) {
    if (r->db_counters.empty() || r->ok_calls == 0) continue;
    any = true;
    std::vector<std::string> row = {label};
    for (const Column& c : columns) {
      int64_t sum = 0;
      for (const char* name : c.counters) {
        auto it = r->db_counters.find(name);
        if (it != r->db_counters.end()) sum += it->second;
      }
      row.push_back(absl::StrFormat("%.1f", static_cast<double>(sum) / static_cast<double>(r->ok_calls)));
    }
    table.Add(std::move(row));
  }
  if (!any) return;
  absl::StrAppend(&out,
                  "\nWhat each call asks of MariaDB: server counters (SHOW GLOBAL STATUS) over the window, per "
                  "successful call (statements include COMMIT; rows read are index and scan reads)\n\n",
                  table.Render());
}

}  // namespace

std::string FormatReport(const Registry& registry, const Report& report) {
  std::string out;
  absl::StrAppendFormat(&out,
                        "%d callers over %d TLS channels (one TCP connection each); %s warm-up, %s measured per "
                        "workload\n",
                        report.settings.callers, report.channels, absl::FormatDuration(report.settings.warmup),
                        absl::FormatDuration(report.settings.duration));
  absl::StrAppend(&out, DataLine(report.base.name, report.base.data), "\n\n");

  // Each "met?" answers the target left of it.
  Table table({"workload", "calls/s", "p50 ms", "p99 ms", "errors", "ceiling", "ratio", "target", "met?",
               "p99 target", "met?", "cftd peak RSS MiB"});
  std::vector<std::string> error_notes;
  std::vector<Row> rows;
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
    std::string p99_target = "-";
    std::string p99_met = "-";
    if (w != nullptr && w->target_p99_ms > 0 && r.ok_calls > 0) {
      p99_target = absl::StrFormat("< %.0f ms", w->target_p99_ms);
      p99_met = r.p99_ms < w->target_p99_ms ? "yes" : "NO";
    }
    table.Add({name, Rate(r.units_per_second()), Ms(r.p50_ms), Ms(r.p99_ms), absl::StrCat(r.errors), ceiling, ratio,
               target, met, p99_target, p99_met, Mib(r.cftd_peak_rss_kb)});
    if (r.errors > 0) error_notes.push_back(ErrorNote(r, report.base.name));
    rows.emplace_back(r.workload, &r);
  }
  absl::StrAppend(&out, table.Render());

  if (!report.scale.empty()) {
    absl::StrAppendFormat(
        &out,
        "\nScale: the read RPCs against two databases on the same MariaDB, each served by its own cftd, in %d "
        "alternating rounds of %s (small, large, large, small, ...), so the machine's drift falls on both "
        "sides alike\n",
        report.scale_rounds, absl::FormatDuration(report.scale_window));
    absl::StrAppend(&out, DataLine(report.small_name, report.small_data), "\n",
                    DataLine(report.large_name, report.large_data), "\n",
                    "cost ratio = (calls/s with ", report.small_name, ") / (calls/s with ", report.large_name,
                    "): above 1, each call costs more with more data\n\n");
    Table scale({"workload", absl::StrCat("calls/s @", report.small_name),
                 absl::StrCat("p50 ms @", report.small_name), absl::StrCat("calls/s @", report.large_name),
                 absl::StrCat("p50 ms @", report.large_name), "errors", "cost ratio", "target", "met?",
                 "cftd peak RSS MiB (small/large)"});
    for (const ScaleRow& s : report.scale) {
      std::string ratio = "-";
      std::string met = "-";
      if (s.large.units_per_second() > 0) {
        const double x = s.small.units_per_second() / s.large.units_per_second();
        ratio = absl::StrFormat("%.2f", x);
        met = x <= report.scale_target ? "yes" : "NO";
      }
      scale.Add({s.small.workload, Rate(s.small.units_per_second()), Ms(s.small.p50_ms),
                 Rate(s.large.units_per_second()), Ms(s.large.p50_ms), absl::StrCat(s.small.errors + s.large.errors),
                 ratio, absl::StrFormat("<= %.2f", report.scale_target), met,
                 absl::StrCat(Mib(s.small.cftd_peak_rss_kb), "/", Mib(s.large.cftd_peak_rss_kb))});
      if (s.small.errors > 0) error_notes.push_back(ErrorNote(s.small, report.small_name));
      if (s.large.errors > 0) error_notes.push_back(ErrorNote(s.large, report.large_name));
      rows.emplace_back(absl::StrCat(s.small.workload, " @", report.small_name), &s.small);
      rows.emplace_back(absl::StrCat(s.large.workload, " @", report.large_name), &s.large);
    }
    absl::StrAppend(&out, scale.Render());
  }

  int disturbed = 0;
  AppendCpuTable(rows, out, &disturbed);
  AppendDbTable(rows, out);

  if (disturbed > 0) {
    absl::StrAppendFormat(&out,
                          "\nWARNING: in %d window(s) other processes used more than %.2f of a core: their rates "
                          "are not this machine's best; run again on a quiet machine.\n",
                          disturbed, kOthersWarning);
  }
  absl::StrAppend(&out, "\ncftd peak RSS over the whole run: ", Mib(report.cftd_peak_rss_kb), " MiB");
  if (report.cftd_scale_peak_rss_kb >= 0) {
    absl::StrAppend(&out, " (the large database's cftd: ", Mib(report.cftd_scale_peak_rss_kb), " MiB)");
  }
  absl::StrAppend(&out, "\n");
  if (!error_notes.empty()) {
    absl::StrAppend(&out, "\nErrors by status:\n");
    for (const std::string& n : error_notes) absl::StrAppend(&out, "  ", n, "\n");
  }
  return out;
}

}  // namespace cft::bench
