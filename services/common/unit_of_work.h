// The transaction boundary as domain services see it. A domain service opens a
// unit of work through a TransactionRunner and passes it to every repository
// call that must commit or roll back together (a write and its audit record, a
// capacity check and the allocation it guards). Domain code never sees the SQL
// connection behind it; storage's MySQL repositories down-cast to reach it and
// unit-test fakes ignore it.
#pragma once

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace cft {

// Not thread-safe: one unit of work belongs to one call on one thread.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;

  // Runs `hook` only if this unit of work commits (never on rollback or retry).
  void OnCommit(std::function<void()> hook) { on_commit_.push_back(std::move(hook)); }

  // Runs `step` after a successful commit; its error becomes the result of
  // the unit of work although nothing is undone. Only for read-only work,
  // where failing after the commit loses nothing: a read whose audit record
  // cannot be queued is not answered.
  void AfterCommit(std::function<absl::Status()> step) { after_commit_.push_back(std::move(step)); }

  // For runners: called exactly once after a successful commit. Returns the
  // first error of an AfterCommit step.
  absl::Status RunCommitHooks() {
    for (auto& hook : on_commit_) hook();
    on_commit_.clear();
    absl::Status status;
    for (auto& step : after_commit_) {
      if (status.ok()) status = step();
    }
    after_commit_.clear();
    return status;
  }

 private:
  std::vector<std::function<void()>> on_commit_;
  std::vector<std::function<absl::Status()>> after_commit_;
};

// Thread-safe.
class TransactionRunner {
 public:
  virtual ~TransactionRunner() = default;

  // Runs `body` in one transaction: commits when it returns OK, rolls back
  // otherwise. A transaction that fails with ABORTED (deadlock, lock wait
  // timeout) is retried a few times, so `body` must have no effects outside the
  // unit of work except through OnCommit hooks.
  virtual absl::Status Run(absl::FunctionRef<absl::Status(UnitOfWork&)> body) = 0;

  // Runs `body`, which only reads (no writes, no row locks), without a
  // transaction around it: each statement reads committed data of its own
  // moment, as every statement does under READ COMMITTED anyway, and no
  // COMMIT round trip is paid. Commit hooks and AfterCommit steps run when
  // it returns OK. By default the same as Run.
  virtual absl::Status RunReadOnly(absl::FunctionRef<absl::Status(UnitOfWork&)> body) { return Run(body); }
};

// Runs `body` (returning absl::StatusOr<T>) in one transaction and returns its value.
namespace internal {
template <typename F>
auto RunFor(TransactionRunner& runner, bool read_only, F&& body) -> std::invoke_result_t<F&, UnitOfWork&> {
  using Result = std::invoke_result_t<F&, UnitOfWork&>;
  using Value = typename Result::value_type;
  std::optional<Value> value;
  auto wrapped = [&](UnitOfWork& uow) -> absl::Status {
    value.reset();
    Result result = body(uow);
    if (!result.ok()) return result.status();
    value.emplace(*std::move(result));
    return absl::OkStatus();
  };
  absl::Status status = read_only ? runner.RunReadOnly(wrapped) : runner.Run(wrapped);
  if (!status.ok()) return status;
  return *std::move(value);
}
}  // namespace internal

template <typename F>
auto InTransaction(TransactionRunner& runner, F&& body) -> std::invoke_result_t<F&, UnitOfWork&> {
  return internal::RunFor(runner, false, std::forward<F>(body));
}

// As InTransaction, for work that only reads (TransactionRunner::RunReadOnly).
template <typename F>
auto InReadOnly(TransactionRunner& runner, F&& body) -> std::invoke_result_t<F&, UnitOfWork&> {
  return internal::RunFor(runner, true, std::forward<F>(body));
}

}  // namespace cft
