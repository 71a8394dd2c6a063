// The identity domain service: login, sessions, passwords, staff accounts and
// the operator actions behind cftctl. Owns the transaction boundaries and the
// rules; keeps password hashing (tens of milliseconds) outside transactions so
// no connection is held while it runs. Thread-safe.
#pragma once

#include <atomic>
#include <climits>
#include <map>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/auth/auth_repository.h"
#include "services/auth/password_hasher.h"
#include "services/auth/session_cache.h"
#include "services/auth/throttle.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/unit_of_work.h"
#include "services/rpc/authenticator.h"

namespace cft::auth {

struct AuthConfig {
  absl::Duration token_lifetime = absl::Hours(12);
  // Live sessions held in memory (0: none; every call reads the database).
  size_t session_cache_size = 10000;
  // The cache is trusted only while the revocation feed has been read this
  // recently (PollRevocations, once a second on cftd), so a logout, password
  // change or deactivation on any replica takes effect here within it.
  absl::Duration revocation_staleness = absl::Seconds(2);
  // Entries are re-read after this long whatever the feed says: a bound on
  // any revocation the feed could miss.
  absl::Duration session_cache_max_age = absl::Minutes(5);
  ThrottlePolicy account_throttle;
  // Higher than per account: several people may share a clinic's address.
  ThrottlePolicy peer_throttle{.max_failures = 20};
};

// An account as callers may see it (no hash).
struct Account {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string email;
  std::string display_name;
  Role role = Role::kParticipant;
  bool active = true;
  bool password_change_required = false;
  absl::Time created_at;
};

struct LoginResult {
  std::string token;
  absl::Time expires_at;
  Account account;
};

struct WhoAmIResult {
  Account account;
  std::string organisation_name;
  absl::Time session_expires_at;
};

struct CreatedAccount {
  Account account;
  // Set when the server generated the password: shown once, never stored.
  std::string generated_password;
};

// The message for every failed credential check, whatever failed.
inline constexpr absl::string_view kBadCredentials = "incorrect e-mail address or password";

absl::Status ValidateNewPassword(absl::string_view field, absl::string_view password,
                                 absl::string_view email);

class AuthService final : public rpc::Authenticator {
 public:
  AuthService(AuthRepository& repo, TransactionRunner& tx, audit::Auditor& auditor,
              const PasswordHasher& hasher, const Clock& clock, AuthConfig config);

  absl::StatusOr<LoginResult> Login(RequestContext& ctx, absl::string_view email,
                                    absl::string_view password);
  // UNAUTHENTICATED for a malformed, unknown, expired or revoked token.
  // Served from the session cache while the revocation feed is fresh (no
  // database round trip); expiry is checked against the clock on every call.
  absl::StatusOr<Principal> Authenticate(absl::string_view token) override;
  // Reads the revocations recorded by every replica since the last read and
  // evicts them from the cache. cftd calls it once a second.
  absl::Status PollRevocations();
  const SessionCache& session_cache() const { return cache_; }
  absl::Status Logout(RequestContext& ctx);
  absl::StatusOr<WhoAmIResult> WhoAmI(RequestContext& ctx);
  absl::Status ChangePassword(RequestContext& ctx, absl::string_view current_password,
                              absl::string_view new_password);
  absl::StatusOr<CreatedAccount> CreateStaffAccount(RequestContext& ctx, absl::string_view email,
                                                    absl::string_view display_name,
                                                    std::optional<Role> role);
  absl::StatusOr<std::vector<Account>> ListStaff(RequestContext& ctx, bool include_inactive);

  // For other domain services, inside their unit of work.
  absl::StatusOr<std::optional<Account>> FindAccount(UnitOfWork& uow, int64_t user_id);
  // A participant account with an already-hashed password. ALREADY_EXISTS
  // when the address is taken.
  absl::StatusOr<Account> CreateParticipantAccount(UnitOfWork& uow, int64_t organisation_id,
                                                   absl::string_view email,
                                                   absl::string_view display_name,
                                                   const std::string& password_hash);
  // The account an address belongs to, if any.
  absl::StatusOr<std::optional<Account>> FindAccountByEmail(UnitOfWork& uow, absl::string_view email);
  // A returning participant's account: a new (already-hashed) password, sign-in
  // enabled again, and every older session ended. Writes the user row first,
  // so concurrent reopenings of one account queue behind each other.
  absl::Status ReopenParticipantAccount(UnitOfWork& uow, int64_t user_id, const std::string& password_hash);
  // Disables sign-in (the data stays) and ends every session.
  absl::Status DeactivateAccount(UnitOfWork& uow, int64_t user_id);
  // Validates and hashes a password a person chose (slow: outside transactions).
  absl::StatusOr<std::string> HashNewPassword(absl::string_view field, absl::string_view password,
                                              absl::string_view email);
  // The per-address limit for calls that guess secrets other than passwords
  // (invite codes): RESOURCE_EXHAUSTED while locked.
  absl::Status CheckPeerThrottle(RequestContext& ctx);
  // Counts a failed guess from ctx.peer and audits it with `code`.
  absl::Status RecordPeerFailure(RequestContext& ctx, absl::StatusCode code);

