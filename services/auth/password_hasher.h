// Argon2id password hashing through libsodium. Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace cft::auth {

struct HashParams {
  unsigned long long ops_limit;
  size_t mem_limit;
  // libsodium's INTERACTIVE limits: ~90 ms and 64 MiB per hash on this class of machine.
  static HashParams Interactive();
  // The smallest limits libsodium allows; for tests that create many accounts.
  static HashParams Minimum();
};

class PasswordHasher {
 public:
  explicit PasswordHasher(HashParams params);

  absl::StatusOr<std::string> Hash(absl::string_view password) const;
  bool Verify(absl::string_view hash, absl::string_view password) const;
  // True when `hash` was made with other parameters (or another algorithm)
  // and should be replaced after the next successful login.
  bool NeedsRehash(absl::string_view hash) const;
  // Spends the same effort as a real verification, so that an unknown account
  // cannot be told apart from a wrong password by timing.
  void VerifyDummy(absl::string_view password) const;
  // How many Argon2id verifications (real or dummy) this hasher has run: what
  // makes sign-in time independent of whether the account exists, so tests
  // can count it instead of timing it.
  uint64_t verifications() const { return verifications_.load(std::memory_order_relaxed); }

 private:
  HashParams params_;
  std::string dummy_hash_;
  mutable std::atomic<uint64_t> verifications_{0};
};

}  // namespace cft::auth
