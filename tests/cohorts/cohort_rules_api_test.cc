// The cohort and calendar rules the other suites leave out, through gRPC
// against the real MariaDB: what completed and cancelled cohorts refuse,
// re-planning a planned cohort, the status life cycle, sessions that have
// started or been held, a whole register in one call, catch-up after an
// excused absence, and who lists which cohorts. Every refusal is checked to
// have written nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "services/rpc/proto_time.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using grpc::StatusCode;

using ::cft::testing::At;
using ::cft::testing::Iso;
using ::cft::testing::SetDate;
using ::cft::testing::Utc;


// Wednesday 30 September 2026, a week before the world cohort's first session.
// The world meets on Tuesdays at 18:00 in London from 6 October: 17:00 UTC
// until the clocks go back on 25 October, 18:00 UTC after.
const absl::Time kStart = Utc(2026, 9, 30, 12, 0);
// After the world cohort's last session (Tuesday 24 November, 18:00-20:30 GMT).
const absl::Time kAfterLastSession = Utc(2026, 11, 24, 21, 0);

// One line of a register.
struct Mark {
  int64_t enrolment_id = 0;
  v1::AttendanceStatus status = v1::ATTENDANCE_STATUS_UNSPECIFIED;
  std::string note;
};

class CohortRulesApiTest : public ::testing::Test {
 protected:
  CohortRulesApiTest()
      : server_(At(kStart)),
        cohorts_(server_.Stub<v1::CohortService>()),
        programme_(server_.Stub<v1::ProgrammeService>()),
        calendar_(server_.Stub<v1::CalendarService>()) {
    world_ = testing::BuildCohortWorld(server_, {.label = "Rules", .start_date = absl::CivilDay(2026, 10, 6)});
  }

  // Tokens last 12 hours of the fake clock: sign in afresh for every call.
  std::string Staff() { return server_.Login(world_.clinician); }
  std::string Admin() { return server_.Login(world_.admin); }
  std::string Participant() { return server_.Login(world_.participant); }

  // Thursdays at 10:00 in London from Thursday 15 October 2026 (09:00 UTC),
  // the eight weeks of the built-in template.
  v1::CreateCohortRequest PlannedCohortRequest() {
    v1::CreateCohortRequest r;
    r.set_name("Thursday morning group " + testing::UniqueSuffix());
    r.set_template_id(world_.builtin_template_id);
    SetDate(r.mutable_start_date(), absl::CivilDay(2026, 10, 12));
    r.set_weekday(v1::THURSDAY);
    r.mutable_local_start_time()->set_hour(10);
    r.set_time_zone("Europe/London");
    return r;
  }

  int64_t Create(const v1::CreateCohortRequest& req, const std::string& token) {
    v1::CreateCohortResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(cohorts_->CreateCohort(ctx.get(), req, &resp), GrpcOk());
    return resp.cohort().id();
  }

  // Planned by the clinician, who leads it.
  int64_t NewPlannedCohort(int capacity = 0) {
    v1::CreateCohortRequest req = PlannedCohortRequest();
    req.set_capacity(capacity);
    return Create(req, Staff());
  }

  v1::Cohort ReadCohort(int64_t cohort_id) {
    v1::GetCohortRequest req;
    req.set_cohort_id(cohort_id);
    v1::GetCohortResponse resp;
    auto ctx = TestServer::Context(Staff());
    EXPECT_THAT(cohorts_->GetCohort(ctx.get(), req, &resp), GrpcOk());
    return resp.cohort();
  }

  v1::GetScheduleResponse Schedule(int64_t cohort_id) {
    v1::GetScheduleRequest req;
    req.set_cohort_id(cohort_id);
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(Staff());
    EXPECT_THAT(calendar_->GetSchedule(ctx.get(), req, &resp), GrpcOk());
    return resp;
  }

  grpc::Status Update(const v1::UpdateCohortRequest& req, v1::UpdateCohortResponse* out) {
    auto ctx = TestServer::Context(Staff());
    return cohorts_->UpdateCohort(ctx.get(), req, out);
  }

  grpc::Status SetStatus(int64_t cohort_id, v1::CohortStatus status, const std::string& reason,
                         v1::SetCohortStatusResponse* out) {
    v1::SetCohortStatusRequest req;
    req.set_cohort_id(cohort_id);
    req.set_status(status);
    req.set_reason(reason);
    auto ctx = TestServer::Context(Staff());
    return cohorts_->SetCohortStatus(ctx.get(), req, out);
  }

  // A place for a new, suitable referral (invited; no invite code yet).
  int64_t Allocate(const std::string& name, int64_t cohort_id) {
    v1::AllocateToCohortRequest req;
    req.set_referral_id(testing::AddSuitableReferral(server_, Staff(), name));
    req.set_cohort_id(cohort_id);
    v1::AllocateToCohortResponse resp;
    auto ctx = TestServer::Context(Staff());
    EXPECT_THAT(cohorts_->AllocateToCohort(ctx.get(), req, &resp), GrpcOk());
    return resp.participant().enrolment_id();
  }

