// Domain types of the identity context: organisations, accounts, sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/common/principal.h"

namespace cft::auth {

struct Organisation {
  int64_t id = 0;
  std::string name;
  absl::Time created_at;
};

// An account as stored, including its password hash. Never leaves the domain
// service with the hash: handlers get Account.
struct UserRecord {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string email;
  std::string display_name;
  Role role = Role::kParticipant;
  std::string password_hash;
  bool password_change_required = false;
  bool active = true;
  absl::Time created_at;
};

struct NewUser {
  int64_t organisation_id = 0;
  std::string email;  // normalised
  std::string display_name;
  Role role = Role::kParticipant;
  std::string password_hash;
  bool password_change_required = false;
  absl::Time created_at;
};

struct NewSession {
  std::string token_hash;
  int64_t user_id = 0;
  absl::Time created_at;
  absl::Time expires_at;
  std::string peer;
};

// A live session with what WhoAmI shows of its account.
struct LiveSession {
  Principal principal;
  std::string email;
  std::string display_name;
  absl::Time account_created_at;
  std::string organisation_name;
};

// One row of the revocation feed: a session, or (no session_id) every
// session of the user and whatever is cached about the account.
struct Revocation {
  int64_t id = 0;
  int64_t user_id = 0;
  std::optional<int64_t> session_id;
  absl::Time recorded_at;  // the database's clock
};

struct RevocationRead {
  // The database's clock when the read began.
  absl::Time database_now;
  std::vector<Revocation> revocations;
};

// Failed-login bookkeeping for one key (an account or a client address).
struct ThrottleState {
  int failures = 0;
  absl::Time window_started_at;
  std::optional<absl::Time> locked_until;
  int lockouts = 0;
  absl::Time last_failure_at;
};

enum class ThrottleScope { kAccount, kPeer };

struct DatabaseCounts {
  int64_t organisations = 0;
  int64_t users = 0;
  int64_t active_sessions = 0;
  int64_t audit_records = 0;
};

}  // namespace cft::auth
