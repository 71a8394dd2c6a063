// Random values and digests from libsodium. Thread-safe once InitCrypto() has
// run (it is idempotent and called by every entry point).
#pragma once

#include <cstddef>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace cft {

// Initialises libsodium. Fails only if the system has no usable entropy source.
absl::Status InitCrypto();

// `n` bytes from the operating system's CSPRNG.
std::string RandomBytes(size_t n);

// A random string of `length` characters drawn uniformly from `alphabet`.
std::string RandomString(size_t length, absl::string_view alphabet);

// Raw 32-byte SHA-256 digest.
std::string Sha256(absl::string_view data);

// Lower-case hex of `bytes`.
std::string HexEncode(absl::string_view bytes);

// URL-safe base64 without padding (RFC 4648 section 5).
std::string Base64UrlEncode(absl::string_view bytes);

// HMAC-SHA-256 of `data` under `key` (raw 32 bytes).
std::string HmacSha256(absl::string_view key, absl::string_view data);

// Constant-time equality of two strings of equal length; unequal lengths compare false.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace cft
