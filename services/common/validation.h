// Input rules shared by every context, each returning INVALID_ARGUMENT that
// names the request field.
#pragma once

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace cft {

// The stored form of an e-mail address: invisible characters (zero-width
// spaces and joiners, soft hyphens, byte-order marks) removed, full-width
// ASCII letters and signs made ASCII, ASCII lower-cased, trimmed. Accented
// and non-Latin letters stay as typed; the column's collation compares them.
std::string NormalizeEmail(absl::string_view email);

// A plausible address: one '@', non-empty local part, a dotted domain, no
// spaces or control characters, at most 254 characters. Checks the normalised form.
absl::Status ValidateEmail(absl::string_view field, absl::string_view normalized_email);

// Free text a person typed: trimmed length within [min_chars, max_chars]
// (counted in Unicode code points) and no control characters other than
// newline and tab when `multiline`.
absl::Status ValidateText(absl::string_view field, absl::string_view text, size_t min_chars,
                          size_t max_chars, bool multiline = false);

// Counts UTF-8 code points (input is valid UTF-8: protobuf enforces it for strings).
size_t Utf8Length(absl::string_view text);

// Trims ASCII whitespace from both ends.
std::string Trimmed(absl::string_view text);

}  // namespace cft
