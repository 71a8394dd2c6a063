// A bounded pool of MySQL connections shared by all request threads.
// Thread-safe. Connections are opened lazily; an idle connection is pinged
// before reuse, and after a lost connection every idle one is dropped, so the
// server recovers by itself once the database is back.
#pragma once

#include <atomic>
#include <deque>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/storage/db_config.h"

namespace cft::storage {

struct PooledConnection;

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PooledConnection& operator*() const { return *conn_; }
    PooledConnection* operator->() const { return conn_.get(); }
    // The connection is unusable (lost, or its state unknown): close it rather
    // than return it, and drop the other idle ones, which likely share its fate.
    void MarkBroken() { broken_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> conn);
    ConnectionPool* pool_;
    std::unique_ptr<PooledConnection> conn_;
    bool broken_ = false;
  };

  explicit ConnectionPool(DbConfig config);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Waits until `config.acquire_timeout` for a connection. UNAVAILABLE when the
  // pool stays exhausted or the database cannot be reached.
  absl::StatusOr<Lease> Acquire();

  const DbConfig& config() const { return config_; }
  int open_connections() const;
  // Statements sent on this pool's connections: lets tests count a call's
  // round trips without the background writers that use pools of their own.
  int64_t statements_sent() const { return statements_.load(std::memory_order_relaxed); }

 private:
  absl::StatusOr<std::unique_ptr<PooledConnection>> Open();
  void Release(std::unique_ptr<PooledConnection> conn, bool broken);

  const DbConfig config_;
  mutable absl::Mutex mu_;
  std::deque<std::unique_ptr<PooledConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<int64_t> statements_{0};
};

// Makes sure Connector/C++'s per-thread state exists for the calling thread
// (and is released when it exits). Called by the pool; cheap after the first time.
void EnsureDriverThreadInit();

}  // namespace cft::storage
