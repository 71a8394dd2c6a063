#include "services/auth/throttle.h"

#include <gtest/gtest.h>

namespace cft::auth {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'800'000'000);

TEST(Throttle, FifthFailureInsideTheWindowLocksForTheBaseCooldown) {
  ThrottlePolicy p;
  std::optional<ThrottleState> s;
  for (int i = 0; i < 4; ++i) {
    s = AfterFailure(s, kT0 + absl::Minutes(i), p);
    EXPECT_FALSE(IsLocked(s, kT0 + absl::Minutes(i))) << i;
  }
  s = AfterFailure(s, kT0 + absl::Minutes(4), p);
  EXPECT_TRUE(IsLocked(s, kT0 + absl::Minutes(4)));
  EXPECT_EQ(*s->locked_until, kT0 + absl::Minutes(5));
  EXPECT_TRUE(IsLocked(s, kT0 + absl::Minutes(5) - absl::Seconds(1)));
  EXPECT_FALSE(IsLocked(s, kT0 + absl::Minutes(5)));
}

TEST(Throttle, FailuresOutsideTheWindowDoNotAccumulate) {
  ThrottlePolicy p;
  std::optional<ThrottleState> s;
  for (int i = 0; i < 10; ++i) {
    // One failure every 4 minutes: never 5 within 15 minutes.
    s = AfterFailure(s, kT0 + absl::Minutes(4 * i), p);
    EXPECT_FALSE(IsLocked(s, kT0 + absl::Minutes(4 * i))) << i;
  }
}

TEST(Throttle, CooldownDoublesOnEachRepeatUpToTheCap) {
  ThrottlePolicy p;
  std::optional<ThrottleState> s;
  absl::Time t = kT0;
  std::vector<absl::Duration> cooldowns;
  for (int lockout = 0; lockout < 8; ++lockout) {
    for (int i = 0; i < 5; ++i) s = AfterFailure(s, t, p);
    ASSERT_TRUE(IsLocked(s, t));
    cooldowns.push_back(*s->locked_until - t);
    t = *s->locked_until;
  }
  EXPECT_EQ(cooldowns[0], absl::Minutes(1));
  EXPECT_EQ(cooldowns[1], absl::Minutes(2));
  EXPECT_EQ(cooldowns[2], absl::Minutes(4));
  EXPECT_EQ(cooldowns[3], absl::Minutes(8));
  EXPECT_EQ(cooldowns[6], absl::Minutes(60));  // 64 minutes capped at one hour
  EXPECT_EQ(cooldowns[7], absl::Minutes(60));
}

TEST(Throttle, RepeatMemoryFadesAfterADayWithoutFailures) {
  ThrottlePolicy p;
  std::optional<ThrottleState> s;
  for (int i = 0; i < 5; ++i) s = AfterFailure(s, kT0, p);
  for (int i = 0; i < 5; ++i) s = AfterFailure(s, kT0 + absl::Minutes(2), p);
  EXPECT_EQ(*s->locked_until - (kT0 + absl::Minutes(2)), absl::Minutes(2));
  const absl::Time later = kT0 + absl::Hours(30);
  for (int i = 0; i < 5; ++i) s = AfterFailure(s, later, p);
  EXPECT_EQ(*s->locked_until - later, absl::Minutes(1));
}

TEST(Throttle, AddressesCountByIPv4AddressOrIPv6Slash64) {
  EXPECT_EQ(PeerNetwork("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(PeerNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  // Two addresses of one /64 are one network; the next /64 is another.
  EXPECT_EQ(PeerNetwork("2001:db8:1:2::1"), PeerNetwork("2001:db8:1:2:ffff::9"));
  EXPECT_NE(PeerNetwork("2001:db8:1:2::1"), PeerNetwork("2001:db8:1:3::1"));
  EXPECT_EQ(PeerNetwork("::ffff:198.51.100.4"), "198.51.100.4");
  EXPECT_EQ(PeerNetwork("unix"), "unix");
}

}  // namespace
}  // namespace cft::auth
