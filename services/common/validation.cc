#include "services/common/validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace cft {

std::string Trimmed(absl::string_view text) { return std::string(absl::StripAsciiWhitespace(text)); }

std::string NormalizeEmail(absl::string_view email) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
}

size_t Utf8Length(absl::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

absl::Status ValidateEmail(absl::string_view field, absl::string_view email) {
  if (email.empty()) return InvalidField(field, "is required");
  if (email.size() > 254) return InvalidField(field, "must be at most 254 characters");
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7F) return InvalidField(field, "must not contain spaces");
  }
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || at == 0 || email.find('@', at + 1) != absl::string_view::npos) {
    return InvalidField(field, "must be an e-mail address such as name@example.org");
  }
  absl::string_view domain = email.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (domain.empty() || dot == absl::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.find("..") != absl::string_view::npos) {
    return InvalidField(field, "must be an e-mail address such as name@example.org");
  }
  return absl::OkStatus();
}

absl::Status ValidateText(absl::string_view field, absl::string_view text, size_t min_chars,
                          size_t max_chars, bool multiline) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  const size_t len = Utf8Length(trimmed);
  if (len < min_chars) {
    return InvalidField(field, min_chars == 1 ? "is required"
                                              : absl::StrCat("must be at least ", min_chars,
                                                             " characters"));
  }
  if (len > max_chars) {
    return InvalidField(field, absl::StrCat("must be at most ", max_chars, " characters"));
  }
  for (unsigned char c : trimmed) {
    if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7F) {
      return InvalidField(field, "must not contain control characters");
    }
  }
  return absl::OkStatus();
}

}  // namespace cft
