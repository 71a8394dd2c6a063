#include "services/storage/migrations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/crypto.h"
#include "services/common/status_macros.h"
#include "services/storage/sql.h"
#include "services/storage/transaction_runner.h"

namespace cft::storage {
namespace {

constexpr SqlStatement kCreateMigrationsTable{
    "CreateMigrationsTable",
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " checksum CHAR(64) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"};
constexpr SqlStatement kSelectApplied{"SelectAppliedMigrations",
                                      "SELECT version, checksum FROM schema_migrations"};
constexpr SqlStatement kInsertApplied{
    "InsertAppliedMigration",
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)"};
// One lock per database (named by a hash: lock names are at most 64
// characters), so migrating one schema never waits for another on the same
// server, while two runs against the same schema still take turns.
#define CFT_MIGRATION_LOCK "CONCAT('cft_migrate:', SHA1(DATABASE()))"
constexpr SqlStatement kGetLock{"GetMigrationLock", "SELECT GET_LOCK(" CFT_MIGRATION_LOCK ", 120)"};
constexpr SqlStatement kReleaseLock{"ReleaseMigrationLock", "SELECT RELEASE_LOCK(" CFT_MIGRATION_LOCK ")"};
#undef CFT_MIGRATION_LOCK
constexpr SqlStatement kSchemaVersion{"SchemaVersion",
                                      "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"};
constexpr SqlStatement kListTables{
    "ListTables",
    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
    "AND table_type = 'BASE TABLE'"};

bool IsPlainIdentifier(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool IsHostPattern(const std::string& s) {
  return !s.empty() && s.size() <= 255 && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '%' ||
           c == '-' || c == ':' || c == '_';
  });
}

}  // namespace

