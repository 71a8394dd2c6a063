// The cohort calendar through gRPC against the real MariaDB: daylight-saving
// safe schedules, rescheduling, cancellation, the register, module release and
// iCalendar export (checked by python3-icalendar, an independent parser).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "services/rpc/proto_time.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::HasFieldViolation;
using ::cft::testing::GrpcOk;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using grpc::StatusCode;

using ::cft::testing::At;
using ::cft::testing::Iso;
using ::cft::testing::SetDate;
using ::cft::testing::Utc;

// 30 September 2026, a week before the London cohort's first session.
const absl::Time kStart = Utc(2026, 9, 30, 12, 0);

class CalendarApiTest : public ::testing::Test {
 protected:
  CalendarApiTest()
      : server_(At(kStart)), calendar_(server_.Stub<v1::CalendarService>()), cohorts_(server_.Stub<v1::CohortService>()) {
    // Tuesdays at 18:00 in London from 6 October 2026, across the 25 October clock change.
    world_ = testing::BuildCohortWorld(server_, {.label = "London", .start_date = absl::CivilDay(2026, 10, 6)});
  }

  // Tuesdays 18:30 in New York from 20 October 2026: EDT, then EST from 1 November.
  v1::CreateCohortRequest NewYorkEveningGroup() {
    v1::CreateCohortRequest req;
    req.set_name("Evening group NYC");
    req.set_template_id(world_.builtin_template_id);
    SetDate(req.mutable_start_date(), absl::CivilDay(2026, 10, 19));
    req.set_weekday(v1::TUESDAY);
    req.mutable_local_start_time()->set_hour(18);
    req.mutable_local_start_time()->set_minute(30);
    req.set_time_zone("America/New_York");
    return req;
  }

  // Tokens last 12 hours of the fake clock: sign in afresh after moving it.
  std::string Staff() { return server_.Login(world_.clinician); }
  std::string Participant() { return server_.Login(world_.participant); }

  v1::GetScheduleResponse Schedule(int64_t cohort_id) {
    v1::GetScheduleRequest req;
    req.set_cohort_id(cohort_id);
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(Staff());
    EXPECT_THAT(calendar_->GetSchedule(ctx.get(), req, &resp), GrpcOk());
    return resp;
  }

  grpc::Status Reschedule(int64_t session, absl::CivilDay day, int hour, bool shift, v1::RescheduleSessionResponse* out) {
    v1::RescheduleSessionRequest req;
    req.set_session_id(session);
    req.mutable_new_date()->set_year(static_cast<int32_t>(day.year()));
    req.mutable_new_date()->set_month(day.month());
    req.mutable_new_date()->set_day(day.day());
    req.mutable_new_start_time()->set_hour(hour);
    req.set_shift_following(shift);
    auto ctx = TestServer::Context(Staff());
    return calendar_->RescheduleSession(ctx.get(), req, out);
  }

  grpc::Status Register(int64_t session, std::vector<std::pair<int64_t, v1::AttendanceStatus>> entries,
                        v1::RecordAttendanceResponse* out) {
    v1::RecordAttendanceRequest req;
    req.set_session_id(session);
    for (const auto& [enrolment, status] : entries) {
      auto* e = req.add_entries();
      e->set_enrolment_id(enrolment);
      e->set_status(status);
    }
    auto ctx = TestServer::Context(Staff());
    return calendar_->RecordAttendance(ctx.get(), req, out);
  }

  v1::GetMyProgrammeResponse Mine() {
    v1::GetMyProgrammeResponse resp;
    auto ctx = TestServer::Context(Participant());
    EXPECT_THAT(calendar_->GetMyProgramme(ctx.get(), v1::GetMyProgrammeRequest(), &resp), GrpcOk());
    return resp;
  }

  TestServer server_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
  std::unique_ptr<v1::CohortService::Stub> cohorts_;
  testing::CohortWorld world_;
};

