// What the RPC edge needs of authentication: a bearer token in, the caller
// out. The identity context implements it (auth::AuthService) and server/
// wires the two together, so the edge depends on this interface only.
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/principal.h"

namespace cft::rpc {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // UNAUTHENTICATED for a malformed, unknown, expired or revoked token;
  // UNAVAILABLE when it cannot be checked just now. Thread-safe.
  virtual absl::StatusOr<Principal> Authenticate(absl::string_view token) = 0;
};

}  // namespace cft::rpc
