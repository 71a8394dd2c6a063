#include "services/auth/password_hasher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cft::auth {
namespace {

using ::testing::StartsWith;

TEST(PasswordHasher, ProducesArgon2idStringsThatVerify) {
  PasswordHasher hasher(HashParams::Minimum());
  auto hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_THAT(*hash, StartsWith("$argon2id$v=19$"));
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery staple"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(hasher.Verify("not a hash", "anything"));
}

TEST(PasswordHasher, SaltsEveryHash) {
  PasswordHasher hasher(HashParams::Minimum());
  EXPECT_NE(*hasher.Hash("same password"), *hasher.Hash("same password"));
}

TEST(PasswordHasher, AsksForRehashWhenParametersChange) {
  PasswordHasher cheap(HashParams::Minimum());
  PasswordHasher interactive(HashParams::Interactive());
  const std::string old_hash = *cheap.Hash("a long enough password");
  EXPECT_FALSE(cheap.NeedsRehash(old_hash));
  EXPECT_TRUE(interactive.NeedsRehash(old_hash));
  const std::string new_hash = *interactive.Hash("a long enough password");
  EXPECT_FALSE(interactive.NeedsRehash(new_hash));
  // libsodium's INTERACTIVE limits: 64 MiB, 2 passes.
  EXPECT_THAT(new_hash, StartsWith("$argon2id$v=19$m=65536,t=2,"));
}

}  // namespace
}  // namespace cft::auth
