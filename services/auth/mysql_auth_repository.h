#pragma once

#include "services/auth/auth_repository.h"

namespace cft::auth {

// Stateless; thread-safe.
class MySqlAuthRepository final : public AuthRepository {
 public:
  absl::StatusOr<int64_t> InsertOrganisation(UnitOfWork& uow, const std::string& name,
                                             absl::Time now) override;
  absl::StatusOr<std::optional<Organisation>> FindOrganisation(UnitOfWork& uow, int64_t id) override;
  absl::Status SetModuleRelease(UnitOfWork& uow, int64_t organisation_id, const std::string& mode) override;
  absl::StatusOr<std::optional<Organisation>> FindOrganisationByName(
      UnitOfWork& uow, const std::string& name) override;
  absl::StatusOr<std::string> LoginNameKey(UnitOfWork& uow, const std::string& email) override;
  absl::StatusOr<std::optional<UserRecord>> FindUserByEmail(UnitOfWork& uow,
                                                            const std::string& email) override;
  absl::StatusOr<std::optional<UserRecord>> FindUser(UnitOfWork& uow, int64_t id) override;
  absl::StatusOr<int64_t> InsertUser(UnitOfWork& uow, const NewUser& user) override;
  absl::Status UpdatePassword(UnitOfWork& uow, int64_t user_id, const std::string& hash,
                              bool change_required, std::optional<absl::Time> changed_at) override;
  absl::Status SetActive(UnitOfWork& uow, int64_t user_id, bool active) override;
  absl::StatusOr<std::vector<UserRecord>> ListStaff(UnitOfWork& uow, int64_t organisation_id,
                                                    bool include_inactive) override;
  absl::StatusOr<int64_t> InsertSession(UnitOfWork& uow, const NewSession& session) override;
  absl::StatusOr<std::optional<LiveSession>> FindLiveSession(UnitOfWork& uow, const std::string& token_hash,
                                                             absl::Time now) override;
  absl::Status InsertRevocation(UnitOfWork& uow, int64_t user_id, std::optional<int64_t> session_id) override;
  absl::StatusOr<RevocationRead> ReadRevocations(UnitOfWork& uow, std::optional<absl::Time> since) override;
  absl::StatusOr<int64_t> PurgeRevocations(UnitOfWork& uow, absl::Duration older_than, int limit) override;
  absl::Status RevokeSession(UnitOfWork& uow, int64_t session_id, absl::Time now) override;
  absl::StatusOr<int64_t> PurgeThrottle(UnitOfWork& uow, absl::Time failures_before, absl::Time now,
                                        int limit) override;
  absl::StatusOr<int64_t> PurgeSessions(UnitOfWork& uow, absl::Time expired_before, int limit) override;
  absl::Status RevokeUserSessions(UnitOfWork& uow, int64_t user_id, int64_t keep_session_id,
                                  absl::Time now) override;
  absl::Status LockThrottleRows(UnitOfWork& uow, ThrottleScope scope, const std::vector<std::string>& key_hashes,
                                absl::Time now) override;
  absl::StatusOr<std::optional<ThrottleState>> GetThrottle(UnitOfWork& uow, ThrottleScope scope,
                                                           const std::string& key_hash,
                                                           bool for_update) override;
  absl::Status PutThrottle(UnitOfWork& uow, ThrottleScope scope, const std::string& key_hash,
                           const ThrottleState& state) override;
  absl::Status ClearThrottle(UnitOfWork& uow, ThrottleScope scope,
                             const std::string& key_hash) override;
  absl::StatusOr<DatabaseCounts> Counts(UnitOfWork& uow, absl::Time now) override;
};

}  // namespace cft::auth
