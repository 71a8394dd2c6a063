// Bringing a database up to date, in one place for cftctl migrate, cftd's
// --migrate_user and the test fixtures: apply migrations, grant the
// application account its privileges, load the built-in programme templates.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/storage/db_config.h"

namespace cft {

struct SetupOptions {
  // A DDL-capable account.
  storage::DbConfig owner;
  std::string migrations_dir;
  std::string programmes_dir;
  // Instrument definitions, recorded (and pinned by checksum) in the database.
  std::string instruments_dir;
  // 'user'@'host' to grant the application's privileges to, if any.
  std::optional<std::pair<std::string, std::string>> app_account;
};

struct SetupReport {
  int migrations_applied = 0;
  int schema_version = 0;
  int templates_loaded = 0;
  int instrument_versions_loaded = 0;
};

absl::StatusOr<SetupReport> SetUpDatabase(const SetupOptions& options);

}  // namespace cft
