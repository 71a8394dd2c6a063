// RFC 5545 iCalendar text: escaping, line folding, VTIMEZONE from the system
// tz database, one VEVENT per session. Pure functions; no storage.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace cft::cohorts {

struct CalendarEvent {
  // Stable across exports and reschedules, so calendar apps update the event.
  std::string uid;
  // Raised on every change (RFC 5545 3.8.7.4).
  int sequence = 0;
  absl::Time starts_at;
  absl::Time ends_at;
  std::string summary;
  std::string description;
  bool cancelled = false;
  absl::Time last_modified;
};

// TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
std::string EscapeText(absl::string_view text);

// Folds one content line to lines of at most 75 octets (RFC 5545 3.1),
// never splitting a UTF-8 character, each ending in CRLF.
std::string FoldLine(absl::string_view line);

// A VTIMEZONE for `tzid` covering [from, to]: the observance in force at
// `from` and one sub-component per transition up to `to`.
std::string BuildVTimeZone(absl::string_view tzid, const absl::TimeZone& tz, absl::Time from,
                           absl::Time to);

// A whole VCALENDAR. Event times are written as local times with TZID=`tzid`.
std::string BuildCalendar(absl::string_view calendar_name, absl::string_view tzid,
                          const absl::TimeZone& tz, const std::vector<CalendarEvent>& events,
                          absl::Time now);

}  // namespace cft::cohorts
