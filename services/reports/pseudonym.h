// Keyed pseudonyms for de-identified exports (safety.md): HMAC-SHA-256 under
// a random key made for one export and wiped when the export ends, so the
// same person has another pseudonym in every export and nobody can join two
// exports or reverse one without a key that was never stored. Not
// thread-safe; one per export.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace cft::reports {

class Pseudonymizer {
 public:
  Pseudonymizer();  // draws a fresh key
  ~Pseudonymizer();
  Pseudonymizer(const Pseudonymizer&) = delete;
  Pseudonymizer& operator=(const Pseudonymizer&) = delete;

  // "<prefix>" followed by 16 hex digits (64 bits) of HMAC(key, kind ":" id).
  std::string Of(absl::string_view prefix, absl::string_view kind, int64_t id) const;

 private:
  std::string key_;
};

}  // namespace cft::reports
