#include "services/auth/mysql_auth_repository.h"

#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::auth {
namespace {

using storage::Nullable;
using storage::Row;
using storage::Sql;
using storage::SqlStatement;

constexpr SqlStatement kInsertOrganisation{
    "InsertOrganisation", "INSERT INTO organisations (name, created_at) VALUES (?, ?)"};
constexpr SqlStatement kFindOrganisation{
    "FindOrganisation", "SELECT id, name, created_at FROM organisations WHERE id = ?"};
constexpr SqlStatement kSetModuleRelease{"SetModuleRelease",
                                         "UPDATE organisations SET module_release = ? WHERE id = ?"};
constexpr SqlStatement kFindOrganisationByName{
    "FindOrganisationByName", "SELECT id, name, created_at FROM organisations WHERE name = ?"};

#define CFT_USER_COLUMNS                                                                      \
  "u.id, u.organisation_id, u.email, u.display_name, u.role, u.password_hash, "             \
  "u.password_change_required, u.active, u.created_at"

constexpr SqlStatement kFindUserByEmail{
    "FindUserByEmail", "SELECT " CFT_USER_COLUMNS " FROM users u WHERE u.email = ?"};
constexpr SqlStatement kFindUser{"FindUser",
                                 "SELECT " CFT_USER_COLUMNS " FROM users u WHERE u.id = ?"};
constexpr SqlStatement kListStaff{
    "ListStaff",
    "SELECT " CFT_USER_COLUMNS " FROM users u WHERE u.organisation_id = ? "
    "AND u.role IN ('admin', 'clinician') AND (u.active = 1 OR ?) "
    "ORDER BY u.display_name, u.id"};
constexpr SqlStatement kInsertUser{
    "InsertUser",
    "INSERT INTO users (organisation_id, email, display_name, role, password_hash, "
    "password_change_required, active, created_at, password_changed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"};
constexpr SqlStatement kUpdatePassword{
    "UpdatePassword",
    "UPDATE users SET password_hash = ?, password_change_required = ?, "
    "password_changed_at = COALESCE(?, password_changed_at) WHERE id = ?"};

constexpr SqlStatement kSetActive{"SetUserActive", "UPDATE users SET active = ? WHERE id = ?"};
constexpr SqlStatement kInsertSession{
    "InsertSession",
    "INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at, peer) "
    "VALUES (?, ?, ?, ?, ?)"};
constexpr SqlStatement kFindLiveSession{
    "FindLiveSession",
    "SELECT s.id, s.expires_at, u.id, u.organisation_id, u.role, u.password_change_required, "
    "u.email, u.display_name, u.created_at, o.name "
    "FROM auth_sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id "
    "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.active = 1"};
// The collation must be the users.email column's (utf8mb4_unicode_ci, set in
// 0001_foundation.sql): it is what decides which spellings find an account.
constexpr SqlStatement kLoginNameKey{
    "LoginNameKey", "SELECT HEX(WEIGHT_STRING(CAST(? AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci))"};
constexpr SqlStatement kInsertRevocation{
    "InsertRevocation", "INSERT INTO session_revocations (user_id, session_id, recorded_at) VALUES (?, ?, NOW(6))"};
constexpr SqlStatement kDatabaseNow{"DatabaseNow", "SELECT NOW(6)"};
constexpr SqlStatement kReadRevocations{
    "ReadRevocations",
    "SELECT id, user_id, session_id, recorded_at FROM session_revocations WHERE recorded_at >= ? ORDER BY id"};
constexpr SqlStatement kPurgeRevocations{
    "PurgeRevocations",
    "DELETE FROM session_revocations WHERE recorded_at < NOW(6) - INTERVAL ? SECOND LIMIT ?"};
constexpr SqlStatement kRevokeSession{
    "RevokeSession",
    "UPDATE auth_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"};
constexpr SqlStatement kRevokeUserSessions{
    "RevokeUserSessions",
    "UPDATE auth_sessions SET revoked_at = ? "
    "WHERE user_id = ? AND revoked_at IS NULL AND id <> ?"};

constexpr SqlStatement kPurgeThrottle{
    "PurgeThrottle",
    "DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?) "
    "LIMIT ?"};
constexpr SqlStatement kPurgeSessions{"PurgeSessions", "DELETE FROM auth_sessions WHERE expires_at < ? LIMIT ?"};

constexpr SqlStatement kGetThrottle{
    "GetThrottle",
    "SELECT failures, window_started_at, locked_until, lockouts, last_failure_at "
    "FROM login_throttle WHERE scope = ? AND key_hash = ?"};
constexpr SqlStatement kGetThrottleForUpdate{
    "GetThrottleForUpdate",
    "SELECT failures, window_started_at, locked_until, lockouts, last_failure_at "
    "FROM login_throttle WHERE scope = ? AND key_hash = ? FOR UPDATE"};
// An upsert, so two first failures racing for the same key cannot collide on
// the primary key. The values are bound twice rather than read back with
// VALUES(), which MySQL 8 deprecates.
constexpr SqlStatement kPutThrottle{
    "PutThrottle",
    "INSERT INTO login_throttle (scope, key_hash, failures, window_started_at, locked_until, "
    "lockouts, last_failure_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE failures = ?, window_started_at = ?, locked_until = ?, "
    "lockouts = ?, last_failure_at = ?"};
constexpr SqlStatement kClearThrottle{
    "ClearThrottle", "DELETE FROM login_throttle WHERE scope = ? AND key_hash = ?"};

constexpr SqlStatement kCounts{
    "Counts",
    "SELECT (SELECT COUNT(*) FROM organisations), (SELECT COUNT(*) FROM users), "
    "(SELECT COUNT(*) FROM auth_sessions WHERE revoked_at IS NULL AND expires_at > ?), "
    "(SELECT COUNT(*) FROM audit_log)"};

UserRecord ReadUser(const Row& r) {
  UserRecord u;
  u.id = r.Int(0);
  u.organisation_id = r.Int(1);
  u.email = r.Str(2);
  u.display_name = r.Str(3);
  u.role = RoleFromName(r.Str(4)).value_or(Role::kParticipant);
  u.password_hash = r.Str(5);
  u.password_change_required = r.Bool(6);
  u.active = r.Bool(7);
  u.created_at = r.Time(8);
  return u;
}

std::string ScopeName(ThrottleScope scope) {
  return scope == ThrottleScope::kAccount ? "account" : "peer";
}

absl::StatusOr<std::optional<UserRecord>> FindOneUser(UnitOfWork& uow, const SqlStatement& stmt,
                                                      storage::SqlValue key) {
  std::optional<UserRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(stmt, {std::move(key)}, [&](const Row& r) {
    out = ReadUser(r);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace

absl::StatusOr<int64_t> MySqlAuthRepository::InsertOrganisation(UnitOfWork& uow,
                                                                const std::string& name,
                                                                absl::Time now) {
  return Sql(uow).Insert(kInsertOrganisation, {name, now});
}

namespace {
absl::StatusOr<std::optional<Organisation>> FindOneOrganisation(UnitOfWork& uow,
                                                                const SqlStatement& stmt,
                                                                storage::SqlValue key) {
  std::optional<Organisation> out;
  RETURN_IF_ERROR(Sql(uow).Query(stmt, {std::move(key)}, [&](const Row& r) {
    out = Organisation{.id = r.Int(0), .name = r.Str(1), .created_at = r.Time(2)};
    return absl::OkStatus();
  }));
  return out;
}
}  // namespace

absl::StatusOr<std::optional<Organisation>> MySqlAuthRepository::FindOrganisation(UnitOfWork& uow,
                                                                                  int64_t id) {
  return FindOneOrganisation(uow, kFindOrganisation, id);
}

absl::Status MySqlAuthRepository::SetModuleRelease(UnitOfWork& uow, int64_t organisation_id,
                                                   const std::string& mode) {
  ASSIGN_OR_RETURN(int64_t n, Sql(uow).Execute(kSetModuleRelease, {mode, organisation_id}));
  if (n == 0) return absl::NotFoundError("org: no such organisation");
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Organisation>> MySqlAuthRepository::FindOrganisationByName(
    UnitOfWork& uow, const std::string& name) {
  return FindOneOrganisation(uow, kFindOrganisationByName, name);
}

absl::StatusOr<std::optional<UserRecord>> MySqlAuthRepository::FindUserByEmail(
    UnitOfWork& uow, const std::string& email) {
  return FindOneUser(uow, kFindUserByEmail, email);
}

absl::StatusOr<std::optional<UserRecord>> MySqlAuthRepository::FindUser(UnitOfWork& uow,
                                                                        int64_t id) {
  return FindOneUser(uow, kFindUser, id);
}

absl::StatusOr<int64_t> MySqlAuthRepository::InsertUser(UnitOfWork& uow, const NewUser& u) {
  return Sql(uow).Insert(kInsertUser, {u.organisation_id, u.email, u.display_name,
                                       std::string(RoleName(u.role)), u.password_hash,
                                       u.password_change_required, u.created_at, u.created_at});
}

absl::Status MySqlAuthRepository::UpdatePassword(UnitOfWork& uow, int64_t user_id,
                                                 const std::string& hash, bool change_required,
                                                 std::optional<absl::Time> changed_at) {
  ASSIGN_OR_RETURN(int64_t n, Sql(uow).Execute(kUpdatePassword, {hash, change_required,
                                                                 Nullable(changed_at), user_id}));
  if (n == 0) return absl::NotFoundError("no such account");
  return absl::OkStatus();
}

absl::Status MySqlAuthRepository::SetActive(UnitOfWork& uow, int64_t user_id, bool active) {
  return Sql(uow).Execute(kSetActive, {active, user_id}).status();
}

absl::StatusOr<std::vector<UserRecord>> MySqlAuthRepository::ListStaff(UnitOfWork& uow,
                                                                       int64_t organisation_id,
                                                                       bool include_inactive) {
  std::vector<UserRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListStaff, {organisation_id, include_inactive}, [&](const Row& r) {
    out.push_back(ReadUser(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<int64_t> MySqlAuthRepository::InsertSession(UnitOfWork& uow, const NewSession& s) {
  return Sql(uow).Insert(kInsertSession,
                         {s.token_hash, s.user_id, s.created_at, s.expires_at, s.peer});
}

absl::StatusOr<std::optional<LiveSession>> MySqlAuthRepository::FindLiveSession(
    UnitOfWork& uow, const std::string& token_hash, absl::Time now) {
  std::optional<LiveSession> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindLiveSession, {token_hash, now}, [&](const Row& r) {
    out = LiveSession{.principal = Principal{.user_id = r.Int(2),
                                             .organisation_id = r.Int(3),
                                             .role = RoleFromName(r.Str(4)).value_or(Role::kParticipant),
                                             .session_id = r.Int(0),
                                             .session_expires_at = r.Time(1),
                                             .password_change_required = r.Bool(5)},
                      .email = r.Str(6),
                      .display_name = r.Str(7),
                      .account_created_at = r.Time(8),
                      .organisation_name = r.Str(9)};
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::string> MySqlAuthRepository::LoginNameKey(UnitOfWork& uow, const std::string& email) {
  std::string key;
  RETURN_IF_ERROR(Sql(uow).Query(kLoginNameKey, {email}, [&](const Row& r) {
    key = r.Str(0);
    return absl::OkStatus();
  }));
  return key;
}

absl::Status MySqlAuthRepository::InsertRevocation(UnitOfWork& uow, int64_t user_id,
                                                   std::optional<int64_t> session_id) {
  return Sql(uow).Execute(kInsertRevocation, {user_id, storage::Nullable(session_id)}).status();
}

absl::StatusOr<RevocationRead> MySqlAuthRepository::ReadRevocations(UnitOfWork& uow,
                                                                    std::optional<absl::Time> since) {
  RevocationRead out;
  RETURN_IF_ERROR(Sql(uow).Query(kDatabaseNow, {}, [&](const Row& r) {
    out.database_now = r.Time(0);
    return absl::OkStatus();
  }));
  RETURN_IF_ERROR(Sql(uow).Query(kReadRevocations, {since.value_or(absl::UnixEpoch())}, [&](const Row& r) {
    out.revocations.push_back(
        Revocation{.id = r.Int(0), .user_id = r.Int(1), .session_id = r.OptInt(2), .recorded_at = r.Time(3)});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<int64_t> MySqlAuthRepository::PurgeRevocations(UnitOfWork& uow, absl::Duration older_than,
                                                              int limit) {
  return Sql(uow).Execute(kPurgeRevocations, {absl::ToInt64Seconds(older_than), int64_t{limit}});
}

absl::Status MySqlAuthRepository::RevokeSession(UnitOfWork& uow, int64_t session_id,
                                                absl::Time now) {
  return Sql(uow).Execute(kRevokeSession, {now, session_id}).status();
}

absl::StatusOr<int64_t> MySqlAuthRepository::PurgeThrottle(UnitOfWork& uow, absl::Time failures_before,
                                                           absl::Time now, int limit) {
  return Sql(uow).Execute(kPurgeThrottle, {failures_before, now, int64_t{limit}});
}

absl::StatusOr<int64_t> MySqlAuthRepository::PurgeSessions(UnitOfWork& uow, absl::Time expired_before, int limit) {
  return Sql(uow).Execute(kPurgeSessions, {expired_before, int64_t{limit}});
}

absl::Status MySqlAuthRepository::RevokeUserSessions(UnitOfWork& uow, int64_t user_id,
                                                     int64_t keep_session_id, absl::Time now) {
  return Sql(uow).Execute(kRevokeUserSessions, {now, user_id, keep_session_id}).status();
}

absl::Status MySqlAuthRepository::LockThrottleRows(UnitOfWork& uow, ThrottleScope scope,
                                                   const std::vector<std::string>& key_hashes, absl::Time now) {
  if (key_hashes.empty()) return absl::OkStatus();
  std::vector<storage::SqlValue> values;
  for (const std::string& key : key_hashes) {
    values.insert(values.end(), {ScopeName(scope), key, int64_t{0}, now, nullptr, int64_t{0}, now});
  }
  // ON DUPLICATE KEY UPDATE takes the row's exclusive lock whether or not it
  // existed; the no-op assignment changes nothing.
  return Sql(uow)
      .ExecuteDynamic("LockThrottleRows",
                      "INSERT INTO login_throttle (scope, key_hash, failures, window_started_at, locked_until, "
                      "lockouts, last_failure_at) VALUES " +
                          storage::PlaceholderRows(key_hashes.size(), 7) + " ON DUPLICATE KEY UPDATE failures = failures",
                      values)
      .status();
}

absl::StatusOr<std::optional<ThrottleState>> MySqlAuthRepository::GetThrottle(
    UnitOfWork& uow, ThrottleScope scope, const std::string& key_hash, bool for_update) {
  std::optional<ThrottleState> out;
  RETURN_IF_ERROR(Sql(uow).Query(for_update ? kGetThrottleForUpdate : kGetThrottle,
                                 {ScopeName(scope), key_hash}, [&](const Row& r) {
                                   out = ThrottleState{.failures = static_cast<int>(r.Int(0)),
                                                       .window_started_at = r.Time(1),
                                                       .locked_until = r.OptTime(2),
                                                       .lockouts = static_cast<int>(r.Int(3)),
                                                       .last_failure_at = r.Time(4)};
                                   return absl::OkStatus();
                                 }));
  return out;
}

absl::Status MySqlAuthRepository::PutThrottle(UnitOfWork& uow, ThrottleScope scope,
                                              const std::string& key_hash,
                                              const ThrottleState& s) {
  return Sql(uow)
      .Execute(kPutThrottle, {ScopeName(scope), key_hash, int64_t{s.failures}, s.window_started_at,
                              Nullable(s.locked_until), int64_t{s.lockouts}, s.last_failure_at,
                              int64_t{s.failures}, s.window_started_at, Nullable(s.locked_until),
                              int64_t{s.lockouts}, s.last_failure_at})
      .status();
}

absl::Status MySqlAuthRepository::ClearThrottle(UnitOfWork& uow, ThrottleScope scope,
                                                const std::string& key_hash) {
  return Sql(uow).Execute(kClearThrottle, {ScopeName(scope), key_hash}).status();
}

absl::StatusOr<DatabaseCounts> MySqlAuthRepository::Counts(UnitOfWork& uow, absl::Time now) {
  DatabaseCounts c;
  RETURN_IF_ERROR(Sql(uow).Query(kCounts, {now}, [&](const Row& r) {
    c = DatabaseCounts{.organisations = r.Int(0),
                       .users = r.Int(1),
                       .active_sessions = r.Int(2),
                       .audit_records = r.Int(3)};
    return absl::OkStatus();
  }));
  return c;
}

}  // namespace cft::auth
