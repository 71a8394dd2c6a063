// cftd: the CFT platform server. Flags are documented by --help.
#include <signal.h>

#include <cstdio>
#include <fstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/common/errors.h"
#include "services/common/crypto.h"
#include "services/common/log.h"
#include "services/measures/instrument_files.h"
#include "services/server/db_flags.h"
#include "services/server/server.h"
#include "services/server/setup.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "Address to serve gRPC on (port 0: any free port)");
ABSL_FLAG(std::string, tls_cert, "", "PEM server certificate (chain)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of the server certificate");
ABSL_FLAG(bool, plaintext, false, "Serve without TLS. Only for local development and tests.");
ABSL_FLAG(absl::Duration, token_lifetime, absl::Hours(12), "How long a session token stays valid");
ABSL_FLAG(int, max_threads, 64, "Maximum threads serving calls (size it with --db_pool_size)");
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(15),
          "On SIGTERM, how long in-flight calls may take to finish");
ABSL_FLAG(std::string, port_file, "", "Write the bound port to this file once serving");
ABSL_FLAG(std::string, migrate_user, "",
          "If set, apply pending migrations at start-up with this (DDL-capable) account");
ABSL_FLAG(std::string, migrate_password_file, "", "Password file of --migrate_user");
ABSL_FLAG(std::string, app_host, "localhost",
          "With --migrate_user: host part of the --db_user account, which is granted the application's "
          "privileges (and no UPDATE or DELETE on the audit log)");
ABSL_FLAG(std::string, migrations_dir, CFT_DATA_DIR "/mysql/migrations", "Migration scripts");
ABSL_FLAG(std::string, programmes_dir, CFT_DATA_DIR "/programmes", "Built-in programme templates");
ABSL_FLAG(std::string, instruments_dir, CFT_DATA_DIR "/instruments",
          "Outcome instrument definitions (*.textproto); cftd does not start if one is invalid");
ABSL_FLAG(std::string, password_hash_profile, "interactive",
          "Argon2id cost: 'interactive' (production) or 'minimum' (tests only)");
ABSL_FLAG(absl::Duration, read_audit_window, absl::Milliseconds(200),
          "Reads' audit records are written in batches: at most this much of them can be lost in a crash, "
          "and reads are refused once the audit trail has been unwritable for this long");
ABSL_FLAG(int, session_cache_size, 10000,
          "Live sessions held in memory so that calls authenticate without a database round trip (0: none)");
ABSL_FLAG(int, read_audit_queue, 10000, "Reads' audit records queued at most before callers wait");
ABSL_FLAG(int, peer_max_failures, 20,
          "Failed logins from one address within 15 minutes before a cool-down");

