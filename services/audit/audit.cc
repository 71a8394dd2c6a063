#include "services/audit/audit.h"

#include "absl/strings/str_cat.h"
#include "services/audit/read_audit_queue.h"
#include "services/common/log.h"

namespace cft::audit {

AuditRecord Auditor::Build(const RequestContext& ctx, AuditEntry entry) const {
  AuditRecord r;
  r.occurred_at = clock_.Now();
  r.method = ctx.method;
  r.peer = ctx.peer;
  r.target_type = std::move(entry.target_type);
  r.target_id = std::move(entry.target_id);
  r.status_code = static_cast<int>(entry.code);
  r.organisation_id = entry.organisation_id;
  r.detail = entry.detail.substr(0, 500);
  if (ctx.principal) {
    r.organisation_id = ctx.principal->organisation_id;
    r.actor_user_id = ctx.principal->user_id;
    r.actor_role = std::string(RoleName(ctx.principal->role));
  } else if (ctx.method.rfind("cftctl", 0) == 0) {
    r.actor_role = "operator";
  }
  return r;
}

absl::Status Auditor::Record(UnitOfWork& uow, RequestContext& ctx, AuditEntry entry) {
  absl::Status s = repo_.Append(uow, Build(ctx, std::move(entry)));
  if (s.ok()) uow.OnCommit([&ctx] { ctx.audited = true; });
  return s;
}

absl::Status Auditor::RecordRead(UnitOfWork& uow, RequestContext& ctx, AuditEntry entry) {
  if (reads_ == nullptr) return Record(uow, ctx, std::move(entry));
  // Fail before the work is done rather than after, when the trail is down.
  if (absl::Status s = reads_->CheckWritable(); !s.ok()) return s;
  uow.AfterCommit([this, &ctx, record = Build(ctx, std::move(entry))]() mutable -> absl::Status {
    absl::Status s = reads_->Push(std::move(record));
    if (s.ok()) ctx.audited = true;
    return s;
  });
  return absl::OkStatus();
}

void Auditor::RecordOutcome(RequestContext& ctx, absl::StatusCode code) {
  AuditRecord record = Build(ctx, AuditEntry{.code = code});
  absl::Status s = tx_.Run([&](UnitOfWork& uow) { return repo_.Append(uow, record); });
  if (s.ok()) {
    ctx.audited = true;
  } else {
    LogError("audit write failed method=", ctx.method, " code=", absl::StatusCodeToString(s.code()));
  }
}

}  // namespace cft::audit
