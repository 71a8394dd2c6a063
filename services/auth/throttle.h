// The failed-login policy as pure functions, so it is tested without a database.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/auth/auth_types.h"

namespace cft::auth {

struct ThrottlePolicy {
  // This many failures inside `window` start a cool-down.
  int max_failures = 5;
  absl::Duration window = absl::Minutes(15);
  // The first cool-down; each further one (without a success in between, and
  // within `memory`) doubles, up to `max_cooldown`.
  absl::Duration base_cooldown = absl::Minutes(1);
  absl::Duration max_cooldown = absl::Hours(1);
  absl::Duration memory = absl::Hours(24);
};

bool IsLocked(const std::optional<ThrottleState>& state, absl::Time now);

// What the per-address limit counts against: an IPv4 address as it is, an
// IPv6 address by its /64 network, since one subscriber usually holds a whole
// /64 and could otherwise step round the limit by changing address. IPv4
// mapped into IPv6 counts as IPv4. Anything else is used as given.
std::string PeerNetwork(absl::string_view address);

// The state after one more failure at `now`.
ThrottleState AfterFailure(const std::optional<ThrottleState>& state, absl::Time now,
                           const ThrottlePolicy& policy);

}  // namespace cft::auth
