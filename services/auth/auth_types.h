// Domain types of the identity context: organisations, accounts, sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
