// Local civil time in IANA zones, on abseil's time-zone library (GCC 12's
// <chrono> has no zone support). Sessions are planned as local wall-clock
// times; the instant is derived, so "18:00 in Europe/London" stays 18:00 on
// both sides of a clock change.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace cft {

// Loads an IANA zone ("Europe/London"). INVALID_ARGUMENT naming `field` when
// the name is malformed or unknown to the system's tz database.
absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view field, absl::string_view name);

// The instant of a local wall-clock time. A time that does not exist (the
// hour skipped when clocks go forward) maps as if the clocks had not yet
// changed, i.e. an hour later on the new clock; a time that happens twice
// (clocks going back) maps to its first occurrence. Both follow RFC 5545's
// rule for DTSTART with TZID.
absl::Time LocalToUtc(absl::CivilSecond local, const absl::TimeZone& tz);

// ISO 8601 weekday of a date: Monday 1 .. Sunday 7.
int IsoWeekday(absl::CivilDay day);

// The first date on or after `from` that falls on `iso_weekday`.
absl::CivilDay FirstOnOrAfter(absl::CivilDay from, int iso_weekday);

// "Tuesday 3 November 2026, 18:00 GMT"
std::string FormatLocalForPeople(absl::Time t, const absl::TimeZone& tz);

}  // namespace cft