TEST_F(CalendarApiTest, LondonSessionsStayAtSixPmAcrossTheClockChange) {
  const std::string audited_reads =
      "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.CalendarService/GetSchedule' "
      "AND status_code = 0 AND target_type = 'cohort' AND target_id = '" + std::to_string(world_.cohort_id) + "'";
  const int reads_before = std::stoi(TestDatabase::Get().Scalar(audited_reads));
  v1::GetScheduleResponse s = Schedule(world_.cohort_id);
  EXPECT_EQ(s.time_zone(), "Europe/London");
  ASSERT_EQ(s.sessions_size(), 8);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(s.sessions(i).week_number(), i + 1);
    EXPECT_EQ(s.sessions(i).local_start_time().hour(), 18);
    EXPECT_EQ(s.sessions(i).local_start_time().minute(), 0);
  }
  EXPECT_EQ(s.sessions(0).week_title(), "Safeness and what compassion is");
  // Before 25 October London is on BST (UTC+1), after it on GMT.
  EXPECT_EQ(Iso(s.sessions(2).starts_at()), "2026-10-20T17:00:00Z");
  EXPECT_EQ(Iso(s.sessions(3).starts_at()), "2026-10-27T18:00:00Z");
  EXPECT_EQ(Iso(s.sessions(3).ends_at()), "2026-10-27T20:30:00Z");
  EXPECT_EQ(s.sessions(2).local_display(), "Tuesday 20 October 2026, 18:00 BST");
  EXPECT_EQ(s.sessions(3).local_display(), "Tuesday 27 October 2026, 18:00 GMT");
  // The schedule carries attendance: reading it leaves an audit record naming the cohort.
  server_.FlushAudit();
  EXPECT_EQ(std::stoi(TestDatabase::Get().Scalar(audited_reads)), reads_before + 1);
}

TEST_F(CalendarApiTest, NewYorkSessionsStayAtHalfPastSixAcrossTheClockChange) {
  v1::CreateCohortRequest req = NewYorkEveningGroup();
  req.set_duration_minutes(120);
  v1::CreateCohortResponse created;
  auto ctx = TestServer::Context(Staff());
  ASSERT_THAT(cohorts_->CreateCohort(ctx.get(), req, &created), GrpcOk());
  v1::GetScheduleResponse s = Schedule(created.cohort().id());
  ASSERT_EQ(s.sessions_size(), 8);
  for (const auto& session : s.sessions()) {
    EXPECT_EQ(session.local_start_time().hour(), 18);
    EXPECT_EQ(session.local_start_time().minute(), 30);
  }
  EXPECT_EQ(Iso(s.sessions(1).starts_at()), "2026-10-27T22:30:00Z");  // EDT
  EXPECT_EQ(Iso(s.sessions(2).starts_at()), "2026-11-03T23:30:00Z");  // EST from 1 November
}

TEST_F(CalendarApiTest, ReschedulingMovesOneSessionOrAllLaterOnes) {
  v1::GetScheduleResponse before = Schedule(world_.cohort_id);
  v1::RescheduleSessionResponse resp;
  // Week 3 to Wednesday 21 October at 17:00.
  ASSERT_THAT(Reschedule(world_.session_ids[2], absl::CivilDay(2026, 10, 21), 17, false, &resp), GrpcOk());
  ASSERT_EQ(resp.sessions_size(), 8);
  EXPECT_EQ(Iso(resp.sessions(2).starts_at()), "2026-10-21T16:00:00Z");
  EXPECT_EQ(resp.sessions(2).sequence(), 1);
  EXPECT_EQ(Iso(resp.sessions(3).starts_at()), Iso(before.sessions(3).starts_at()));
  EXPECT_EQ(resp.sessions(3).sequence(), 0);

  // Week 5 a day later, and every later session with it, keeping 18:00 local.
  ASSERT_THAT(Reschedule(world_.session_ids[4], absl::CivilDay(2026, 11, 4), 18, true, &resp), GrpcOk());
  for (int i = 4; i < 8; ++i) {
    EXPECT_EQ(resp.sessions(i).local_date().day(), (absl::CivilDay(2026, 11, 4) + 7 * (i - 4)).day()) << i;
    EXPECT_EQ(resp.sessions(i).local_start_time().hour(), 18);
    EXPECT_EQ(resp.sessions(i).sequence(), 1);
  }
  EXPECT_EQ(Iso(resp.sessions(7).starts_at()), "2026-11-25T18:00:00Z");

  // Not onto another session, not out of week order, not into the past.
  EXPECT_THAT(Reschedule(world_.session_ids[3], absl::CivilDay(2026, 11, 4), 19, false, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith("new_date: ")));
  EXPECT_THAT(Reschedule(world_.session_ids[1], absl::CivilDay(2026, 12, 1), 18, false, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, HasSubstr("week 2 would come after week 8")));
  EXPECT_THAT(Reschedule(world_.session_ids[1], absl::CivilDay(2026, 9, 29), 18, false, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "new_date: must be in the future"));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT MAX(sequence) FROM cohort_sessions WHERE cohort_id = " +
                                       std::to_string(world_.cohort_id) + " AND week_number = 2"),
            "0");
}

