// Plain Connector/C++ connections for the raw transaction ceilings and the
// bulk seed. The bench measures the driver itself, so it talks to it directly
// rather than through services/storage (whose cost is part of what cftd pays).
#pragma once

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"

namespace cft::bench {

struct DbTarget {
  std::string socket;
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string database;
  std::string user;
  std::string password;
};

// Call on every thread that uses a connection, before the first use; the
// driver's per-thread state is released when the thread ends.
void EnsureDbThread();

// A connection set up as cftd's pool sets up its own (autocommit off, UTC,
// strict mode, READ COMMITTED), so the ceiling pays what cftd pays per
// statement and nothing more.
absl::StatusOr<std::unique_ptr<sql::Connection>> OpenDb(const DbTarget& target);

// Server-wide counters from SHOW GLOBAL STATUS, by name (those asked for that exist).
absl::StatusOr<std::map<std::string, int64_t>> GlobalStatus(sql::Connection& conn,
                                                            const std::vector<std::string>& names);

// "mysql 1213" for a driver error: the key the report tallies errors by.
std::string ErrorKey(const sql::SQLException& e);

// Runs `statements` (one raw ceiling's transaction) and commits, as cftd's
// unit of work does; on a driver error rolls back and returns its ErrorKey.
// Empty when committed.
std::string InRawTransaction(sql::Connection& conn, absl::FunctionRef<void()> statements);

// The audit row a write ceiling commits after the row it audits, as cftd's
// Auditor writes it: the new row's id passed on by LAST_INSERT_ID(), status
// OK, the peer as cftd records it (PeerAddress), no detail.
inline constexpr char kRawAuditOfNewRow[] =
    "INSERT INTO audit_log (occurred_at, organisation_id, actor_user_id, actor_role, method, "
    "target_type, target_id, status_code, peer, detail) "
    "VALUES (?, ?, ?, ?, ?, ?, CAST(LAST_INSERT_ID() AS CHAR), ?, ?, ?)";

// Binds kRawAuditOfNewRow's parameters.
void BindRawAudit(sql::PreparedStatement& audit, const std::string& now, int64_t organisation_id, int64_t user_id,
                  const std::string& role, const std::string& method, const std::string& target_type);

}  // namespace cft::bench