  // Starts a session for an account inside the caller's transaction (used by
  // Login and by invite redemption). Sets ctx.principal.
  absl::StatusOr<LoginResult> StartSession(UnitOfWork& uow, RequestContext& ctx,
                                           const Account& account);

  // Operator actions for cftctl (no principal; audited as "operator").
  absl::StatusOr<int64_t> CreateOrganisation(RequestContext& ctx, absl::string_view name);
  // When a week's module is released: "session_start" (default) or
  // "session_held" (only once attendance is recorded).
  absl::Status SetModuleRelease(RequestContext& ctx, int64_t organisation_id, absl::string_view mode);
  // The organisation's id, or NOT_FOUND.
  absl::StatusOr<int64_t> FindOrganisationId(absl::string_view name);
  absl::StatusOr<CreatedAccount> CreateUser(RequestContext& ctx, int64_t organisation_id,
                                            Role role, absl::string_view email,
                                            absl::string_view display_name,
                                            std::optional<std::string> password);
  // Sets a new password (generated when none is given), revokes every session
  // and clears the account's lockout.
  absl::StatusOr<std::string> ResetPassword(RequestContext& ctx, absl::string_view email,
                                            std::optional<std::string> password);
  absl::StatusOr<DatabaseCounts> Counts();

  // Housekeeping, run periodically by the server: deletes failed-login
  // counters older than the throttle's memory (a row that old behaves as no
  // row) and sessions expired more than 30 days ago. Bounded per call so it
  // never holds locks for long; returns how many rows went.
  absl::StatusOr<int64_t> PurgeExpired(int limit = 1000);

  const PasswordHasher& hasher() const { return hasher_; }

 private:
  absl::StatusOr<CreatedAccount> InsertAccount(RequestContext& ctx, int64_t organisation_id,
                                               Role role, absl::string_view email,
                                               absl::string_view display_name,
                                               std::optional<std::string> password,
                                               bool change_required);
  // Counts an attempt against the account and the caller's address before
  // the password is checked, under row locks: concurrent guesses cannot all
  // pass the lockout check. A successful attempt gives it back.
  struct Reservation {
    std::string account_key;
    bool locked = false;
    std::optional<UserRecord> user;
    ThrottleState peer_before;
    ThrottleState peer_after;
  };
  absl::StatusOr<Reservation> ReserveAttempt(UnitOfWork& uow, const std::string& email, const std::string& peer_key,
                                             bool find_user);
  absl::Status ReleaseAttempt(UnitOfWork& uow, const std::string& peer_key, const Reservation& reservation);
  // Records that a session (or, without `session_id`, every session of the
  // user, and what the cache holds about the account) is no longer valid as
  // cached: other replicas read it from the revocation table, this one
  // evicts at commit. Every change to sessions, passwords, roles or an
  // account's active flag calls it.
  absl::Status Revoke(UnitOfWork& uow, int64_t user_id, std::optional<int64_t> session_id);
  bool CacheTrusted(absl::Time now);
  // Audits a failed attempt (already counted by ReserveAttempt).
  absl::Status AuditFailure(RequestContext& ctx, const std::optional<UserRecord>& user, absl::StatusCode code);
  // The throttle key of the account an address signs in to.
  absl::StatusOr<std::string> AccountKey(UnitOfWork& uow, absl::string_view email);
  std::string PeerKey(absl::string_view peer) const;

  AuthRepository& repo_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const PasswordHasher& hasher_;
  const Clock& clock_;
  const AuthConfig config_;
  SessionCache cache_;
  // When the feed was last read successfully (domain clock, Unix ns), read
  // on every call without a lock.
  static constexpr int64_t kNeverRead = INT64_MIN;
  std::atomic<int64_t> feed_read_at_ns_{kNeverRead};
  absl::Mutex poll_mu_;
  // The database's clock at the last read: the next read starts a little
  // before it, because a revocation becomes visible only when its
  // transaction commits, after the time it carries.
  std::optional<absl::Time> feed_cursor_ ABSL_GUARDED_BY(poll_mu_);
  // Revocations already applied (id -> recorded_at), so the overlap of
  // successive reads evicts each one once.
  std::map<int64_t, absl::Time> feed_seen_ ABSL_GUARDED_BY(poll_mu_);
};

Account ToAccount(const UserRecord& user);

}  // namespace cft::auth
