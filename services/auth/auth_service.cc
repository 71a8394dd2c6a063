#include "services/auth/auth_service.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::auth {
namespace {

constexpr size_t kTokenBytes = 32;       // 256 bits
constexpr size_t kTokenChars = 43;       // base64url of 32 bytes, unpadded
constexpr size_t kMaxPasswordBytes = 1024;
constexpr size_t kGeneratedPasswordChars = 16;

std::string TokenHash(absl::string_view token) { return HexEncode(Sha256(token)); }

bool LooksLikeToken(absl::string_view token) {
  return token.size() == kTokenChars && std::all_of(token.begin(), token.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

absl::Status ValidateLoginInput(absl::string_view email, absl::string_view password) {
  if (email.empty()) return InvalidField("email", "is required");
  if (email.size() > 254) return InvalidField("email", "must be at most 254 characters");
  if (password.empty()) return InvalidField("password", "is required");
  if (password.size() > kMaxPasswordBytes) {
    return InvalidField("password", "must be at most 1024 bytes");
  }
  return absl::OkStatus();
}

absl::Status TooManyAttempts() {
  return absl::ResourceExhaustedError(
      "too many failed sign-in attempts; please wait a few minutes and try again");
}

}  // namespace

Account ToAccount(const UserRecord& u) {
  return Account{.id = u.id,
                 .organisation_id = u.organisation_id,
                 .email = u.email,
                 .display_name = u.display_name,
                 .role = u.role,
                 .active = u.active,
                 .password_change_required = u.password_change_required,
                 .created_at = u.created_at};
}

absl::Status ValidateNewPassword(absl::string_view field, absl::string_view password,
                                 absl::string_view email) {
  const size_t len = Utf8Length(password);
  if (len < 10) return InvalidField(field, "must be at least 10 characters");
  if (len > 128) return InvalidField(field, "must be at most 128 characters");
  if (!email.empty() && absl::AsciiStrToLower(password) == absl::AsciiStrToLower(email)) {
    return InvalidField(field, "must not be the e-mail address");
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return InvalidField(field, "must not repeat a single character");
  }
  return absl::OkStatus();
}

AuthService::AuthService(AuthRepository& repo, TransactionRunner& tx, audit::Auditor& auditor,
                         const PasswordHasher& hasher, const Clock& clock, AuthConfig config)
    : repo_(repo), tx_(tx), auditor_(auditor), hasher_(hasher), clock_(clock), config_(config),
      cache_(config.session_cache_size) {}

absl::Status AuthService::Revoke(UnitOfWork& uow, int64_t user_id, std::optional<int64_t> session_id) {
  RETURN_IF_ERROR(repo_.InsertRevocation(uow, user_id, session_id));
  uow.OnCommit([this, user_id, session_id] {
    if (session_id) {
      cache_.EvictSession(*session_id);
    } else {
      cache_.EvictUser(user_id);
    }
  });
  return absl::OkStatus();
}

bool AuthService::CacheTrusted(absl::Time now) {
  const int64_t read_at = feed_read_at_ns_.load(std::memory_order_acquire);
  return read_at != kNeverRead && now - absl::FromUnixNanos(read_at) <= config_.revocation_staleness;
}

absl::Status AuthService::PollRevocations() {
  // How far back each read reaches before the previous one: a revocation is
  // visible only once its transaction commits, a moment after the time it
  // carries, and every write transaction here commits within seconds.
  constexpr absl::Duration kOverlap = absl::Seconds(10);
  const absl::Time read_at = clock_.Now();
  // One read at a time; authentication never waits for this lock.
  absl::MutexLock lock(&poll_mu_);
  ASSIGN_OR_RETURN(RevocationRead read, InTransaction(tx_, [&](UnitOfWork& uow) {
                     return repo_.ReadRevocations(uow, feed_cursor_);
                   }));
  for (const Revocation& r : read.revocations) {
    if (!feed_seen_.emplace(r.id, r.recorded_at).second) continue;
    if (r.session_id) {
      cache_.EvictSession(*r.session_id);
    } else {
      cache_.EvictUser(r.user_id);
    }
  }
  const absl::Time cursor = read.database_now - kOverlap;
  while (!feed_seen_.empty() && feed_seen_.begin()->second < cursor - kOverlap) {
    // Old enough never to be read again: forget it. (Ids grow with time
    // closely enough for the smallest ones to be the oldest.)
    feed_seen_.erase(feed_seen_.begin());
  }
  feed_cursor_ = cursor;
  // Only now, with every revocation read so far applied, is the cache as
  // good as the database up to `read_at`.
  feed_read_at_ns_.store(absl::ToUnixNanos(read_at), std::memory_order_release);
  return absl::OkStatus();
}

absl::StatusOr<std::string> AuthService::AccountKey(UnitOfWork& uow, absl::string_view email) {
  // Keyed on what the account lookup compares, not on the text as typed:
  // every spelling that finds the account (accents, case, full-width
  // letters, invisible characters) counts against the same cool-down.
  ASSIGN_OR_RETURN(std::string name_key, repo_.LoginNameKey(uow, std::string(email)));
  return HexEncode(Sha256(absl::StrCat("account:", name_key)));
}

std::string AuthService::PeerKey(absl::string_view peer) const {
  return HexEncode(Sha256(absl::StrCat("peer:", peer.empty() ? "unknown" : PeerNetwork(peer))));
}

absl::StatusOr<LoginResult> AuthService::StartSession(UnitOfWork& uow, RequestContext& ctx,
                                                      const Account& account) {
  const absl::Time now = clock_.Now();
  LoginResult result;
  result.token = Base64UrlEncode(RandomBytes(kTokenBytes));
  result.expires_at = now + config_.token_lifetime;
  result.account = account;
  ASSIGN_OR_RETURN(int64_t session_id, repo_.InsertSession(uow, NewSession{
                                                                    .token_hash = TokenHash(result.token),
                                                                    .user_id = account.id,
                                                                    .created_at = now,
                                                                    .expires_at = result.expires_at,
                                                                    .peer = ctx.peer,
                                                                }));
  ctx.principal = Principal{.user_id = account.id,
                            .organisation_id = account.organisation_id,
                            .role = account.role,
                            .session_id = session_id,
                            .session_expires_at = result.expires_at,
                            .password_change_required = account.password_change_required};
  return result;
}

absl::StatusOr<AuthService::Reservation> AuthService::ReserveAttempt(UnitOfWork& uow, const std::string& email,
                                                                     const std::string& peer_key, bool find_user) {
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(const std::string account_key, AccountKey(uow, email));
  // Always the account row, then the address row: one lock order everywhere.
  RETURN_IF_ERROR(repo_.LockThrottleRows(uow, ThrottleScope::kAccount, {account_key}, now));
  RETURN_IF_ERROR(repo_.LockThrottleRows(uow, ThrottleScope::kPeer, {peer_key}, now));
  ASSIGN_OR_RETURN(auto account, repo_.GetThrottle(uow, ThrottleScope::kAccount, account_key, false));
  ASSIGN_OR_RETURN(auto peer, repo_.GetThrottle(uow, ThrottleScope::kPeer, peer_key, false));
  Reservation r;
  r.account_key = account_key;
  if (IsLocked(account, now) || IsLocked(peer, now)) {
    r.locked = true;
    return r;
  }
  r.peer_before = peer.value_or(ThrottleState{});
  r.peer_after = AfterFailure(peer, now, config_.peer_throttle);
  RETURN_IF_ERROR(repo_.PutThrottle(uow, ThrottleScope::kAccount, account_key,
                                    AfterFailure(account, now, config_.account_throttle)));
  RETURN_IF_ERROR(repo_.PutThrottle(uow, ThrottleScope::kPeer, peer_key, r.peer_after));
  if (find_user) {
    ASSIGN_OR_RETURN(r.user, repo_.FindUserByEmail(uow, email));
  }
  return r;
}

absl::Status AuthService::ReleaseAttempt(UnitOfWork& uow, const std::string& peer_key,
                                         const Reservation& reservation) {
  RETURN_IF_ERROR(repo_.ClearThrottle(uow, ThrottleScope::kAccount, reservation.account_key));
  RETURN_IF_ERROR(repo_.LockThrottleRows(uow, ThrottleScope::kPeer, {peer_key}, clock_.Now()));
  ASSIGN_OR_RETURN(auto peer, repo_.GetThrottle(uow, ThrottleScope::kPeer, peer_key, false));
  ThrottleState s = peer.value_or(ThrottleState{});
  const bool our_lockout = reservation.peer_after.locked_until != reservation.peer_before.locked_until &&
                           s.locked_until == reservation.peer_after.locked_until;
  if (our_lockout) {
    // The attempt that tipped the address into a cool-down succeeded: undo it.
    s = reservation.peer_before;
  } else if (s.failures > 0) {
    --s.failures;
  }
  return repo_.PutThrottle(uow, ThrottleScope::kPeer, peer_key, s);
}

absl::Status AuthService::AuditFailure(RequestContext& ctx, const std::optional<UserRecord>& user,
                                       absl::StatusCode code) {
  return tx_.Run([&](UnitOfWork& uow) {
    audit::AuditEntry entry{.code = code};
    if (user) {
      entry.target_type = "user";
      entry.target_id = absl::StrCat(user->id);
      entry.organisation_id = user->organisation_id;
    }
    return auditor_.Record(uow, ctx, std::move(entry));
  });
}

absl::StatusOr<LoginResult> AuthService::Login(RequestContext& ctx, absl::string_view email_in,
                                               absl::string_view password) {
  const std::string email = NormalizeEmail(email_in);
  RETURN_IF_ERROR(ValidateLoginInput(email, password));
  const std::string peer_key = PeerKey(ctx.peer);

  ASSIGN_OR_RETURN(Reservation lookup, InTransaction(tx_, [&](UnitOfWork& uow) {
                     return ReserveAttempt(uow, email, peer_key, /*find_user=*/true);
                   }));
  // While locked the password is not even checked, so guessing makes no progress.
  if (lookup.locked) return TooManyAttempts();

  // Exactly one Argon2id verification on every path: an unknown account costs
  // the same time as a wrong password.
  bool verified = false;
  if (lookup.user) {
    verified = hasher_.Verify(lookup.user->password_hash, password);
  } else {
    hasher_.VerifyDummy(password);
  }
  if (!verified || !lookup.user->active) {
    RETURN_IF_ERROR(AuditFailure(ctx, lookup.user, absl::StatusCode::kUnauthenticated));
    return absl::UnauthenticatedError(kBadCredentials);
  }

  const UserRecord& user = *lookup.user;
  std::optional<std::string> rehash;
  if (hasher_.NeedsRehash(user.password_hash)) {
    ASSIGN_OR_RETURN(rehash, hasher_.Hash(password));
  }
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<LoginResult> {
    if (rehash) {
      // Same password, stronger parameters: neither a password change nor a reason to log out.
      RETURN_IF_ERROR(repo_.UpdatePassword(uow, user.id, *rehash, user.password_change_required,
                                           std::nullopt));
    }
    RETURN_IF_ERROR(ReleaseAttempt(uow, peer_key, lookup));
    ASSIGN_OR_RETURN(LoginResult result, StartSession(uow, ctx, ToAccount(user)));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "user", .target_id = absl::StrCat(user.id)}));
    return result;
  });
}

