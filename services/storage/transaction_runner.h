#pragma once

#include "services/common/unit_of_work.h"
#include "services/storage/connection_pool.h"

namespace cft::storage {

// TransactionRunner over the pool. With `read_pool` (connections in
// autocommit mode) read-only work runs there without BEGIN or COMMIT.
// Thread-safe.
class MySqlTransactionRunner final : public TransactionRunner {
 public:
  explicit MySqlTransactionRunner(ConnectionPool& pool, int max_attempts = 4, ConnectionPool* read_pool = nullptr)
      : pool_(pool), read_pool_(read_pool), max_attempts_(max_attempts) {}
  absl::Status Run(absl::FunctionRef<absl::Status(UnitOfWork&)> body) override;
  absl::Status RunReadOnly(absl::FunctionRef<absl::Status(UnitOfWork&)> body) override;

 private:
  absl::Status RunOnce(absl::FunctionRef<absl::Status(UnitOfWork&)> body);
  ConnectionPool& pool_;
  ConnectionPool* read_pool_;
  const int max_attempts_;
};

}  // namespace cft::storage
