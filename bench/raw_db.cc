#include "bench/raw_db.h"

#include <cppconn/driver.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace cft::bench {
namespace {

sql::mysql::MySQL_Driver* Driver() {
  // The first call is not thread-safe.
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* driver = nullptr;
  std::call_once(once, [] { driver = sql::mysql::get_mysql_driver_instance(); });
  return driver;
}

struct ThreadGuard {
  ThreadGuard() { Driver()->threadInit(); }
  ~ThreadGuard() { Driver()->threadEnd(); }
};

}  // namespace

void EnsureDbThread() { thread_local ThreadGuard guard; }

absl::StatusOr<std::unique_ptr<sql::Connection>> OpenDb(const DbTarget& target) {
  EnsureDbThread();
  sql::ConnectOptionsMap opts;
  if (!target.socket.empty()) {
    opts["hostName"] = sql::SQLString("localhost");
    opts["socket"] = sql::SQLString(target.socket);
  } else {
    opts["hostName"] = sql::SQLString(target.host);
    opts["port"] = target.port;
  }
  opts["userName"] = sql::SQLString(target.user);
  opts["password"] = sql::SQLString(target.password);
  opts["schema"] = sql::SQLString(target.database);
  opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  opts["OPT_RECONNECT"] = false;
  try {
    std::unique_ptr<sql::Connection> conn(Driver()->connect(opts));
    conn->setAutoCommit(false);
    std::unique_ptr<sql::Statement> st(conn->createStatement());
    st->execute(
        "SET SESSION time_zone = '+00:00', "
        "SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    conn->commit();
    return conn;
  } catch (const sql::SQLException& e) {
    return absl::UnavailableError(absl::StrCat("connect to the database: ", e.what(), " (", e.getErrorCode(), ")"));
  }
}

absl::StatusOr<std::map<std::string, int64_t>> GlobalStatus(sql::Connection& conn,
                                                            const std::vector<std::string>& names) {
  EnsureDbThread();
  std::map<std::string, int64_t> out;
  try {
    std::unique_ptr<sql::Statement> st(conn.createStatement());
    // The names are the bench's own constants.
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery(absl::StrCat(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('", absl::StrJoin(names, "', '"), "')")));
    while (rs->next()) out[rs->getString(1)] = rs->getInt64(2);
    conn.commit();
  } catch (const sql::SQLException& e) {
    return absl::UnavailableError(absl::StrCat("SHOW GLOBAL STATUS: ", e.what()));
  }
  return out;
}

std::string ErrorKey(const sql::SQLException& e) { return absl::StrCat("mysql ", e.getErrorCode()); }

std::string InRawTransaction(sql::Connection& conn, absl::FunctionRef<void()> statements) {
  try {
    statements();
    conn.commit();
    return {};
  } catch (const sql::SQLException& e) {
    try {
      conn.rollback();
    } catch (const sql::SQLException&) {
      // The connection is gone; the error that matters is the first one.
    }
    return ErrorKey(e);
  }
}

void BindRawAudit(sql::PreparedStatement& audit, const std::string& now, int64_t organisation_id, int64_t user_id,
                  const std::string& role, const std::string& method, const std::string& target_type) {
  audit.setDateTime(1, now);
  audit.setInt64(2, organisation_id);
  audit.setInt64(3, user_id);
  audit.setString(4, role);
  audit.setString(5, method);
  audit.setString(6, target_type);
  audit.setInt(7, 0);
  audit.setString(8, "127.0.0.1");
  audit.setNull(9, sql::DataType::VARCHAR);
}

}  // namespace cft::bench
