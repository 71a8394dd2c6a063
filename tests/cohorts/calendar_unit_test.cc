// Calendar planning and iCalendar text, without a database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "services/cohorts/calendar.h"
#include "services/cohorts/icalendar.h"
#include "services/common/civil_time.h"
#include "tests/support/status_matchers.h"

namespace cft::cohorts {
namespace {

using ::cft::testing::StatusIs;
using ::testing::HasSubstr;

absl::TimeZone Zone(const char* name) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone(name, &tz)) << name;
  return tz;
}

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

TEST(CivilTime, FirstOnOrAfterFindsTheWeekday) {
  // 23 November 2026 is a Monday.
  EXPECT_EQ(IsoWeekday(absl::CivilDay(2026, 11, 23)), 1);
  EXPECT_EQ(FirstOnOrAfter(absl::CivilDay(2026, 11, 23), 2), absl::CivilDay(2026, 11, 24));
  EXPECT_EQ(FirstOnOrAfter(absl::CivilDay(2026, 11, 23), 1), absl::CivilDay(2026, 11, 23));
  EXPECT_EQ(FirstOnOrAfter(absl::CivilDay(2026, 11, 23), 7), absl::CivilDay(2026, 11, 29));
}

TEST(CivilTime, UnknownZonesAreRejectedNamingTheField) {
  EXPECT_THAT(LoadZone("time_zone", "Europe/Atlantis"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("time_zone: is not a known IANA time zone")));
  EXPECT_THAT(LoadZone("time_zone", "../../etc/passwd"), StatusIs(absl::StatusCode::kInvalidArgument));
  // Names that abseil would load but that are not zones: they follow the host.
  for (const char* host_dependent : {"localtime", "/etc/localtime", "posixrules", "Factory", "Europe/"}) {
    EXPECT_THAT(LoadZone("time_zone", host_dependent), StatusIs(absl::StatusCode::kInvalidArgument)) << host_dependent;
  }
  EXPECT_TRUE(LoadZone("time_zone", "UTC").ok());
  EXPECT_TRUE(LoadZone("time_zone", "Etc/GMT+5").ok());
  EXPECT_THAT(LoadZone("time_zone", ""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is required")));
  EXPECT_TRUE(LoadZone("time_zone", "America/New_York").ok());
}

// UK clocks go back one hour at 02:00 BST on the last Sunday of October
// (25 October 2026) and forward at 01:00 GMT on the last Sunday of March
// (Summer Time Act 1972 as amended; gov.uk/when-do-the-clocks-change).
TEST(PlanSessions, LondonSessionsKeepTheirLocalHourAcrossTheClockChange) {
  CohortPlan plan{.start_date = absl::CivilDay(2026, 10, 6), .weekday = 2, .start_minute = 18 * 60,
                  .duration_minutes = 150, .time_zone = "Europe/London"};
  auto sessions = PlanSessions(7, plan, 8, Zone("Europe/London"));
  ASSERT_EQ(sessions.size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(sessions[i].week_number, i + 1);
    EXPECT_EQ(sessions[i].local_start.hour(), 18);
    EXPECT_EQ(absl::CivilDay(sessions[i].local_start), absl::CivilDay(2026, 10, 6) + 7 * i);
  }
  EXPECT_EQ(sessions[2].starts_at, Utc(2026, 10, 20, 17, 0));  // BST, UTC+1
  EXPECT_EQ(sessions[3].starts_at, Utc(2026, 10, 27, 18, 0));  // GMT, UTC+0
  EXPECT_EQ(sessions[7].starts_at, Utc(2026, 11, 24, 18, 0));
}

// US daylight saving ends at 02:00 on the first Sunday of November (1 November
// 2026) under the Energy Policy Act of 2005.
TEST(PlanSessions, NewYorkSessionsKeepTheirLocalHourAcrossTheClockChange) {
  CohortPlan plan{.start_date = absl::CivilDay(2026, 10, 19), .weekday = 2, .start_minute = 18 * 60 + 30,
                  .duration_minutes = 120, .time_zone = "America/New_York"};
  auto sessions = PlanSessions(1, plan, 3, Zone("America/New_York"));
  EXPECT_EQ(absl::CivilDay(sessions[0].local_start), absl::CivilDay(2026, 10, 20));
  EXPECT_EQ(sessions[0].starts_at, Utc(2026, 10, 20, 22, 30));  // EDT, UTC-4
  EXPECT_EQ(sessions[1].starts_at, Utc(2026, 10, 27, 22, 30));
  EXPECT_EQ(sessions[2].starts_at, Utc(2026, 11, 3, 23, 30));   // EST, UTC-5
  EXPECT_EQ(EndOf(sessions[2]), Utc(2026, 11, 4, 1, 30));
}

TEST(LocalToUtc, SkippedAndRepeatedLocalTimesFollowRfc5545) {
  const absl::TimeZone london = Zone("Europe/London");
  // 01:30 on 28 March 2027 does not exist in London; RFC 5545 3.3.5 reads it
  // with the offset before the gap: 01:30 GMT, which the clock shows as 02:30 BST.
  EXPECT_EQ(LocalToUtc(absl::CivilSecond(2027, 3, 28, 1, 30, 0), london), Utc(2027, 3, 28, 1, 30));
  // 01:30 on 25 October 2026 happens twice; the first (BST) is meant.
  EXPECT_EQ(LocalToUtc(absl::CivilSecond(2026, 10, 25, 1, 30, 0), london), Utc(2026, 10, 25, 0, 30));
}

TEST(PlanSessions, ASkippedLocalTimeIsStoredAsTheReadingItReallyHas) {
  Session s;
  SetLocalStart(s, absl::CivilSecond(2027, 3, 28, 1, 30, 0), Zone("Europe/London"));
  EXPECT_EQ(s.starts_at, Utc(2027, 3, 28, 1, 30));
  EXPECT_EQ(s.local_start, absl::CivilSecond(2027, 3, 28, 2, 30, 0));
}

TEST(ICalendar, EscapesTextValues) {
  // RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped.
  EXPECT_EQ(EscapeText("Tuesday group, room 2; bring a pen\\paper\nthanks"),
            "Tuesday group\\, room 2\\; bring a pen\\\\paper\\nthanks");
  EXPECT_EQ(EscapeText("a\r\nb"), "a\\nb");
}

std::string Unfold(const std::string& folded) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(folded, "\r\n", absl::SkipEmpty())) {
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
    out.append(line.data(), line.size());
  }
  return out;
}

