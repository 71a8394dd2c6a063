// The failed-login policy as pure functions, so it is tested without a database.
#pragma once

#include <optional>

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

// The state after one more failure at `now`.
ThrottleState AfterFailure(const std::optional<ThrottleState>& state, absl::Time now,
                           const ThrottlePolicy& policy);

}  // namespace cft::auth