// 01:30 does not exist in London on 28 March 2027: the clocks go from 01:00
// GMT to 02:00 BST. The session starts at 02:30, the facilitator is told, and
// moving it to another day brings it back to the planned 01:30.
TEST_F(CalendarApiTest, ASessionInTheSpringForwardGapMovesAnHourAndTheReplySaysSo) {
  v1::CreateCohortRequest req;
  req.set_name("Night owls");
  req.set_template_id(world_.builtin_template_id);
  SetDate(req.mutable_start_date(), absl::CivilDay(2027, 3, 14));
  req.set_weekday(v1::SUNDAY);
  req.mutable_local_start_time()->set_hour(1);
  req.mutable_local_start_time()->set_minute(30);
  req.set_duration_minutes(60);
  req.set_time_zone("Europe/London");
  v1::CreateCohortResponse created;
  auto c0 = TestServer::Context(Staff());
  ASSERT_THAT(cohorts_->CreateCohort(c0.get(), req, &created), GrpcOk());
  const std::string gap_warning =
      "Week 3: 01:30 does not exist that day in Europe/London (the clocks go forward), so the session starts at "
      "Sunday 28 March 2027, 02:30 BST.";
  EXPECT_THAT(created.warnings(), ::testing::Contains(gap_warning));
  v1::GetScheduleResponse s = Schedule(created.cohort().id());
  ASSERT_EQ(s.sessions_size(), 8);
  EXPECT_EQ(s.sessions(2).local_start_time().hour(), 2);
  EXPECT_EQ(s.sessions(2).local_start_time().minute(), 30);
  EXPECT_EQ(Iso(s.sessions(2).starts_at()), "2027-03-28T01:30:00Z");
  EXPECT_EQ(s.sessions(3).local_start_time().hour(), 1);  // 4 April, BST, at the planned hour

  // Week 3 and everything after it a day later: Monday has a 01:30.
  v1::RescheduleSessionRequest later;
  later.set_session_id(s.sessions(2).id());
  SetDate(later.mutable_new_date(), absl::CivilDay(2027, 3, 29));
  later.mutable_new_start_time()->set_hour(1);
  later.mutable_new_start_time()->set_minute(30);
  later.set_shift_following(true);
  v1::RescheduleSessionResponse moved;
  auto c2 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->RescheduleSession(c2.get(), later, &moved), GrpcOk());
  EXPECT_EQ(moved.sessions(2).local_start_time().hour(), 1);
  EXPECT_EQ(moved.sessions(2).local_start_time().minute(), 30);
  EXPECT_EQ(Iso(moved.sessions(2).starts_at()), "2027-03-29T00:30:00Z");
  EXPECT_EQ(moved.sessions(3).local_start_time().hour(), 1);
  EXPECT_EQ(moved.warnings_size(), 0);

  // And back onto the Sunday, alone: into the gap again, and the reply says so.
  v1::RescheduleSessionRequest back;
  back.set_session_id(s.sessions(2).id());
  SetDate(back.mutable_new_date(), absl::CivilDay(2027, 3, 28));
  back.mutable_new_start_time()->set_hour(1);
  back.mutable_new_start_time()->set_minute(30);
  auto c1 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->RescheduleSession(c1.get(), back, &moved), GrpcOk());
  EXPECT_THAT(moved.warnings(), ::testing::ElementsAre(gap_warning));
  EXPECT_EQ(moved.sessions(2).local_start_time().hour(), 2);
}

