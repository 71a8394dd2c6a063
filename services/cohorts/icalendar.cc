#include "services/cohorts/icalendar.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace cft::cohorts {
namespace {

std::string Local(absl::CivilSecond cs) {
  return absl::StrFormat("%04d%02d%02dT%02d%02d%02d", cs.year(), cs.month(), cs.day(), cs.hour(),
                         cs.minute(), cs.second());
}

std::string Utc(absl::Time t) { return absl::FormatTime("%Y%m%dT%H%M%SZ", t, absl::UTCTimeZone()); }

std::string Offset(int seconds) {
  const char sign = seconds < 0 ? '-' : '+';
  const int a = std::abs(seconds);
  if (a % 60 != 0) return absl::StrFormat("%c%02d%02d%02d", sign, a / 3600, (a / 60) % 60, a % 60);
  return absl::StrFormat("%c%02d%02d", sign, a / 3600, (a / 60) % 60);
}

void AppendObservance(std::string& out, bool dst, absl::CivilSecond start, int offset_from,
                      int offset_to, absl::string_view name) {
  const char* kind = dst ? "DAYLIGHT" : "STANDARD";
  out += FoldLine(absl::StrCat("BEGIN:", kind));
  out += FoldLine(absl::StrCat("DTSTART:", Local(start)));
  out += FoldLine(absl::StrCat("TZOFFSETFROM:", Offset(offset_from)));
  out += FoldLine(absl::StrCat("TZOFFSETTO:", Offset(offset_to)));
  if (!name.empty()) out += FoldLine(absl::StrCat("TZNAME:", EscapeText(name)));
  out += FoldLine(absl::StrCat("END:", kind));
}

}  // namespace

std::string EscapeText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FoldLine(absl::string_view line) {
  std::string out;
  size_t limit = 75;  // the first line; continuation lines lose one octet to the leading space
  while (line.size() > limit) {
    size_t cut = limit;
    // Step back over UTF-8 continuation bytes (10xxxxxx) so a character stays whole.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    absl::StrAppend(&out, line.substr(0, cut), "\r\n ");
    line.remove_prefix(cut);
    limit = 74;
  }
  absl::StrAppend(&out, line, "\r\n");
  return out;
}

std::string BuildVTimeZone(absl::string_view tzid, const absl::TimeZone& tz, absl::Time from,
                           absl::Time to) {
  std::string out = FoldLine("BEGIN:VTIMEZONE");
  out += FoldLine(absl::StrCat("TZID:", tzid));
  const absl::TimeZone::CivilInfo at_from = tz.At(from);
  // The observance in force at `from` starts at the last transition before it.
  absl::TimeZone::CivilTransition prev;
  if (tz.PrevTransition(from, &prev)) {
    const int change = static_cast<int>(prev.to - prev.from);
    AppendObservance(out, at_from.is_dst, prev.from, at_from.offset - change, at_from.offset,
                     at_from.zone_abbr);
  } else {
    AppendObservance(out, at_from.is_dst, absl::CivilSecond(1970, 1, 1), at_from.offset,
                     at_from.offset, at_from.zone_abbr);
  }
  absl::Time t = from;
  int offset = at_from.offset;
  absl::TimeZone::CivilTransition next;
  // Bounded: a zone changes offset at most a few times a year.
  for (int guard = 0; guard < 1000 && tz.NextTransition(t, &next); ++guard) {
    // `from` is the wall-clock reading at the transition in the old offset.
    const absl::Time instant = absl::FromCivil(next.from, absl::UTCTimeZone()) - absl::Seconds(offset);
    if (instant > to || instant <= t) break;
    const absl::TimeZone::CivilInfo after = tz.At(instant);
    AppendObservance(out, after.is_dst, next.from, offset, after.offset, after.zone_abbr);
    offset = after.offset;
    t = instant;
  }
  out += FoldLine("END:VTIMEZONE");
  return out;
}

std::string BuildCalendar(absl::string_view calendar_name, absl::string_view tzid,
                          const absl::TimeZone& tz, const std::vector<CalendarEvent>& events,
                          absl::Time now) {
  std::string out = FoldLine("BEGIN:VCALENDAR");
  out += FoldLine("VERSION:2.0");
  out += FoldLine("PRODID:-//CFT Groups//cftd//EN");
  out += FoldLine("CALSCALE:GREGORIAN");
  out += FoldLine("METHOD:PUBLISH");
  out += FoldLine(absl::StrCat("X-WR-CALNAME:", EscapeText(calendar_name)));
  out += FoldLine(absl::StrCat("X-WR-TIMEZONE:", tzid));
  if (!events.empty()) {
    absl::Time first = events.front().starts_at;
    absl::Time last = events.front().ends_at;
    for (const CalendarEvent& e : events) {
      first = std::min(first, e.starts_at);
      last = std::max(last, e.ends_at);
    }
    out += BuildVTimeZone(tzid, tz, first - absl::Hours(24 * 31), last + absl::Hours(24 * 31));
  }
  for (const CalendarEvent& e : events) {
    out += FoldLine("BEGIN:VEVENT");
    out += FoldLine(absl::StrCat("UID:", e.uid));
    out += FoldLine(absl::StrCat("DTSTAMP:", Utc(now)));
    out += FoldLine(absl::StrCat("LAST-MODIFIED:", Utc(e.last_modified)));
    out += FoldLine(absl::StrCat("SEQUENCE:", e.sequence));
    out += FoldLine(absl::StrCat("DTSTART;TZID=", tzid, ":", Local(tz.At(e.starts_at).cs)));
    // DURATION, not DTEND: an end given as local time would be ambiguous on
    // the night the clocks go back.
    out += FoldLine(absl::StrCat("DURATION:PT", absl::ToInt64Minutes(e.ends_at - e.starts_at), "M"));
    out += FoldLine(absl::StrCat("SUMMARY:", EscapeText(e.summary)));
    if (!e.description.empty()) out += FoldLine(absl::StrCat("DESCRIPTION:", EscapeText(e.description)));
    out += FoldLine(absl::StrCat("STATUS:", e.cancelled ? "CANCELLED" : "CONFIRMED"));
    out += FoldLine("TRANSP:OPAQUE");
    out += FoldLine("END:VEVENT");
  }
  out += FoldLine("END:VCALENDAR");
  return out;
}

}  // namespace cft::cohorts
