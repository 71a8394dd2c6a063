// In-memory IdempotencyRepository with the MySQL one's key: (user, method,
// key) is unique, so a second insert is ALREADY_EXISTS.
#pragma once

#include <map>
#include <tuple>

#include "services/idempotency/idempotency.h"
#include "tests/support/fakes.h"

namespace cft::testing {

class FakeIdempotencyRepository final : public idempotency::IdempotencyRepository, public Transactional {
 public:
  using Key = std::tuple<int64_t, std::string, std::string>;
  struct Row {
    idempotency::StoredKey value;
    absl::Time created_at;
  };

  void Begin() override { saved_ = rows_; }
  void Rollback() override { rows_ = saved_; }
  const std::map<Key, Row>& rows() const { return rows_; }

  absl::StatusOr<std::optional<idempotency::StoredKey>> Find(UnitOfWork&, int64_t user_id,
                                                             const std::string& method,
                                                             const std::string& key) override {
    auto it = rows_.find(Key{user_id, method, key});
    if (it == rows_.end()) return std::nullopt;
    return it->second.value;
  }

  absl::Status Insert(UnitOfWork&, int64_t user_id, const std::string& method, const std::string& key,
                      const idempotency::StoredKey& value, absl::Time now) override {
    if (!rows_.try_emplace(Key{user_id, method, key}, Row{value, now}).second) {
      return absl::AlreadyExistsError("InsertIdempotencyKey: database error 1062");
    }
    return absl::OkStatus();
  }

 private:
  std::map<Key, Row> rows_;
  std::map<Key, Row> saved_;
};

}  // namespace cft::testing