TEST_F(CalendarApiTest, CancellingWithExtensionMovesTheWeekAndEverythingAfter) {
  v1::CancelSessionRequest req;
  req.set_session_id(world_.session_ids[3]);
  req.set_extend_programme(true);
  v1::CancelSessionResponse resp;
  auto c1 = TestServer::Context(Staff());
  EXPECT_THAT(calendar_->CancelSession(c1.get(), req, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "reason: is required"));
  req.set_reason("Half-term holiday");
  auto c2 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->CancelSession(c2.get(), req, &resp), GrpcOk());
  ASSERT_EQ(resp.sessions_size(), 9);
  const auto& cancelled = resp.sessions(3);
  EXPECT_EQ(cancelled.id(), world_.session_ids[3]);
  EXPECT_EQ(cancelled.status(), v1::SESSION_CANCELLED);
  EXPECT_EQ(cancelled.cancel_reason(), "Half-term holiday");
  EXPECT_EQ(cancelled.sequence(), 1);
  EXPECT_EQ(cancelled.week_number(), 4);
  const auto& replacement = resp.sessions(4);
  EXPECT_EQ(replacement.week_number(), 4);
  EXPECT_EQ(replacement.status(), v1::SESSION_SCHEDULED);
  EXPECT_EQ(Iso(replacement.starts_at()), "2026-11-03T18:00:00Z");
  EXPECT_EQ(resp.sessions(8).week_number(), 8);
  EXPECT_EQ(Iso(resp.sessions(8).starts_at()), "2026-12-01T18:00:00Z");
  // Cancelling again is refused; nothing changes.
  auto c3 = TestServer::Context(Staff());
  const grpc::Status again = calendar_->CancelSession(c3.get(), req, &resp);
  EXPECT_THAT(again, GrpcIs(StatusCode::FAILED_PRECONDITION, "session_id: a cancelled session cannot be cancelled"));
  // People are told it in a sentence of its own, in the status details.
  EXPECT_EQ(testing::LocalizedMessageOf(again), "A cancelled session cannot be cancelled.");
}

TEST_F(CalendarApiTest, TheRegisterOpensWhenTheSessionStarts) {
  v1::RecordAttendanceResponse resp;
  EXPECT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("once the session starts (Tuesday 6 October 2026, 18:00 BST)")));
  server_.clock().Set(Utc(2026, 10, 6, 17, 5));
  const grpc::Status unmarked =
      Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_STATUS_UNSPECIFIED}}, &resp);
  EXPECT_THAT(unmarked, GrpcIs(StatusCode::INVALID_ARGUMENT, "entries[0].status: is required"));
  // The field path travels as a google.rpc.BadRequest detail, for clients to mark the input.
  EXPECT_THAT(unmarked, HasFieldViolation("entries[0].status", "is required"));
  EXPECT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}, {world_.enrolment_id, v1::ATTENDANCE_LATE}}, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "entries[1].enrolment_id: is listed twice"));
  EXPECT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}, {987654, v1::ATTENDANCE_LATE}}, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "entries[1].enrolment_id: is not a participant of this cohort"));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM attendance WHERE session_id = " +
                                       std::to_string(world_.session_ids[0])),
            "0");

  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_LATE}}, &resp), GrpcOk());
  EXPECT_EQ(resp.session().status(), v1::SESSION_HELD);
  EXPECT_EQ(resp.session().attendance().late(), 1);
  ASSERT_EQ(resp.register__size(), 1);
  EXPECT_EQ(resp.register_(0).participant_name(), "Robin Participant");
  // Re-recording replaces the entry rather than adding one.
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &resp), GrpcOk());
  EXPECT_EQ(resp.session().attendance().present(), 1);
  EXPECT_EQ(resp.session().attendance().late(), 0);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM attendance WHERE session_id = " +
                                       std::to_string(world_.session_ids[0])),
            "1");
  // A held session keeps its time.
  v1::RescheduleSessionResponse moved;
  EXPECT_THAT(Reschedule(world_.session_ids[0], absl::CivilDay(2026, 10, 30), 18, false, &moved),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "session_id: a held session cannot move"));
}

