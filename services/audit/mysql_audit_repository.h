#pragma once

#include "services/audit/audit.h"

namespace cft::audit {

// Stateless; thread-safe.
class MySqlAuditRepository final : public AuditRepository {
 public:
  absl::Status Append(UnitOfWork& uow, const AuditRecord& record) override;
  absl::Status AppendBatch(UnitOfWork& uow, const std::vector<AuditRecord>& records) override;
};

}  // namespace cft::audit
