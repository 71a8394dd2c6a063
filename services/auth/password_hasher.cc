#include "services/auth/password_hasher.h"

#include <sodium.h>

namespace cft::auth {

HashParams HashParams::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

HashParams HashParams::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(HashParams params) : params_(params) {
  auto dummy = Hash("dummy password used only to spend time");
  if (dummy.ok()) dummy_hash_ = *dummy;
}

absl::StatusOr<std::string> PasswordHasher::Hash(absl::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.ops_limit,
                            params_.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // Only when the memory limit cannot be allocated.
    return absl::ResourceExhaustedError("password hashing ran out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(absl::string_view hash, absl::string_view password) const {
  verifications_.fetch_add(1, std::memory_order_relaxed);
  std::string h(hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(absl::string_view hash) const {
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), params_.ops_limit, params_.mem_limit) != 0;
}

void PasswordHasher::VerifyDummy(absl::string_view password) const {
  if (dummy_hash_.empty()) {
    // The dummy could not be made at start-up (memory): hashing costs the same
    // as verifying, so the time still does not tell.
    verifications_.fetch_add(1, std::memory_order_relaxed);
    (void)Hash(password);
    return;
  }
  (void)Verify(dummy_hash_, password);
}

}  // namespace cft::auth
