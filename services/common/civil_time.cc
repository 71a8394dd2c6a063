#include "services/common/civil_time.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "services/common/errors.h"

namespace cft {
namespace {
// Where Debian's tzdata (and abseil's default search) keeps the zones.
constexpr char kZoneInfoDir[] = "/usr/share/zoneinfo";
}  // namespace

absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view field, absl::string_view name) {
  if (name.empty()) return InvalidField(field, "is required (an IANA time zone such as Europe/London)");
  // IANA names start with a capital ("Europe/London", "UTC", "Etc/GMT+5"),
  // which also keeps out "localtime", "posixrules" and paths. Only names that
  // exist as tz database files reach abseil, whose cache keeps every name it
  // is asked for.
  const bool plausible = name.size() <= 64 && absl::ascii_isupper(static_cast<unsigned char>(name[0])) &&
                         name != "Factory" && name.find("..") == absl::string_view::npos &&
                         name.find("//") == absl::string_view::npos && name.back() != '/' &&
                         std::all_of(name.begin(), name.end(), [](char c) {
                           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '/' ||
                                  c == '_' || c == '-' || c == '+';
                         });
  std::error_code ec;
  absl::TimeZone tz;
  if (!plausible || !std::filesystem::is_regular_file(std::filesystem::path(kZoneInfoDir) / std::string(name), ec) ||
      !absl::LoadTimeZone(std::string(name), &tz)) {
    return InvalidField(field, "is not a known IANA time zone (such as Europe/London)");
  }
  return tz;
}

absl::Time LocalToUtc(absl::CivilSecond local, const absl::TimeZone& tz) {
  // TimeInfo.pre is the instant computed with the offset in force before any
  // transition at this civil time: for a skipped time that is the later
  // wall-clock reading, for a repeated time the first occurrence.
  return tz.At(local).pre;
}

int IsoWeekday(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return 1;
    case absl::Weekday::tuesday:
      return 2;
    case absl::Weekday::wednesday:
      return 3;
    case absl::Weekday::thursday:
      return 4;
    case absl::Weekday::friday:
      return 5;
    case absl::Weekday::saturday:
      return 6;
    case absl::Weekday::sunday:
      return 7;
  }
  return 0;
}

absl::CivilDay FirstOnOrAfter(absl::CivilDay from, int iso_weekday) {
  const int delta = ((iso_weekday - IsoWeekday(from)) % 7 + 7) % 7;
  return from + delta;
}

std::string FormatLocalForPeople(absl::Time t, const absl::TimeZone& tz) {
  // %e pads with a space; strip it so "3 November", not " 3 November".
  std::string s = absl::FormatTime("%A %e %B %Y, %H:%M %Z", t, tz);
  const size_t pad = s.find("  ");
  if (pad != std::string::npos) s.erase(pad, 1);
  return s;
}

}  // namespace cft
