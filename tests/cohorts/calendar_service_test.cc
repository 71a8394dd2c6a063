// CalendarService's rules over in-memory fakes: the schedule across clock
// changes (and a local time the clocks skip), moving and cancelling
// sessions, the register, the participant's released weeks and catch-up
// weeks under both release modes, the calendar export, and the audit trail.
#include "services/cohorts/calendar_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "services/cohorts/calendar.h"
#include "tests/cohorts/cohort_unit_fixture.h"

namespace cft::cohorts::unit {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using Code = absl::StatusCode;

absl::CivilSecond Local(int y, int mo, int d, int h, int mi) { return absl::CivilSecond(y, mo, d, h, mi, 0); }

class CalendarServiceTest : public CohortUnitTest {
 protected:
  // The usual running group (Tuesdays 18:00 London from 6 October) with
  // Robin, who joined a week before it began.
  void SetUp() override {
    cohort_ = PlanTuesdayGroup();
    Start(cohort_);
    robin_ = Enrol(cohort_, "Robin Participant", &robin_user_);
    week_ = SessionIds(cohort_);
  }

  std::vector<int64_t> SessionIds(int64_t cohort_id) {
    std::vector<int64_t> ids;
    for (const Session& s : Sessions(cohort_id)) ids.push_back(s.id);
    return ids;
  }
  // Sunday sessions at 01:30 in London, the small hours a clock change
  // happens in, from `start` (a Sunday).
  int64_t SundayNightGroup(absl::CivilDay start) {
    NewCohort r = TuesdayEvenings("Night owls");
    r.plan.start_date = start;
    r.plan.weekday = 7;
    r.plan.start_minute = 90;
    r.plan.duration_minutes = 60;
    return Plan(r);
  }
  absl::StatusOr<ScheduleView> Reschedule(int64_t session_id, absl::CivilDay day, int hour, int minute = 0,
                                          bool shift_following = false, int duration = 0, int64_t by = 0) {
    return calendar_.RescheduleSession(As(by == 0 ? lead_ : by, "CalendarService", "RescheduleSession"),
                                       RescheduleRequest{.session_id = session_id,
                                                         .new_date = day,
                                                         .start_minute = hour * 60 + minute,
                                                         .duration_minutes = duration,
                                                         .shift_following = shift_following});
  }
  absl::StatusOr<ScheduleView> Cancel(int64_t session_id, const std::string& reason, bool extend,
                                      int64_t by = 0) {
    return calendar_.CancelSession(As(by == 0 ? lead_ : by, "CalendarService", "CancelSession"), session_id, reason,
                                   extend);
  }
  absl::StatusOr<RegisterView> Register(int64_t session_id, const std::vector<RegisterEntry>& entries) {
    return calendar_.RecordAttendance(As(lead_, "CalendarService", "RecordAttendance"), session_id, entries);
  }
  absl::StatusOr<MyProgramme> Mine(int64_t user_id = 0) {
    return calendar_.GetMyProgramme(As(user_id == 0 ? robin_user_ : user_id, "CalendarService", "GetMyProgramme"));
  }
  static std::vector<int> Sequences(const std::vector<Session>& s) {
    std::vector<int> out;
    for (const Session& x : s) out.push_back(x.sequence);
    return out;
  }
  static std::vector<int> ReleasedWeeks(const MyProgramme& p) {
    std::vector<int> out;
    for (const MyWeek& w : p.weeks) out.push_back(w.week.number);
    return out;
  }
  static std::vector<bool> CatchUps(const MyProgramme& p) {
    std::vector<bool> out;
    for (const MyWeek& w : p.weeks) out.push_back(w.catch_up);
    return out;
  }

  int64_t cohort_ = 0;
  int64_t robin_ = 0;
  int64_t robin_user_ = 0;
  std::vector<int64_t> week_;  // session ids in week order
};

std::string Unfold(const std::string& folded) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(folded, "\r\n", absl::SkipEmpty())) {
    if (!line.empty() && line[0] == ' ') {
      line.remove_prefix(1);
    } else if (!out.empty()) {
      out += "\n";
    }
    out.append(line.data(), line.size());
  }
  return out;
}

// ---- the schedule and daylight saving ----

TEST_F(CalendarServiceTest, TheScheduleKeepsSixPmLocalAcrossTheAutumnClockChangeAndReadingItIsAudited) {
  auto schedule = calendar_.GetSchedule(As(lead_, "CalendarService", "GetSchedule"), cohort_);
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->time_zone, "Europe/London");
  ASSERT_THAT(schedule->sessions, SizeIs(8));
  for (int i = 0; i < 8; ++i) {
    const SessionView& v = schedule->sessions[i];
    EXPECT_EQ(v.session.week_number, i + 1);
    EXPECT_EQ(v.week_title, BuiltinWeekTitles()[i]);
    EXPECT_EQ(v.session.local_start.hour(), 18);
  }
  // London is on BST (UTC+1) until 25 October 2026, then on GMT.
  EXPECT_EQ(schedule->sessions[2].session.starts_at, Utc(2026, 10, 20, 17, 0));
  EXPECT_EQ(schedule->sessions[3].session.starts_at, Utc(2026, 10, 27, 18, 0));
  EXPECT_EQ(EndOf(schedule->sessions[3].session), Utc(2026, 10, 27, 20, 30));
  EXPECT_EQ(schedule->sessions[2].local_display, "Tuesday 20 October 2026, 18:00 BST");
  EXPECT_EQ(schedule->sessions[3].local_display, "Tuesday 27 October 2026, 18:00 GMT");
  // The schedule carries attendance: a read of clinical data.
  const auto audits = AuditsOf("CalendarService", "GetSchedule");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "cohort");
  EXPECT_EQ(audits[0].target_id, std::to_string(cohort_));
}

