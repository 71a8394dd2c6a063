// cft_bench: the load client. bench/run.sh starts a MariaDB holding two
// databases, a cftd for each, and cft_bench_echo; this program makes the
// measured data through the RPCs on both, bulk-loads the large one, measures
// every registered workload and its ceiling against the small one, then the
// read RPCs against both in alternating rounds, and prints the report.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

ABSL_FLAG(std::string, cftd, "", "Address (host:port, TLS) of the cftd serving the small database");
ABSL_FLAG(std::string, cftd_scale, "", "Address of the cftd serving the large database (empty: no scale comparison)");
ABSL_FLAG(std::string, echo, "", "cft_bench_echo's address (host:port; TLS)");
ABSL_FLAG(std::string, ca_cert, "", "PEM CA certificate the servers' certificate chains to");
ABSL_FLAG(int, cftd_pid, 0, "The small database's cftd process id, for its memory and CPU time (0: not reported)");
ABSL_FLAG(int, cftd_scale_pid, 0, "The large database's cftd process id (0: not reported)");
ABSL_FLAG(int, echo_pid, 0, "The echo server's process id, for its CPU time (0: not reported)");
ABSL_FLAG(int, db_pid, 0, "The database server's process id, for its CPU time (0: not reported)");
ABSL_FLAG(std::string, perf_dir, "",
          "If set, record a system-wide perf profile of each cftd workload's window into this directory");
ABSL_FLAG(std::string, db_socket, "", "Unix socket of the database server");
ABSL_FLAG(std::string, db_host, "127.0.0.1", "Database host (without --db_socket)");
ABSL_FLAG(int, db_port, 3306, "Database port (without --db_socket)");
ABSL_FLAG(std::string, db_name, "cft", "The small database (served by --cftd)");
ABSL_FLAG(std::string, db_scale_name, "cft_scale", "The large database (served by --cftd_scale)");
ABSL_FLAG(std::string, db_user, "cft_app", "Database account (cftd's: the ceilings pay what cftd pays)");
ABSL_FLAG(std::string, db_password_file, "", "File holding the database account's password");
ABSL_FLAG(std::string, clinicians, "",
          "Comma-separated e-mail addresses of the clinicians cftctl made in both databases");
ABSL_FLAG(std::string, password_file, "", "File holding the clinicians' password");
ABSL_FLAG(int, callers, 32, "Concurrent callers per workload");
ABSL_FLAG(int, channels, 8, "TLS channels (TCP connections) per server; caller i uses channel i % channels");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "Warm-up per window (calls made, not counted)");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(8), "Measured window per workload");
ABSL_FLAG(int, scale_rounds, 2,
          "Rounds of the scale comparison; each measures every read against both databases for half of "
          "--duration");
ABSL_FLAG(int, scale_cohorts, 5000, "Cohorts in the large database's organisation");
ABSL_FLAG(int, scale_participants, 50000, "Participants (enrolments) in the large database's organisation");
ABSL_FLAG(int, measure_participants, 896,
          "Participants who answer SubmitResponse's PHQ-9s (12 time points each: every call uses one up, warm-up "
          "included; 0: no SubmitResponse workload)");
ABSL_FLAG(std::string, only, "", "Comma-separated workload names to run (default: all)");
ABSL_FLAG(std::string, out, "", "Also write the report to this file");

namespace {

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

std::string Elapsed(absl::Time since) {
  return absl::FormatDuration(absl::Trunc(absl::Now() - since, absl::Milliseconds(1)));
}

absl::StatusOr<std::string> ReadTrimmed(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (path.empty() || !in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read '", path, "'"));
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return std::string(absl::StripAsciiWhitespace(s));
}

// A cftd's peak memory, tracked across the per-workload resets.
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
    if (pid_ <= 0) return -1;
    Fold();
    return run_peak_;
  }