namespace {

int Fail(const absl::Status& status) {
  cft::LogError("cftd: ", status.ToString());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("cftd: serves the CFT platform's gRPC API");
  absl::ParseCommandLine(argc, argv);
  // Debian's abseil checks every mutex acquisition for lock-order cycles (a
  // debugging aid costing ~5% of a call, measured by bench/); tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (auto s = cft::InitCrypto(); !s.ok()) return Fail(s);

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto db = cft::DbConfigFromFlags();
  if (!db.ok()) return Fail(db.status());
  // A wrong scoring key is a clinical hazard: refuse to serve with a broken definition.
  auto instruments = cft::measures::LoadInstrumentDirectory(absl::GetFlag(FLAGS_instruments_dir));
  if (!instruments.ok()) return Fail(cft::Annotate(instruments.status(), "instruments"));

  if (const std::string migrate_user = absl::GetFlag(FLAGS_migrate_user); !migrate_user.empty()) {
    cft::SetupOptions setup;
    setup.owner = *db;
    setup.owner.user = migrate_user;
    auto password = cft::ReadFile(absl::GetFlag(FLAGS_migrate_password_file));
    if (!password.ok()) return Fail(password.status());
    setup.owner.password = std::string(absl::StripTrailingAsciiWhitespace(*password));
    setup.migrations_dir = absl::GetFlag(FLAGS_migrations_dir);
    setup.programmes_dir = absl::GetFlag(FLAGS_programmes_dir);
    setup.instruments_dir = absl::GetFlag(FLAGS_instruments_dir);
    // Grants are per table, so a migration that adds tables must grant them
    // to the account cftd is about to use, or every call would fail.
    setup.app_account = std::make_pair(db->user, absl::GetFlag(FLAGS_app_host));
    auto report = cft::SetUpDatabase(setup);
    if (!report.ok()) return Fail(report.status());
    cft::LogInfo("migrations applied=", report->migrations_applied, " schema_version=", report->schema_version,
                 " templates_loaded=", report->templates_loaded,
                 " instrument_versions_loaded=", report->instrument_versions_loaded);
  }

  cft::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.plaintext = absl::GetFlag(FLAGS_plaintext);
  options.max_threads = absl::GetFlag(FLAGS_max_threads);
  if (!options.plaintext) {
    auto cert = cft::ReadFile(absl::GetFlag(FLAGS_tls_cert));
    auto key = cft::ReadFile(absl::GetFlag(FLAGS_tls_key));
    if (!cert.ok()) return Fail(cft::Annotate(cert.status(), "--tls_cert"));
    if (!key.ok()) return Fail(cft::Annotate(key.status(), "--tls_key"));
    options.tls_cert_pem = *cert;
    options.tls_key_pem = *key;
  }

  cft::AppConfig app;
  app.db = *db;
  app.instruments = *instruments;
  const std::string profile = absl::GetFlag(FLAGS_password_hash_profile);
  if (profile == "minimum") {
    app.hash = cft::auth::HashParams::Minimum();
  } else if (profile != "interactive") {
    return Fail(absl::InvalidArgumentError("--password_hash_profile: interactive or minimum"));
  }
  app.auth.token_lifetime = absl::GetFlag(FLAGS_token_lifetime);
  app.auth.peer_throttle.max_failures = absl::GetFlag(FLAGS_peer_max_failures);
  if (absl::GetFlag(FLAGS_session_cache_size) < 0) {
    return Fail(absl::InvalidArgumentError("--session_cache_size: 0 or more"));
  }
  app.auth.session_cache_size = static_cast<size_t>(absl::GetFlag(FLAGS_session_cache_size));
  app.read_audit.window = absl::GetFlag(FLAGS_read_audit_window);
  if (absl::GetFlag(FLAGS_read_audit_queue) < 1) {
    return Fail(absl::InvalidArgumentError("--read_audit_queue: at least 1"));
  }
  app.read_audit.capacity = static_cast<size_t>(absl::GetFlag(FLAGS_read_audit_queue));

  auto server = cft::CftServer::Start(options, app);
  if (!server.ok()) return Fail(server.status());
  cft::LogInfo("cftd serving on ", options.listen_address, " port=", (*server)->port(),
               options.plaintext ? " (PLAIN TEXT)" : " (TLS)", " database=", db->database,
               db->unix_socket.empty() ? absl::StrCat(" at ", db->host, ":", db->port)
                                       : absl::StrCat(" via socket"));
  if (const std::string port_file = absl::GetFlag(FLAGS_port_file); !port_file.empty()) {
    std::ofstream out(port_file + ".tmp");
    out << (*server)->port() << "\n";
    out.close();
    std::rename((port_file + ".tmp").c_str(), port_file.c_str());
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  cft::LogInfo("cftd received ", signal_number == SIGTERM ? "SIGTERM" : "SIGINT",
               ": draining in-flight calls");
  (*server)->Shutdown(absl::GetFlag(FLAGS_drain_timeout));
  (*server)->Wait();
  server->reset();
  cft::LogInfo("cftd stopped");
  return 0;
}
