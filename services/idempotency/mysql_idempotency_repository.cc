#include "services/idempotency/mysql_idempotency_repository.h"

#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::idempotency {
namespace {

constexpr storage::SqlStatement kFind{
    "FindIdempotencyKey",
    "SELECT request_hash, target_id FROM idempotency_keys "
    "WHERE user_id = ? AND method = ? AND idempotency_key = ?"};
constexpr storage::SqlStatement kInsert{
    "InsertIdempotencyKey",
    "INSERT INTO idempotency_keys (user_id, method, idempotency_key, request_hash, target_id, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?)"};

}  // namespace

absl::StatusOr<std::optional<StoredKey>> MySqlIdempotencyRepository::Find(UnitOfWork& uow, int64_t user_id,
                                                                          const std::string& method,
                                                                          const std::string& key) {
  std::optional<StoredKey> out;
  RETURN_IF_ERROR(storage::Sql(uow).Query(kFind, {user_id, method, key}, [&](const storage::Row& r) {
    out = StoredKey{.request_hash = r.Str(0), .target_id = r.Int(1)};
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlIdempotencyRepository::Insert(UnitOfWork& uow, int64_t user_id, const std::string& method,
                                                const std::string& key, const StoredKey& value,
                                                absl::Time now) {
  return storage::Sql(uow)
      .Execute(kInsert, {user_id, method, key, value.request_hash, value.target_id, now})
      .status();
}

}  // namespace cft::idempotency
