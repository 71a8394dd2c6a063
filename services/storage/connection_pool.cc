#include "services/storage/connection_pool.h"

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <mutex>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"
#include "services/storage/pooled_connection.h"
#include "services/common/errors.h"
#include "services/storage/sql_errors.h"

namespace cft::storage {
namespace {

sql::mysql::MySQL_Driver* Driver() {
  // get_mysql_driver_instance() is not thread-safe on its first call.
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* driver = nullptr;
  std::call_once(once, [] { driver = sql::mysql::get_mysql_driver_instance(); });
  return driver;
}

struct DriverThreadGuard {
  DriverThreadGuard() { Driver()->threadInit(); }
  ~DriverThreadGuard() { Driver()->threadEnd(); }
};

int Seconds(absl::Duration d) { return static_cast<int>(absl::ToInt64Seconds(d)); }

}  // namespace

void EnsureDriverThreadInit() { thread_local DriverThreadGuard guard; }

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), broken_(other.broken_) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_), broken_);
}

ConnectionPool::ConnectionPool(DbConfig config) : config_(std::move(config)) { Driver(); }

ConnectionPool::~ConnectionPool() {
  EnsureDriverThreadInit();
  absl::MutexLock lock(&mu_);
  idle_.clear();
}

int ConnectionPool::open_connections() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

absl::StatusOr<std::unique_ptr<PooledConnection>> ConnectionPool::Open() {
  sql::ConnectOptionsMap opts;
  if (!config_.unix_socket.empty()) {
    opts["hostName"] = sql::SQLString("localhost");
    opts["socket"] = sql::SQLString(config_.unix_socket);
  } else {
    opts["hostName"] = sql::SQLString(config_.host);
    opts["port"] = config_.port;
  }
  opts["userName"] = sql::SQLString(config_.user);
  opts["password"] = sql::SQLString(config_.password);
  if (!config_.database.empty()) opts["schema"] = sql::SQLString(config_.database);
  opts["OPT_CONNECT_TIMEOUT"] = Seconds(config_.connect_timeout);
  opts["OPT_READ_TIMEOUT"] = Seconds(config_.io_timeout);
  opts["OPT_WRITE_TIMEOUT"] = Seconds(config_.io_timeout);
  opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  // Silent reconnects would lose transaction state; we replace connections instead.
  opts["OPT_RECONNECT"] = false;
  try {
    auto pc = std::make_unique<PooledConnection>();
    pc->pool_statements = &statements_;
    pc->conn.reset(Driver()->connect(opts));
    pc->conn->setAutoCommit(config_.autocommit);
    std::unique_ptr<sql::Statement> st(pc->conn->createStatement());
    // Instants are stored in UTC; strict mode turns silent truncation into errors.
    // READ COMMITTED plus explicit row locks where a rule needs them (capacity)
    // avoids REPEATABLE READ's gap locks and the deadlocks they bring.
    st->execute(
        "SET SESSION time_zone = '+00:00', "
        "SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    if (!config_.autocommit) pc->conn->commit();
    return pc;
  } catch (const sql::SQLException& e) {
    return StatusFromMySqlError(e.getErrorCode(), e.getSQLStateCStr(), "connect");
  } catch (const std::exception& e) {
    return WithOperatorDetail(absl::UnavailableError("connect: database driver error"));
  }
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire() {
  EnsureDriverThreadInit();
  const absl::Time deadline = absl::Now() + config_.acquire_timeout;
  std::unique_ptr<PooledConnection> conn;
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < config_.pool_size;
    };
    if (!mu_.AwaitWithDeadline(absl::Condition(&available), deadline)) {
      return WithOperatorDetail(absl::UnavailableError("database connection pool exhausted"));
    }
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // reserve the slot before connecting outside the lock
    }
  }
  if (conn != nullptr && absl::Now() - conn->last_used > config_.validate_after_idle) {
    bool valid = false;
    try {
      valid = conn->conn->isValid();
    } catch (const sql::SQLException&) {
      valid = false;
    }
    if (!valid) {
      conn.reset();  // closes it; its slot is reused for the new connection below
    }
  }
  if (conn == nullptr) {
    auto opened = Open();
    if (!opened.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
      return opened.status();
    }
    conn = *std::move(opened);
  }
  return Lease(this, std::move(conn));
}

void ConnectionPool::Release(std::unique_ptr<PooledConnection> conn, bool broken) {
  EnsureDriverThreadInit();
  std::deque<std::unique_ptr<PooledConnection>> to_close;
  {
    absl::MutexLock lock(&mu_);
    if (broken) {
      --open_;
      open_ -= static_cast<int>(idle_.size());
      to_close.swap(idle_);
      to_close.push_back(std::move(conn));
    } else {
      conn->last_used = absl::Now();
      idle_.push_back(std::move(conn));
    }
  }
  // Closing may touch the network; do it outside the lock. Closing a lost
  // connection can itself throw.
  for (auto& c : to_close) {
    try {
      c->statements.clear();
      c->dynamic.clear();
      c->conn.reset();
    } catch (const std::exception&) {
    }
  }
}

}  // namespace cft::storage
