#include "services/reports/csv.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cft::reports {

namespace {

bool NeedsQuotes(absl::string_view s) { return s.find_first_of(",\"\r\n") != absl::string_view::npos; }

std::string Quoted(absl::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string CsvPlain(absl::string_view text) { return NeedsQuotes(text) ? Quoted(text) : std::string(text); }

std::string CsvText(absl::string_view text) {
  if (!text.empty()) {
    const char c = text[0];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      return CsvPlain(absl::StrCat("'", text));
    }
  }
  return CsvPlain(text);
}

CsvRow& CsvRow::Text(absl::string_view text) {
  if (!first_) line_.push_back(',');
  first_ = false;
  line_ += CsvText(text);
  return *this;
}

CsvRow& CsvRow::Plain(absl::string_view text) {
  if (!first_) line_.push_back(',');
  first_ = false;
  line_ += CsvPlain(text);
  return *this;
}

CsvRow& CsvRow::Int(int64_t v) { return Plain(absl::StrCat(v)); }

CsvRow& CsvRow::Number(std::optional<double> v, int decimals) {
  return Plain(v ? FormatNumber(*v, decimals) : std::string());
}

void CsvRow::AppendTo(std::string& out) {
  out += line_;
  out += "\r\n";
  line_.clear();
  first_ = true;
}

std::string FormatNumber(double v, int decimals) {
  if (decimals < 0) decimals = 0;
  std::string s = absl::StrFormat("%.*f", decimals, v);
  // -0.00 is 0.
  bool zero = true;
  for (char c : s) {
    if (c >= '1' && c <= '9') zero = false;
  }
  if (zero && !s.empty() && s[0] == '-') s.erase(0, 1);
  return s;
}

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace cft::reports
