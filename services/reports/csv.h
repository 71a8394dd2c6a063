// RFC 4180 CSV cells and rows, and JSON string literals, appended to a
// buffer. Text cells that a spreadsheet would run as a formula (beginning
// with = + - @, a tab or a carriage return) are neutralised with a leading
// apostrophe (OWASP's advice); numbers the export itself formats are written
// as they are, so a negative change stays a number. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace cft::reports {

// The cell as written: neutralised if needed, then quoted if it holds a
// comma, a quote, CR or LF (quotes doubled).
std::string CsvText(absl::string_view text);
// A number or other value of the export's own making: quoted only if needed.
std::string CsvPlain(absl::string_view text);

// Builds one CSV row: cells separated by commas, ended by CRLF (RFC 4180).
class CsvRow {
 public:
  CsvRow& Text(absl::string_view text);
  CsvRow& Plain(absl::string_view text);
  CsvRow& Int(int64_t v);
  // Empty for nullopt; otherwise `decimals` places.
  CsvRow& Number(std::optional<double> v, int decimals);
  CsvRow& Empty() { return Plain(""); }
  // Appends the row and CRLF to `out`, and starts again.
  void AppendTo(std::string& out);

 private:
  std::string line_;
  bool first_ = true;
};

// `decimals` places, no trailing "-0".
std::string FormatNumber(double v, int decimals);

// A JSON string literal with its quotes.
std::string JsonString(absl::string_view s);

}  // namespace cft::reports