absl::StatusOr<std::optional<Account>> AuthService::FindAccount(UnitOfWork& uow, int64_t user_id) {
  ASSIGN_OR_RETURN(auto user, repo_.FindUser(uow, user_id));
  if (!user) return std::nullopt;
  return ToAccount(*user);
}

absl::StatusOr<Account> AuthService::CreateParticipantAccount(UnitOfWork& uow, int64_t organisation_id,
                                                              absl::string_view email,
                                                              absl::string_view display_name,
                                                              const std::string& password_hash) {
  const absl::Time now = clock_.Now();
  NewUser user{.organisation_id = organisation_id,
               .email = NormalizeEmail(email),
               .display_name = Trimmed(display_name),
               .role = Role::kParticipant,
               .password_hash = password_hash,
               .password_change_required = false,
               .created_at = now};
  ASSIGN_OR_RETURN(int64_t id, repo_.InsertUser(uow, user));
  return Account{.id = id,
                 .organisation_id = organisation_id,
                 .email = user.email,
                 .display_name = user.display_name,
                 .role = Role::kParticipant,
                 .active = true,
                 .password_change_required = false,
                 .created_at = now};
}

absl::StatusOr<int64_t> AuthService::PurgeExpired(int limit) {
  const absl::Time now = clock_.Now();
  const absl::Duration memory = std::max(config_.account_throttle.memory, config_.peer_throttle.memory);
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<int64_t> {
    ASSIGN_OR_RETURN(int64_t throttles, repo_.PurgeThrottle(uow, now - memory, now, limit));
    ASSIGN_OR_RETURN(int64_t sessions, repo_.PurgeSessions(uow, now - absl::Hours(24 * 30), limit));
    // Replicas read the feed once a second; a day is ample.
    ASSIGN_OR_RETURN(int64_t revocations, repo_.PurgeRevocations(uow, absl::Hours(24), limit));
    return throttles + sessions + revocations;
  });
}

