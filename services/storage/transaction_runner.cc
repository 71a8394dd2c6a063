#include "services/storage/transaction_runner.h"

#include <cppconn/exception.h>

#include "absl/time/clock.h"
#include "services/common/crypto.h"
#include "services/storage/pooled_connection.h"
#include "services/storage/sql.h"
#include "services/storage/sql_errors.h"

namespace cft::storage {

absl::Status MySqlTransactionRunner::Run(absl::FunctionRef<absl::Status(UnitOfWork&)> body) {
  absl::Status status;
  for (int attempt = 1; attempt <= max_attempts_; ++attempt) {
    status = RunOnce(body);
    if (status.code() != absl::StatusCode::kAborted) return status;
    // Deadlock or lock-wait timeout: back off a little, with jitter so the
    // transactions that collided do not collide again.
    const auto jitter_us = static_cast<unsigned char>(RandomBytes(1)[0]);
    absl::SleepFor(absl::Milliseconds(5 * attempt) + absl::Microseconds(jitter_us * 20));
  }
  return status;
}

absl::Status MySqlTransactionRunner::RunReadOnly(absl::FunctionRef<absl::Status(UnitOfWork&)> body) {
  if (read_pool_ == nullptr) return Run(body);
  auto lease = read_pool_->Acquire();
  if (!lease.ok()) return lease.status();
  SqlSession session(**lease);
  absl::Status status = body(session);
  if (status.code() == absl::StatusCode::kUnavailable) lease->MarkBroken();
  if (!status.ok()) return status;
  return session.RunCommitHooks();
}

absl::Status MySqlTransactionRunner::RunOnce(absl::FunctionRef<absl::Status(UnitOfWork&)> body) {
  auto lease = pool_.Acquire();
  if (!lease.ok()) return lease.status();
  SqlSession session(**lease);
  absl::Status status = body(session);
  try {
    if (status.ok()) {
      (*lease)->conn->commit();
    } else {
      (*lease)->conn->rollback();
    }
  } catch (const sql::SQLException& e) {
    // A commit whose reply was lost may or may not have happened: UNAVAILABLE
    // tells the client to retry with the same idempotency key.
    absl::Status commit_status = StatusFromMySqlError(
        e.getErrorCode(), e.getSQLStateCStr(), status.ok() ? "commit" : "rollback");
    if (IsConnectionLost(e.getErrorCode()) || !status.ok()) lease->MarkBroken();
    return status.ok() ? commit_status : status;
  }
  if (status.code() == absl::StatusCode::kUnavailable) lease->MarkBroken();
  if (status.ok()) return session.RunCommitHooks();
  return status;
}

}  // namespace cft::storage
