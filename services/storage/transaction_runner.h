#pragma once

#include "services/common/unit_of_work.h"
#include "services/storage/connection_pool.h"

namespace cft::storage {

// TransactionRunner over the pool. Thread-safe.
class MySqlTransactionRunner final : public TransactionRunner {
 public:
  explicit MySqlTransactionRunner(ConnectionPool& pool, int max_attempts = 4)
      : pool_(pool), max_attempts_(max_attempts) {}
  absl::Status Run(absl::FunctionRef<absl::Status(UnitOfWork&)> body) override;

 private:
  absl::Status RunOnce(absl::FunctionRef<absl::Status(UnitOfWork&)> body);
  ConnectionPool& pool_;
  const int max_attempts_;
};

}  // namespace cft::storage
