#include "services/common/validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace cft {

std::string Trimmed(absl::string_view text) { return std::string(absl::StripAsciiWhitespace(text)); }

namespace {

// Decodes one code point of valid UTF-8 (protobuf checks string fields) at
// `i`, advancing it; a stray byte is returned as itself.
uint32_t NextCodePoint(absl::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Characters that render as nothing: a copied address can carry them unseen.
bool Invisible(uint32_t cp) {
  return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

}  // namespace

std::string NormalizeEmail(absl::string_view email) {
  std::string out;
  out.reserve(email.size());
  for (size_t i = 0; i < email.size();) {
    uint32_t cp = NextCodePoint(email, i);
    if (Invisible(cp)) continue;
    // Full-width forms of ASCII (U+FF01..U+FF5E) and the ideographic space.
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == 0x3000) cp = ' ';
    AppendUtf8(cp, out);
  }
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(out));
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
