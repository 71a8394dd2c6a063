// Client-generated idempotency keys: a retried create returns what the first
// call created. Keys are scoped to the caller and the method. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/principal.h"
#include "services/common/unit_of_work.h"

namespace cft::idempotency {

struct StoredKey {
  std::string request_hash;
  int64_t target_id = 0;
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual absl::StatusOr<std::optional<StoredKey>> Find(UnitOfWork& uow, int64_t user_id,
                                                        const std::string& method,
                                                        const std::string& key) = 0;
  // ALREADY_EXISTS when a concurrent call stored the same key first.
  virtual absl::Status Insert(UnitOfWork& uow, int64_t user_id, const std::string& method,
                              const std::string& key, const StoredKey& value, absl::Time now) = 0;
};

// The rules around the repository, for domain services.
class Idempotency {
 public:
  explicit Idempotency(IdempotencyRepository& repo) : repo_(repo) {}

  // The id the first call with this key created, or nullopt when there was
  // none (or no key was given). INVALID_ARGUMENT naming `idempotency_key`
  // when the key is malformed or was used for a different request.
  absl::StatusOr<std::optional<int64_t>> Replay(UnitOfWork& uow, const RequestContext& ctx,
                                                const std::string& key,
                                                const std::string& request_hash);
  // Remembers the result. A concurrent call that stored the key first makes
  // this ABORTED, so the transaction is retried and then replays.
  absl::Status Remember(UnitOfWork& uow, const RequestContext& ctx, const std::string& key,
                        const std::string& request_hash, int64_t target_id, absl::Time now);

 private:
  IdempotencyRepository& repo_;
};

}  // namespace cft::idempotency