absl::StatusOr<std::optional<Account>> AuthService::FindAccountByEmail(UnitOfWork& uow, absl::string_view email) {
  ASSIGN_OR_RETURN(auto user, repo_.FindUserByEmail(uow, NormalizeEmail(email)));
  if (!user) return std::nullopt;
  return ToAccount(*user);
}

absl::Status AuthService::ReopenParticipantAccount(UnitOfWork& uow, int64_t user_id,
                                                   const std::string& password_hash) {
  const absl::Time now = clock_.Now();
  RETURN_IF_ERROR(repo_.UpdatePassword(uow, user_id, password_hash, false, now));
  RETURN_IF_ERROR(repo_.SetActive(uow, user_id, true));
  RETURN_IF_ERROR(repo_.RevokeUserSessions(uow, user_id, 0, now));
  return Revoke(uow, user_id, std::nullopt);
}

absl::Status AuthService::DeactivateAccount(UnitOfWork& uow, int64_t user_id) {
  RETURN_IF_ERROR(repo_.SetActive(uow, user_id, false));
  RETURN_IF_ERROR(repo_.RevokeUserSessions(uow, user_id, 0, clock_.Now()));
  return Revoke(uow, user_id, std::nullopt);
}

absl::StatusOr<std::string> AuthService::HashNewPassword(absl::string_view field,
                                                         absl::string_view password,
                                                         absl::string_view email) {
  RETURN_IF_ERROR(ValidateNewPassword(field, password, email));
  return hasher_.Hash(password);
}

