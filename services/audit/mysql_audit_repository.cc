#include "services/audit/mysql_audit_repository.h"

#include "services/storage/sql.h"

namespace cft::audit {
namespace {

using storage::Nullable;
using storage::SqlValue;

constexpr storage::SqlStatement kInsertAudit{
    "InsertAudit",
    "INSERT INTO audit_log (occurred_at, organisation_id, actor_user_id, actor_role, method, "
    "target_type, target_id, status_code, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};

SqlValue EmptyAsNull(const std::string& s) { return s.empty() ? SqlValue(nullptr) : SqlValue(s); }

}  // namespace

absl::Status MySqlAuditRepository::Append(UnitOfWork& uow, const AuditRecord& r) {
  return storage::Sql(uow)
      .Execute(kInsertAudit,
               {r.occurred_at, Nullable(r.organisation_id), Nullable(r.actor_user_id),
                EmptyAsNull(r.actor_role), r.method, EmptyAsNull(r.target_type),
                EmptyAsNull(r.target_id), int64_t{r.status_code}, EmptyAsNull(r.peer)})
      .status();
}

}  // namespace cft::audit