std::vector<std::string> SplitSqlStatements(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  char quote = 0;
  for (size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    char next = i + 1 < script.size() ? script[i + 1] : '\0';
    if (quote != 0) {
      current.push_back(c);
      if (c == '\\' && quote != '`' && next != '\0') {
        current.push_back(next);
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      current.push_back(c);
    } else if ((c == '-' && next == '-') || c == '#') {
      while (i < script.size() && script[i] != '\n') ++i;
      current.push_back('\n');
    } else if (c == '/' && next == '*') {
      size_t end = script.find("*/", i + 2);
      i = end == std::string::npos ? script.size() : end + 1;
      current.push_back(' ');
    } else if (c == ';') {
      std::string stmt(absl::StripAsciiWhitespace(current));
      if (!stmt.empty()) out.push_back(std::move(stmt));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  std::string stmt(absl::StripAsciiWhitespace(current));
  if (!stmt.empty()) out.push_back(std::move(stmt));
  return out;
}

absl::StatusOr<std::vector<Migration>> LoadMigrations(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat("migrations directory not found: ", dir));
  }
  std::map<int, Migration> by_version;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (!entry.is_regular_file() || !absl::EndsWith(file, ".sql")) continue;
    int version = 0;
    if (file.size() < 10 || file[4] != '_' || !absl::SimpleAtoi(file.substr(0, 4), &version) ||
        version <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("migration file name must be NNNN_name.sql: ", file));
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    Migration m;
    m.version = version;
    m.name = file.substr(5, file.size() - 9);
    m.sql = buf.str();
    m.checksum = HexEncode(Sha256(m.sql));
    if (!by_version.emplace(version, std::move(m)).second) {
      return absl::InvalidArgumentError(absl::StrCat("two migrations share version ", version));
    }
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

absl::StatusOr<MigrationReport> ApplyMigrations(ConnectionPool& owner_pool,
                                                const std::vector<Migration>& migrations) {
  // DDL commits implicitly in MySQL, so a migration cannot be one transaction:
  // the session runs statement by statement and records the migration last.
  auto lease = owner_pool.Acquire();
  if (!lease.ok()) return lease.status();
  SqlSession session(**lease);
  auto scalar = [&](const SqlStatement& stmt) -> absl::StatusOr<int64_t> {
    int64_t value = 0;
    RETURN_IF_ERROR(session.Query(stmt, {}, [&](const Row& row) {
      value = row.IsNull(0) ? 0 : row.Int(0);
      return absl::OkStatus();
    }));
    return value;
  };
  ASSIGN_OR_RETURN(int64_t locked, scalar(kGetLock));
  if (locked != 1) return absl::UnavailableError("another migration run holds the lock");
  auto release = [&] { (void)scalar(kReleaseLock); };

  absl::StatusOr<MigrationReport> result = [&]() -> absl::StatusOr<MigrationReport> {
    RETURN_IF_ERROR(session.Execute(kCreateMigrationsTable, {}).status());
    std::map<int, std::string> applied;
    RETURN_IF_ERROR(session.Query(kSelectApplied, {}, [&](const Row& row) {
      applied[static_cast<int>(row.Int(0))] = row.Str(1);
      return absl::OkStatus();
    }));
    MigrationReport report;
    for (const Migration& m : migrations) {
      auto it = applied.find(m.version);
      if (it != applied.end()) {
        if (it->second != m.checksum) {
          return absl::FailedPreconditionError(absl::StrCat(
              "migration ", m.version, " (", m.name,
              ") was changed after it was applied; add a new migration instead"));
        }
        continue;
      }
      std::vector<std::string> statements = SplitSqlStatements(m.sql);
      for (size_t i = 0; i < statements.size(); ++i) {
        absl::Status s = session.ExecuteRaw(absl::StrCat("migration ", m.version, " statement ", i + 1),
                                            statements[i]);
        if (!s.ok()) return s;
      }
      RETURN_IF_ERROR(
          session.Execute(kInsertApplied, {int64_t{m.version}, m.name, m.checksum, absl::Now()})
              .status());
      RETURN_IF_ERROR(session.ExecuteRaw("commit migration", "COMMIT"));
      ++report.applied;
    }
    for (const auto& [v, c] : applied) {
      if (std::none_of(migrations.begin(), migrations.end(),
                       [&](const Migration& m) { return m.version == v; })) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the database has migration ", v, " which this build does not know: is it older?"));
      }
    }
    ASSIGN_OR_RETURN(int64_t version, scalar(kSchemaVersion));
    report.schema_version = static_cast<int>(version);
    return report;
  }();
  if (!result.ok()) (void)session.ExecuteRaw("rollback", "ROLLBACK");
  release();
  (void)session.ExecuteRaw("commit", "COMMIT");
  if (result.status().code() == absl::StatusCode::kUnavailable) lease->MarkBroken();
  return result;
}

absl::Status GrantAppAccess(ConnectionPool& owner_pool, const std::string& database,
                            const std::string& user, const std::string& host) {
  if (!IsPlainIdentifier(database)) return absl::InvalidArgumentError("database: not a plain name");
  if (!IsPlainIdentifier(user)) return absl::InvalidArgumentError("app user: not a plain name");
  if (!IsHostPattern(host)) return absl::InvalidArgumentError("app host: not a host pattern");
  auto lease = owner_pool.Acquire();
  if (!lease.ok()) return lease.status();
  SqlSession session(**lease);
  std::vector<std::string> tables;
  RETURN_IF_ERROR(session.Query(kListTables, {}, [&](const Row& row) {
    tables.push_back(row.Str(0));
    return absl::OkStatus();
  }));
  const std::string account = absl::StrCat("'", user, "'@'", host, "'");
  for (const std::string& table : tables) {
    if (!IsPlainIdentifier(table)) continue;
    std::string privileges = "SELECT, INSERT, UPDATE, DELETE";
    // The audit trail is append-only for the application: no UPDATE, no DELETE.
    if (table == "audit_log") privileges = "SELECT, INSERT";
    if (table == "schema_migrations") privileges = "SELECT";
    RETURN_IF_ERROR(session.ExecuteRaw(
        "grant", absl::StrCat("GRANT ", privileges, " ON `", database, "`.`", table, "` TO ",
                              account)));
  }
  return session.ExecuteRaw("commit", "COMMIT");
}

absl::StatusOr<int> SchemaVersion(ConnectionPool& pool) {
  MySqlTransactionRunner runner(pool);
  int version = 0;
  RETURN_IF_ERROR(runner.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kSchemaVersion, {}, [&](const Row& row) {
      version = static_cast<int>(row.Int(0));
      return absl::OkStatus();
    });
  }));
  return version;
}

}  // namespace cft::storage
