// cftctl: operator commands against the database, using the same domain
// services as cftd (so every change is validated and audited the same way).
//
//   cftctl migrate [--app_user=U --app_host=H]     apply migrations (DDL-capable --db_user)
//   cftctl create-org --name=NAME                  prints the new organisation id
//   cftctl create-user --org=ID --role=ROLE --email=E --name=N [--password_stdin]
//   cftctl reset-password --email=E [--password_stdin]
//   cftctl status                                  reachability, schema version, counts
//   cftctl seed-demo                               demo organisation and accounts (prints sign-ins)
//   cftctl set-module-release --org=ID --mode=session_start|session_held
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/cli/demo.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/principal.h"
#include "services/measures/instrument_files.h"
#include "services/server/app.h"
#include "services/server/db_flags.h"
#include "services/server/setup.h"
#include "services/storage/migrations.h"

ABSL_FLAG(std::string, migrations_dir, CFT_DATA_DIR "/mysql/migrations", "Migration scripts");
ABSL_FLAG(std::string, programmes_dir, CFT_DATA_DIR "/programmes", "Built-in programme templates");
ABSL_FLAG(std::string, instruments_dir, CFT_DATA_DIR "/instruments", "Outcome instrument definitions");
ABSL_FLAG(std::string, app_user, "", "migrate: grant the application's privileges to this account");
ABSL_FLAG(std::string, app_host, "localhost", "migrate: host part of --app_user");
ABSL_FLAG(std::string, name, "", "create-org: organisation name; create-user: display name");
ABSL_FLAG(int64_t, org, 0, "create-user: organisation id");
ABSL_FLAG(std::string, role, "clinician", "create-user: admin, clinician or participant");
ABSL_FLAG(std::string, email, "", "create-user, reset-password: e-mail address (login name)");
ABSL_FLAG(std::string, mode, "", "set-module-release: session_start or session_held");
ABSL_FLAG(bool, password_stdin, false,
          "create-user, reset-password: read the password from the first line of stdin "
          "instead of generating one");

namespace {

constexpr const char* kUsage =
    "cftctl <command> [flags]\n"
    "commands: migrate, create-org, create-user, reset-password, status, seed-demo, set-module-release";

int Fail(const absl::Status& status) {
  std::cerr << "cftctl: " << status.message() << " (" << absl::StatusCodeToString(status.code())
            << ")\n";
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

std::optional<std::string> PasswordFromStdin() {
  if (!absl::GetFlag(FLAGS_password_stdin)) return std::nullopt;
  std::string line;
  std::getline(std::cin, line);
  return std::string(absl::StripTrailingAsciiWhitespace(line));
}

cft::RequestContext OperatorContext(const std::string& command) {
  cft::RequestContext ctx;
  ctx.method = "cftctl " + command;
  ctx.peer = "local";
  return ctx;
}

int Migrate(const cft::storage::DbConfig& db) {
  cft::SetupOptions setup;
  setup.owner = db;
  setup.migrations_dir = absl::GetFlag(FLAGS_migrations_dir);
  setup.programmes_dir = absl::GetFlag(FLAGS_programmes_dir);
  setup.instruments_dir = absl::GetFlag(FLAGS_instruments_dir);
  if (const std::string app_user = absl::GetFlag(FLAGS_app_user); !app_user.empty()) {
    setup.app_account = std::make_pair(app_user, absl::GetFlag(FLAGS_app_host));
  }
  auto report = cft::SetUpDatabase(setup);
  if (!report.ok()) return Fail(report.status());
  std::cout << "applied " << report->migrations_applied << " migration(s); schema version "
            << report->schema_version << "; loaded " << report->templates_loaded
            << " new built-in programme template version(s); recorded " << report->instrument_versions_loaded
            << " new instrument definition version(s)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  if (args.size() != 2) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  const std::string command = args[1];
  if (auto s = cft::InitCrypto(); !s.ok()) return Fail(s);
  auto db = cft::DbConfigFromFlags();
  if (!db.ok()) return Fail(db.status());
  db->pool_size = 2;

  if (command == "migrate") return Migrate(*db);

  cft::AppConfig config;
  config.db = *db;
  // The demo replays its group's history on a clock of its own, starting now.
  cft::FakeClock demo_clock(absl::Now());
  if (command == "seed-demo") config.clock = &demo_clock;
  if (command == "seed-demo") {
    auto instruments = cft::measures::LoadInstrumentDirectory(absl::GetFlag(FLAGS_instruments_dir));
    if (!instruments.ok()) return Fail(cft::Annotate(instruments.status(), "instruments"));
    config.instruments = *instruments;
  }
  cft::App app(config);

  if (command == "create-org") {
    auto ctx = OperatorContext(command);
    auto id = app.auth().CreateOrganisation(ctx, absl::GetFlag(FLAGS_name));
    if (!id.ok()) return Fail(id.status());
    std::cout << *id << "\n";
    return 0;
  }
  if (command == "create-user") {
    auto role = cft::RoleFromName(absl::GetFlag(FLAGS_role));
    if (!role) return Fail(absl::InvalidArgumentError("--role: admin, clinician or participant"));
    auto ctx = OperatorContext(command);
    auto created = app.auth().CreateUser(ctx, absl::GetFlag(FLAGS_org), *role,
                                         absl::GetFlag(FLAGS_email), absl::GetFlag(FLAGS_name),
                                         PasswordFromStdin());
    if (!created.ok()) return Fail(created.status());
    std::cout << "user " << created->account.id << " " << created->account.email << " ("
              << cft::RoleName(created->account.role) << ")\n";
    if (!created->generated_password.empty()) {
      std::cout << "temporary password (shown once): " << created->generated_password << "\n";
    }
    return 0;
  }
  if (command == "reset-password") {
    auto ctx = OperatorContext(command);
    auto generated = app.auth().ResetPassword(ctx, absl::GetFlag(FLAGS_email), PasswordFromStdin());
    if (!generated.ok()) return Fail(generated.status());
    std::cout << "password reset; every session of the account was ended\n";
    if (!generated->empty()) std::cout << "temporary password (shown once): " << *generated << "\n";
    return 0;
  }
  if (command == "set-module-release") {
    auto ctx = OperatorContext(command);
    if (auto s = app.auth().SetModuleRelease(ctx, absl::GetFlag(FLAGS_org), absl::GetFlag(FLAGS_mode)); !s.ok()) {
      return Fail(s);
    }
    std::cout << "weeks are now released at " << (absl::GetFlag(FLAGS_mode) == "session_held"
                                                      ? "the session's register"
                                                      : "the start of their session")
              << "\n";
    return 0;
  }
  if (command == "seed-demo") {
    if (auto s = cft::cli::SeedDemo(app, demo_clock, std::cout); !s.ok()) return Fail(s);
    return 0;
  }
  if (command == "status") {
    auto version = cft::storage::SchemaVersion(app.pool());
    if (!version.ok()) {
      std::cout << "database: unreachable (" << version.status().message() << ")\n";
      return 1;
    }
    auto counts = app.auth().Counts();
    if (!counts.ok()) return Fail(counts.status());
    std::cout << "database: reachable\n"
              << "schema version: " << *version << "\n"
              << "organisations: " << counts->organisations << "\n"
              << "users: " << counts->users << "\n"
              << "active sessions: " << counts->active_sessions << "\n"
              << "audit records: " << counts->audit_records << "\n";
    return 0;
  }
  std::cerr << "unknown command: " << command << "\n" << kUsage << "\n";
  return 2;
}
