// cft_bench: the load client. Against a running cftd and cft_bench_echo (both
// started by bench/run.sh), it makes the measured data through the RPCs,
// measures every registered workload and its ceiling, adds the large data set,
// measures the read RPCs again, and prints the report.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/bulk_seed.h"
#include "bench/channels.h"
#include "bench/fixture.h"
#include "bench/proc_stats.h"
#include "bench/report.h"
#include "bench/workloads.h"

ABSL_FLAG(std::string, cftd, "", "cftd's address (host:port; TLS)");
ABSL_FLAG(std::string, echo, "", "cft_bench_echo's address (host:port; TLS)");
ABSL_FLAG(std::string, ca_cert, "", "PEM CA certificate both servers' certificate chains to");
ABSL_FLAG(int, cftd_pid, 0, "cftd's process id, for its peak memory and CPU time (0: not reported)");
ABSL_FLAG(int, echo_pid, 0, "The echo server's process id, for its CPU time (0: not reported)");
ABSL_FLAG(int, db_pid, 0, "The database server's process id, for its CPU time (0: not reported)");
ABSL_FLAG(std::string, perf_dir, "",
          "If set, record a system-wide perf profile of each cftd workload's window into this directory");
ABSL_FLAG(std::string, db_socket, "", "Unix socket of cftd's database");
ABSL_FLAG(std::string, db_host, "127.0.0.1", "Database host (without --db_socket)");
ABSL_FLAG(int, db_port, 3306, "Database port (without --db_socket)");
ABSL_FLAG(std::string, db_name, "cft", "Database name");
ABSL_FLAG(std::string, db_user, "cft_app", "Database account (cftd's: the ceilings pay what cftd pays)");
ABSL_FLAG(std::string, db_password_file, "", "File holding the database account's password");
ABSL_FLAG(std::string, clinicians, "", "Comma-separated e-mail addresses of the clinicians made by cftctl");
ABSL_FLAG(std::string, password_file, "", "File holding the clinicians' password");
ABSL_FLAG(int, callers, 32, "Concurrent callers per workload");
ABSL_FLAG(int, channels, 8, "TLS channels (TCP connections) per server; caller i uses channel i % channels");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "Warm-up per workload (calls made, not counted)");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(8), "Measured window per workload");
ABSL_FLAG(int, scale_cohorts, 5000, "Cohorts in the organisation for the scale phase (0: no scale phase)");
ABSL_FLAG(int, scale_participants, 50000, "Participants (enrolments) in the organisation for the scale phase");
ABSL_FLAG(std::string, only, "", "Comma-separated workload names to run (default: all)");
ABSL_FLAG(std::string, out, "", "Also write the report to this file");

