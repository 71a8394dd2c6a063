#include "services/audit/mysql_audit_repository.h"

#include "absl/strings/str_cat.h"
#include "services/storage/sql.h"

namespace cft::audit {
namespace {

using storage::Nullable;
using storage::SqlValue;

#define CFT_INSERT_AUDIT                                                                   \
  "INSERT INTO audit_log (occurred_at, organisation_id, actor_user_id, actor_role, method, " \
  "target_type, target_id, status_code, peer, detail) VALUES "
constexpr storage::SqlStatement kInsertAudit{"InsertAudit", CFT_INSERT_AUDIT "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr const char* kInsertAuditColumns = CFT_INSERT_AUDIT;
#undef CFT_INSERT_AUDIT

SqlValue EmptyAsNull(const std::string& s) { return s.empty() ? SqlValue(nullptr) : SqlValue(s); }

}  // namespace

absl::Status MySqlAuditRepository::AppendBatch(UnitOfWork& uow, const std::vector<AuditRecord>& records) {
  if (records.empty()) return absl::OkStatus();
  std::vector<SqlValue> params;
  params.reserve(records.size() * 10);
  for (const AuditRecord& r : records) {
    params.insert(params.end(), {r.occurred_at, Nullable(r.organisation_id), Nullable(r.actor_user_id),
                                 EmptyAsNull(r.actor_role), r.method, EmptyAsNull(r.target_type),
                                 EmptyAsNull(r.target_id), int64_t{r.status_code}, EmptyAsNull(r.peer),
                                 EmptyAsNull(r.detail)});
  }
  return storage::Sql(uow)
      .ExecuteDynamic("InsertAuditBatch",
                      absl::StrCat(kInsertAuditColumns, storage::PlaceholderRows(records.size(), 10)), params)
      .status();
}

absl::Status MySqlAuditRepository::Append(UnitOfWork& uow, const AuditRecord& r) {
  return storage::Sql(uow)
      .Execute(kInsertAudit,
               {r.occurred_at, Nullable(r.organisation_id), Nullable(r.actor_user_id),
                EmptyAsNull(r.actor_role), r.method, EmptyAsNull(r.target_type),
                EmptyAsNull(r.target_id), int64_t{r.status_code}, EmptyAsNull(r.peer), EmptyAsNull(r.detail)})
      .status();
}

}  // namespace cft::audit
