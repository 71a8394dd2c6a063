// Who is calling: the domain-level view of an authenticated session. Plain
// values, copied freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/time/time.h"

namespace cft {

enum class Role { kAdmin, kClinician, kParticipant };

absl::string_view RoleName(Role role);
std::optional<Role> RoleFromName(absl::string_view name);

struct Principal {
  int64_t user_id = 0;
  int64_t organisation_id = 0;
  Role role = Role::kParticipant;
  int64_t session_id = 0;
  absl::Time session_expires_at;
  bool password_change_required = false;
};

// Everything a domain service needs to know about the call it serves. Created
// by the RPC layer (or by cftctl for operator actions) for one call and never
// shared between threads.
struct RequestContext {
  // Full gRPC method name ("/cft.v1.AuthService/Login") or "cftctl <command>".
  std::string method;
  // Client address without the port, for throttling and audit.
  std::string peer;
  // Set for authenticated calls; empty for Login, RedeemInvite and operator actions.
  std::optional<Principal> principal;
  // Set once an audit record for this call has been committed, so the RPC layer
  // writes a fallback record only when the domain service wrote none.
  bool audited = false;

  const Principal& caller() const { return *principal; }
};

}  // namespace cft