namespace {

using cft::bench::Phase;
using cft::bench::Registry;
using cft::bench::Result;
using cft::bench::Side;
using cft::bench::Workload;

void Log(const std::string& line) {
  std::cerr << absl::FormatTime("%H:%M:%S ", absl::Now(), absl::UTCTimeZone()) << "cft_bench: " << line << std::endl;
}

int Fail(const absl::Status& s) {
  Log(absl::StrCat("error: ", s.ToString()));
  return 1;
}

absl::StatusOr<std::string> ReadTrimmed(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (path.empty() || !in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read '", path, "'"));
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return std::string(absl::StripAsciiWhitespace(s));
}

// cftd's peak memory, tracked across the per-workload resets.
class CftdMemory {
 public:
  explicit CftdMemory(pid_t pid) : pid_(pid) {}
  // Starts a workload's own peak; folds the peak so far into the run's.
  void StartWorkload() {
    if (pid_ <= 0) return;
    Fold();
    resettable_ = cft::bench::ResetPeakRss(pid_);
  }
  // This workload's peak, or -1 (unknown, or the peak could not be reset).
  int64_t WorkloadPeak() {
    if (pid_ <= 0 || !resettable_) return -1;
    return cft::bench::PeakRssKb(pid_);
  }
  int64_t RunPeak() {
    Fold();
    return pid_ > 0 ? run_peak_ : -1;
  }

 private:
  void Fold() { run_peak_ = std::max(run_peak_, cft::bench::PeakRssKb(pid_)); }
  pid_t pid_;
  bool resettable_ = false;
  int64_t run_peak_ = -1;
};

// The processes whose CPU time each window accounts for.
struct Watched {
  std::string name;
  pid_t pid;
};

// A system-wide `perf record` for the length of one window, so the profile
// shows cftd, MariaDB and the load client side by side.
class Profiler {
 public:
  explicit Profiler(std::string dir) : dir_(std::move(dir)) {}
  bool enabled() const { return !dir_.empty(); }
  void Start(const std::string& file, absl::Duration d) {
    const std::string out = absl::StrCat(dir_, "/", file, ".data");
    const std::string seconds = absl::StrCat(absl::ToInt64Seconds(d));
    std::vector<std::string> args = {"perf", "record", "-q", "-a", "-g", "-e", "cpu-clock", "-F", "499",
                                     "-o", out, "--", "sleep", seconds};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "perf", nullptr, nullptr, argv.data(), environ) != 0) {
      Log("perf could not be started (is linux-perf installed?)");
      pid_ = 0;
    }
  }
  void Wait() {
    if (pid_ <= 0) return;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

 private:
  std::string dir_;
  pid_t pid_ = 0;
};

std::string FileName(std::string s) {
  for (char& c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  return s;
}

// What the database server did during a window, from its global counters.
// Questions counts every statement a client sent (prepared executions,
// COMMIT and the bench's own two SHOW STATUS included).
const std::vector<std::string> kDbCounters = {"Questions", "Com_stmt_prepare", "Com_commit",
                                              "Created_tmp_disk_tables", "Innodb_data_fsyncs",
                                              "Handler_read_key", "Handler_read_next", "Handler_read_rnd_next"};

absl::StatusOr<Phase> RunPhase(const std::string& name, const std::vector<const Workload*>& workloads, const cft::bench::RunSettings& settings,
                               const cft::bench::DbTarget& db, CftdMemory& memory,
                               const std::vector<Watched>& watched, Profiler& profiler, sql::Connection* status_db) {
  Phase phase;
  phase.name = name;
  auto counts = cft::bench::CountData(db);
  if (!counts.ok()) return counts.status();
  phase.data = *counts;
  for (const Workload* w : workloads) {
    Log(absl::StrCat("[", name, "] ", w->name, ": ", absl::FormatDuration(settings.warmup), " warm-up + ",
                     absl::FormatDuration(settings.duration)));
    if (w->side == Side::kCftd) memory.StartWorkload();
    std::vector<double> before(watched.size(), 0);
    double machine_before = -1;
    std::map<std::string, double> cpu;
    double machine_cpu = -1;
    std::map<std::string, int64_t> db_before;
    std::map<std::string, int64_t> db_growth;
    const bool profile = profiler.enabled() && w->side == Side::kCftd;
    cft::bench::WindowHooks hooks{
        .on_start =
            [&] {
              if (profile) profiler.Start(FileName(absl::StrCat(name, "-", w->name)), settings.duration);
              for (size_t i = 0; i < watched.size(); ++i) before[i] = cft::bench::CpuSeconds(watched[i].pid);
              machine_before = cft::bench::MachineBusySeconds();
              if (status_db != nullptr) db_before = cft::bench::GlobalStatus(*status_db, kDbCounters).value_or(db_before);
            },
        .on_end =
            [&] {
              for (size_t i = 0; i < watched.size(); ++i) {
                const double after = cft::bench::CpuSeconds(watched[i].pid);
                if (before[i] >= 0 && after >= 0) cpu[watched[i].name] = after - before[i];
              }
              const double machine_after = cft::bench::MachineBusySeconds();
              if (machine_before >= 0 && machine_after >= 0) machine_cpu = machine_after - machine_before;
              if (status_db != nullptr) {
                auto after = cft::bench::GlobalStatus(*status_db, kDbCounters);
                if (after.ok()) {
                  for (const auto& [k, v] : *after) {
                    if (auto it = db_before.find(k); it != db_before.end()) db_growth[k] = v - it->second;
                  }
                }
              }
              if (profile) profiler.Wait();
            },
    };
    auto r = cft::bench::RunWorkload(*w, settings, hooks);
    if (!r.ok()) return r.status();
    r->phase = name;
    r->cpu_seconds = cpu;
    r->machine_cpu_seconds = machine_cpu;
    r->db_counters = db_growth;
    if (w->side == Side::kCftd) r->cftd_peak_rss_kb = memory.WorkloadPeak();
    Log(absl::StrFormat("[%s] %s: %.0f %s/s, p50 %.2f ms, p99 %.2f ms, %d errors", name, w->name,
                        r->units_per_second(), w->unit, r->p50_ms, r->p99_ms, r->errors));
    phase.results.push_back(*std::move(r));
  }
  return phase;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("cft_bench: measures cftd against this machine's ceilings (run by bench/run.sh)");
  absl::ParseCommandLine(argc, argv);
  // A load client must not die on a write to a connection the server closed.
  signal(SIGPIPE, SIG_IGN);

  cft::bench::RunSettings settings;
  settings.callers = absl::GetFlag(FLAGS_callers);
  settings.warmup = absl::GetFlag(FLAGS_warmup);
  settings.duration = absl::GetFlag(FLAGS_duration);
  const int channels = absl::GetFlag(FLAGS_channels);
  if (settings.callers < 1 || channels < 1) return Fail(absl::InvalidArgumentError("--callers and --channels: at least 1"));

  auto ca = ReadTrimmed(absl::GetFlag(FLAGS_ca_cert), "ca_cert");
  if (!ca.ok()) return Fail(ca.status());
  auto password = ReadTrimmed(absl::GetFlag(FLAGS_password_file), "password_file");
  if (!password.ok()) return Fail(password.status());

  cft::bench::BenchEnv env;
  env.db.socket = absl::GetFlag(FLAGS_db_socket);
  env.db.host = absl::GetFlag(FLAGS_db_host);
  env.db.port = absl::GetFlag(FLAGS_db_port);
  env.db.database = absl::GetFlag(FLAGS_db_name);
  env.db.user = absl::GetFlag(FLAGS_db_user);
  auto db_password = ReadTrimmed(absl::GetFlag(FLAGS_db_password_file), "db_password_file");
  if (!db_password.ok()) return Fail(db_password.status());
  env.db.password = *db_password;

  Log(absl::StrCat("connecting ", channels, " channels each to cftd (", absl::GetFlag(FLAGS_cftd), ") and echo (",
                   absl::GetFlag(FLAGS_echo), ")"));
  auto cftd = cft::bench::ConnectChannels(absl::GetFlag(FLAGS_cftd), *ca, channels);
  if (!cftd.ok()) return Fail(cftd.status());
  env.cftd = *std::move(cftd);
  auto echo = cft::bench::ConnectChannels(absl::GetFlag(FLAGS_echo), *ca, channels);
  if (!echo.ok()) return Fail(echo.status());
  env.echo = *std::move(echo);

  cft::bench::FixtureOptions fixture_options;
  for (absl::string_view e : absl::StrSplit(absl::GetFlag(FLAGS_clinicians), ',', absl::SkipEmpty())) {
    fixture_options.clinician_emails.emplace_back(e);
  }
  fixture_options.password = *password;
  Log(absl::StrCat("making ", fixture_options.clinician_emails.size(),
                   " cohorts through the RPCs (sign-in, plan, referrals, places, invites, registers)"));
  const absl::Time fixture_start = absl::Now();
  auto fixture = cft::bench::BuildFixture(env.cftd[0], fixture_options);
  if (!fixture.ok()) return Fail(fixture.status());
  env.fixture = *std::move(fixture);
  Log(absl::StrCat("fixture made in ", absl::FormatDuration(absl::Trunc(absl::Now() - fixture_start, absl::Milliseconds(1)))));

  Registry registry;
  cft::bench::RegisterTransportCeiling(registry, env);
  cft::bench::RegisterReads(registry, env);
  cft::bench::RegisterAttendance(registry, env);

  std::vector<std::string> only;
  for (absl::string_view n : absl::StrSplit(absl::GetFlag(FLAGS_only), ',', absl::SkipEmpty())) only.emplace_back(n);
  auto selected = [&](const Workload& w) {
    if (only.empty()) return true;
    if (std::find(only.begin(), only.end(), w.name) != only.end()) return true;
    // A selected workload brings its ceiling, or it has nothing to be compared to.
    for (const std::string& n : only) {
      const Workload* o = registry.Find(n);
      if (o != nullptr && o->ceiling == w.name) return true;
    }
    return false;
  };
  std::vector<const Workload*> base_workloads;
  std::vector<const Workload*> scale_workloads;
  for (const Workload& w : registry.workloads()) {
    if (!selected(w)) continue;
    base_workloads.push_back(&w);
    if (w.at_scale) scale_workloads.push_back(&w);
  }
  for (const std::string& n : only) {
    if (registry.Find(n) == nullptr) return Fail(absl::InvalidArgumentError(absl::StrCat("--only: no workload '", n, "'")));
  }

  CftdMemory memory(static_cast<pid_t>(absl::GetFlag(FLAGS_cftd_pid)));
  std::vector<Watched> watched = {{"load client", getpid()}};
  if (absl::GetFlag(FLAGS_cftd_pid) > 0) watched.push_back({"cftd", absl::GetFlag(FLAGS_cftd_pid)});
  if (absl::GetFlag(FLAGS_echo_pid) > 0) watched.push_back({"echo", absl::GetFlag(FLAGS_echo_pid)});
  if (absl::GetFlag(FLAGS_db_pid) > 0) watched.push_back({"MariaDB", absl::GetFlag(FLAGS_db_pid)});
  Profiler profiler(absl::GetFlag(FLAGS_perf_dir));
  auto status_db = cft::bench::OpenDb(env.db);
  if (!status_db.ok()) return Fail(status_db.status());
  cft::bench::Report report;
  report.settings = settings;
  report.channels = channels;
  auto base = RunPhase(absl::StrCat(env.fixture.cohorts.size(), " cohorts"), base_workloads, settings,
                       env.db, memory, watched, profiler, status_db->get());
  if (!base.ok()) return Fail(base.status());
  report.base = *std::move(base);

  const int scale_cohorts = absl::GetFlag(FLAGS_scale_cohorts);
  if (scale_cohorts > 0 && !scale_workloads.empty()) {
    Log(absl::StrCat("bulk seed: up to ", scale_cohorts, " cohorts and ", absl::GetFlag(FLAGS_scale_participants),
                     " participants"));
    const absl::Time seed_start = absl::Now();
    memory.StartWorkload();
    if (auto s = cft::bench::BulkSeed(env.db, cft::bench::BulkOptions{.organisation_id = env.fixture.organisation_id,
                                                                      .template_id = env.fixture.template_id,
                                                                      .total_cohorts = scale_cohorts,
                                                                      .total_participants =
                                                                          absl::GetFlag(FLAGS_scale_participants)});
        !s.ok()) {
      return Fail(s);
    }
    Log(absl::StrCat("bulk seed done in ", absl::FormatDuration(absl::Trunc(absl::Now() - seed_start, absl::Milliseconds(1)))));
    auto scale = RunPhase(absl::StrCat(scale_cohorts, " cohorts"), scale_workloads, settings, env.db, memory,
                          watched, profiler, status_db->get());
    if (!scale.ok()) return Fail(scale.status());
    report.scale = *std::move(scale);
  }
  report.cftd_peak_rss_kb = memory.RunPeak();

  const std::string text = cft::bench::FormatReport(registry, report);
  std::cout << text << std::flush;
  if (const std::string out = absl::GetFlag(FLAGS_out); !out.empty()) {
    std::ofstream f(out);
    f << text;
    if (!f) return Fail(absl::UnavailableError(absl::StrCat("--out: cannot write ", out)));
  }
  int64_t errors = 0;
  for (const Result& r : report.base.results) errors += r.errors;
  for (const Result& r : report.scale.results) errors += r.errors;
  // The table stands, but a run with failed calls is not a clean measurement.
  return errors == 0 ? 0 : 3;
}