  // Allocated, invited and joined: returns the enrolment.
  int64_t Enrol(const std::string& name, int64_t cohort_id) {
    const int64_t referral = testing::AddSuitableReferral(server_, Staff(), name);
    int64_t enrolment = 0;
    std::string token;
    testing::EnrolParticipant(server_, Staff(), cohort_id, referral, &enrolment, &token);
    return enrolment;
  }

  grpc::Status Withdraw(int64_t enrolment_id, const std::string& reason) {
    v1::WithdrawParticipantRequest req;
    req.set_enrolment_id(enrolment_id);
    req.set_reason(reason);
    v1::WithdrawParticipantResponse resp;
    auto ctx = TestServer::Context(Staff());
    return cohorts_->WithdrawParticipant(ctx.get(), req, &resp);
  }

  v1::ListParticipantsResponse Participants(int64_t cohort_id) {
    v1::ListParticipantsRequest req;
    req.set_cohort_id(cohort_id);
    v1::ListParticipantsResponse resp;
    auto ctx = TestServer::Context(Staff());
    EXPECT_THAT(cohorts_->ListParticipants(ctx.get(), req, &resp), GrpcOk());
    return resp;
  }

  grpc::Status Reschedule(int64_t session, absl::CivilDay day, int hour, v1::RescheduleSessionResponse* out) {
    v1::RescheduleSessionRequest req;
    req.set_session_id(session);
    SetDate(req.mutable_new_date(), day);
    req.mutable_new_start_time()->set_hour(hour);
    auto ctx = TestServer::Context(Staff());
    return calendar_->RescheduleSession(ctx.get(), req, out);
  }

  grpc::Status Cancel(int64_t session, const std::string& reason, bool extend, v1::CancelSessionResponse* out) {
    v1::CancelSessionRequest req;
    req.set_session_id(session);
    req.set_reason(reason);
    req.set_extend_programme(extend);
    auto ctx = TestServer::Context(Staff());
    return calendar_->CancelSession(ctx.get(), req, out);
  }