absl::Status AuthService::CheckPeerThrottle(RequestContext& ctx) {
  const std::string key = PeerKey(ctx.peer);
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(auto state, InTransaction(tx_, [&](UnitOfWork& uow) {
                     return repo_.GetThrottle(uow, ThrottleScope::kPeer, key, false);
                   }));
  if (IsLocked(state, now)) return TooManyAttempts();
  return absl::OkStatus();
}

absl::Status AuthService::RecordPeerFailure(RequestContext& ctx, absl::StatusCode code) {
  const absl::Time now = clock_.Now();
  const std::string peer_key = PeerKey(ctx.peer);
  return tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    RETURN_IF_ERROR(repo_.LockThrottleRows(uow, ThrottleScope::kPeer, {peer_key}, now));
    ASSIGN_OR_RETURN(auto state, repo_.GetThrottle(uow, ThrottleScope::kPeer, peer_key, false));
    RETURN_IF_ERROR(repo_.PutThrottle(uow, ThrottleScope::kPeer, peer_key,
                                      AfterFailure(state, now, config_.peer_throttle)));
    return auditor_.Record(uow, ctx, {.code = code});
  });
}

absl::StatusOr<Principal> AuthService::Authenticate(absl::string_view token) {
  const absl::Status denied =
      absl::UnauthenticatedError("your session has ended or is not valid; please sign in again");
  if (!LooksLikeToken(token)) return denied;
  const std::string hash = TokenHash(token);
  const absl::Time now = clock_.Now();
  const bool trusted = CacheTrusted(now);
  if (trusted) {
    if (std::shared_ptr<const CachedSession> hit = cache_.Find(hash)) {
      // Expiry is exact whatever the cache holds.
      if (now >= hit->principal.session_expires_at) {
        cache_.EvictSession(hit->principal.session_id);
        return denied;
      }
      if (now - hit->loaded_at <= config_.session_cache_max_age) return hit->principal;
    }
  }
  const uint64_t epoch = cache_.epoch();
  ASSIGN_OR_RETURN(auto live,
                   InReadOnly(tx_, [&](UnitOfWork& uow) { return repo_.FindLiveSession(uow, hash, now); }));
  if (!live) return denied;
  if (trusted) {
    cache_.Put(hash,
               CachedSession{.principal = live->principal,
                             .email = live->email,
                             .display_name = live->display_name,
                             .account_created_at = live->account_created_at,
                             .organisation_name = live->organisation_name,
                             .loaded_at = now},
               epoch);
  }
  return live->principal;
}

