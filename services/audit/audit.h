// The audit trail: who did what to which record, when, and how it ended.
// Append-only by construction (the repository can only append) and by grant
// (the application's database account has no UPDATE or DELETE on it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/unit_of_work.h"

namespace cft::audit {

struct AuditRecord {
  absl::Time occurred_at;
  std::optional<int64_t> organisation_id;
  std::optional<int64_t> actor_user_id;
  std::string actor_role;  // "admin", "clinician", "participant", "operator" or empty
  std::string method;
  std::string target_type;
  std::string target_id;
  int status_code = 0;  // absl::StatusCode / grpc::StatusCode value
  std::string peer;
  std::string detail;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual absl::Status Append(UnitOfWork& uow, const AuditRecord& record) = 0;
  // Several records at once (the batched writer of reads); one statement in
  // the MySQL implementation.
  virtual absl::Status AppendBatch(UnitOfWork& uow, const std::vector<AuditRecord>& records) {
    for (const AuditRecord& r : records) {
      absl::Status s = Append(uow, r);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }
};

class ReadAuditQueue;

// What a domain service says about the record a call touched.
struct AuditEntry {
  std::string target_type;
  std::string target_id;
  absl::StatusCode code = absl::StatusCode::kOk;
  // For calls without a principal (a failed login) the organisation involved, if known.
  std::optional<int64_t> organisation_id;
  // What a change touched, by field name ("changed: minutes, note"); never
  // the values, so nothing a participant wrote reaches the trail. At most 500
  // characters.
  std::string detail;
};

// Writes audit records for one RequestContext. Thread-safe.
class Auditor {
 public:
  // Without `reads`, reads are audited inside their transaction like writes
  // (cftctl and unit tests); with it, through the batched queue.
  Auditor(AuditRepository& repo, TransactionRunner& tx, const Clock& clock, ReadAuditQueue* reads = nullptr)
      : repo_(repo), tx_(tx), clock_(clock), reads_(reads) {}

  // For writes, inside the domain transaction, so the record commits or rolls
  // back with the change it describes. Marks the context audited once the
  // transaction commits.
  absl::Status Record(UnitOfWork& uow, RequestContext& ctx, AuditEntry entry);

  // For reads of clinical data, inside the (read-only) domain transaction:
  // refuses at once while the audit trail cannot be written, and queues the
  // record once the transaction commits (see ReadAuditQueue for the terms).
  // If it cannot be queued the call fails and its data is not returned.
  absl::Status RecordRead(UnitOfWork& uow, RequestContext& ctx, AuditEntry entry);

  // In a transaction of its own: for calls that failed before or outside a
  // domain transaction (denied, invalid, not found). Failure to write is
  // logged, not returned: the caller already has an error to report.
  void RecordOutcome(RequestContext& ctx, absl::StatusCode code);

 private:
  AuditRecord Build(const RequestContext& ctx, AuditEntry entry) const;
  AuditRepository& repo_;
  TransactionRunner& tx_;
  const Clock& clock_;
  ReadAuditQueue* reads_;
};

}  // namespace cft::audit