 private:
  void Fold() { run_peak_ = std::max(run_peak_, cft::bench::PeakRssKb(pid_)); }
  pid_t pid_;
  bool resettable_ = false;
  int64_t run_peak_ = -1;
};

// The processes whose CPU time each window accounts for. Both cftds count as
// "cftd": only one of them is called in any window.
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
// Questions counts every statement a client sent (prepared executions and
// COMMIT included, and the bench's own two SHOW STATUS).
const std::vector<std::string> kDbCounters = {"Questions", "Com_stmt_prepare", "Com_commit",
                                              "Created_tmp_disk_tables", "Innodb_data_fsyncs",
                                              "Handler_read_key", "Handler_read_next", "Handler_read_rnd_next"};

// Everything one measured window needs besides the workload.
struct Instruments {
  std::vector<Watched> watched;
  Profiler* profiler;
  sql::Connection* status_db;
};

// Measures one window of `w`, with CPU time, database counters, the served
// cftd's peak memory and (optionally) a profile.
absl::StatusOr<Result> Measure(const Workload& w, const std::string& where,
                               const cft::bench::RunSettings& run_settings, CftdMemory& memory, Instruments& in) {
  cft::bench::RunSettings settings = run_settings;
  settings.duration = std::max(settings.duration, w.min_window);
  Log(absl::StrCat("[", where, "] ", w.name, ": ", absl::FormatDuration(settings.warmup), " warm-up + ",
                   absl::FormatDuration(settings.duration)));
  const bool on_cftd = w.side == Side::kCftd;
  if (on_cftd) memory.StartWorkload();
  std::vector<double> before(in.watched.size(), 0);
  double machine_before = -1;
  std::map<std::string, double> cpu;
  double machine_cpu = -1;
  std::map<std::string, int64_t> db_before;
  std::map<std::string, int64_t> db_growth;
  const bool profile = in.profiler->enabled() && on_cftd;
  cft::bench::WindowHooks hooks{
      .on_start =
          [&] {
            if (profile) in.profiler->Start(FileName(absl::StrCat(where, "-", w.name)), settings.duration);
            for (size_t i = 0; i < in.watched.size(); ++i) before[i] = cft::bench::CpuSeconds(in.watched[i].pid);
            machine_before = cft::bench::MachineBusySeconds();
            db_before = cft::bench::GlobalStatus(*in.status_db, kDbCounters).value_or(db_before);
          },
      .on_end =
          [&] {
            for (size_t i = 0; i < in.watched.size(); ++i) {
              const double after = cft::bench::CpuSeconds(in.watched[i].pid);
              if (before[i] >= 0 && after >= 0) cpu[in.watched[i].name] += after - before[i];
            }
            const double machine_after = cft::bench::MachineBusySeconds();
            if (machine_before >= 0 && machine_after >= 0) machine_cpu = machine_after - machine_before;
            if (auto after = cft::bench::GlobalStatus(*in.status_db, kDbCounters); after.ok()) {
              for (const auto& [k, v] : *after) {
                if (auto it = db_before.find(k); it != db_before.end()) db_growth[k] = v - it->second;
              }
            }
            if (profile) in.profiler->Wait();
          },
  };
  auto r = cft::bench::RunWorkload(w, settings, hooks);
  if (!r.ok()) return r.status();
  r->phase = where;
  r->cpu_seconds = cpu;
  r->machine_cpu_seconds = machine_cpu;
  r->db_counters = db_growth;
  if (on_cftd) r->cftd_peak_rss_kb = memory.WorkloadPeak();
  Log(absl::StrFormat("[%s] %s: %.0f %s/s, p50 %.2f ms, p99 %.2f ms, %d errors", where, w.name, r->units_per_second(),
                      w.unit, r->p50_ms, r->p99_ms, r->errors));
  return r;
}

// One database and the cftd serving it, with the data made through its RPCs.
struct ServedDb {
  cft::bench::BenchEnv env;
  Registry registry;
  std::unique_ptr<CftdMemory> memory;
};