absl::Status AuthService::Logout(RequestContext& ctx) {
  const absl::Time now = clock_.Now();
  return tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    RETURN_IF_ERROR(repo_.RevokeSession(uow, ctx.caller().session_id, now));
    RETURN_IF_ERROR(Revoke(uow, ctx.caller().user_id, ctx.caller().session_id));
    return auditor_.Record(uow, ctx, {.target_type = "session",
                                      .target_id = absl::StrCat(ctx.caller().session_id)});
  });
}

absl::StatusOr<WhoAmIResult> AuthService::WhoAmI(RequestContext& ctx) {
  const Principal& me = ctx.caller();
  // Authenticating this call just found (or put) the session in the cache.
  if (CacheTrusted(clock_.Now())) {
    if (std::shared_ptr<const CachedSession> hit = cache_.FindBySession(me.session_id)) {
      return WhoAmIResult{.account = Account{.id = me.user_id,
                                             .organisation_id = me.organisation_id,
                                             .email = hit->email,
                                             .display_name = hit->display_name,
                                             .role = me.role,
                                             .active = true,
                                             .password_change_required = me.password_change_required,
                                             .created_at = hit->account_created_at},
                          .organisation_name = hit->organisation_name,
                          .session_expires_at = me.session_expires_at};
    }
  }
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<WhoAmIResult> {
    ASSIGN_OR_RETURN(auto user, repo_.FindUser(uow, me.user_id));
    ASSIGN_OR_RETURN(auto org, repo_.FindOrganisation(uow, me.organisation_id));
    if (!user || !org) return absl::UnauthenticatedError("the account no longer exists");
    return WhoAmIResult{.account = ToAccount(*user),
                        .organisation_name = org->name,
                        .session_expires_at = me.session_expires_at};
  });
}

