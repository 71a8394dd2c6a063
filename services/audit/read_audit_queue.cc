#include "services/audit/read_audit_queue.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "services/common/log.h"

namespace cft::audit {

namespace {
absl::Status Unwritable() {
  return absl::UnavailableError(
      "The service cannot record this access in its audit trail just now, so it is not shown. "
      "Please try again in a moment.");
}
}  // namespace

ReadAuditQueue::ReadAuditQueue(AuditRepository& repo, TransactionRunner& tx, ReadAuditOptions options)
    : repo_(repo), tx_(tx), options_(options) {
  writer_ = std::thread([this] { WriterLoop(); });
}

ReadAuditQueue::~ReadAuditQueue() {
  Drain(absl::Seconds(5));
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  writer_.join();
  absl::MutexLock lock(&mu_);
  if (!queue_.empty()) {
    LogError("audit: ", queue_.size(), " read record(s) could not be written before stopping");
  }
}

bool ReadAuditQueue::Failing(absl::Time now) const {
  return failing_since_.has_value() && now - *failing_since_ > options_.window;
}

bool ReadAuditQueue::HasRoom(absl::Time now) const {
  if (queue_.size() >= options_.capacity) return false;
  return queue_.empty() || now - queue_.front().queued_at <= options_.window;
}

absl::Status ReadAuditQueue::CheckWritable() {
  absl::MutexLock lock(&mu_);
  if (Failing(absl::Now())) return Unwritable();
  return absl::OkStatus();
}

absl::Status ReadAuditQueue::Push(AuditRecord record) {
  const absl::Time deadline = absl::Now() + options_.max_wait;
  absl::MutexLock lock(&mu_);
  while (true) {
    const absl::Time now = absl::Now();
    if (Failing(now)) return Unwritable();
    if (HasRoom(now)) break;
    if (now >= deadline) return Unwritable();
    // Re-evaluated whenever the writer releases the lock after a batch; the
    // timeout re-checks the window and the writer's health while it is stuck.
    auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      const absl::Time t = absl::Now();
      return Failing(t) || HasRoom(t);
    };
    mu_.AwaitWithTimeout(absl::Condition(&ready), absl::Milliseconds(20));
  }
  queue_.push_back(Pending{std::move(record), absl::Now()});
  return absl::OkStatus();
}

bool ReadAuditQueue::Drain(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto empty = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return queue_.empty(); };
  return mu_.AwaitWithTimeout(absl::Condition(&empty), timeout);
}

int64_t ReadAuditQueue::written() const {
  absl::MutexLock lock(&mu_);
  return written_;
}

size_t ReadAuditQueue::pending() const {
  absl::MutexLock lock(&mu_);
  return queue_.size();
}

void ReadAuditQueue::WriterLoop() {
  while (true) {
    std::vector<AuditRecord> batch;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !queue_.empty() || stopping_; };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;  // stopping with nothing left
      if (stopping_ && failing_since_) return;  // the destructor already waited
      const size_t n = std::min(queue_.size(), options_.batch);
      batch.reserve(n);
      // Records stay queued until written, so the oldest one's age keeps
      // gating new reads while a batch is in flight.
      for (size_t i = 0; i < n; ++i) batch.push_back(queue_[i].record);
    }
    const absl::Status status = tx_.Run([&](UnitOfWork& uow) { return repo_.AppendBatch(uow, batch); });
    absl::MutexLock lock(&mu_);
    if (status.ok()) {
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
      written_ += static_cast<int64_t>(batch.size());
      if (failing_since_) LogInfo("audit: read records are being written again");
      failing_since_.reset();
      continue;
    }
    if (!failing_since_) {
      failing_since_ = absl::Now();
      LogWarning("audit: cannot write read records (", absl::StatusCodeToString(status.code()), "): ",
                 status.message());
    }
    // Back off briefly; wake early to stop.
    auto stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    mu_.AwaitWithTimeout(absl::Condition(&stop), absl::Milliseconds(50));
  }
}

}  // namespace cft::audit
