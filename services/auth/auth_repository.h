// Persistence of the identity context. Every method runs inside the caller's
// unit of work. Implementations are stateless and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/auth/auth_types.h"
#include "services/common/unit_of_work.h"

namespace cft::auth {

class AuthRepository {
 public:
  virtual ~AuthRepository() = default;

  virtual absl::StatusOr<int64_t> InsertOrganisation(UnitOfWork& uow, const std::string& name,
                                                     absl::Time now) = 0;
  virtual absl::StatusOr<std::optional<Organisation>> FindOrganisation(UnitOfWork& uow,
                                                                       int64_t id) = 0;
  // "session_start" or "session_held".
  virtual absl::Status SetModuleRelease(UnitOfWork& uow, int64_t organisation_id, const std::string& mode) = 0;
  virtual absl::StatusOr<std::optional<Organisation>> FindOrganisationByName(
      UnitOfWork& uow, const std::string& name) = 0;

  // What the login-name lookup compares an address by (the users.email
  // column's collation weights): any two spellings FindUserByEmail treats as
  // the same address have the same key.
  virtual absl::StatusOr<std::string> LoginNameKey(UnitOfWork& uow, const std::string& email) = 0;
  virtual absl::StatusOr<std::optional<UserRecord>> FindUserByEmail(UnitOfWork& uow,
                                                                    const std::string& email) = 0;
  virtual absl::StatusOr<std::optional<UserRecord>> FindUser(UnitOfWork& uow, int64_t id) = 0;
  // ALREADY_EXISTS when the e-mail address is taken.
  virtual absl::StatusOr<int64_t> InsertUser(UnitOfWork& uow, const NewUser& user) = 0;
  // `changed_at` is empty for a re-hash of the same password under new parameters.
  virtual absl::Status UpdatePassword(UnitOfWork& uow, int64_t user_id, const std::string& hash,
                                      bool change_required,
                                      std::optional<absl::Time> changed_at) = 0;
  // Callers that change an account or its sessions also record a revocation
  // (AuthService::Revoke), so that every replica's session cache lets go.
  virtual absl::Status SetActive(UnitOfWork& uow, int64_t user_id, bool active) = 0;
  // Staff (admins and clinicians) of one organisation, by display name.
  virtual absl::StatusOr<std::vector<UserRecord>> ListStaff(UnitOfWork& uow,
                                                            int64_t organisation_id,
                                                            bool include_inactive) = 0;

  virtual absl::StatusOr<int64_t> InsertSession(UnitOfWork& uow, const NewSession& session) = 0;
  // The live session for a token hash with its account and organisation:
  // not revoked, not expired at `now`, account active. One query.
  virtual absl::StatusOr<std::optional<LiveSession>> FindLiveSession(UnitOfWork& uow,
                                                                     const std::string& token_hash,
                                                                     absl::Time now) = 0;
  virtual absl::Status RevokeSession(UnitOfWork& uow, int64_t session_id, absl::Time now) = 0;
  // Revokes every live session of the user except `keep_session_id` (0 keeps none).
  virtual absl::Status RevokeUserSessions(UnitOfWork& uow, int64_t user_id,
                                          int64_t keep_session_id, absl::Time now) = 0;

  // Creates the throttle row of each key if missing and locks all of them
  // until commit, so that counting attempts is serialised per key even for
  // a key's first attempt (READ COMMITTED takes no gap locks).
  virtual absl::Status LockThrottleRows(UnitOfWork& uow, ThrottleScope scope,
                                        const std::vector<std::string>& key_hashes, absl::Time now) = 0;
  // Reads throttle state; `for_update` locks the row until commit.
  virtual absl::StatusOr<std::optional<ThrottleState>> GetThrottle(UnitOfWork& uow,
                                                                   ThrottleScope scope,
                                                                   const std::string& key_hash,
                                                                   bool for_update) = 0;
  virtual absl::Status PutThrottle(UnitOfWork& uow, ThrottleScope scope,
                                   const std::string& key_hash, const ThrottleState& state) = 0;
  virtual absl::Status ClearThrottle(UnitOfWork& uow, ThrottleScope scope,
                                     const std::string& key_hash) = 0;

  // The revocation feed every replica reads. Rows carry the database's clock.
  virtual absl::Status InsertRevocation(UnitOfWork& uow, int64_t user_id, std::optional<int64_t> session_id) = 0;
  // Revocations recorded at or after `since` (all kept ones when unset), with
  // the database's clock; indexed by time.
  virtual absl::StatusOr<RevocationRead> ReadRevocations(UnitOfWork& uow, std::optional<absl::Time> since) = 0;
  // Deletes at most `limit` revocations recorded before `before` (database clock).
  virtual absl::StatusOr<int64_t> PurgeRevocations(UnitOfWork& uow, absl::Duration older_than, int limit) = 0;

  virtual absl::StatusOr<DatabaseCounts> Counts(UnitOfWork& uow, absl::Time now) = 0;

  // Deletes at most `limit` throttle rows whose last failure is before
  // `failures_before` and that are not locked at `now`; returns how many.
  virtual absl::StatusOr<int64_t> PurgeThrottle(UnitOfWork& uow, absl::Time failures_before, absl::Time now,
                                                int limit) = 0;
  // Deletes at most `limit` sessions that expired before `expired_before`.
  virtual absl::StatusOr<int64_t> PurgeSessions(UnitOfWork& uow, absl::Time expired_before, int limit) = 0;
};

}  // namespace cft::auth