absl::Status AuthService::ChangePassword(RequestContext& ctx, absl::string_view current_password,
                                         absl::string_view new_password) {
  const Principal& me = ctx.caller();
  if (current_password.empty()) return InvalidField("current_password", "is required");
  if (current_password.size() > kMaxPasswordBytes) {
    return InvalidField("current_password", "must be at most 1024 bytes");
  }
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(UserRecord user, InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<UserRecord> {
                     ASSIGN_OR_RETURN(auto found, repo_.FindUser(uow, me.user_id));
                     if (!found) return absl::UnauthenticatedError("the account no longer exists");
                     return *std::move(found);
                   }));
  RETURN_IF_ERROR(ValidateNewPassword("new_password", new_password, user.email));
  if (current_password == new_password) {
    return InvalidField("new_password", "must differ from the current password");
  }
  const std::string peer_key = PeerKey(ctx.peer);
  // A stolen session token must not become a way to guess the password: the
  // check counts like a sign-in attempt.
  ASSIGN_OR_RETURN(Reservation reservation, InTransaction(tx_, [&](UnitOfWork& uow) {
                     return ReserveAttempt(uow, user.email, peer_key, /*find_user=*/false);
                   }));
  if (reservation.locked) return TooManyAttempts();
  if (!hasher_.Verify(user.password_hash, current_password)) {
    RETURN_IF_ERROR(AuditFailure(ctx, user, absl::StatusCode::kInvalidArgument));
    return InvalidField("current_password", "is not correct");
  }
  ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  return tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    RETURN_IF_ERROR(repo_.UpdatePassword(uow, me.user_id, hash, false, now));
    RETURN_IF_ERROR(repo_.RevokeUserSessions(uow, me.user_id, me.session_id, now));
    // Every cached session of the account goes, this one too: it no longer
    // needs a password change, so it is read again.
    RETURN_IF_ERROR(Revoke(uow, me.user_id, std::nullopt));
    RETURN_IF_ERROR(ReleaseAttempt(uow, peer_key, reservation));
    return auditor_.Record(uow, ctx, {.target_type = "user", .target_id = absl::StrCat(me.user_id)});
  });
}

absl::StatusOr<CreatedAccount> AuthService::InsertAccount(RequestContext& ctx,
                                                          int64_t organisation_id, Role role,
                                                          absl::string_view email_in,
                                                          absl::string_view display_name,
                                                          std::optional<std::string> password,
                                                          bool change_required) {
  const std::string email = NormalizeEmail(email_in);
  RETURN_IF_ERROR(ValidateEmail("email", email));
  RETURN_IF_ERROR(ValidateText("display_name", display_name, 1, 200));
  CreatedAccount created;
  if (password) {
    RETURN_IF_ERROR(ValidateNewPassword("password", *password, email));
  } else {
    created.generated_password = RandomString(kGeneratedPasswordChars, kPasswordAlphabet);
    password = created.generated_password;
  }
  ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(*password));
  const absl::Time now = clock_.Now();
  NewUser user{.organisation_id = organisation_id,
               .email = email,
               .display_name = Trimmed(display_name),
               .role = role,
               .password_hash = hash,
               .password_change_required = change_required,
               .created_at = now};
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CreatedAccount> {
    ASSIGN_OR_RETURN(auto org, repo_.FindOrganisation(uow, organisation_id));
    if (!org) return absl::NotFoundError("organisation_id: no such organisation");
    absl::StatusOr<int64_t> id = repo_.InsertUser(uow, user);
    if (id.status().code() == absl::StatusCode::kAlreadyExists) {
      return absl::AlreadyExistsError("email: an account with this e-mail address already exists");
    }
    RETURN_IF_ERROR(id.status());
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "user",
                                               .target_id = absl::StrCat(*id),
                                               .organisation_id = organisation_id}));
    CreatedAccount out = created;
    out.account = Account{.id = *id,
                          .organisation_id = organisation_id,
                          .email = email,
                          .display_name = user.display_name,
                          .role = role,
                          .active = true,
                          .password_change_required = change_required,
                          .created_at = now};
    return out;
  });
}

absl::StatusOr<CreatedAccount> AuthService::CreateStaffAccount(RequestContext& ctx,
                                                               absl::string_view email,
                                                               absl::string_view display_name,
                                                               std::optional<Role> role) {
  if (!role || *role == Role::kParticipant) {
    return InvalidField("role", "must be ROLE_ADMIN or ROLE_CLINICIAN");
  }
  return InsertAccount(ctx, ctx.caller().organisation_id, *role, email, display_name,
                       std::nullopt, /*change_required=*/true);
}

absl::StatusOr<std::vector<Account>> AuthService::ListStaff(RequestContext& ctx,
                                                            bool include_inactive) {
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<std::vector<Account>> {
    ASSIGN_OR_RETURN(auto users, repo_.ListStaff(uow, ctx.caller().organisation_id, include_inactive));
    std::vector<Account> out;
    out.reserve(users.size());
    for (const UserRecord& u : users) out.push_back(ToAccount(u));
    return out;
  });
}

