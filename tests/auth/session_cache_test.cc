// The session cache's own rules: bounded by least recent use, evicted by
// session or by user, and a Put that raced an eviction is dropped.
#include "services/auth/session_cache.h"

#include <gtest/gtest.h>

namespace cft::auth {
namespace {

CachedSession Session(int64_t user, int64_t session) {
  CachedSession s;
  s.principal.user_id = user;
  s.principal.session_id = session;
  return s;
}

TEST(SessionCache, KeepsTheMostRecentlyUsedWithinItsSize) {
  SessionCache cache(2);
  cache.Put("a", Session(1, 10), cache.epoch());
  cache.Put("b", Session(2, 20), cache.epoch());
  ASSERT_NE(cache.Find("a"), nullptr);  // a is now the most recent
  cache.Put("c", Session(3, 30), cache.epoch());
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_EQ(cache.FindBySession(20), nullptr);
  EXPECT_NE(cache.FindBySession(30), nullptr);
}

TEST(SessionCache, EvictsOneSessionOrEverySessionOfAUser) {
  SessionCache cache(10);
  cache.Put("a1", Session(1, 10), cache.epoch());
  cache.Put("a2", Session(1, 11), cache.epoch());
  cache.Put("b1", Session(2, 20), cache.epoch());
  EXPECT_EQ(cache.EvictSession(10), 1);
  EXPECT_EQ(cache.Find("a1"), nullptr);
  EXPECT_NE(cache.Find("a2"), nullptr);
  EXPECT_EQ(cache.EvictUser(1), 1);
  EXPECT_EQ(cache.Find("a2"), nullptr);
  EXPECT_NE(cache.Find("b1"), nullptr);
  EXPECT_EQ(cache.EvictUser(1), 0);
}

TEST(SessionCache, APutThatRacedAnEvictionIsDropped) {
  SessionCache cache(10);
  // A reader notes the epoch, reads the session from the database (still
  // live), and meanwhile the session is revoked and evicted.
  const uint64_t before_read = cache.epoch();
  cache.EvictSession(10);
  cache.Put("a", Session(1, 10), before_read);
  EXPECT_EQ(cache.Find("a"), nullptr);
  cache.Put("a", Session(1, 10), cache.epoch());
  EXPECT_NE(cache.Find("a"), nullptr);
}

TEST(SessionCache, SizeZeroHoldsNothing) {
  SessionCache cache(0);
  cache.Put("a", Session(1, 10), cache.epoch());
  EXPECT_EQ(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace cft::auth
