#pragma once

#include "services/idempotency/idempotency.h"

namespace cft::idempotency {

// Stateless; thread-safe.
class MySqlIdempotencyRepository final : public IdempotencyRepository {
 public:
  absl::StatusOr<std::optional<StoredKey>> Find(UnitOfWork& uow, int64_t user_id, const std::string& method,
                                                const std::string& key) override;
  absl::Status Insert(UnitOfWork& uow, int64_t user_id, const std::string& method, const std::string& key,
                      const StoredKey& value, absl::Time now) override;
};

}  // namespace cft::idempotency
