#include "services/idempotency/idempotency.h"

#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace cft::idempotency {
namespace {

absl::Status ValidateKey(const std::string& key) {
  if (key.size() > 128) return InvalidField("idempotency_key", "must be at most 128 characters");
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7E) return InvalidField("idempotency_key", "must be printable ASCII without spaces");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<int64_t>> Idempotency::Replay(UnitOfWork& uow, const RequestContext& ctx,
                                                           const std::string& key,
                                                           const std::string& request_hash) {
  if (key.empty()) return std::nullopt;
  RETURN_IF_ERROR(ValidateKey(key));
  ASSIGN_OR_RETURN(auto stored, repo_.Find(uow, ctx.caller().user_id, ctx.method, key));
  if (!stored) return std::nullopt;
  if (stored->request_hash != request_hash) {
    return InvalidField("idempotency_key", "was already used for a different request");
  }
  return stored->target_id;
}

absl::Status Idempotency::Remember(UnitOfWork& uow, const RequestContext& ctx, const std::string& key,
                                   const std::string& request_hash, int64_t target_id, absl::Time now) {
  if (key.empty()) return absl::OkStatus();
  absl::Status s = repo_.Insert(uow, ctx.caller().user_id, ctx.method, key,
                                StoredKey{.request_hash = request_hash, .target_id = target_id}, now);
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AbortedError("a concurrent call used the same idempotency key");
  }
  return s;
}

}  // namespace cft::idempotency
