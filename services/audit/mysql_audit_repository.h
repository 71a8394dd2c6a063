#pragma once

#include "services/audit/audit.h"

namespace cft::audit {

// Stateless; thread-safe.
class MySqlAuditRepository final : public AuditRepository {
 public:
  absl::Status Append(UnitOfWork& uow, const AuditRecord& record) override;
};

}  // namespace cft::audit