absl::Status SetUp(ServedDb& side, const std::string& cftd, const std::string& db_name, pid_t pid,
                   const cft::bench::BenchEnv& common, const cft::bench::FixtureOptions& fixture_options,
                   const std::string& ca, int channels, int measure_participants) {
  side.env.echo = common.echo;
  side.env.db = common.db;
  side.env.db.database = db_name;
  side.memory = std::make_unique<CftdMemory>(pid);
  Log(absl::StrCat("connecting ", channels, " channels to the cftd of ", db_name, " (", cftd, ")"));
  auto channels_or = cft::bench::ConnectChannels(cftd, ca, channels);
  if (!channels_or.ok()) return channels_or.status();
  side.env.cftd = *std::move(channels_or);
  Log(absl::StrCat(db_name, ": making ", fixture_options.clinician_emails.size(),
                   " cohorts through the RPCs (sign-in, plan, referrals, places, invites, registers)"));
  const absl::Time start = absl::Now();
  auto fixture = cft::bench::BuildFixture(side.env.cftd[0], fixture_options);
  if (!fixture.ok()) return fixture.status();
  side.env.fixture = *std::move(fixture);
  Log(absl::StrCat(db_name, ": fixture made in ", Elapsed(start)));
  if (measure_participants > 0) {
    Log(absl::StrCat(db_name, ": making ", measure_participants,
                     " participants with measurement plans through the RPCs (SubmitResponse's data)"));
    const absl::Time measures_start = absl::Now();
    // Besides, one participant per caller for the raw ceiling's rows.
    auto measures = cft::bench::BuildMeasureFixture(side.env.cftd[0], side.env.fixture, measure_participants,
                                                    fixture_options.homework_participants, fixture_options.password);
    if (!measures.ok()) return measures.status();
    side.env.measures = *std::move(measures);
    Log(absl::StrCat(db_name, ": measures participants made in ", Elapsed(measures_start)));
  }
  // The registry holds references to env: it is filled once env is final.
  cft::bench::RegisterTransportCeiling(side.registry, side.env);
  cft::bench::RegisterReads(side.registry, side.env);
  cft::bench::RegisterAttendance(side.registry, side.env);
  cft::bench::RegisterHomework(side.registry, side.env);
  cft::bench::RegisterMeasures(side.registry, side.env);
  cft::bench::RegisterReports(side.registry, side.env);
  return absl::OkStatus();
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
  const int rounds = absl::GetFlag(FLAGS_scale_rounds);
  if (settings.callers < 1 || channels < 1 || rounds < 1) {
    return Fail(absl::InvalidArgumentError("--callers, --channels and --scale_rounds: at least 1"));
  }

  auto ca = ReadTrimmed(absl::GetFlag(FLAGS_ca_cert), "ca_cert");
  if (!ca.ok()) return Fail(ca.status());
  auto password = ReadTrimmed(absl::GetFlag(FLAGS_password_file), "password_file");
  if (!password.ok()) return Fail(password.status());
  auto db_password = ReadTrimmed(absl::GetFlag(FLAGS_db_password_file), "db_password_file");
  if (!db_password.ok()) return Fail(db_password.status());

  cft::bench::BenchEnv common;
  common.db.socket = absl::GetFlag(FLAGS_db_socket);
  common.db.host = absl::GetFlag(FLAGS_db_host);
  common.db.port = absl::GetFlag(FLAGS_db_port);
  common.db.user = absl::GetFlag(FLAGS_db_user);
  common.db.password = *db_password;
  common.db.database = absl::GetFlag(FLAGS_db_name);
  auto echo = cft::bench::ConnectChannels(absl::GetFlag(FLAGS_echo), *ca, channels);
  if (!echo.ok()) return Fail(echo.status());
  common.echo = *std::move(echo);

  cft::bench::FixtureOptions fixture_options;
  for (absl::string_view e : absl::StrSplit(absl::GetFlag(FLAGS_clinicians), ',', absl::SkipEmpty())) {
    fixture_options.clinician_emails.emplace_back(e);
  }
  fixture_options.password = *password;
  // One participant of their own per caller of LogPractice.
  fixture_options.homework_participants = settings.callers;

  // SubmitResponse's participants take a minute and a half to make: only
  // when it (or its ceiling) is to run.
  int measure_participants = absl::GetFlag(FLAGS_measure_participants);
  if (const std::string o = absl::GetFlag(FLAGS_only); !o.empty()) {
    bool wanted = false;
    for (absl::string_view n : absl::StrSplit(o, ',', absl::SkipEmpty())) {
      wanted = wanted || n == "SubmitResponse" || n == "raw SubmitResponse";
    }
    if (!wanted) measure_participants = 0;
  }

  ServedDb small;
  if (auto s = SetUp(small, absl::GetFlag(FLAGS_cftd), absl::GetFlag(FLAGS_db_name),
                     static_cast<pid_t>(absl::GetFlag(FLAGS_cftd_pid)), common, fixture_options, *ca, channels,
                     measure_participants);
      !s.ok()) {
    return Fail(s);
  }

  std::vector<std::string> only;
  for (absl::string_view n : absl::StrSplit(absl::GetFlag(FLAGS_only), ',', absl::SkipEmpty())) only.emplace_back(n);
  for (const std::string& n : only) {
    if (small.registry.Find(n) == nullptr) {
      return Fail(absl::InvalidArgumentError(absl::StrCat("--only: no workload '", n, "'")));
    }
  }
  auto selected = [&](const Workload& w) {
    if (only.empty() || std::find(only.begin(), only.end(), w.name) != only.end()) return true;
    // A selected workload brings its ceiling, or it has nothing to be compared to.
    for (const std::string& n : only) {
      const Workload* o = small.registry.Find(n);
      if (o != nullptr && o->ceiling == w.name) return true;
    }
    return false;
  };
  std::vector<std::string> scale_names;
  for (const Workload& w : small.registry.workloads()) {
    if (selected(w) && w.at_scale) scale_names.push_back(w.name);
  }

  // The large database gets the same RPC-made cohorts, then the bulk rows, all
  // before anything is measured.
  std::unique_ptr<ServedDb> large;
  const std::string scale_target = absl::GetFlag(FLAGS_cftd_scale);
  if (!scale_target.empty() && !scale_names.empty()) {
    large = std::make_unique<ServedDb>();
    if (auto s = SetUp(*large, scale_target, absl::GetFlag(FLAGS_db_scale_name),
                       static_cast<pid_t>(absl::GetFlag(FLAGS_cftd_scale_pid)), common, fixture_options, *ca,
                       channels, /*measure_participants=*/0);
        !s.ok()) {
      return Fail(s);
    }
    Log(absl::StrCat(large->env.db.database, ": bulk seed up to ", absl::GetFlag(FLAGS_scale_cohorts), " cohorts and ",
                     absl::GetFlag(FLAGS_scale_participants), " participants"));
    const absl::Time start = absl::Now();
    if (auto s = cft::bench::BulkSeed(
            large->env.db, cft::bench::BulkOptions{.organisation_id = large->env.fixture.organisation_id,
                                                   .template_id = large->env.fixture.template_id,
                                                   .total_cohorts = absl::GetFlag(FLAGS_scale_cohorts),
                                                   .total_participants = absl::GetFlag(FLAGS_scale_participants)});
        !s.ok()) {
      return Fail(s);
    }
    Log(absl::StrCat("bulk seed done in ", Elapsed(start)));
  }

  Profiler profiler(absl::GetFlag(FLAGS_perf_dir));
  auto status_db = cft::bench::OpenDb(common.db);
  if (!status_db.ok()) return Fail(status_db.status());
  Instruments instruments{.watched = {{"load client", getpid()}}, .profiler = &profiler, .status_db = status_db->get()};
  for (const auto& [name, flag] : std::vector<std::pair<std::string, int>>{
           {"cftd", absl::GetFlag(FLAGS_cftd_pid)},
           {"cftd", absl::GetFlag(FLAGS_cftd_scale_pid)},
           {"echo", absl::GetFlag(FLAGS_echo_pid)},
           {"MariaDB", absl::GetFlag(FLAGS_db_pid)}}) {
    if (flag > 0) instruments.watched.push_back({name, static_cast<pid_t>(flag)});
  }

  cft::bench::Report report;
  report.settings = settings;
  report.channels = channels;
  auto small_counts = cft::bench::CountData(small.env.db);
  if (!small_counts.ok()) return Fail(small_counts.status());
  // Named by what the database holds (the measured cohorts and the homework
  // groups), as the large side is.
  report.base.name = absl::StrCat(small_counts->cohorts, " cohorts");
  report.base.data = *small_counts;
  for (const Workload& w : small.registry.workloads()) {
    if (!selected(w)) continue;
    auto r = Measure(w, report.base.name, settings, *small.memory, instruments);
    if (!r.ok()) return Fail(r.status());
    report.base.results.push_back(*std::move(r));
  }

  if (large != nullptr) {
    auto large_counts = cft::bench::CountData(large->env.db);
    if (!large_counts.ok()) return Fail(large_counts.status());
    report.small_name = report.base.name;
    report.large_name = absl::StrCat(large_counts->cohorts, " cohorts");
    report.large_data = *large_counts;
    report.scale_rounds = rounds;
    cft::bench::RunSettings round_settings = settings;
    round_settings.duration = settings.duration / 2;
    report.scale_window = round_settings.duration;
    std::map<std::string, std::vector<Result>> small_windows;
    std::map<std::string, std::vector<Result>> large_windows;
    for (int round = 0; round < rounds; ++round) {
      // small, large, then large, small: a steady drift lands on both sides equally.
      const bool small_first = round % 2 == 0;
      for (const std::string& name : scale_names) {
        for (int k = 0; k < 2; ++k) {
          const bool on_small = (k == 0) == small_first;
          ServedDb& side = on_small ? small : *large;
          const std::string where = absl::StrCat(on_small ? report.small_name : report.large_name, " round ",
                                                 round + 1);
          auto r = Measure(*side.registry.Find(name), where, round_settings, *side.memory, instruments);
          if (!r.ok()) return Fail(r.status());
          (on_small ? small_windows : large_windows)[name].push_back(*std::move(r));
        }
      }
    }
    for (const std::string& name : scale_names) {
      report.scale.push_back(cft::bench::ScaleRow{.small = cft::bench::Merge(small_windows[name]),
                                                  .large = cft::bench::Merge(large_windows[name])});
    }
    // Counted after the rounds too: the audit trail grows while they run.
    if (auto c = cft::bench::CountData(small.env.db); c.ok()) report.small_data = *c;
    if (auto c = cft::bench::CountData(large->env.db); c.ok()) report.large_data = *c;
    report.cftd_scale_peak_rss_kb = large->memory->RunPeak();
  }
  report.cftd_peak_rss_kb = small.memory->RunPeak();

  const std::string text = cft::bench::FormatReport(small.registry, report);
  std::cout << text << std::flush;
  if (const std::string out = absl::GetFlag(FLAGS_out); !out.empty()) {
    std::ofstream f(out);
    f << text;
    if (!f) return Fail(absl::UnavailableError(absl::StrCat("--out: cannot write ", out)));
  }
  int64_t errors = 0;
  for (const Result& r : report.base.results) errors += r.errors;
  for (const cft::bench::ScaleRow& s : report.scale) errors += s.small.errors + s.large.errors;
  // The table stands, but a run with failed calls is not a clean measurement.
  return errors == 0 ? 0 : 3;
}