  grpc::Status Register(int64_t session, const std::vector<Mark>& marks, v1::RecordAttendanceResponse* out) {
    v1::RecordAttendanceRequest req;
    req.set_session_id(session);
    for (const Mark& m : marks) {
      v1::AttendanceEntry* e = req.add_entries();
      e->set_enrolment_id(m.enrolment_id);
      e->set_status(m.status);
      e->set_note(m.note);
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

  // The ids ListCohorts returns to `token`.
  std::set<int64_t> Listed(const std::string& token, const std::vector<v1::CohortStatus>& statuses = {}) {
    v1::ListCohortsRequest req;
    for (v1::CohortStatus s : statuses) req.add_statuses(s);
    v1::ListCohortsResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(cohorts_->ListCohorts(ctx.get(), req, &resp), GrpcOk());
    std::set<int64_t> ids;
    for (const auto& c : resp.cohorts()) ids.insert(c.id());
    return ids;
  }

  std::string Db(const std::string& sql) { return TestDatabase::Get().Scalar(sql); }
  std::string AttendanceRows(int64_t session) {
    return Db("SELECT COUNT(*) FROM attendance WHERE session_id = " + std::to_string(session));
  }
  std::string CancelledSessions(int64_t cohort_id) {
    return Db("SELECT COUNT(*) FROM cohort_sessions WHERE status = 'cancelled' AND cohort_id = " +
              std::to_string(cohort_id));
  }

  TestServer server_;
  std::unique_ptr<v1::CohortService::Stub> cohorts_;
  std::unique_ptr<v1::ProgrammeService::Stub> programme_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
  testing::CohortWorld world_;
};

TEST_F(CohortRulesApiTest, CapacityCannotDropBelowThePlacesAlreadyTakenAndTheRefusalChangesNothing) {
  const int64_t id = NewPlannedCohort(4);
  Allocate("Ada Place", id);
  const int64_t leaving = Allocate("Ben Place", id);
  Allocate("Cy Place", id);
  const v1::Cohort before = ReadCohort(id);
  ASSERT_EQ(before.enrolled_count(), 3);
  const v1::GetScheduleResponse schedule_before = Schedule(id);

  // One request renaming, moving and shrinking the group: the capacity
  // refusal takes the new name and the new time with it.
  v1::UpdateCohortRequest shrink;
  shrink.set_cohort_id(id);
  shrink.set_name("Renamed and shrunk");
  shrink.mutable_local_start_time()->set_hour(14);
  shrink.set_capacity(2);
  v1::UpdateCohortResponse resp;
  EXPECT_THAT(Update(shrink, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "capacity: 3 people already hold places in this cohort"));
  EXPECT_EQ(ReadCohort(id).DebugString(), before.DebugString());
  EXPECT_EQ(Schedule(id).DebugString(), schedule_before.DebugString());

  // Exactly the places taken is enough.
  v1::UpdateCohortRequest exact;
  exact.set_cohort_id(id);
  exact.set_capacity(3);
  ASSERT_THAT(Update(exact, &resp), GrpcOk());
  EXPECT_EQ(resp.cohort().capacity(), 3);
  EXPECT_EQ(resp.cohort().enrolled_count(), 3);

  // A withdrawal frees its place.
  ASSERT_THAT(Withdraw(leaving, "Started individual therapy instead."), GrpcOk());
  exact.set_capacity(2);
  ASSERT_THAT(Update(exact, &resp), GrpcOk());
  EXPECT_EQ(resp.cohort().capacity(), 2);
  EXPECT_EQ(resp.cohort().enrolled_count(), 2);
}

TEST_F(CohortRulesApiTest, CompletedAndCancelledCohortsRefuseEveryUpdate) {
  // A planned cohort called off before it began...
  const int64_t called_off = NewPlannedCohort();
  v1::SetCohortStatusResponse status;
  ASSERT_THAT(SetStatus(called_off, v1::COHORT_CANCELLED, "Too few referrals this term.", &status), GrpcOk());
  // ...and the world's cohort, completed after its last session.
  server_.clock().Set(kAfterLastSession);
  ASSERT_THAT(SetStatus(world_.cohort_id, v1::COHORT_COMPLETED, "", &status), GrpcOk());

  struct Case {
    int64_t cohort_id;
    std::string message;
  };
  const Case cases[] = {
      {world_.cohort_id, "the cohort is completed and can no longer change"},
      {called_off, "the cohort is cancelled and can no longer change"},
  };
  for (const Case& c : cases) {
    const v1::Cohort before = ReadCohort(c.cohort_id);
    const v1::GetScheduleResponse schedule_before = Schedule(c.cohort_id);
    std::vector<v1::UpdateCohortRequest> updates(4);
    for (v1::UpdateCohortRequest& u : updates) u.set_cohort_id(c.cohort_id);
    updates[0].set_name("A fresh name");
    updates[1].set_capacity(10);
    updates[2].set_group_type(v1::GROUP_OPEN);
    updates[3].mutable_local_start_time()->set_hour(9);
    for (const v1::UpdateCohortRequest& u : updates) {
      v1::UpdateCohortResponse resp;
      EXPECT_THAT(Update(u, &resp), GrpcIs(StatusCode::FAILED_PRECONDITION, c.message)) << u.ShortDebugString();
    }
    EXPECT_EQ(ReadCohort(c.cohort_id).DebugString(), before.DebugString());
    EXPECT_EQ(Schedule(c.cohort_id).DebugString(), schedule_before.DebugString());
  }
}

TEST_F(CohortRulesApiTest, APlannedCohortReplansForAShorterTemplateAndKeepsItsLocalHourInANewTimeZone) {
  // The organisation's own six-week version of the built-in programme.
  v1::GetProgrammeTemplateRequest get;
  get.set_template_id(world_.builtin_template_id);
  v1::GetProgrammeTemplateResponse builtin;
  auto c0 = TestServer::Context(Admin());
  ASSERT_THAT(programme_->GetProgrammeTemplate(c0.get(), get, &builtin), GrpcOk());
  v1::ProgrammeTemplate six = builtin.template_();
  six.set_key("");
  six.set_title("Riverside 6-week CFT");
  six.mutable_weeks()->DeleteSubrange(6, six.weeks_size() - 6);
  v1::SaveProgrammeTemplateRequest save;
  save.set_base_template_id(world_.builtin_template_id);
  *save.mutable_template_() = six;
  v1::SaveProgrammeTemplateResponse saved;
  auto c1 = TestServer::Context(Admin());
  ASSERT_THAT(programme_->SaveProgrammeTemplate(c1.get(), save, &saved), GrpcOk());
  ASSERT_EQ(saved.template_().weeks_size(), 6);
  const int64_t six_weeks = saved.template_().id();

  // Tuesdays at 18:00 in London from Tuesday 20 October 2026.
  v1::CreateCohortRequest create = PlannedCohortRequest();
  SetDate(create.mutable_start_date(), absl::CivilDay(2026, 10, 19));
  create.set_weekday(v1::TUESDAY);
  create.mutable_local_start_time()->set_hour(18);
  const int64_t id = Create(create, Staff());
  const v1::GetScheduleResponse before = Schedule(id);
  ASSERT_EQ(before.sessions_size(), 8);
  EXPECT_EQ(Iso(before.sessions(0).starts_at()), "2026-10-20T17:00:00Z");  // BST
  EXPECT_EQ(Iso(before.sessions(1).starts_at()), "2026-10-27T18:00:00Z");  // GMT

  // A shorter programme: six live weeks, the same sessions as before. Weeks 7
  // and 8 stay on the schedule as cancelled, so calendars that imported them
  // learn they are off.
  v1::UpdateCohortRequest retemplate;
  retemplate.set_cohort_id(id);
  retemplate.set_template_id(six_weeks);
  v1::UpdateCohortResponse updated;
  ASSERT_THAT(Update(retemplate, &updated), GrpcOk());
  EXPECT_EQ(updated.cohort().template_id(), six_weeks);
  EXPECT_EQ(updated.cohort().template_title(), "Riverside 6-week CFT");
  EXPECT_EQ(updated.cohort().week_count(), 6);
  v1::GetScheduleResponse s = Schedule(id);
  int live = 0;
  for (const auto& session : s.sessions()) {
    if (session.status() != v1::SESSION_CANCELLED) ++live;
  }
  EXPECT_EQ(live, 6);
  ASSERT_EQ(s.sessions_size(), 8);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(s.sessions(i).id(), before.sessions(i).id()) << i;
    EXPECT_EQ(s.sessions(i).week_number(), i + 1);
    EXPECT_EQ(s.sessions(i).status(), v1::SESSION_SCHEDULED);
    EXPECT_EQ(s.sessions(i).sequence(), 0);
    EXPECT_EQ(Iso(s.sessions(i).starts_at()), Iso(before.sessions(i).starts_at()));
  }
  for (int i = 6; i < 8; ++i) {
    EXPECT_EQ(s.sessions(i).id(), before.sessions(i).id()) << i;
    EXPECT_EQ(s.sessions(i).week_number(), i + 1);
    EXPECT_EQ(s.sessions(i).status(), v1::SESSION_CANCELLED);
    EXPECT_EQ(s.sessions(i).cancel_reason(), "The programme changed.");
    EXPECT_EQ(s.sessions(i).sequence(), 1);
  }
  EXPECT_EQ(Db("SELECT COUNT(*) FROM cohort_sessions WHERE status <> 'cancelled' AND cohort_id = " +
               std::to_string(id)),
            "6");

  // New York instead of London: still 18:00 on the same Tuesdays, so the UTC
  // instants follow New York's clock change (1 November), not London's.
  v1::UpdateCohortRequest rezone;
  rezone.set_cohort_id(id);
  rezone.set_time_zone("America/New_York");
  ASSERT_THAT(Update(rezone, &updated), GrpcOk());
  EXPECT_EQ(updated.cohort().time_zone(), "America/New_York");
  EXPECT_EQ(updated.cohort().local_start_time().hour(), 18);
  EXPECT_EQ(updated.cohort().local_start_time().minute(), 0);
  s = Schedule(id);
  EXPECT_EQ(s.time_zone(), "America/New_York");
  ASSERT_EQ(s.sessions_size(), 8);
  for (int i = 0; i < 6; ++i) {
    const v1::ScheduledSession& moved = s.sessions(i);
    EXPECT_EQ(moved.id(), before.sessions(i).id()) << i;
    EXPECT_EQ(moved.status(), v1::SESSION_SCHEDULED);
    EXPECT_EQ(moved.time_zone(), "America/New_York");
    EXPECT_EQ(moved.local_date().DebugString(), before.sessions(i).local_date().DebugString());
    EXPECT_EQ(moved.local_start_time().hour(), 18);
    EXPECT_EQ(moved.local_start_time().minute(), 0);
    EXPECT_EQ(moved.sequence(), 1);
  }
  EXPECT_EQ(Iso(s.sessions(0).starts_at()), "2026-10-20T22:00:00Z");  // EDT
  EXPECT_EQ(Iso(s.sessions(1).starts_at()), "2026-10-27T22:00:00Z");  // still EDT
  EXPECT_EQ(Iso(s.sessions(2).starts_at()), "2026-11-03T23:00:00Z");  // EST
  EXPECT_EQ(Iso(s.sessions(2).ends_at()), "2026-11-04T01:30:00Z");
  EXPECT_EQ(Iso(s.sessions(5).starts_at()), "2026-11-24T23:00:00Z");
  EXPECT_EQ(s.sessions(2).local_display(), "Tuesday 3 November 2026, 18:00 EST");
  // The weeks the programme dropped are not brought back.
  EXPECT_EQ(s.sessions(6).status(), v1::SESSION_CANCELLED);
  EXPECT_EQ(s.sessions(7).status(), v1::SESSION_CANCELLED);
}

TEST_F(CohortRulesApiTest, CompletingMarksJoinedParticipantsCompletedAndIsFinalAndCancellingARunningCohortNeedsAReason) {
  // A week ahead: in the world's group one person withdraws and one never
  // redeems their invite. A second group starts with one person placed.
  const int64_t withdrawn = Enrol("Wren Withdrawn", world_.cohort_id);
  ASSERT_THAT(Withdraw(withdrawn, "Moved away."), GrpcOk());
  const int64_t never_joined = Allocate("Ivy Invited", world_.cohort_id);
  const int64_t other = NewPlannedCohort();
  const int64_t other_member = Allocate("Cass Member", other);
  v1::SetCohortStatusResponse status;
  ASSERT_THAT(SetStatus(other, v1::COHORT_RUNNING, "", &status), GrpcOk());

  // The second group's first session (09:00 UTC on 15 October) is held; then
  // the group is called off, which needs a reason.
  server_.clock().Set(Utc(2026, 10, 15, 11, 0));
  const int64_t other_first = Schedule(other).sessions(0).id();
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(other_first, {{other_member, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  EXPECT_THAT(SetStatus(other, v1::COHORT_CANCELLED, "", &status),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "reason: is required"));
  EXPECT_THAT(SetStatus(other, v1::COHORT_CANCELLED, "   ", &status),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "reason: is required"));
  EXPECT_EQ(ReadCohort(other).status(), v1::COHORT_RUNNING);
  EXPECT_EQ(CancelledSessions(other), "0");
  ASSERT_THAT(SetStatus(other, v1::COHORT_CANCELLED, "  Both facilitators on long-term leave.  ", &status), GrpcOk());
  EXPECT_EQ(status.cohort().status(), v1::COHORT_CANCELLED);
  EXPECT_EQ(status.cohort().cancel_reason(), "Both facilitators on long-term leave.");
  const v1::GetScheduleResponse called_off = Schedule(other);
  ASSERT_EQ(called_off.sessions_size(), 8);
  // What happened stays on record; the rest is off.
  EXPECT_EQ(called_off.sessions(0).status(), v1::SESSION_HELD);
  EXPECT_EQ(called_off.sessions(0).attendance().present(), 1);
  for (int i = 1; i < 8; ++i) {
    EXPECT_EQ(called_off.sessions(i).status(), v1::SESSION_CANCELLED) << i;
    EXPECT_EQ(called_off.sessions(i).cancel_reason(), "The group was cancelled.") << i;
    EXPECT_EQ(called_off.sessions(i).sequence(), 1) << i;
  }

  // The world's group completes after its last session: whoever had joined
  // and stayed has completed the programme.
  server_.clock().Set(kAfterLastSession);
  ASSERT_THAT(SetStatus(world_.cohort_id, v1::COHORT_COMPLETED, "", &status), GrpcOk());
  EXPECT_EQ(status.cohort().status(), v1::COHORT_COMPLETED);
  const v1::ListParticipantsResponse people = Participants(world_.cohort_id);
  ASSERT_EQ(people.participants_size(), 3);
  for (const v1::Participant& p : people.participants()) {
    if (p.enrolment_id() == world_.enrolment_id) {
      EXPECT_EQ(p.status(), v1::PARTICIPANT_COMPLETED);
      EXPECT_EQ(p.completed_at().seconds(), absl::ToUnixSeconds(kAfterLastSession));
    } else if (p.enrolment_id() == withdrawn) {
      EXPECT_EQ(p.status(), v1::PARTICIPANT_WITHDRAWN);
      EXPECT_FALSE(p.has_completed_at());
    } else {
      // Never joined, so did not complete anything.
      EXPECT_EQ(p.enrolment_id(), never_joined);
      EXPECT_NE(p.status(), v1::PARTICIPANT_COMPLETED);
      EXPECT_FALSE(p.has_completed_at());
    }
  }
  EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE status = 'completed' AND cohort_id = " +
               std::to_string(world_.cohort_id)),
            "1");

