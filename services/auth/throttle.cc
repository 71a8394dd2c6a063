#include "services/auth/throttle.h"

#include <algorithm>

namespace cft::auth {

bool IsLocked(const std::optional<ThrottleState>& state, absl::Time now) {
  return state && state->locked_until && *state->locked_until > now;
}

ThrottleState AfterFailure(const std::optional<ThrottleState>& state, absl::Time now,
                           const ThrottlePolicy& policy) {
  ThrottleState s;
  if (state) {
    s = *state;
  } else {
    s.window_started_at = now;
  }
  if (s.lockouts > 0 && now - s.last_failure_at > policy.memory) s.lockouts = 0;
  if (now - s.window_started_at > policy.window) {
    s.failures = 0;
    s.window_started_at = now;
  }
  s.failures += 1;
  s.last_failure_at = now;
  if (s.failures >= policy.max_failures) {
    absl::Duration cooldown = policy.base_cooldown;
    for (int i = 0; i < s.lockouts && cooldown < policy.max_cooldown; ++i) cooldown *= 2;
    s.locked_until = now + std::min(cooldown, policy.max_cooldown);
    s.lockouts += 1;
    s.failures = 0;
    s.window_started_at = now;
  }
  return s;
}

}  // namespace cft::auth
