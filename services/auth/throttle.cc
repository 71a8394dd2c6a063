#include "services/auth/throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace cft::auth {

std::string PeerNetwork(absl::string_view address) {
  const std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return text;
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[INET6_ADDRSTRLEN];
  if (std::memcmp(bytes, kMappedPrefix, sizeof kMappedPrefix) == 0) {
    return inet_ntop(AF_INET, bytes + 12, out, sizeof out) != nullptr ? std::string(out) : text;
  }
  std::memset(bytes + 8, 0, 8);
  if (inet_ntop(AF_INET6, bytes, out, sizeof out) == nullptr) return text;
  return absl::StrCat(out, "/64");
}

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