absl::StatusOr<int64_t> AuthService::CreateOrganisation(RequestContext& ctx, absl::string_view name) {
  RETURN_IF_ERROR(ValidateText("name", name, 1, 200));
  const std::string trimmed = Trimmed(name);
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<int64_t> {
    absl::StatusOr<int64_t> id = repo_.InsertOrganisation(uow, trimmed, now);
    if (id.status().code() == absl::StatusCode::kAlreadyExists) {
      return absl::AlreadyExistsError("name: an organisation with this name already exists");
    }
    RETURN_IF_ERROR(id.status());
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "organisation",
                                               .target_id = absl::StrCat(*id),
                                               .organisation_id = *id}));
    return *id;
  });
}

absl::Status AuthService::SetModuleRelease(RequestContext& ctx, int64_t organisation_id, absl::string_view mode) {
  if (mode != "session_start" && mode != "session_held") {
    return InvalidField("mode", "must be session_start or session_held");
  }
  return tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    RETURN_IF_ERROR(repo_.SetModuleRelease(uow, organisation_id, std::string(mode)));
    return auditor_.Record(uow, ctx, {.target_type = "organisation",
                                      .target_id = absl::StrCat(organisation_id),
                                      .organisation_id = organisation_id});
  });
}

absl::StatusOr<int64_t> AuthService::FindOrganisationId(absl::string_view name) {
  const std::string trimmed = Trimmed(name);
  ASSIGN_OR_RETURN(auto org, InTransaction(tx_, [&](UnitOfWork& uow) {
                     return repo_.FindOrganisationByName(uow, trimmed);
                   }));
  if (!org) return absl::NotFoundError("name: no organisation has this name");
  return org->id;
}

absl::StatusOr<CreatedAccount> AuthService::CreateUser(RequestContext& ctx, int64_t organisation_id,
                                                       Role role, absl::string_view email,
                                                       absl::string_view display_name,
                                                       std::optional<std::string> password) {
  // A generated password is temporary; one the operator chose was chosen for the user.
  const bool change_required = !password.has_value();
  return InsertAccount(ctx, organisation_id, role, email, display_name, std::move(password),
                       change_required);
}

absl::StatusOr<std::string> AuthService::ResetPassword(RequestContext& ctx, absl::string_view email_in,
                                                       std::optional<std::string> password) {
  const std::string email = NormalizeEmail(email_in);
  RETURN_IF_ERROR(ValidateEmail("email", email));
  std::string generated;
  if (password) {
    RETURN_IF_ERROR(ValidateNewPassword("password", *password, email));
  } else {
    generated = RandomString(kGeneratedPasswordChars, kPasswordAlphabet);
    password = generated;
  }
  ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(*password));
  const absl::Time now = clock_.Now();
  RETURN_IF_ERROR(tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    ASSIGN_OR_RETURN(auto user, repo_.FindUserByEmail(uow, email));
    if (!user) return absl::NotFoundError("email: no account has this e-mail address");
    RETURN_IF_ERROR(repo_.UpdatePassword(uow, user->id, hash, generated.empty() ? false : true, now));
    RETURN_IF_ERROR(repo_.RevokeUserSessions(uow, user->id, 0, now));
    RETURN_IF_ERROR(Revoke(uow, user->id, std::nullopt));
    ASSIGN_OR_RETURN(const std::string account_key, AccountKey(uow, user->email));
    RETURN_IF_ERROR(repo_.ClearThrottle(uow, ThrottleScope::kAccount, account_key));
    return auditor_.Record(uow, ctx, {.target_type = "user",
                                      .target_id = absl::StrCat(user->id),
                                      .organisation_id = user->organisation_id});
  }));
  return generated;
}

absl::StatusOr<DatabaseCounts> AuthService::Counts() {
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) { return repo_.Counts(uow, now); });
}

}  // namespace cft::auth