TEST_F(CalendarServiceTest, OnlyTheCohortsFacilitatorsAndAdminsReadItsSchedule) {
  EXPECT_THAT(calendar_.GetSchedule(As(admin_, "CalendarService", "GetSchedule"), cohort_), IsOk());
  EXPECT_THAT(calendar_.GetSchedule(As(bystander_, "CalendarService", "GetSchedule"), cohort_),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_THAT(calendar_.GetSchedule(As(other_admin_, "CalendarService", "GetSchedule"), cohort_),
              StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
  EXPECT_THAT(calendar_.GetSchedule(As(robin_user_, "CalendarService", "GetSchedule"), cohort_),
              StatusIs(Code::kPermissionDenied, "participants cannot manage cohorts"));
  EXPECT_THAT(AuditsOf("CalendarService", "GetSchedule"), SizeIs(1));
}

// The UK's clocks go forward at 01:00 GMT on the last Sunday of March
// (28 March 2027): 01:30 does not exist that night.
TEST_F(CalendarServiceTest, ASessionPlannedInTheSpringForwardGapIsMovedAnHourLater) {
  const int64_t id = SundayNightGroup(absl::CivilDay(2027, 3, 14));
  auto schedule = calendar_.GetSchedule(As(lead_, "CalendarService", "GetSchedule"), id);
  ASSERT_THAT(schedule, IsOk());
  const auto& s = schedule->sessions;
  ASSERT_THAT(s, SizeIs(8));
  EXPECT_EQ(s[0].session.local_start, Local(2027, 3, 14, 1, 30));
  EXPECT_EQ(s[0].session.starts_at, Utc(2027, 3, 14, 1, 30));  // GMT
  EXPECT_EQ(s[1].session.starts_at, Utc(2027, 3, 21, 1, 30));
  // Read with the offset before the gap (RFC 5545): 01:30 GMT, which the clock shows as 02:30 BST.
  EXPECT_EQ(s[2].session.local_start, Local(2027, 3, 28, 2, 30));
  EXPECT_EQ(s[2].session.starts_at, Utc(2027, 3, 28, 1, 30));
  EXPECT_EQ(s[2].local_display, "Sunday 28 March 2027, 02:30 BST");
  // Back at 01:30 the week after, now BST.
  EXPECT_EQ(s[3].session.local_start, Local(2027, 4, 4, 1, 30));
  EXPECT_EQ(s[3].session.starts_at, Utc(2027, 4, 4, 0, 30));
  EXPECT_EQ(s[3].local_display, "Sunday 4 April 2027, 01:30 BST");
}

// The clocks go back at 02:00 BST on 25 October 2026: 01:30 happens twice.
TEST_F(CalendarServiceTest, ALocalTimeThatHappensTwiceMeansTheFirstOfTheTwo) {
  const int64_t id = SundayNightGroup(absl::CivilDay(2026, 10, 18));
  const std::vector<Session> s = Sessions(id);
  ASSERT_THAT(s, SizeIs(8));
  EXPECT_EQ(s[0].starts_at, Utc(2026, 10, 18, 0, 30));  // BST
  EXPECT_EQ(s[1].local_start, Local(2026, 10, 25, 1, 30));
  EXPECT_EQ(s[1].starts_at, Utc(2026, 10, 25, 0, 30));  // the BST 01:30
  EXPECT_EQ(s[2].starts_at, Utc(2026, 11, 1, 1, 30));   // GMT
}

TEST_F(CalendarServiceTest, ReplanningAcrossTheSpringGapMovesOnlyThatNightsSessionAnHourLater) {
  const int64_t id = SundayNightGroup(absl::CivilDay(2027, 3, 7));
  ASSERT_THAT(cohorts_.UpdateCohort(As(lead_, "CohortService", "UpdateCohort"), id,
                                    CohortChanges{.start_date = absl::CivilDay(2027, 3, 14)}),
              IsOk());
  const std::vector<Session> s = Sessions(id);
  ASSERT_THAT(s, SizeIs(8));
  for (int i = 0; i < 8; ++i) {
    const absl::CivilDay day = absl::CivilDay(2027, 3, 14) + 7 * i;
    EXPECT_EQ(s[i].local_start, i == 2 ? Local(2027, 3, 28, 2, 30) : absl::CivilSecond(day) + 90 * 60) << i;
    EXPECT_EQ(s[i].sequence, 1) << i;
  }
}

// ---- moving sessions ----

TEST_F(CalendarServiceTest, MovingOneSessionLeavesTheOthersAndRaisesItsSequence) {
  clock_.Advance(absl::Hours(1));
  auto moved = Reschedule(week_[2], absl::CivilDay(2026, 10, 21), 17);
  ASSERT_THAT(moved, IsOk());
  ASSERT_THAT(moved->sessions, SizeIs(8));
  EXPECT_EQ(moved->sessions[2].session.id, week_[2]);
  EXPECT_EQ(moved->sessions[2].session.starts_at, Utc(2026, 10, 21, 16, 0));
  EXPECT_EQ(moved->sessions[2].session.local_start, Local(2026, 10, 21, 17, 0));
  EXPECT_EQ(moved->sessions[2].session.updated_at, kStart + absl::Hours(1));
  EXPECT_EQ(Sequences(Sessions(cohort_)), (std::vector<int>{0, 0, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(Sessions(cohort_)[3].starts_at, Utc(2026, 10, 27, 18, 0));
  const auto audits = AuditsOf("CalendarService", "RescheduleSession");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "session");
  EXPECT_EQ(audits[0].target_id, std::to_string(week_[2]));
}

TEST_F(CalendarServiceTest, ShiftingFollowingSessionsMovesThemByTheSameLocalTimeAcrossTheClockChange) {
  // Week 3 a day later with a shorter session; weeks 4 to 8 follow at 18:00 local.
  auto moved = Reschedule(week_[2], absl::CivilDay(2026, 10, 21), 18, 0, true, 120);
  ASSERT_THAT(moved, IsOk());
  const std::vector<Session> s = Sessions(cohort_);
  EXPECT_EQ(Sequences(s), (std::vector<int>{0, 0, 1, 1, 1, 1, 1, 1}));
  for (int i = 2; i < 8; ++i) {
    EXPECT_EQ(s[i].local_start, absl::CivilSecond(absl::CivilDay(2026, 10, 21) + 7 * (i - 2)) + 18 * 3600) << i;
    EXPECT_EQ(s[i].duration_minutes, i == 2 ? 120 : 150) << i;
  }
  EXPECT_EQ(s[2].starts_at, Utc(2026, 10, 21, 17, 0));  // BST
  EXPECT_EQ(s[3].starts_at, Utc(2026, 10, 28, 18, 0));  // GMT
  EXPECT_EQ(s[7].starts_at, Utc(2026, 11, 25, 18, 0));
  EXPECT_EQ(s[1].local_start, Local(2026, 10, 13, 18, 0));
}

TEST_F(CalendarServiceTest, ASessionMovedIntoTheSpringForwardGapTakesTheLaterHour) {
  auto moved = Reschedule(week_[7], absl::CivilDay(2027, 3, 28), 1, 30);
  ASSERT_THAT(moved, IsOk());
  const Session& s = moved->sessions[7].session;
  EXPECT_EQ(s.local_start, Local(2027, 3, 28, 2, 30));
  EXPECT_EQ(s.starts_at, Utc(2027, 3, 28, 1, 30));
}

TEST_F(CalendarServiceTest, AMoveMustNotOverlapAnotherSessionBreakTheWeekOrderOrLieInThePast) {
  EXPECT_THAT(Reschedule(week_[3], absl::CivilDay(2026, 11, 3), 17),
              StatusIs(Code::kInvalidArgument, "new_date: the sessions of weeks 4 and 5 would overlap"));
  EXPECT_THAT(Reschedule(week_[1], absl::CivilDay(2026, 12, 1), 18),
              StatusIs(Code::kInvalidArgument,
                       "new_date: week 2 would come after week 8; move the later sessions too (shift_following)"));
  EXPECT_THAT(Reschedule(week_[1], absl::CivilDay(2026, 9, 29), 18),
              StatusIs(Code::kInvalidArgument, "new_date: must be in the future"));
  EXPECT_THAT(Reschedule(week_[0], absl::CivilDay(2026, 9, 30), 11, 59),
              StatusIs(Code::kInvalidArgument, "new_date: must be in the future"));
  EXPECT_EQ(Sequences(Sessions(cohort_)), (std::vector<int>(8, 0)));
  EXPECT_THAT(AuditsOf("CalendarService", "RescheduleSession"), IsEmpty());

  // Back to back is not an overlap: week 4 ends at 18:00 as week 5 begins.
  EXPECT_THAT(Reschedule(week_[3], absl::CivilDay(2026, 11, 3), 15, 30), IsOk());
  // With the later sessions moving too, week 2 may go after the old week 8.
  auto shifted = Reschedule(week_[1], absl::CivilDay(2026, 12, 1), 18, 0, true);
  ASSERT_THAT(shifted, IsOk());
  EXPECT_EQ(Sessions(cohort_)[7].local_start, Local(2027, 1, 12, 18, 0));
}

TEST_F(CalendarServiceTest, ASessionThatHasStartedBeenHeldOrCancelledDoesNotMove) {
  ASSERT_THAT(Cancel(week_[1], "Room unavailable", false), IsOk());
  EXPECT_THAT(Reschedule(week_[1], absl::CivilDay(2026, 10, 14), 18),
              StatusIs(Code::kFailedPrecondition, "session_id: a cancelled session cannot move"));
  clock_.Set(Utc(2026, 10, 6, 17, 5));
  EXPECT_THAT(Reschedule(week_[0], absl::CivilDay(2026, 10, 8), 18),
              StatusIs(Code::kFailedPrecondition, "session_id: the session has already started"));
  Mark(week_[0], robin_, AttendanceStatus::kPresent);
  EXPECT_THAT(Reschedule(week_[0], absl::CivilDay(2026, 10, 8), 18),
              StatusIs(Code::kFailedPrecondition, "session_id: a held session cannot move"));
  EXPECT_EQ(Sessions(cohort_)[0].starts_at, Utc(2026, 10, 6, 17, 0));
}

TEST_F(CalendarServiceTest, RescheduleNamesTheFieldAtFaultAndWhoMayNotReachTheSession) {
  EXPECT_THAT(Reschedule(week_[2], absl::CivilDay(2026, 10, 21), -1),
              StatusIs(Code::kInvalidArgument, "new_start_time: must be a time of day"));
  EXPECT_THAT(Reschedule(week_[2], absl::CivilDay(2026, 10, 21), 24),
              StatusIs(Code::kInvalidArgument, "new_start_time: must be a time of day"));
  EXPECT_THAT(Reschedule(week_[2], absl::CivilDay(2026, 10, 21), 18, 0, false, 29),
              StatusIs(Code::kInvalidArgument, "duration_minutes: must be between 30 and 300"));
  EXPECT_THAT(Reschedule(0, absl::CivilDay(2026, 10, 21), 18),
              StatusIs(Code::kInvalidArgument, "session_id: is required"));
  EXPECT_THAT(Reschedule(9999, absl::CivilDay(2026, 10, 21), 18),
              StatusIs(Code::kNotFound, "session_id: no such session"));
  // Another organisation's session looks exactly like one that does not exist.
  EXPECT_THAT(Reschedule(week_[2], absl::CivilDay(2026, 10, 21), 18, 0, false, 0, other_admin_),
              StatusIs(Code::kNotFound, "session_id: no such session"));
  EXPECT_THAT(Reschedule(week_[2], absl::CivilDay(2026, 10, 21), 18, 0, false, 0, bystander_),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_EQ(Sequences(Sessions(cohort_)), (std::vector<int>(8, 0)));
}

TEST_F(CalendarServiceTest, ACompletedOrCancelledCohortsCalendarIsClosed) {
  const int64_t called_off = PlanTuesdayGroup();
  SetStatus(called_off, CohortStatus::kCancelled, "The venue closed.");
  const int64_t first = Sessions(called_off)[1].id;
  EXPECT_THAT(Reschedule(first, absl::CivilDay(2026, 10, 14), 18),
              StatusIs(Code::kFailedPrecondition, "the cohort is cancelled; its calendar is closed"));
  EXPECT_THAT(Cancel(first, "Half-term", false),
              StatusIs(Code::kFailedPrecondition, "the cohort is cancelled; its calendar is closed"));

  clock_.Set(Utc(2026, 11, 24, 21, 0));
  SetStatus(cohort_, CohortStatus::kCompleted);
  EXPECT_THAT(Reschedule(week_[7], absl::CivilDay(2026, 12, 1), 18),
              StatusIs(Code::kFailedPrecondition, "the cohort is completed; its calendar is closed"));
  EXPECT_THAT(Cancel(week_[6], "Facilitator unwell", true),
              StatusIs(Code::kFailedPrecondition, "the cohort is completed; its calendar is closed"));
}

// ---- cancelling sessions ----

TEST_F(CalendarServiceTest, CancellingWithoutExtendingCancelsThatSessionOnly) {
  EXPECT_THAT(Cancel(week_[1], " ", false), StatusIs(Code::kInvalidArgument, "reason: is required"));
  const std::vector<Session> before = Sessions(cohort_);
  auto cancelled = Cancel(week_[1], "  Facilitator unwell  ", false);
  ASSERT_THAT(cancelled, IsOk());
  const std::vector<Session> after = Sessions(cohort_);
  ASSERT_THAT(after, SizeIs(8));
  EXPECT_EQ(after[1].status, SessionStatus::kCancelled);
  EXPECT_EQ(after[1].cancel_reason, "Facilitator unwell");
  EXPECT_EQ(after[1].sequence, 1);
  EXPECT_EQ(after[1].starts_at, before[1].starts_at);
  for (int i : {0, 2, 3, 4, 5, 6, 7}) {
    EXPECT_EQ(after[i].starts_at, before[i].starts_at) << i;
    EXPECT_EQ(after[i].sequence, 0) << i;
  }
  EXPECT_THAT(Cancel(week_[1], "Again", false),
              StatusIs(Code::kFailedPrecondition, "session_id: a cancelled session cannot be cancelled"));
  const auto audits = AuditsOf("CalendarService", "CancelSession");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "session");
  EXPECT_EQ(audits[0].target_id, std::to_string(week_[1]));
}

TEST_F(CalendarServiceTest, CancellingWithExtensionGivesTheWeekANewSessionAWeekLaterAndMovesEverythingAfter) {
  auto extended = Cancel(week_[3], "Half-term holiday", true);
  ASSERT_THAT(extended, IsOk());
  const auto& s = extended->sessions;
  ASSERT_THAT(s, SizeIs(9));
  EXPECT_EQ(s[3].session.id, week_[3]);
  EXPECT_EQ(s[3].session.status, SessionStatus::kCancelled);
  EXPECT_EQ(s[3].session.week_number, 4);
  EXPECT_EQ(s[3].session.sequence, 1);
  const Session& replacement = s[4].session;
  EXPECT_EQ(replacement.week_number, 4);
  EXPECT_EQ(replacement.status, SessionStatus::kScheduled);
  EXPECT_EQ(replacement.sequence, 0);
  EXPECT_EQ(replacement.cancel_reason, "");
  EXPECT_EQ(replacement.starts_at, Utc(2026, 11, 3, 18, 0));
  EXPECT_EQ(s[4].week_title, "Building the soothing system");
  for (int i = 5; i < 9; ++i) {
    EXPECT_EQ(s[i].session.week_number, i);
    EXPECT_EQ(s[i].session.sequence, 1);
    EXPECT_EQ(s[i].session.local_start.hour(), 18);
  }
  EXPECT_EQ(s[8].session.starts_at, Utc(2026, 12, 1, 18, 0));
  // Weeks before are untouched.
  EXPECT_EQ(s[2].session.sequence, 0);
}

TEST_F(CalendarServiceTest, AnExtensionAcrossTheClockChangeKeepsEachSessionsLocalHour) {
  ASSERT_THAT(Cancel(week_[1], "Facilitator unwell", true), IsOk());
  const std::vector<Session> s = Sessions(cohort_);
  ASSERT_THAT(s, SizeIs(9));
  // Week 2's replacement on 20 October (BST); week 3 to 27 October (GMT).
  EXPECT_EQ(s[2].week_number, 2);
  EXPECT_EQ(s[2].starts_at, Utc(2026, 10, 20, 17, 0));
  EXPECT_EQ(s[3].week_number, 3);
  EXPECT_EQ(s[3].starts_at, Utc(2026, 10, 27, 18, 0));
  for (const Session& x : s) EXPECT_EQ(x.local_start.hour(), 18);
}

TEST_F(CalendarServiceTest, AnExtensionIsRefusedOnceALaterSessionHasBeenHeld) {
  clock_.Set(Utc(2026, 10, 20, 17, 10));
  Mark(week_[2], robin_, AttendanceStatus::kPresent);
  EXPECT_THAT(Cancel(week_[1], "Facilitator unwell", true),
              StatusIs(Code::kFailedPrecondition,
                       "extend_programme: later sessions have already been held; cancel without extending"));
  EXPECT_EQ(Sessions(cohort_)[1].status, SessionStatus::kScheduled);
  EXPECT_THAT(Sessions(cohort_), SizeIs(8));
  EXPECT_THAT(Cancel(week_[1], "Facilitator unwell", false), IsOk());
  EXPECT_THAT(Sessions(cohort_), SizeIs(8));
}

// A session that has started may be cancelled (it did not take place), but
// an extension cannot move its week to a time that has passed as well.
TEST_F(CalendarServiceTest, AnExtensionCannotMoveAWeekIntoThePast) {
  clock_.Set(Utc(2026, 10, 21, 12, 0));
  EXPECT_THAT(Cancel(week_[0], "It did not take place.", true),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       "extend_programme: a week later (Tuesday 13 October 2026, 18:00 BST) has already passed; "
                       "cancel without extending, or move the session instead"));
  EXPECT_THAT(Sessions(cohort_), SizeIs(8));
  EXPECT_EQ(Sessions(cohort_)[0].status, SessionStatus::kScheduled);
  // Without the extension the cancellation stands.
  ASSERT_THAT(Cancel(week_[0], "It did not take place.", false), IsOk());
  EXPECT_EQ(Sessions(cohort_)[0].status, SessionStatus::kCancelled);
}

// A session in the spring-forward gap is stored at the hour the clock really
// shows (02:30), but the group meets at 01:30: once the session moves to a
// day that has 01:30, it belongs at 01:30 like every other week.
TEST_F(CalendarServiceTest, ASessionShiftedOutOfTheSpringForwardGapReturnsToThePlannedHour) {
  const int64_t id = SundayNightGroup(absl::CivilDay(2027, 3, 14));
  const std::vector<Session> before = Sessions(id);
  ASSERT_EQ(before[2].local_start, Local(2027, 3, 28, 2, 30));
  // Everything one day later, from week 1.
  ASSERT_THAT(Reschedule(before[0].id, absl::CivilDay(2027, 3, 15), 1, 30, true), IsOk());
  const std::vector<Session> after = Sessions(id);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(after[i].local_start, absl::CivilSecond(absl::CivilDay(2027, 3, 15) + 7 * i) + 90 * 60)
        << "week " << i + 1;
  }
}

TEST_F(CalendarServiceTest, ASessionMovedOutOfTheSpringForwardGapByAnExtensionReturnsToThePlannedHour) {
  const int64_t id = SundayNightGroup(absl::CivilDay(2027, 3, 14));
  const std::vector<Session> before = Sessions(id);
  ASSERT_THAT(Cancel(before[1].id, "Facilitator unwell", true), IsOk());
  std::vector<Session> live;
  for (const Session& s : Sessions(id)) {
    if (s.status != SessionStatus::kCancelled) live.push_back(s);
  }
  ASSERT_THAT(live, SizeIs(8));
  // Week 2's replacement falls in the gap, which moves it an hour later;
  // week 3 leaves the gap for 4 April, where 01:30 exists.
  EXPECT_EQ(live[1].local_start, Local(2027, 3, 28, 2, 30));
  EXPECT_EQ(live[2].week_number, 3);
  EXPECT_EQ(live[2].local_start, Local(2027, 4, 4, 1, 30));
  EXPECT_EQ(live[3].local_start, Local(2027, 4, 11, 1, 30));
}

// ---- the register ----

TEST_F(CalendarServiceTest, TheRegisterOpensWhenTheSessionStarts) {
  clock_.Set(Utc(2026, 10, 6, 16, 59));
  EXPECT_THAT(Register(week_[0], {{.enrolment_id = robin_, .status = AttendanceStatus::kPresent}}),
              StatusIs(Code::kFailedPrecondition,
                       "session_id: attendance can be recorded once the session starts (Tuesday 6 October 2026, "
                       "18:00 BST)"));
  EXPECT_THAT(stores_.sessions.state().attendance, IsEmpty());
  clock_.Set(Utc(2026, 10, 6, 17, 0));
  EXPECT_THAT(Register(week_[0], {{.enrolment_id = robin_, .status = AttendanceStatus::kPresent}}), IsOk());
}

TEST_F(CalendarServiceTest, ARegisterIsValidatedEntryByEntryAndARefusalWritesNothing) {
  const int64_t other_cohort = PlanTuesdayGroup();
  const int64_t stranger = Place(other_cohort, "Stranger Elsewhere");
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  const RegisterEntry ok{.enrolment_id = robin_, .status = AttendanceStatus::kPresent};
  EXPECT_THAT(Register(week_[0], {}), StatusIs(Code::kInvalidArgument, "entries: must list at least one participant"));
  EXPECT_THAT(Register(week_[0], std::vector<RegisterEntry>(41, ok)),
              StatusIs(Code::kInvalidArgument, "entries: at most 40 entries"));
  EXPECT_THAT(Register(week_[0], {{.enrolment_id = 0, .status = AttendanceStatus::kPresent}}),
              StatusIs(Code::kInvalidArgument, "entries[0].enrolment_id: is required"));
  EXPECT_THAT(Register(week_[0], {ok, ok}), StatusIs(Code::kInvalidArgument, "entries[1].enrolment_id: is listed twice"));
  EXPECT_THAT(Register(week_[0], {{.enrolment_id = robin_}}),
              StatusIs(Code::kInvalidArgument, "entries[0].status: is required"));
  EXPECT_THAT(Register(week_[0], {{.enrolment_id = robin_, .status = AttendanceStatus::kLate,
                                   .note = std::string(501, 'n')}}),
              StatusIs(Code::kInvalidArgument, "entries[0].note: must be at most 500 characters"));
  EXPECT_THAT(Register(week_[0], {ok, {.enrolment_id = stranger, .status = AttendanceStatus::kLate}}),
              StatusIs(Code::kInvalidArgument, "entries[1].enrolment_id: is not a participant of this cohort"));
  EXPECT_THAT(Register(0, {ok}), StatusIs(Code::kInvalidArgument, "session_id: is required"));
  EXPECT_THAT(stores_.sessions.state().attendance, IsEmpty());
  EXPECT_EQ(Sessions(cohort_)[0].status, SessionStatus::kScheduled);
  EXPECT_THAT(AuditsOf("CalendarService", "RecordAttendance"), IsEmpty());
}

TEST_F(CalendarServiceTest, AWholeRegisterIsTakenInOneCallInNameOrderAndMarksTheSessionHeld) {
  const int64_t ash = Enrol(cohort_, "Ash Register");
  const int64_t bea = Enrol(cohort_, "bea register");
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  auto reg = Register(week_[0], {{.enrolment_id = robin_, .status = AttendanceStatus::kPresent},
                                 {.enrolment_id = ash, .status = AttendanceStatus::kLate, .note = " Bus was late. "},
                                 {.enrolment_id = bea, .status = AttendanceStatus::kExcused,
                                  .note = "Sent apologies."}});
  ASSERT_THAT(reg, IsOk());
  EXPECT_EQ(reg->session.session.status, SessionStatus::kHeld);
  EXPECT_EQ(reg->session.session.held_at, Utc(2026, 10, 6, 17, 30));
  EXPECT_EQ(reg->session.session.attendance.present, 1);
  EXPECT_EQ(reg->session.session.attendance.late, 1);
  EXPECT_EQ(reg->session.session.attendance.excused, 1);
  EXPECT_EQ(reg->session.session.attendance.absent, 0);
  EXPECT_EQ(reg->session.week_title, "Safeness and what compassion is");
  ASSERT_THAT(reg->entries, SizeIs(3));
  EXPECT_EQ(reg->entries[0].participant_name, "Ash Register");
  EXPECT_EQ(reg->entries[0].note, "Bus was late.");
  EXPECT_EQ(reg->entries[1].participant_name, "bea register");
  EXPECT_EQ(reg->entries[1].status, AttendanceStatus::kExcused);
  EXPECT_EQ(reg->entries[2].participant_name, "Robin Participant");
  EXPECT_EQ(stores_.sessions.state().attendance.at({week_[0], ash}).recorded_by, lead_);

  // Recording again replaces the entries given and keeps when it was held.
  clock_.Set(Utc(2026, 10, 7, 9, 0));
  auto corrected = Register(week_[0], {{.enrolment_id = ash, .status = AttendanceStatus::kPresent}});
  ASSERT_THAT(corrected, IsOk());
  EXPECT_THAT(corrected->entries, SizeIs(3));
  EXPECT_EQ(corrected->session.session.attendance.present, 2);
  EXPECT_EQ(corrected->session.session.attendance.late, 0);
  EXPECT_EQ(corrected->session.session.held_at, Utc(2026, 10, 6, 17, 30));
  const Session stored = Sessions(cohort_)[0];
  EXPECT_EQ(stored.attendance.present, 2);
  EXPECT_EQ(stored.attendance.excused, 1);
  const auto audits = AuditsOf("CalendarService", "RecordAttendance");
  ASSERT_THAT(audits, SizeIs(2));
  EXPECT_EQ(audits[0].target_type, "session");
  EXPECT_EQ(audits[0].target_id, std::to_string(week_[0]));
}

TEST_F(CalendarServiceTest, ThereIsNoRegisterForAPlannedCohortOrACancelledSession) {
  const int64_t planned = PlanTuesdayGroup();
  const int64_t placed = Place(planned, "Pat Planned");
  ASSERT_THAT(Cancel(week_[1], "Room unavailable", false), IsOk());
  clock_.Set(Utc(2026, 10, 13, 18, 0));
  EXPECT_THAT(Register(Sessions(planned)[0].id, {{.enrolment_id = placed, .status = AttendanceStatus::kPresent}}),
              StatusIs(Code::kFailedPrecondition,
                       "session_id: the cohort is planned; start it before recording attendance"));
  EXPECT_THAT(Register(week_[1], {{.enrolment_id = robin_, .status = AttendanceStatus::kPresent}}),
              StatusIs(Code::kFailedPrecondition, "session_id: the session was cancelled"));
  EXPECT_THAT(stores_.sessions.state().attendance, IsEmpty());
}

TEST_F(CalendarServiceTest, SomeoneWhoHasSinceWithdrawnCanStillBeOnARegister) {
  clock_.Set(Utc(2026, 10, 7, 9, 0));
  ASSERT_THAT(enrolment_.WithdrawParticipant(As(lead_, "CohortService", "WithdrawParticipant"), robin_, "Moved away."),
              IsOk());
  EXPECT_THAT(Register(week_[0], {{.enrolment_id = robin_, .status = AttendanceStatus::kPresent}}), IsOk());
}

// ---- the participant's programme ----

TEST_F(CalendarServiceTest, AWeekIsReleasedWhenItsSessionStartsAndTheNextSessionIsShown) {
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  EXPECT_EQ(mine->cohort_name, "Tuesday evening group");
  EXPECT_EQ(mine->programme_title, "Compassion-Focused Therapy, eight weeks");
  EXPECT_EQ(mine->week_count, 8);
  EXPECT_EQ(mine->current_week, 0);
  EXPECT_THAT(mine->weeks, IsEmpty());
  EXPECT_THAT(mine->sessions, SizeIs(8));
  ASSERT_TRUE(mine->next_session.has_value());
  EXPECT_EQ(mine->next_session->session.starts_at, Utc(2026, 10, 6, 17, 0));
  EXPECT_EQ(mine->next_session->local_display, "Tuesday 6 October 2026, 18:00 BST");

  clock_.Set(Utc(2026, 10, 6, 17, 0));
  mine = Mine();
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(ReleasedWeeks(*mine), ElementsAre(1));
  EXPECT_EQ(mine->current_week, 1);
  EXPECT_EQ(mine->weeks[0].released_at, Utc(2026, 10, 6, 17, 0));
  EXPECT_EQ(mine->weeks[0].week.title, "Safeness and what compassion is");
  EXPECT_THAT(mine->weeks[0].week.practices, SizeIs(1));
  EXPECT_EQ(mine->next_session->session.starts_at, Utc(2026, 10, 13, 17, 0));

  // After the clock change week 4 starts at 18:00 GMT.
  clock_.Set(Utc(2026, 10, 27, 17, 59));
  EXPECT_EQ(Mine()->current_week, 3);
  clock_.Set(Utc(2026, 10, 27, 18, 0));
  EXPECT_EQ(Mine()->current_week, 4);
  const auto audits = AuditsOf("CalendarService", "GetMyProgramme");
  ASSERT_THAT(audits, SizeIs(4));
  EXPECT_EQ(audits[0].target_type, "enrolment");
  EXPECT_EQ(audits[0].target_id, std::to_string(robin_));
  EXPECT_EQ(audits[0].actor_user_id, robin_user_);
}

TEST_F(CalendarServiceTest, InHeldModeAWeekIsReleasedWhenItsRegisterIsTaken) {
  stores_.cohorts.SetModuleRelease(org_, ModuleRelease::kWhenSessionHeld);
  clock_.Set(Utc(2026, 10, 6, 19, 0));
  EXPECT_THAT(Mine()->weeks, IsEmpty());
  Mark(week_[0], robin_, AttendanceStatus::kPresent);
  clock_.Set(Utc(2026, 10, 6, 19, 5));
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(ReleasedWeeks(*mine), ElementsAre(1));
  EXPECT_EQ(mine->weeks[0].released_at, Utc(2026, 10, 6, 19, 0));
  EXPECT_EQ(mine->current_week, 1);
}

TEST_F(CalendarServiceTest, InHeldModeACancelledWeekIsReleasedWhenItsSessionWouldHaveStarted) {
  stores_.cohorts.SetModuleRelease(org_, ModuleRelease::kWhenSessionHeld);
  ASSERT_THAT(Cancel(week_[0], "Facilitator unwell", false), IsOk());
  clock_.Set(Utc(2026, 10, 6, 16, 59));
  EXPECT_THAT(Mine()->weeks, IsEmpty());
  clock_.Set(Utc(2026, 10, 6, 17, 0));
  auto mine = Mine();
  ASSERT_THAT(ReleasedWeeks(*mine), ElementsAre(1));
  EXPECT_EQ(mine->weeks[0].released_at, Utc(2026, 10, 6, 17, 0));
}

TEST_F(CalendarServiceTest, AnExtendedWeekIsReleasedWithItsReplacementSession) {
  ASSERT_THAT(Cancel(week_[0], "Facilitator unwell", true), IsOk());
  clock_.Set(Utc(2026, 10, 6, 17, 0));
  EXPECT_THAT(Mine()->weeks, IsEmpty());
  clock_.Set(Utc(2026, 10, 13, 17, 0));
  auto mine = Mine();
  ASSERT_THAT(ReleasedWeeks(*mine), ElementsAre(1));
  EXPECT_EQ(mine->weeks[0].released_at, Utc(2026, 10, 13, 17, 0));
}

TEST_F(CalendarServiceTest, AnAbsenceOrAnExcusedAbsenceMakesThatWeekACatchUpWeekAndTheRegisterIsTheAuthority) {
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  Mark(week_[0], robin_, AttendanceStatus::kLate);
  clock_.Set(Utc(2026, 10, 13, 17, 30));
  Mark(week_[1], robin_, AttendanceStatus::kAbsent);
  clock_.Set(Utc(2026, 10, 20, 17, 30));
  Mark(week_[2], robin_, AttendanceStatus::kExcused);
  clock_.Set(Utc(2026, 10, 27, 18, 30));
  Mark(week_[3], robin_, AttendanceStatus::kPresent);
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(ReleasedWeeks(*mine), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(CatchUps(*mine), ElementsAre(false, true, true, false));
  EXPECT_EQ(mine->weeks[0].attendance, AttendanceStatus::kLate);
  EXPECT_EQ(mine->weeks[1].attendance, AttendanceStatus::kAbsent);
  EXPECT_EQ(mine->weeks[2].attendance, AttendanceStatus::kExcused);
  EXPECT_EQ(mine->weeks[3].attendance, AttendanceStatus::kPresent);

  // A corrected register is the authority.
  Mark(week_[1], robin_, AttendanceStatus::kPresent);
  EXPECT_THAT(CatchUps(*Mine()), ElementsAre(false, false, true, false));
}

TEST_F(CalendarServiceTest, SomeoneLeftOffAHeldRegisterGetsThatWeekAsCatchUp) {
  const int64_t other = Enrol(cohort_, "Olly Other");
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  Mark(week_[0], other, AttendanceStatus::kPresent);
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(mine->weeks, SizeIs(1));
  EXPECT_FALSE(mine->weeks[0].attendance.has_value());
  EXPECT_TRUE(mine->weeks[0].catch_up);
}

TEST_F(CalendarServiceTest, AWeekWithoutARegisterIsNotCatchUpForSomeonePlacedBeforeIt) {
  clock_.Set(Utc(2026, 10, 14, 12, 0));
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(ReleasedWeeks(*mine), ElementsAre(1, 2));
  EXPECT_THAT(CatchUps(*mine), ElementsAre(false, false));
}

// As the rule stands: a week whose session was called off without an
// extension is released at its session's time like any other, and nobody
// gets it as a catch-up week, though nobody had the session.
TEST_F(CalendarServiceTest, AWeekWhoseSessionWasCancelledIsReleasedAsAnOrdinaryWeek) {
  ASSERT_THAT(Cancel(week_[1], "Facilitator unwell", false), IsOk());
  clock_.Set(Utc(2026, 10, 13, 17, 0));
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(ReleasedWeeks(*mine), ElementsAre(1, 2));
  EXPECT_EQ(mine->weeks[1].released_at, Utc(2026, 10, 13, 17, 0));
  EXPECT_THAT(CatchUps(*mine), ElementsAre(false, false));
}

TEST_F(CalendarServiceTest, ALateJoinerCatchesUpOnTheWeeksBeforeTheyWerePlacedUnlessTheRegisterSaysTheyCame) {
  clock_.Set(Utc(2026, 10, 14, 9, 0));  // after weeks 1 and 2, neither registered
  int64_t late_user = 0;
  const int64_t late = Enrol(cohort_, "Lee Late", &late_user);
  ASSERT_TRUE(EnrolmentOf(late).late_joiner);
  auto mine = Mine(late_user);
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(ReleasedWeeks(*mine), ElementsAre(1, 2));
  EXPECT_THAT(CatchUps(*mine), ElementsAre(true, true));
  // They came to week 2 after all (the register was entered later).
  Mark(week_[1], late, AttendanceStatus::kPresent);
  EXPECT_THAT(CatchUps(*Mine(late_user)), ElementsAre(true, false));
  // Week 3 they were placed in time for.
  clock_.Set(Utc(2026, 10, 20, 17, 0));
  EXPECT_THAT(CatchUps(*Mine(late_user)), ElementsAre(true, false, false));
}

TEST_F(CalendarServiceTest, APlannedCohortReleasesNothingEvenOnceItsSessionsArePast) {
  const int64_t planned = PlanTuesdayGroup();
  int64_t user = 0;
  Enrol(planned, "Pat Planned", &user);
  clock_.Set(Utc(2026, 10, 14, 12, 0));
  auto mine = Mine(user);
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(mine->weeks, IsEmpty());
  EXPECT_EQ(mine->current_week, 0);
  ASSERT_TRUE(mine->next_session.has_value());
  EXPECT_EQ(mine->next_session->session.starts_at, Utc(2026, 10, 20, 17, 0));
}

TEST_F(CalendarServiceTest, AfterTheGroupCompletesItsParticipantsKeepEveryWeekTheyWereGiven) {
  clock_.Set(Utc(2026, 11, 24, 21, 0));
  SetStatus(cohort_, CohortStatus::kCompleted);
  ASSERT_EQ(EnrolmentOf(robin_).status, EnrolmentStatus::kCompleted);
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(ReleasedWeeks(*mine), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_FALSE(mine->next_session.has_value());
}

// A cohort cancelled part-way keeps the weeks its participants already had
// and releases no more (its sessions ahead were cancelled with it).
TEST_F(CalendarServiceTest, ACancelledCohortKeepsTheWeeksAlreadyReleasedAndReleasesNoMore) {
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  Mark(week_[0], robin_, AttendanceStatus::kPresent);
  clock_.Set(Utc(2026, 10, 14, 12, 0));
  ASSERT_THAT(ReleasedWeeks(*Mine()), ElementsAre(1, 2));
  SetStatus(cohort_, CohortStatus::kCancelled, "The venue flooded.");
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  EXPECT_THAT(ReleasedWeeks(*mine), ElementsAre(1, 2));
  EXPECT_EQ(mine->current_week, 2);
  // Weeks later, the cancelled sessions' weeks do not open.
  clock_.Set(Utc(2026, 12, 20, 12, 0));
  EXPECT_THAT(ReleasedWeeks(*Mine()), ElementsAre(1, 2));
}

TEST_F(CalendarServiceTest, ParticipantsSeeTheirOwnAttendanceButNotTheRegisterOrTheReasonsForCancelling) {
  const int64_t other = Enrol(cohort_, "Olly Other");
  clock_.Set(Utc(2026, 10, 6, 18, 0));
  ASSERT_THAT(Register(week_[0], {{.enrolment_id = robin_, .status = AttendanceStatus::kAbsent},
                                  {.enrolment_id = other, .status = AttendanceStatus::kPresent}}),
              IsOk());
  ASSERT_THAT(Cancel(week_[2], "Sam's hospital appointment", false), IsOk());
  auto mine = Mine();
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(mine->sessions, SizeIs(8));
  for (const SessionView& v : mine->sessions) {
    const AttendanceCounts& a = v.session.attendance;
    EXPECT_EQ(a.present + a.late + a.absent + a.excused, 0);
    EXPECT_EQ(v.session.cancel_reason, "");
  }
  EXPECT_EQ(mine->sessions[2].session.status, SessionStatus::kCancelled);
  EXPECT_EQ(mine->weeks[0].attendance, AttendanceStatus::kAbsent);
  // The next session skips the cancelled one.
  clock_.Set(Utc(2026, 10, 14, 12, 0));
  EXPECT_EQ(Mine()->next_session->session.week_number, 4);
}

TEST_F(CalendarServiceTest, OnlySomeoneWithAPlaceHasAProgramme) {
  RequestContext op;
  op.method = "cftctl create-user";
  auto nobody = auth_.CreateUser(op, org_, Role::kParticipant, "nobody@people.example", "No Place",
                                 std::string("a long password 2"));
  ASSERT_THAT(nobody, IsOk());
  EXPECT_THAT(Mine(nobody->account.id), StatusIs(Code::kNotFound, "you do not have a place in a group yet"));
  ASSERT_THAT(enrolment_.WithdrawParticipant(As(lead_, "CohortService", "WithdrawParticipant"), robin_, "Moved away."),
              IsOk());
  EXPECT_THAT(Mine(), StatusIs(Code::kPermissionDenied, "your place in the group has ended"));
}

// ---- the calendar file ----

TEST_F(CalendarServiceTest, StaffExportTheWholeScheduleNamedAfterTheGroupWithReasonsForCancelling) {
  ASSERT_THAT(Cancel(week_[2], "Half-term", false), IsOk());
  auto file = calendar_.ExportCalendar(As(lead_, "CalendarService", "ExportCalendar"), cohort_);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(file->filename, "tuesday-evening-group.ics");
  const std::string ics = Unfold(file->ics);
  EXPECT_THAT(ics, HasSubstr("X-WR-CALNAME:Tuesday evening group"));
  EXPECT_THAT(ics, HasSubstr("SUMMARY:Tuesday evening group — week 1: Safeness and what compassion is"));
  EXPECT_THAT(ics, HasSubstr("UID:cft-session-" + std::to_string(week_[2]) + "@cft-groups"));
  EXPECT_THAT(ics, HasSubstr("DESCRIPTION:Programme week 3. Cancelled: Half-term"));
  EXPECT_THAT(ics, HasSubstr("STATUS:CANCELLED"));
  EXPECT_THAT(ics, HasSubstr("DTSTART;TZID=Europe/London:20261027T180000"));
  const auto audits = AuditsOf("CalendarService", "ExportCalendar");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "cohort");
  EXPECT_EQ(audits[0].target_id, std::to_string(cohort_));
  EXPECT_THAT(calendar_.ExportCalendar(As(bystander_, "CalendarService", "ExportCalendar"), cohort_),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
}

TEST_F(CalendarServiceTest, AParticipantsCalendarUsesNeutralWordsAndOnlyTheirOwnGroup) {
  ASSERT_THAT(Cancel(week_[2], "Sam's hospital appointment", false), IsOk());
  auto file = calendar_.ExportCalendar(As(robin_user_, "CalendarService", "ExportCalendar"), 0);
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(file->filename, "my-group.ics");
  const std::string ics = Unfold(file->ics);
  EXPECT_THAT(ics, HasSubstr("X-WR-CALNAME:My group sessions"));
  EXPECT_THAT(ics, HasSubstr("SUMMARY:Group session (week 1)"));
  EXPECT_THAT(ics, Not(HasSubstr("Tuesday evening group")));
  EXPECT_THAT(ics, Not(HasSubstr("hospital")));
  EXPECT_THAT(calendar_.ExportCalendar(As(robin_user_, "CalendarService", "ExportCalendar"), cohort_), IsOk());
  const int64_t other = PlanTuesdayGroup();
  EXPECT_THAT(calendar_.ExportCalendar(As(robin_user_, "CalendarService", "ExportCalendar"), other),
              StatusIs(Code::kPermissionDenied, "you can only export your own group's calendar"));
}

}  // namespace
}  // namespace cft::cohorts::unit