  // Completed is final.
  const v1::Cohort completed = ReadCohort(world_.cohort_id);
  EXPECT_THAT(SetStatus(world_.cohort_id, v1::COHORT_RUNNING, "", &status),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "status: a completed cohort cannot become running"));
  EXPECT_THAT(SetStatus(world_.cohort_id, v1::COHORT_CANCELLED, "Recorded against the wrong group.", &status),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "status: a completed cohort cannot become cancelled"));
  EXPECT_EQ(ReadCohort(world_.cohort_id).DebugString(), completed.DebugString());
  EXPECT_EQ(CancelledSessions(world_.cohort_id), "0");
}

TEST_F(CohortRulesApiTest, AStartedSessionCannotMoveAndClosedCohortsKeepTheirCalendar) {
  // A cancelled cohort's calendar is closed.
  const int64_t called_off = NewPlannedCohort();
  v1::SetCohortStatusResponse status;
  ASSERT_THAT(SetStatus(called_off, v1::COHORT_CANCELLED, "The venue closed.", &status), GrpcOk());
  const v1::GetScheduleResponse called_off_before = Schedule(called_off);
  ASSERT_EQ(called_off_before.sessions_size(), 8);
  v1::RescheduleSessionResponse moved;
  v1::CancelSessionResponse cancelled;
  EXPECT_THAT(Reschedule(called_off_before.sessions(1).id(), absl::CivilDay(2026, 10, 23), 10, &moved),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "the cohort is cancelled; its calendar is closed"));
  EXPECT_THAT(Cancel(called_off_before.sessions(2).id(), "Half-term", false, &cancelled),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "the cohort is cancelled; its calendar is closed"));
  EXPECT_EQ(Schedule(called_off).DebugString(), called_off_before.DebugString());

  // The world's week 1 began five minutes ago; nobody has taken the register.
  server_.clock().Set(Utc(2026, 10, 6, 17, 5));
  const v1::GetScheduleResponse before = Schedule(world_.cohort_id);
  EXPECT_THAT(Reschedule(world_.session_ids[0], absl::CivilDay(2026, 10, 8), 18, &moved),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "session_id: the session has already started"));
  EXPECT_EQ(Schedule(world_.cohort_id).DebugString(), before.DebugString());

  // Once the group has completed nothing moves and nothing is cancelled.
  server_.clock().Set(kAfterLastSession);
  ASSERT_THAT(SetStatus(world_.cohort_id, v1::COHORT_COMPLETED, "", &status), GrpcOk());
  EXPECT_THAT(Reschedule(world_.session_ids[7], absl::CivilDay(2026, 12, 1), 18, &moved),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "the cohort is completed; its calendar is closed"));
  EXPECT_THAT(Cancel(world_.session_ids[7], "Facilitator unwell", false, &cancelled),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "the cohort is completed; its calendar is closed"));
  EXPECT_THAT(Cancel(world_.session_ids[6], "Facilitator unwell", true, &cancelled),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "the cohort is completed; its calendar is closed"));
  EXPECT_EQ(Schedule(world_.cohort_id).DebugString(), before.DebugString());
}

