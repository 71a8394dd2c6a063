#include "services/reports/pseudonym.h"

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "services/common/crypto.h"

namespace cft::reports {

Pseudonymizer::Pseudonymizer() : key_(RandomBytes(32)) {}

Pseudonymizer::~Pseudonymizer() { sodium_memzero(key_.data(), key_.size()); }

std::string Pseudonymizer::Of(absl::string_view prefix, absl::string_view kind, int64_t id) const {
  return absl::StrCat(prefix, HexEncode(HmacSha256(key_, absl::StrCat(kind, ":", id)).substr(0, 8)));
}

}  // namespace cft::reports