TEST(ICalendar, FoldsLongLinesAtSeventyFiveOctetsWithoutSplittingCharacters) {
  const std::string ascii = "SUMMARY:" + std::string(200, 'x');
  const std::string folded = FoldLine(ascii);
  for (absl::string_view line : absl::StrSplit(folded, "\r\n", absl::SkipEmpty())) {
    EXPECT_LE(line.size(), 75u);
  }
  EXPECT_EQ(Unfold(folded), ascii);

  std::string accented = "SUMMARY:";
  for (int i = 0; i < 100; ++i) accented += "é";  // two octets each
  const std::string f2 = FoldLine(accented);
  for (absl::string_view line : absl::StrSplit(f2, "\r\n", absl::SkipEmpty())) {
    EXPECT_LE(line.size(), 75u);
    // No line starts inside a character (a continuation byte after the space).
    const size_t first = (line[0] == ' ') ? 1 : 0;
    EXPECT_NE(static_cast<unsigned char>(line[first]) & 0xC0, 0x80);
  }
  EXPECT_EQ(Unfold(f2), accented);
  EXPECT_EQ(FoldLine("SHORT"), "SHORT\r\n");
}

TEST(ICalendar, VTimeZoneHasTheLondonTransitionsInRange) {
  const std::string vtz = BuildVTimeZone("Europe/London", Zone("Europe/London"), Utc(2026, 9, 1, 0, 0),
                                         Utc(2027, 5, 1, 0, 0));
  // The observance in force at the start began on 29 March 2026 at 01:00 GMT.
  EXPECT_THAT(vtz, HasSubstr("BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\n"
                             "TZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT\r\n"));
  EXPECT_THAT(vtz, HasSubstr("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\n"
                             "TZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n"));
  EXPECT_THAT(vtz, HasSubstr("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\n"
                             "TZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT\r\n"));
  EXPECT_THAT(vtz, ::testing::StartsWith("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
}

TEST(ICalendar, CalendarHasOneEventPerSessionWithLocalTimesAndStatus) {
  const absl::TimeZone london = Zone("Europe/London");
  std::vector<CalendarEvent> events = {
      {.uid = "cft-session-1@cft-groups", .sequence = 0, .starts_at = Utc(2026, 10, 20, 17, 0),
       .ends_at = Utc(2026, 10, 20, 19, 30), .summary = "Week 3, three systems", .last_modified = Utc(2026, 10, 1, 0, 0)},
      {.uid = "cft-session-2@cft-groups", .sequence = 2, .starts_at = Utc(2026, 10, 27, 18, 0),
       .ends_at = Utc(2026, 10, 27, 20, 30), .summary = "Week 4", .cancelled = true,
       .last_modified = Utc(2026, 10, 2, 0, 0)},
  };
  const std::string ics = BuildCalendar("Tuesday group", "Europe/London", london, events, Utc(2026, 10, 3, 9, 0));
  EXPECT_THAT(ics, ::testing::StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_THAT(ics, ::testing::EndsWith("END:VCALENDAR\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/London:20261020T180000\r\n"));
  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/London:20261027T180000\r\nDURATION:PT150M\r\n"));
  EXPECT_THAT(ics, ::testing::Not(HasSubstr("DTEND")));
  EXPECT_THAT(ics, HasSubstr("SUMMARY:Week 3\\, three systems\r\n"));
  EXPECT_THAT(ics, HasSubstr("UID:cft-session-2@cft-groups\r\nDTSTAMP:20261003T090000Z\r\n"));
  EXPECT_THAT(ics, HasSubstr("SEQUENCE:2\r\n"));
  EXPECT_THAT(ics, HasSubstr("STATUS:CANCELLED\r\n"));
  EXPECT_EQ(ics.find("\n\n"), std::string::npos);
}

}  // namespace
}  // namespace cft::cohorts