TEST_F(CalendarApiTest, WeeksAreReleasedAtTheStartOfTheirSessionWithCatchUpAfterAMiss) {
  v1::GetMyProgrammeResponse mine = Mine();
  EXPECT_EQ(mine.current_week(), 0);
  EXPECT_EQ(mine.weeks_size(), 0);
  EXPECT_EQ(mine.week_count(), 8);
  EXPECT_EQ(Iso(mine.next_session().starts_at()), "2026-10-06T17:00:00Z");
  EXPECT_EQ(mine.next_session().local_start_time().hour(), 18);
  EXPECT_EQ(mine.next_session().time_zone(), "Europe/London");

  server_.clock().Set(Utc(2026, 10, 6, 17, 0));  // session 1 starts
  mine = Mine();
  ASSERT_EQ(mine.weeks_size(), 1);
  EXPECT_EQ(mine.current_week(), 1);
  EXPECT_EQ(mine.weeks(0).week().title(), "Safeness and what compassion is");
  EXPECT_THAT(mine.weeks(0).week().module_text(), HasSubstr("\n\n"));
  EXPECT_GE(mine.weeks(0).week().practices_size(), 1);
  EXPECT_FALSE(mine.weeks(0).week().practices(0).caution().empty());
  EXPECT_EQ(Iso(mine.next_session().starts_at()), "2026-10-13T17:00:00Z");

  // Present in week 1, absent in week 2.
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  server_.clock().Set(Utc(2026, 10, 13, 18, 0));
  ASSERT_THAT(Register(world_.session_ids[1], {{world_.enrolment_id, v1::ATTENDANCE_ABSENT}}, &reg), GrpcOk());
  // After the clock change: week 4's session starts at 18:00 GMT.
  server_.clock().Set(Utc(2026, 10, 27, 17, 59));
  mine = Mine();
  EXPECT_EQ(mine.current_week(), 3);
  ASSERT_EQ(mine.weeks_size(), 3);
  EXPECT_FALSE(mine.weeks(0).catch_up());
  EXPECT_EQ(mine.weeks(0).attendance(), v1::ATTENDANCE_PRESENT);
  EXPECT_TRUE(mine.weeks(1).catch_up());
  EXPECT_EQ(mine.weeks(1).attendance(), v1::ATTENDANCE_ABSENT);
  EXPECT_FALSE(mine.weeks(2).catch_up());
  EXPECT_EQ(Iso(mine.next_session().starts_at()), "2026-10-27T18:00:00Z");
  EXPECT_EQ(mine.next_session().local_display(), "Tuesday 27 October 2026, 18:00 GMT");
  server_.clock().Set(Utc(2026, 10, 27, 18, 0));
  EXPECT_EQ(Mine().current_week(), 4);
}

TEST_F(CalendarApiTest, ALateJoinerCatchesUpOnWeeksBeforeTheyJoinedUnlessTheRegisterSaysOtherwise) {
  server_.clock().Set(Utc(2026, 10, 14, 9, 0));  // after weeks 1 and 2
  int64_t enrolment = 0;
  std::string token;
  const testing::TestUser late = testing::EnrolParticipant(
      server_, Staff(), world_.cohort_id, testing::AddSuitableReferral(server_, Staff(), "Lee Late"), &enrolment, &token);
  v1::GetMyProgrammeResponse mine;
  auto c1 = TestServer::Context(token);
  ASSERT_THAT(calendar_->GetMyProgramme(c1.get(), v1::GetMyProgrammeRequest(), &mine), GrpcOk());
  ASSERT_EQ(mine.weeks_size(), 2);
  EXPECT_TRUE(mine.weeks(0).catch_up());
  EXPECT_TRUE(mine.weeks(1).catch_up());
  // They came to week 2 after all (the register was entered later).
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(world_.session_ids[1], {{enrolment, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  auto c2 = TestServer::Context(token);
  ASSERT_THAT(calendar_->GetMyProgramme(c2.get(), v1::GetMyProgrammeRequest(), &mine), GrpcOk());
  EXPECT_TRUE(mine.weeks(0).catch_up());
  EXPECT_FALSE(mine.weeks(1).catch_up());
  EXPECT_EQ(late.role, Role::kParticipant);
}

TEST_F(CalendarApiTest, ParticipantsDoNotSeeTheRegisterOrTheReasonsForCancellation) {
  server_.clock().Set(Utc(2026, 10, 6, 18, 0));
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_ABSENT}}, &reg), GrpcOk());
  v1::CancelSessionRequest cancel;
  cancel.set_session_id(world_.session_ids[2]);
  cancel.set_reason("Sam's hospital appointment");
  v1::CancelSessionResponse cancelled;
  auto c1 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->CancelSession(c1.get(), cancel, &cancelled), GrpcOk());
  v1::GetMyProgrammeResponse mine = Mine();
  ASSERT_GE(mine.sessions_size(), 3);
  for (const auto& s : mine.sessions()) {
    EXPECT_EQ(s.attendance().present() + s.attendance().absent() + s.attendance().late() + s.attendance().excused(), 0);
    EXPECT_EQ(s.cancel_reason(), "");
  }
  EXPECT_EQ(mine.sessions(2).status(), v1::SESSION_CANCELLED);
  // Their own attendance is theirs to see.
  EXPECT_EQ(mine.weeks(0).attendance(), v1::ATTENDANCE_ABSENT);
}

