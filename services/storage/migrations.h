// Schema migrations: deploy/mysql/migrations/NNNN_name.sql, applied in order,
// each recorded with a SHA-256 checksum of its file. An applied migration whose
// file has since changed is an error: history is never rewritten, only added to.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/storage/connection_pool.h"

namespace cft::storage {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
  std::string checksum;  // hex SHA-256 of the file
};

struct MigrationReport {
  int applied = 0;           // applied by this run
  int schema_version = 0;    // highest applied version afterwards
};

// Reads every NNNN_name.sql file in `dir`, ordered by version. Duplicate or
// malformed versions are errors.
absl::StatusOr<std::vector<Migration>> LoadMigrations(const std::string& dir);

// Splits a script into statements at semicolons outside quotes and comments.
std::vector<std::string> SplitSqlStatements(const std::string& script);

// Applies the pending migrations with an account that may run DDL. Concurrent
// runs serialise on a named lock.
absl::StatusOr<MigrationReport> ApplyMigrations(ConnectionPool& owner_pool,
                                                const std::vector<Migration>& migrations);

// Grants the application account exactly what cftd needs: read/write on the
// data tables, SELECT and INSERT only on the append-only audit_log, SELECT on
// schema_migrations. `account` is 'user'@'host' as given to CREATE USER.
absl::Status GrantAppAccess(ConnectionPool& owner_pool, const std::string& database,
                            const std::string& user, const std::string& host);

// Highest applied migration version, 0 for an empty schema.
absl::StatusOr<int> SchemaVersion(ConnectionPool& pool);

}  // namespace cft::storage