TEST_F(CohortRulesApiTest, ACancellationCannotExtendPastAHeldSessionAndWithoutExtensionMovesNoOtherSession) {
  // Week 3 is under way and registered; week 2's register was never taken.
  server_.clock().Set(Utc(2026, 10, 20, 17, 10));
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(world_.session_ids[2], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  const v1::GetScheduleResponse before = Schedule(world_.cohort_id);
  ASSERT_EQ(before.sessions_size(), 8);
  ASSERT_EQ(before.sessions(2).status(), v1::SESSION_HELD);

  v1::CancelSessionResponse resp;
  EXPECT_THAT(Cancel(world_.session_ids[1], "Facilitator unwell", true, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION,
                     "extend_programme: later sessions have already been held; cancel without extending"));
  EXPECT_EQ(Schedule(world_.cohort_id).DebugString(), before.DebugString());

  // Without extending: week 2 is off and every other session is as it was.
  ASSERT_THAT(Cancel(world_.session_ids[1], "Facilitator unwell", false, &resp), GrpcOk());
  const v1::GetScheduleResponse after = Schedule(world_.cohort_id);
  ASSERT_EQ(after.sessions_size(), 8);  // no replacement session
  for (int i = 0; i < 8; ++i) {
    if (i == 1) continue;
    EXPECT_EQ(after.sessions(i).DebugString(), before.sessions(i).DebugString()) << "week " << i + 1;
  }
  const v1::ScheduledSession& week2 = after.sessions(1);
  EXPECT_EQ(week2.id(), world_.session_ids[1]);
  EXPECT_EQ(week2.week_number(), 2);
  EXPECT_EQ(week2.status(), v1::SESSION_CANCELLED);
  EXPECT_EQ(week2.cancel_reason(), "Facilitator unwell");
  EXPECT_EQ(week2.sequence(), before.sessions(1).sequence() + 1);
  EXPECT_EQ(Iso(week2.starts_at()), Iso(before.sessions(1).starts_at()));
  EXPECT_EQ(Iso(week2.ends_at()), Iso(before.sessions(1).ends_at()));
  EXPECT_EQ(resp.sessions_size(), 8);
}

TEST_F(CohortRulesApiTest, TheRegisterIsRefusedBeforeTheCohortRunsAndForACancelledSessionAndTakesAWholeGroupAtOnce) {
  // A week ahead: a planned cohort with one place taken, two more people in
  // the world's group, and the world's week 2 called off.
  const int64_t planned = NewPlannedCohort();
  const int64_t planned_place = Allocate("Pat Planned", planned);
  const int64_t planned_first = Schedule(planned).sessions(0).id();
  const int64_t ash = Enrol("Ash Register", world_.cohort_id);
  const int64_t bea = Enrol("Bea Register", world_.cohort_id);
  v1::CancelSessionResponse cancelled;
  ASSERT_THAT(Cancel(world_.session_ids[1], "Room unavailable", false, &cancelled), GrpcOk());

  // Thursday 15 October: the planned cohort's first session has started and
  // the world's weeks 1 and 2 are past.
  server_.clock().Set(Utc(2026, 10, 15, 9, 30));
  v1::RecordAttendanceResponse resp;
  EXPECT_THAT(Register(planned_first, {{planned_place, v1::ATTENDANCE_PRESENT}}, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION,
                     "session_id: the cohort is planned; start it before recording attendance"));
  EXPECT_EQ(AttendanceRows(planned_first), "0");
  EXPECT_EQ(Schedule(planned).sessions(0).status(), v1::SESSION_SCHEDULED);

  EXPECT_THAT(Register(world_.session_ids[1], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "session_id: the session was cancelled"));
  EXPECT_EQ(AttendanceRows(world_.session_ids[1]), "0");
  EXPECT_EQ(Schedule(world_.cohort_id).sessions(1).status(), v1::SESSION_CANCELLED);

  // Week 1's whole register in one call.
  ASSERT_THAT(Register(world_.session_ids[0],
                       {{world_.enrolment_id, v1::ATTENDANCE_PRESENT},
                        {ash, v1::ATTENDANCE_LATE, "Bus was late."},
                        {bea, v1::ATTENDANCE_EXCUSED, "Sent apologies: a hospital appointment."}},
                       &resp),
              GrpcOk());
  EXPECT_EQ(resp.session().status(), v1::SESSION_HELD);
  EXPECT_EQ(resp.session().attendance().present(), 1);
  EXPECT_EQ(resp.session().attendance().late(), 1);
  EXPECT_EQ(resp.session().attendance().excused(), 1);
  EXPECT_EQ(resp.session().attendance().absent(), 0);
  ASSERT_EQ(resp.register__size(), 3);
  // In name order.
  EXPECT_EQ(resp.register_(0).participant_name(), "Ash Register");
  EXPECT_EQ(resp.register_(0).enrolment_id(), ash);
  EXPECT_EQ(resp.register_(0).status(), v1::ATTENDANCE_LATE);
  EXPECT_EQ(resp.register_(0).note(), "Bus was late.");
  EXPECT_EQ(resp.register_(1).participant_name(), "Bea Register");
  EXPECT_EQ(resp.register_(1).enrolment_id(), bea);
  EXPECT_EQ(resp.register_(1).status(), v1::ATTENDANCE_EXCUSED);
  EXPECT_EQ(resp.register_(1).note(), "Sent apologies: a hospital appointment.");
  EXPECT_EQ(resp.register_(2).participant_name(), "Robin Participant");
  EXPECT_EQ(resp.register_(2).enrolment_id(), world_.enrolment_id);
  EXPECT_EQ(resp.register_(2).status(), v1::ATTENDANCE_PRESENT);

  // Read back through the schedule and the stored rows.
  const v1::ScheduledSession week1 = Schedule(world_.cohort_id).sessions(0);
  EXPECT_EQ(week1.id(), world_.session_ids[0]);
  EXPECT_EQ(week1.status(), v1::SESSION_HELD);
  EXPECT_EQ(week1.attendance().present(), 1);
  EXPECT_EQ(week1.attendance().late(), 1);
  EXPECT_EQ(week1.attendance().excused(), 1);
  EXPECT_EQ(week1.attendance().absent(), 0);
  EXPECT_EQ(AttendanceRows(world_.session_ids[0]), "3");
  EXPECT_EQ(Db("SELECT status FROM attendance WHERE session_id = " + std::to_string(world_.session_ids[0]) +
               " AND enrolment_id = " + std::to_string(bea)),
            "excused");
}

TEST_F(CohortRulesApiTest, AnExcusedAbsenceMakesThatWeekACatchUpWeek) {
  v1::RecordAttendanceResponse reg;
  server_.clock().Set(Utc(2026, 10, 6, 17, 30));
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_LATE}}, &reg), GrpcOk());
  server_.clock().Set(Utc(2026, 10, 13, 17, 30));
  ASSERT_THAT(
      Register(world_.session_ids[1], {{world_.enrolment_id, v1::ATTENDANCE_EXCUSED, "Unwell; sent apologies."}}, &reg),
      GrpcOk());

  v1::GetMyProgrammeResponse mine = Mine();
  EXPECT_EQ(mine.current_week(), 2);
  ASSERT_EQ(mine.weeks_size(), 2);
  // Late is still there.
  EXPECT_EQ(mine.weeks(0).attendance(), v1::ATTENDANCE_LATE);
  EXPECT_FALSE(mine.weeks(0).catch_up());
  EXPECT_EQ(mine.weeks(1).week().number(), 2);
  EXPECT_EQ(mine.weeks(1).attendance(), v1::ATTENDANCE_EXCUSED);
  EXPECT_TRUE(mine.weeks(1).catch_up());

  // A corrected register is the authority.
  ASSERT_THAT(Register(world_.session_ids[1], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  mine = Mine();
  ASSERT_EQ(mine.weeks_size(), 2);
  EXPECT_EQ(mine.weeks(1).attendance(), v1::ATTENDANCE_PRESENT);
  EXPECT_FALSE(mine.weeks(1).catch_up());
}

TEST_F(CohortRulesApiTest, SomeoneLeftOffAHeldRegisterGetsThatWeekAsCatchUp) {
  // Another member is on week 1's register; the world's participant is not,
  // so nobody recorded them as there.
  const int64_t other = Enrol("Olly Other", world_.cohort_id);
  v1::RecordAttendanceResponse reg;
  server_.clock().Set(Utc(2026, 10, 6, 17, 30));
  ASSERT_THAT(Register(world_.session_ids[0], {{other, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  const v1::GetMyProgrammeResponse mine = Mine();
  ASSERT_EQ(mine.weeks_size(), 1);
  EXPECT_EQ(mine.weeks(0).attendance(), v1::ATTENDANCE_STATUS_UNSPECIFIED);
  EXPECT_TRUE(mine.weeks(0).catch_up());
}

TEST_F(CohortRulesApiTest, CompletingEarlyCancelsOnlyTheSessionsAheadAndEndsUnusedInvites) {
  const int64_t never_joined = Allocate("Ivy Invited", world_.cohort_id);
  {
    v1::CreateInviteRequest req;
    req.set_enrolment_id(never_joined);
    v1::CreateInviteResponse resp;
    auto ctx = TestServer::Context(Staff());
    ASSERT_THAT(cohorts_->CreateInvite(ctx.get(), req, &resp), GrpcOk());
  }
  // Weeks 1-3 (6, 13 and 20 October) are past; only week 1 has a register.
  v1::RecordAttendanceResponse reg;
  server_.clock().Set(Utc(2026, 10, 21, 12, 0));
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  v1::SetCohortStatusResponse status;
  ASSERT_THAT(SetStatus(world_.cohort_id, v1::COHORT_COMPLETED, "", &status), GrpcOk());

  const v1::GetScheduleResponse after = Schedule(world_.cohort_id);
  ASSERT_EQ(after.sessions_size(), 8);
  EXPECT_EQ(after.sessions(0).status(), v1::SESSION_HELD);
  for (int i : {1, 2}) {
    // Past: left as they were, so a paper register can still be entered.
    EXPECT_EQ(after.sessions(i).status(), v1::SESSION_SCHEDULED) << i;
    EXPECT_EQ(after.sessions(i).sequence(), 0) << i;
  }
  for (int i = 3; i < 8; ++i) {
    EXPECT_EQ(after.sessions(i).status(), v1::SESSION_CANCELLED) << i;
    EXPECT_EQ(after.sessions(i).cancel_reason(), "The group ended early.") << i;
    EXPECT_EQ(after.sessions(i).sequence(), 1) << i;
  }
  EXPECT_THAT(Register(world_.session_ids[1], {{world_.enrolment_id, v1::ATTENDANCE_ABSENT}}, &reg), GrpcOk());

  // The unused invite no longer holds a place.
  const v1::ListParticipantsResponse people = Participants(world_.cohort_id);
  int seen = 0;
  for (const v1::Participant& p : people.participants()) {
    if (p.enrolment_id() != never_joined) continue;
    ++seen;
    EXPECT_EQ(p.status(), v1::PARTICIPANT_WITHDRAWN);
    EXPECT_EQ(p.withdrawal_reason(), "The group ended before the invite was used.");
  }
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(Db("SELECT COUNT(*) FROM invites WHERE revoked_at IS NULL AND enrolment_id = " +
               std::to_string(never_joined)),
            "0");
}

TEST_F(CohortRulesApiTest, CancellingARunningCohortKeepsPastSessionsOpenForTheirRegisters) {
  server_.clock().Set(Utc(2026, 10, 14, 12, 0));
  v1::SetCohortStatusResponse status;
  ASSERT_THAT(SetStatus(world_.cohort_id, v1::COHORT_CANCELLED, "The venue flooded.", &status), GrpcOk());
  const v1::GetScheduleResponse after = Schedule(world_.cohort_id);
  ASSERT_EQ(after.sessions_size(), 8);
  EXPECT_EQ(after.sessions(0).status(), v1::SESSION_SCHEDULED);
  EXPECT_EQ(after.sessions(1).status(), v1::SESSION_SCHEDULED);
  for (int i = 2; i < 8; ++i) EXPECT_EQ(after.sessions(i).status(), v1::SESSION_CANCELLED) << i;
  // Week 1 did take place; its register is entered afterwards.
  v1::RecordAttendanceResponse reg;
  ASSERT_THAT(Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}}, &reg), GrpcOk());
  EXPECT_EQ(Schedule(world_.cohort_id).sessions(0).status(), v1::SESSION_HELD);
}

TEST_F(CohortRulesApiTest, AdminsListEveryCohortOfTheirOrganisationAndCliniciansOnlyThoseTheyFacilitate) {
  // An admin plans a cohort without facilitating it; another organisation has its own.
  const int64_t admins_own = Create(PlannedCohortRequest(), Admin());
  const testing::CohortWorld elsewhere =
      testing::BuildCohortWorld(server_, {.label = "Elsewhere", .start_date = absl::CivilDay(2026, 10, 6)});

  EXPECT_EQ(Listed(Admin()), (std::set<int64_t>{world_.cohort_id, admins_own}));
  EXPECT_EQ(Listed(elsewhere.admin_token), (std::set<int64_t>{elsewhere.cohort_id}));
  // The lead sees their cohort only; a clinician who facilitates nothing sees none.
  EXPECT_EQ(Listed(Staff()), (std::set<int64_t>{world_.cohort_id}));
  const std::string bystander = server_.Login(world_.clinician2);
  EXPECT_TRUE(Listed(bystander).empty());
  v1::GetCohortRequest get;
  get.set_cohort_id(world_.cohort_id);
  v1::GetCohortResponse got;
  auto c1 = TestServer::Context(bystander);
  EXPECT_THAT(cohorts_->GetCohort(c1.get(), get, &got),
              GrpcIs(StatusCode::PERMISSION_DENIED, "you do not facilitate this cohort"));

  // Filtering by status.
  EXPECT_EQ(Listed(Admin(), {v1::COHORT_PLANNED}), (std::set<int64_t>{admins_own}));
  EXPECT_EQ(Listed(Admin(), {v1::COHORT_RUNNING, v1::COHORT_COMPLETED}), (std::set<int64_t>{world_.cohort_id}));
  v1::ListCohortsRequest unspecified;
  unspecified.add_statuses(v1::COHORT_STATUS_UNSPECIFIED);
  v1::ListCohortsResponse none;
  auto c2 = TestServer::Context(Admin());
  EXPECT_THAT(cohorts_->ListCohorts(c2.get(), unspecified, &none),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "statuses[0]: is not a cohort status"));
}

}  // namespace
}  // namespace cft