TEST_F(CalendarApiTest, InHeldModeAWeekIsReleasedWhenItsSessionIsMarkedHeld) {
  RequestContext op;
  op.method = "cftctl set-module-release";
  EXPECT_THAT(server_.app().auth().SetModuleRelease(op, world_.organisation_id, "whenever"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, "mode: must be session_start or session_held"));
  ASSERT_THAT(server_.app().auth().SetModuleRelease(op, world_.organisation_id, "session_held"), testing::IsOk());
  server_.clock().Set(Utc(2026, 10, 6, 19, 0));
  EXPECT_EQ(Mine().current_week(), 0);
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  v1::GetMyProgrammeResponse mine = Mine();
  EXPECT_EQ(mine.current_week(), 1);
  EXPECT_EQ(Iso(mine.weeks(0).released_at()), "2026-10-06T19:00:00Z");
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

TEST_F(CalendarApiTest, TheCalendarExportParsesAndMatchesTheSchedule) {
  // Something to show: a moved session, a cancellation with extension, and a
  // name that needs escaping.
  v1::UpdateCohortRequest rename;
  rename.set_cohort_id(world_.cohort_id);
  rename.set_name("Tuesdays, 6pm; Room 2 \\ Riverside — a long name that needs folding at seventy-five octets");
  v1::UpdateCohortResponse renamed;
  auto c0 = TestServer::Context(Staff());
  ASSERT_THAT(cohorts_->UpdateCohort(c0.get(), rename, &renamed), GrpcOk());
  v1::RescheduleSessionResponse moved;
  ASSERT_THAT(Reschedule(world_.session_ids[1], absl::CivilDay(2026, 10, 14), 10, false, &moved), GrpcOk());
  v1::CancelSessionRequest cancel;
  cancel.set_session_id(world_.session_ids[5]);
  cancel.set_reason("Facilitator unwell");
  cancel.set_extend_programme(true);
  v1::CancelSessionResponse cancelled;
  auto c1 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->CancelSession(c1.get(), cancel, &cancelled), GrpcOk());

  v1::ExportCalendarRequest req;
  req.set_cohort_id(world_.cohort_id);
  v1::ExportCalendarResponse first, second;
  auto c2 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->ExportCalendar(c2.get(), req, &first), GrpcOk());
  EXPECT_EQ(first.content_type(), "text/calendar; charset=utf-8");
  EXPECT_THAT(first.filename(), StartsWith("tuesdays-6pm-room-2-riverside"));
  auto c3 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->ExportCalendar(c3.get(), req, &second), GrpcOk());

  v1::GetScheduleResponse schedule = Schedule(world_.cohort_id);
  ASSERT_EQ(schedule.sessions_size(), 9);
  // The summary, with its comma, semicolon and backslash, must come back from
  // the parser exactly: that checks our escaping and folding independently.
  auto json_string = [](const std::string& text) {
    std::string out = "\"";
    for (char ch : text) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    return out + "\"";
  };
  auto expected_for = [&](bool staff) {
    std::string expected = R"({"tzid": "Europe/London", "events": [)";
    for (int i = 0; i < schedule.sessions_size(); ++i) {
      const auto& s = schedule.sessions(i);
      const std::string summary =
          staff ? absl::StrCat(rename.name(), " — week ", s.week_number(), ": ", s.week_title())
                : absl::StrCat("Group session (week ", s.week_number(), ")");
      absl::StrAppend(&expected, i == 0 ? "" : ",",
                      absl::StrFormat(R"({"uid": "cft-session-%d@cft-groups", "start": "%s", "end": "%s", "sequence": %d, "status": "%s", "summary": %s})",
                                      s.id(), Iso(s.starts_at()), Iso(s.ends_at()), s.sequence(),
                                      s.status() == v1::SESSION_CANCELLED ? "CANCELLED" : "CONFIRMED",
                                      json_string(summary)));
    }
    return expected + "]}";
  };
  const std::string expected = expected_for(true);
  const std::string dir = std::filesystem::temp_directory_path() / ("cft-ics-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  WriteFile(dir + "/cohort.ics", first.ics());
  WriteFile(dir + "/expected.json", expected);
  const std::string check = "/usr/bin/python3 " + testing::SourceDir() + "/tests/python/check_ics.py ";
  EXPECT_EQ(std::system((check + dir + "/cohort.ics " + dir + "/expected.json").c_str()), 0) << first.ics();
  // The same UIDs every time, so calendar apps update rather than duplicate.
  EXPECT_EQ(first.ics().substr(0, first.ics().find("DTSTAMP")), second.ics().substr(0, second.ics().find("DTSTAMP")));

  // The participant's copy: their own group, in neutral words.
  v1::ExportCalendarResponse mine;
  auto c4 = TestServer::Context(Participant());
  ASSERT_THAT(calendar_->ExportCalendar(c4.get(), v1::ExportCalendarRequest(), &mine), GrpcOk());
  EXPECT_EQ(mine.filename(), "my-group.ics");
  EXPECT_THAT(mine.ics(), HasSubstr("SUMMARY:Group session (week 1)"));
  EXPECT_THAT(mine.ics(), ::testing::Not(HasSubstr("Riverside")));
  WriteFile(dir + "/mine.ics", mine.ics());
  WriteFile(dir + "/expected-mine.json", expected_for(false));
  EXPECT_EQ(std::system((check + dir + "/mine.ics " + dir + "/expected-mine.json").c_str()), 0) << mine.ics();
  std::filesystem::remove_all(dir);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM audit_log WHERE method = "
                                       "'/cft.v1.CalendarService/ExportCalendar' AND status_code = 0"),
            "3");
}

