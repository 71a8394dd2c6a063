// Audit records of reads, written in batches off the request path. A read's
// record is handed over once its transaction commits and a background writer
// inserts the queued records in multi-row transactions of their own (durable
// commits, one per batch instead of one per read). The terms, each tested in
// tests/audit/read_audit_test.cc:
//   - nothing is lost on an orderly stop: Drain() empties the queue, and
//     cftd drains it after the last call has finished;
//   - a crash loses at most `window` of reads: a new record waits while the
//     oldest unwritten one is older than that, so the unwritten records never
//     span more than `window` of time;
//   - a full queue slows callers (Push waits for room) rather than dropping;
//   - a database outage fails reads: once the writer has failed for longer
//     than `window`, CheckWritable() refuses, so no read is served unaudited
//     beyond that window.
// Time here is the machine's real clock (these are operational limits), not
// the injected domain clock that stamps the records. Thread-safe.
#pragma once

#include <deque>
#include <optional>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/audit/audit.h"

namespace cft::audit {

struct ReadAuditOptions {
  // Records queued at most; callers wait beyond it.
  size_t capacity = 10000;
  // The most reads a crash may lose, and how long the writer may fail before reads are refused.
  absl::Duration window = absl::Milliseconds(200);
  // Records per INSERT.
  size_t batch = 500;
  // How long a caller waits for room before it gives up with UNAVAILABLE.
  absl::Duration max_wait = absl::Seconds(10);
};

class ReadAuditQueue {
 public:
  // `tx` should run on connections of its own, so that readers waiting for
  // room can never starve the writer of a connection. Starts the writer.
  ReadAuditQueue(AuditRepository& repo, TransactionRunner& tx, ReadAuditOptions options);
  // Drains for up to five seconds, then stops the writer (logging any loss).
  ~ReadAuditQueue();
  ReadAuditQueue(const ReadAuditQueue&) = delete;
  ReadAuditQueue& operator=(const ReadAuditQueue&) = delete;

  // UNAVAILABLE while the writer has been failing for longer than the window.
  absl::Status CheckWritable();
  // Queues a record, waiting while the queue is full or lagging by more than
  // the window. UNAVAILABLE (record not queued) if the writer fails meanwhile
  // for longer than the window, or no room comes within max_wait.
  absl::Status Push(AuditRecord record);
  // Waits until every queued record is written; false on timeout.
  bool Drain(absl::Duration timeout);

  int64_t written() const;
  size_t pending() const;

 private:
  struct Pending {
    AuditRecord record;
    absl::Time queued_at;
  };
  void WriterLoop();
  // Whether the writer has failed continuously for longer than the window.
  bool Failing(absl::Time now) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool HasRoom(absl::Time now) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  AuditRepository& repo_;
  TransactionRunner& tx_;
  const ReadAuditOptions options_;
  mutable absl::Mutex mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Time> failing_since_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t written_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread writer_;
};

}  // namespace cft::audit