TEST_F(CalendarApiTest, ANewYorkCalendarCarriesItsOwnZoneAcrossTheClockChange) {
  v1::CreateCohortRequest req = NewYorkEveningGroup();
  v1::CreateCohortResponse created;
  auto c1 = TestServer::Context(Staff());
  ASSERT_THAT(cohorts_->CreateCohort(c1.get(), req, &created), GrpcOk());
  v1::ExportCalendarRequest export_req;
  export_req.set_cohort_id(created.cohort().id());
  v1::ExportCalendarResponse ics;
  auto c2 = TestServer::Context(Staff());
  ASSERT_THAT(calendar_->ExportCalendar(c2.get(), export_req, &ics), GrpcOk());
  EXPECT_THAT(ics.ics(), HasSubstr("TZID:America/New_York"));

  const v1::GetScheduleResponse schedule = Schedule(created.cohort().id());
  std::string expected = R"({"tzid": "America/New_York", "events": [)";
  for (int i = 0; i < schedule.sessions_size(); ++i) {
    const auto& s = schedule.sessions(i);
    absl::StrAppend(&expected, i == 0 ? "" : ",",
                    absl::StrFormat(R"({"uid": "cft-session-%d@cft-groups", "start": "%s", "end": "%s", "sequence": 0, "status": "CONFIRMED"})",
                                    s.id(), Iso(s.starts_at()), Iso(s.ends_at())));
  }
  expected += "]}";
  const std::string dir = std::filesystem::temp_directory_path() / ("cft-ics-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  WriteFile(dir + "/nyc.ics", ics.ics());
  WriteFile(dir + "/expected.json", expected);
  const std::string check = "/usr/bin/python3 " + testing::SourceDir() + "/tests/python/check_ics.py ";
  EXPECT_EQ(std::system((check + dir + "/nyc.ics " + dir + "/expected.json").c_str()), 0) << ics.ics();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cft
