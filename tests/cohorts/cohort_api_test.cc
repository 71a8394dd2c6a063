// CohortService (and RedeemInvite) through gRPC against the real MariaDB.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "services/common/codes.h"
#include "services/storage/sql.h"
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
using ::cft::testing::TestUser;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using grpc::StatusCode;

class CohortApiTest : public ::testing::Test {
 protected:
  CohortApiTest()
      : cohorts_(server_.Stub<v1::CohortService>()),
        calendar_(server_.Stub<v1::CalendarService>()),
        auth_(server_.Stub<v1::AuthService>()) {
    world_ = testing::BuildCohortWorld(server_, {.label = "Clinic", .start_date = Today() - 10});
  }

  static absl::CivilDay Today() { return absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()); }

  v1::CreateCohortRequest NewCohortRequest(absl::CivilDay start = Today() + 14) {
    v1::CreateCohortRequest r;
    r.set_name("Thursday morning group " + testing::UniqueSuffix());
    r.set_template_id(world_.builtin_template_id);
    r.mutable_start_date()->set_year(static_cast<int32_t>(start.year()));
    r.mutable_start_date()->set_month(start.month());
    r.mutable_start_date()->set_day(start.day());
    r.set_weekday(v1::THURSDAY);
    r.mutable_local_start_time()->set_hour(10);
    r.set_time_zone("Europe/London");
    return r;
  }

  grpc::Status Create(const std::string& token, const v1::CreateCohortRequest& req, v1::CreateCohortResponse* out) {
    auto ctx = TestServer::Context(token);
    return cohorts_->CreateCohort(ctx.get(), req, out);
  }

  grpc::Status Allocate(const std::string& token, int64_t referral, int64_t cohort, bool override_closed,
                        v1::AllocateToCohortResponse* out) {
    v1::AllocateToCohortRequest req;
    req.set_referral_id(referral);
    req.set_cohort_id(cohort);
    req.set_override_closed_group(override_closed);
    auto ctx = TestServer::Context(token);
    return cohorts_->AllocateToCohort(ctx.get(), req, out);
  }

  grpc::Status Invite(const std::string& token, int64_t enrolment, v1::CreateInviteResponse* out) {
    v1::CreateInviteRequest req;
    req.set_enrolment_id(enrolment);
    auto ctx = TestServer::Context(token);
    return cohorts_->CreateInvite(ctx.get(), req, out);
  }

  grpc::Status Redeem(const std::string& code, v1::RedeemInviteResponse* out = nullptr) {
    v1::RedeemInviteRequest req;
    req.set_code(code);
    req.set_new_password("my very own passphrase");
    v1::RedeemInviteResponse resp;
    auto ctx = TestServer::Context();
    grpc::Status s = auth_->RedeemInvite(ctx.get(), req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  int64_t NewPlannedCohort(v1::GroupType type = v1::GROUP_CLOSED, int capacity = 0) {
    v1::CreateCohortRequest req = NewCohortRequest();
    req.set_group_type(type);
    req.set_capacity(capacity);
    v1::CreateCohortResponse resp;
    EXPECT_THAT(Create(world_.clinician_token, req, &resp), GrpcOk());
    return resp.cohort().id();
  }

  std::string Db(const std::string& sql) { return TestDatabase::Get().Scalar(sql); }

  TestServer server_;
  std::unique_ptr<v1::CohortService::Stub> cohorts_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
  std::unique_ptr<v1::AuthService::Stub> auth_;
  testing::CohortWorld world_;
};

TEST_F(CohortApiTest, CreatingACohortPlansOneSessionPerWeekAndMakesTheClinicianLead) {
  v1::CreateCohortResponse resp;
  ASSERT_THAT(Create(world_.clinician_token, NewCohortRequest(), &resp), GrpcOk());
  const v1::Cohort& c = resp.cohort();
  EXPECT_EQ(c.status(), v1::COHORT_PLANNED);
  EXPECT_EQ(c.capacity(), 12);
  EXPECT_EQ(c.group_type(), v1::GROUP_CLOSED);
  EXPECT_EQ(c.duration_minutes(), 150);  // the template's session length
  EXPECT_EQ(c.week_count(), 8);
  EXPECT_EQ(c.template_version(), 2);  // the built-in template with practice kinds
  ASSERT_EQ(c.facilitators_size(), 1);
  EXPECT_EQ(c.facilitators(0).user_id(), world_.clinician.id);
  EXPECT_EQ(c.facilitators(0).role(), v1::FACILITATOR_LEAD);
  ASSERT_EQ(resp.warnings_size(), 1);
  EXPECT_THAT(resp.warnings(0), HasSubstr("1 facilitator"));
  EXPECT_EQ(Db("SELECT COUNT(*) FROM cohort_sessions WHERE cohort_id = " + std::to_string(c.id())), "8");
  EXPECT_EQ(Db("SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.CohortService/CreateCohort' "
               "AND target_type = 'cohort' AND target_id = '" + std::to_string(c.id()) + "' AND status_code = 0"),
            "1");
}

TEST_F(CohortApiTest, CreateCohortValidatesEveryFieldAndWritesNothing) {
  const std::string before = Db("SELECT COUNT(*) FROM cohorts");
  struct Case {
    std::function<void(v1::CreateCohortRequest&)> mutate;
    std::string field;
    StatusCode code = StatusCode::INVALID_ARGUMENT;
  };
  const Case cases[] = {
      {[](auto& r) { r.set_name(""); }, "name: "},
      {[](auto& r) { r.set_name(std::string(201, 'n')); }, "name: "},
      {[](auto& r) { r.set_template_id(0); }, "template_id: "},
      {[](auto& r) { r.set_template_id(987654321); }, "template_id: ", StatusCode::NOT_FOUND},
      {[](auto& r) { r.clear_start_date(); }, "start_date: "},
      {[](auto& r) { r.mutable_start_date()->set_day(31); r.mutable_start_date()->set_month(2); }, "start_date: "},
      {[](auto& r) { r.mutable_start_date()->set_year(2031); }, "start_date: "},
      {[](auto& r) { r.set_weekday(v1::WEEKDAY_UNSPECIFIED); }, "weekday: "},
      {[](auto& r) { r.mutable_local_start_time()->set_hour(24); }, "local_start_time: "},
      {[](auto& r) { r.set_duration_minutes(10); }, "duration_minutes: "},
      {[](auto& r) { r.set_time_zone("Mars/Olympus_Mons"); }, "time_zone: "},
      {[](auto& r) { r.set_time_zone(""); }, "time_zone: "},
      {[](auto& r) { r.set_capacity(21); }, "capacity: "},
      {[](auto& r) { r.set_capacity(-1); }, "capacity: "},
      {[](auto& r) { r.set_idempotency_key("has space"); }, "idempotency_key: "},
  };
  for (const Case& c : cases) {
    v1::CreateCohortRequest req = NewCohortRequest();
    c.mutate(req);
    v1::CreateCohortResponse resp;
    EXPECT_THAT(Create(world_.clinician_token, req, &resp), GrpcIs(c.code, StartsWith(c.field))) << c.field;
  }
  EXPECT_EQ(Db("SELECT COUNT(*) FROM cohorts"), before);
}

TEST_F(CohortApiTest, ARetriedCreateWithTheSameKeyReturnsTheFirstCohort) {
  v1::CreateCohortRequest req = NewCohortRequest();
  req.set_idempotency_key("create-" + testing::UniqueSuffix());
  v1::CreateCohortResponse first, second;
  ASSERT_THAT(Create(world_.clinician_token, req, &first), GrpcOk());
  ASSERT_THAT(Create(world_.clinician_token, req, &second), GrpcOk());
  EXPECT_EQ(first.cohort().id(), second.cohort().id());
  EXPECT_EQ(Db("SELECT COUNT(*) FROM cohorts WHERE name = '" + req.name() + "'"), "1");
  req.set_capacity(8);  // same key, different request
  v1::CreateCohortResponse third;
  EXPECT_THAT(Create(world_.clinician_token, req, &third),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "idempotency_key: was already used for a different request"));
}

TEST_F(CohortApiTest, UpdatesDependOnStatus) {
  const int64_t planned = NewPlannedCohort();
  v1::UpdateCohortRequest up;
  up.set_cohort_id(planned);
  up.mutable_local_start_time()->set_hour(14);
  up.set_duration_minutes(120);
  v1::UpdateCohortResponse resp;
  auto c1 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->UpdateCohort(c1.get(), up, &resp), GrpcOk());
  EXPECT_EQ(resp.cohort().local_start_time().hour(), 14);
  EXPECT_EQ(Db("SELECT COUNT(*) FROM cohort_sessions WHERE cohort_id = " + std::to_string(planned) +
               " AND HOUR(local_start) = 14 AND duration_minutes = 120"),
            "8");

  // The world's cohort is running: its schedule is fixed, its name is not.
  v1::UpdateCohortRequest running;
  running.set_cohort_id(world_.cohort_id);
  running.mutable_start_date()->set_year(2027);
  running.mutable_start_date()->set_month(1);
  running.mutable_start_date()->set_day(5);
  auto c2 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->UpdateCohort(c2.get(), running, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, StartsWith("start_date: cannot change once the cohort is running")));
  v1::UpdateCohortRequest rename;
  rename.set_cohort_id(world_.cohort_id);
  rename.set_name("Renamed group");
  rename.set_capacity(1);  // one participant holds a place
  auto c3 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->UpdateCohort(c3.get(), rename, &resp), GrpcOk());
  EXPECT_EQ(resp.cohort().name(), "Renamed group");
  EXPECT_EQ(resp.cohort().enrolled_count(), 1);
  rename.set_capacity(0);
  auto c4 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->UpdateCohort(c4.get(), rename, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith("capacity: ")));
}

TEST_F(CohortApiTest, StatusMovesForwardOnlyAndCancellingNeedsAReason) {
  const int64_t id = NewPlannedCohort();
  auto set = [&](v1::CohortStatus status, const std::string& reason, v1::SetCohortStatusResponse* out) {
    v1::SetCohortStatusRequest req;
    req.set_cohort_id(id);
    req.set_status(status);
    req.set_reason(reason);
    auto ctx = TestServer::Context(world_.clinician_token);
    return cohorts_->SetCohortStatus(ctx.get(), req, out);
  };
  v1::SetCohortStatusResponse resp;
  EXPECT_THAT(set(v1::COHORT_COMPLETED, "", &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "status: a planned cohort cannot become completed"));
  EXPECT_THAT(set(v1::COHORT_STATUS_UNSPECIFIED, "", &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "status: is required"));
  EXPECT_THAT(set(v1::COHORT_CANCELLED, "", &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "reason: is required"));
  ASSERT_THAT(set(v1::COHORT_CANCELLED, "Not enough referrals this term.", &resp), GrpcOk());
  EXPECT_EQ(resp.cohort().status(), v1::COHORT_CANCELLED);
  EXPECT_EQ(resp.cohort().cancel_reason(), "Not enough referrals this term.");
  // Every session goes with it, so exported calendars show them cancelled.
  EXPECT_EQ(Db("SELECT COUNT(*) FROM cohort_sessions WHERE cohort_id = " + std::to_string(id) +
               " AND status = 'cancelled' AND sequence = 1"),
            "8");
  EXPECT_THAT(set(v1::COHORT_RUNNING, "", &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "status: a cancelled cohort cannot become running"));
}

TEST_F(CohortApiTest, ACohortNeedsAFacilitatorToStart) {
  // Admins plan cohorts without becoming facilitators.
  v1::CreateCohortResponse created;
  ASSERT_THAT(Create(world_.admin_token, NewCohortRequest(), &created), GrpcOk());
  EXPECT_EQ(created.cohort().facilitators_size(), 0);
  v1::SetCohortStatusRequest req;
  req.set_cohort_id(created.cohort().id());
  req.set_status(v1::COHORT_RUNNING);
  v1::SetCohortStatusResponse resp;
  auto ctx = TestServer::Context(world_.admin_token);
  EXPECT_THAT(cohorts_->SetCohortStatus(ctx.get(), req, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "status: add a facilitator before starting the cohort"));
}

TEST_F(CohortApiTest, FacilitatorsComeFromTheSameOrganisationAndOneLeads) {
  const int64_t id = NewPlannedCohort();
  auto add = [&](int64_t user, v1::FacilitatorRole role, v1::AddFacilitatorResponse* out) {
    v1::AddFacilitatorRequest req;
    req.set_cohort_id(id);
    req.set_user_id(user);
    req.set_role(role);
    auto ctx = TestServer::Context(world_.clinician_token);
    return cohorts_->AddFacilitator(ctx.get(), req, out);
  };
  v1::AddFacilitatorResponse resp;
  ASSERT_THAT(add(world_.clinician2.id, v1::FACILITATOR_CO, &resp), GrpcOk());
  EXPECT_EQ(resp.cohort().facilitators_size(), 2);
  EXPECT_EQ(resp.warnings_size(), 0);
  EXPECT_THAT(add(world_.participant.id, v1::FACILITATOR_CO, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "user_id: only clinicians can facilitate a group"));
  EXPECT_THAT(add(world_.admin.id, v1::FACILITATOR_CO, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "user_id: only clinicians can facilitate a group"));
  // Adding the lead again without a role keeps them lead.
  ASSERT_THAT(add(world_.clinician.id, v1::FACILITATOR_ROLE_UNSPECIFIED, &resp), GrpcOk());
  for (const auto& f : resp.cohort().facilitators()) {
    EXPECT_EQ(f.role(), f.user_id() == world_.clinician.id ? v1::FACILITATOR_LEAD : v1::FACILITATOR_CO);
  }
  const int64_t other_org = server_.CreateOrganisation("Elsewhere");
  const TestUser outsider = server_.CreateUser(other_org, Role::kClinician);
  EXPECT_THAT(add(outsider.id, v1::FACILITATOR_CO, &resp), GrpcIs(StatusCode::NOT_FOUND, "user_id: no such staff member"));
  // A new lead: the old lead stays on as co-facilitator.
  ASSERT_THAT(add(world_.clinician2.id, v1::FACILITATOR_LEAD, &resp), GrpcOk());
  for (const auto& f : resp.cohort().facilitators()) {
    EXPECT_EQ(f.role(), f.user_id() == world_.clinician2.id ? v1::FACILITATOR_LEAD : v1::FACILITATOR_CO);
  }

  v1::RemoveFacilitatorRequest rm;
  rm.set_cohort_id(id);
  rm.set_user_id(world_.clinician2.id);
  v1::RemoveFacilitatorResponse removed;
  auto c1 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->RemoveFacilitator(c1.get(), rm, &removed), GrpcOk());
  EXPECT_EQ(removed.cohort().facilitators_size(), 1);
  // Removing the lead leaves one co-facilitator: both gaps are named.
  EXPECT_THAT(removed.warnings(),
              ::testing::ElementsAre(HasSubstr("This cohort has 1 facilitator"),
                                     "This cohort has no lead facilitator; make one of its facilitators the lead."));
  auto c2 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->RemoveFacilitator(c2.get(), rm, &removed),
              GrpcIs(StatusCode::NOT_FOUND, "user_id: is not a facilitator of this cohort"));

  // The world's running cohort keeps its last facilitator.
  rm.set_cohort_id(world_.cohort_id);
  rm.set_user_id(world_.clinician.id);
  auto c3 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->RemoveFacilitator(c3.get(), rm, &removed),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "user_id: a running cohort needs at least one facilitator"));
}

TEST_F(CohortApiTest, TheWaitlistIsScreenedAndListedOldestFirst) {
  auto add = [&](const std::string& name, v1::ScreeningStatus status, const std::string& note, v1::AddReferralResponse* out) {
    v1::AddReferralRequest req;
    req.set_name(name);
    req.set_contact_email(name.substr(0, 3) + "." + testing::UniqueSuffix() + "@people.example");
    req.set_source("Self-referral");
    req.set_screening_status(status);
    req.set_screening_note(note);
    auto ctx = TestServer::Context(world_.clinician_token);
    return cohorts_->AddReferral(ctx.get(), req, out);
  };
  v1::AddReferralResponse a, b;
  ASSERT_THAT(add("Ada Waiting", v1::SCREENING_STATUS_UNSPECIFIED, "", &a), GrpcOk());
  EXPECT_EQ(a.referral().screening_status(), v1::SCREENING_PENDING);
  EXPECT_EQ(a.referral().status(), v1::REFERRAL_WAITING);
  server_.clock().Advance(absl::Seconds(1));
  EXPECT_THAT(add("Bob Unsuitable", v1::SCREENING_UNSUITABLE, "", &b),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "screening_note: is required"));
  ASSERT_THAT(add("Bob Unsuitable", v1::SCREENING_UNSUITABLE, "Active psychosis; referred to the team.", &b), GrpcOk());
  v1::AddReferralResponse bad;
  EXPECT_THAT(add("Cy", v1::SCREENING_PENDING, "", &bad), GrpcOk());
  v1::AddReferralRequest invalid;
  invalid.set_name("No Address");
  invalid.set_contact_email("nobody");
  auto ci = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->AddReferral(ci.get(), invalid, &bad), GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith("contact_email: ")));

  v1::ScreenReferralRequest screen;
  screen.set_referral_id(a.referral().id());
  screen.set_screening_status(v1::SCREENING_SUITABLE);
  screen.set_screening_note("Ready for a group.");
  v1::ScreenReferralResponse screened;
  auto c1 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->ScreenReferral(c1.get(), screen, &screened), GrpcOk());
  EXPECT_EQ(screened.referral().screening_status(), v1::SCREENING_SUITABLE);
  EXPECT_TRUE(screened.referral().has_screened_at());

  v1::ListWaitlistRequest list;
  list.add_screening_statuses(v1::SCREENING_SUITABLE);
  v1::ListWaitlistResponse waiting;
  auto c2 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->ListWaitlist(c2.get(), list, &waiting), GrpcOk());
  // The world's own referral already holds a place, so only Ada waits.
  ASSERT_EQ(waiting.referrals_size(), 1);
  EXPECT_EQ(waiting.referrals(0).name(), "Ada Waiting");
  list.set_include_allocated(true);
  list.clear_screening_statuses();
  auto c3 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->ListWaitlist(c3.get(), list, &waiting), GrpcOk());
  ASSERT_EQ(waiting.referrals_size(), 4);
  EXPECT_EQ(waiting.referrals(0).status(), v1::REFERRAL_ALLOCATED);
  EXPECT_EQ(waiting.referrals(0).allocated_cohort_id(), world_.cohort_id);
  EXPECT_EQ(waiting.referrals(1).name(), "Ada Waiting");
  EXPECT_EQ(waiting.referrals(2).name(), "Bob Unsuitable");
}

TEST_F(CohortApiTest, AllocationNeedsSuitableScreeningAndAFreePlace) {
  const int64_t cohort = NewPlannedCohort(v1::GROUP_CLOSED, 2);
  v1::AddReferralRequest pending;
  pending.set_name("Pending Person");
  pending.set_contact_email("pending." + testing::UniqueSuffix() + "@people.example");
  v1::AddReferralResponse p;
  auto c0 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->AddReferral(c0.get(), pending, &p), GrpcOk());
  v1::AllocateToCohortResponse resp;
  EXPECT_THAT(Allocate(world_.clinician_token, p.referral().id(), cohort, false, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "referral_id: screening must find the person suitable first"));

  const int64_t r1 = testing::AddSuitableReferral(server_, world_.clinician_token, "One");
  const int64_t r2 = testing::AddSuitableReferral(server_, world_.clinician_token, "Two");
  const int64_t r3 = testing::AddSuitableReferral(server_, world_.clinician_token, "Three");
  v1::AllocateToCohortResponse first, again;
  ASSERT_THAT(Allocate(world_.clinician_token, r1, cohort, false, &first), GrpcOk());
  EXPECT_EQ(first.participant().status(), v1::PARTICIPANT_INVITED);
  EXPECT_EQ(first.participant().invite_state(), v1::INVITE_NONE);
  EXPECT_FALSE(first.participant().late_joiner());
  // A retried allocation answers with the place it took.
  ASSERT_THAT(Allocate(world_.clinician_token, r1, cohort, false, &again), GrpcOk());
  EXPECT_EQ(again.participant().enrolment_id(), first.participant().enrolment_id());
  ASSERT_THAT(Allocate(world_.clinician_token, r2, cohort, false, &resp), GrpcOk());
  EXPECT_THAT(Allocate(world_.clinician_token, r3, cohort, false, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "cohort_id: the cohort is full (2 of 2 places taken)"));
  EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE cohort_id = " + std::to_string(cohort)), "2");
}

// Whether a referral holds a place in a cohort is that cohort's business: a
// clinician who does not facilitate it is refused, as ScreenReferral refuses
// them, instead of learning the referral's state from the error.
TEST_F(CohortApiTest, AllocatingSomeoneWhoHoldsAPlaceElsewhereRevealsNothingToOtherClinicians) {
  // clinician2 leads a cohort of their own, but not the world's cohort, where
  // the world's referral holds a place.
  v1::CreateCohortResponse own;
  ASSERT_THAT(Create(world_.clinician2_token, NewCohortRequest(), &own), GrpcOk());
  v1::AllocateToCohortResponse resp;
  EXPECT_THAT(Allocate(world_.clinician2_token, world_.referral_id, own.cohort().id(), false, &resp),
              GrpcIs(StatusCode::PERMISSION_DENIED, "you do not facilitate this cohort"));
  // An admin, who reaches both cohorts, is told why.
  EXPECT_THAT(Allocate(world_.admin_token, world_.referral_id, own.cohort().id(), false, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("already had a place")));
  EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE cohort_id = " + std::to_string(own.cohort().id())), "0");
}

TEST_F(CohortApiTest, TwoAllocationsRacingForTheLastPlaceOneWins) {
  const int64_t cohort = NewPlannedCohort(v1::GROUP_CLOSED, 1);
  for (int round = 0; round < 3; ++round) {
    const int64_t target = round == 0 ? cohort : NewPlannedCohort(v1::GROUP_CLOSED, 1);
    const int64_t ra = testing::AddSuitableReferral(server_, world_.clinician_token, "Racer A");
    const int64_t rb = testing::AddSuitableReferral(server_, world_.clinician_token, "Racer B");
    std::atomic<int> go{0};
    grpc::Status sa, sb;
    auto racer = [&](int64_t referral, grpc::Status* out) {
      auto stub = server_.Stub<v1::CohortService>();
      v1::AllocateToCohortRequest req;
      req.set_referral_id(referral);
      req.set_cohort_id(target);
      v1::AllocateToCohortResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      ++go;
      while (go.load() < 2) {
      }
      *out = stub->AllocateToCohort(ctx.get(), req, &resp);
    };
    std::thread ta(racer, ra, &sa);
    std::thread tb(racer, rb, &sb);
    ta.join();
    tb.join();
    EXPECT_NE(sa.ok(), sb.ok()) << "round " << round << ": " << sa.error_message() << " / " << sb.error_message();
    const grpc::Status& loser = sa.ok() ? sb : sa;
    EXPECT_THAT(loser, GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("the cohort is full")));
    EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE cohort_id = " + std::to_string(target)), "1");
  }
}

TEST_F(CohortApiTest, AClosedGroupRefusesLateJoinersUnlessOverridden) {
  // The world's cohort is closed and its first session is past.
  const int64_t r = testing::AddSuitableReferral(server_, world_.clinician_token, "Late Comer");
  v1::AllocateToCohortResponse resp;
  EXPECT_THAT(Allocate(world_.clinician_token, r, world_.cohort_id, false, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("closed group has started")));
  ASSERT_THAT(Allocate(world_.clinician_token, r, world_.cohort_id, true, &resp), GrpcOk());
  EXPECT_TRUE(resp.participant().late_joiner());
  EXPECT_TRUE(resp.participant().closed_group_override());

  // An open group takes late joiners without an override.
  testing::CohortWorld open = testing::BuildCohortWorld(
      server_, {.label = "Open clinic", .start_date = Today() - 10, .open_group = true});
  const int64_t r2 = testing::AddSuitableReferral(server_, open.clinician_token, "Open Late");
  ASSERT_THAT(Allocate(open.clinician_token, r2, open.cohort_id, false, &resp), GrpcOk());
  EXPECT_TRUE(resp.participant().late_joiner());
  EXPECT_FALSE(resp.participant().closed_group_override());
}

TEST_F(CohortApiTest, AnInviteWorksOnceAndIsStoredOnlyAsAHash) {
  const int64_t cohort = NewPlannedCohort();
  const int64_t r = testing::AddSuitableReferral(server_, world_.clinician_token, "Invitee");
  v1::AllocateToCohortResponse place;
  ASSERT_THAT(Allocate(world_.clinician_token, r, cohort, false, &place), GrpcOk());
  v1::CreateInviteResponse invite;
  ASSERT_THAT(Invite(world_.clinician_token, place.participant().enrolment_id(), &invite), GrpcOk());
  // XXXX-XXXX-XXXX from an alphabet without 0/O, 1/I/L.
  ASSERT_EQ(invite.code().size(), 14u);
  const std::string bare = invite.code().substr(0, 4) + invite.code().substr(5, 4) + invite.code().substr(10, 4);
  EXPECT_EQ(bare.find_first_not_of(std::string(kCodeAlphabet)), std::string::npos);
  for (char ambiguous : std::string("0O1IL")) EXPECT_EQ(kCodeAlphabet.find(ambiguous), absl::string_view::npos);
  EXPECT_EQ(kCodeAlphabet.size(), 31u);
  EXPECT_EQ(invite.expires_at().seconds(), absl::ToUnixSeconds(server_.clock().Now() + absl::Hours(24 * 14)));
  EXPECT_EQ(Db("SELECT COUNT(*) FROM invites WHERE code_hash LIKE '%" + bare + "%'"), "0");

  v1::RedeemInviteResponse joined;
  // Case and dashes do not matter.
  std::string typed = bare;
  for (char& ch : typed) ch = static_cast<char>(std::tolower(ch));
  ASSERT_THAT(Redeem(typed, &joined), GrpcOk());
  EXPECT_EQ(joined.user().role(), v1::ROLE_PARTICIPANT);
  EXPECT_EQ(joined.user().organisation_id(), world_.organisation_id);
  v1::WhoAmIResponse me;
  auto c1 = TestServer::Context(joined.token());
  ASSERT_THAT(auth_->WhoAmI(c1.get(), v1::WhoAmIRequest(), &me), GrpcOk());
  EXPECT_EQ(me.user().display_name(), "Invitee");

  v1::RedeemInviteResponse twice;
  EXPECT_THAT(Redeem(invite.code(), &twice), GrpcIs(StatusCode::UNAUTHENTICATED, HasSubstr("not valid")));

  v1::ListParticipantsRequest list;
  list.set_cohort_id(cohort);
  v1::ListParticipantsResponse people;
  auto c2 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->ListParticipants(c2.get(), list, &people), GrpcOk());
  ASSERT_EQ(people.participants_size(), 1);
  EXPECT_EQ(people.participants(0).status(), v1::PARTICIPANT_ACTIVE);
  EXPECT_EQ(people.participants(0).invite_state(), v1::INVITE_REDEEMED);
  EXPECT_EQ(people.participants(0).user_id(), joined.user().id());
  EXPECT_TRUE(people.participants(0).has_joined_at());
  // Joined participants need no new invite.
  EXPECT_THAT(Invite(world_.clinician_token, place.participant().enrolment_id(), &invite),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "enrolment_id: the participant has already joined"));
}

TEST_F(CohortApiTest, AnInviteExpiresAfterFourteenDaysAndCanBeRevokedOrReplaced) {
  const int64_t cohort = NewPlannedCohort();
  auto place_for = [&](const std::string& name) {
    v1::AllocateToCohortResponse place;
    EXPECT_THAT(Allocate(world_.clinician_token, testing::AddSuitableReferral(server_, world_.clinician_token, name),
                         cohort, false, &place),
                GrpcOk());
    return place.participant().enrolment_id();
  };
  const int64_t e1 = place_for("Slow Replier");
  v1::CreateInviteResponse invite;
  ASSERT_THAT(Invite(world_.clinician_token, e1, &invite), GrpcOk());
  server_.clock().Advance(absl::Hours(24 * 14));
  EXPECT_THAT(Redeem(invite.code()), GrpcIs(StatusCode::UNAUTHENTICATED));
  // Staff sessions last 12 hours: sign in again a fortnight later.
  const std::string token = server_.Login(world_.clinician);
  v1::ListParticipantsRequest list;
  list.set_cohort_id(cohort);
  v1::ListParticipantsResponse people;
  auto c1 = TestServer::Context(token);
  ASSERT_THAT(cohorts_->ListParticipants(c1.get(), list, &people), GrpcOk());
  EXPECT_EQ(people.participants(0).invite_state(), v1::INVITE_EXPIRED);

  // A new invite replaces the old; a revoked one stops working.
  v1::CreateInviteResponse second, third;
  ASSERT_THAT(Invite(token, e1, &second), GrpcOk());
  ASSERT_THAT(Invite(token, e1, &third), GrpcOk());
  EXPECT_THAT(Redeem(second.code()), GrpcIs(StatusCode::UNAUTHENTICATED));
  v1::RevokeInviteRequest revoke;
  revoke.set_enrolment_id(e1);
  v1::RevokeInviteResponse revoked;
  auto c2 = TestServer::Context(token);
  ASSERT_THAT(cohorts_->RevokeInvite(c2.get(), revoke, &revoked), GrpcOk());
  EXPECT_EQ(revoked.participant().invite_state(), v1::INVITE_REVOKED);
  EXPECT_THAT(Redeem(third.code()), GrpcIs(StatusCode::UNAUTHENTICATED));
  server_.clock().Advance(-absl::Hours(24 * 14));
}

TEST_F(CohortApiTest, RedeemInviteValidatesThePasswordAndThrottlesGuessing) {
  v1::RedeemInviteRequest weak;
  weak.set_code("ABCD-EFGH-JKMN");
  weak.set_new_password("short");
  v1::RedeemInviteResponse resp;
  auto c1 = TestServer::Context();
  EXPECT_THAT(auth_->RedeemInvite(c1.get(), weak, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "new_password: must be at least 10 characters"));
  weak.clear_code();
  auto c2 = TestServer::Context();
  EXPECT_THAT(auth_->RedeemInvite(c2.get(), weak, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "code: is required"));

  auto options = testing::DefaultTestServerOptions();
  options.app.auth.peer_throttle.max_failures = 4;
  TestDatabase::Get().Execute("DELETE FROM login_throttle WHERE scope = 'peer'");
  TestServer strict(options);
  auto auth = strict.Stub<v1::AuthService>();
  std::vector<grpc::StatusCode> codes;
  for (int i = 0; i < 5; ++i) {
    v1::RedeemInviteRequest guess;
    guess.set_code(absl::StrCat("ABCD-EFGH-JKM", i + 2));
    guess.set_new_password("a fine long passphrase");
    auto ctx = TestServer::Context();
    codes.push_back(auth->RedeemInvite(ctx.get(), guess, &resp).error_code());
  }
  EXPECT_EQ(codes, (std::vector<grpc::StatusCode>{StatusCode::UNAUTHENTICATED, StatusCode::UNAUTHENTICATED,
                                                  StatusCode::UNAUTHENTICATED, StatusCode::UNAUTHENTICATED,
                                                  StatusCode::RESOURCE_EXHAUSTED}));
  TestDatabase::Get().Execute("DELETE FROM login_throttle WHERE scope = 'peer'");
}

TEST_F(CohortApiTest, WithdrawalKeepsTheRecordAndEndsAccess) {
  v1::WithdrawParticipantRequest req;
  req.set_enrolment_id(world_.enrolment_id);
  v1::WithdrawParticipantResponse resp;
  auto c1 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->WithdrawParticipant(c1.get(), req, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "reason: is required"));
  req.set_reason("Moved away; will re-refer in spring.");
  auto c2 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->WithdrawParticipant(c2.get(), req, &resp), GrpcOk());
  EXPECT_EQ(resp.participant().status(), v1::PARTICIPANT_WITHDRAWN);
  EXPECT_EQ(resp.participant().withdrawal_reason(), "Moved away; will re-refer in spring.");
  // Their session ended and they cannot sign in again...
  v1::WhoAmIResponse me;
  auto c3 = TestServer::Context(world_.participant_token);
  EXPECT_THAT(auth_->WhoAmI(c3.get(), v1::WhoAmIRequest(), &me), GrpcIs(StatusCode::UNAUTHENTICATED));
  v1::LoginRequest login;
  login.set_email(world_.participant.email);
  login.set_password(world_.participant.password);
  v1::LoginResponse lr;
  auto c4 = TestServer::Context();
  EXPECT_THAT(auth_->Login(c4.get(), login, &lr), GrpcIs(StatusCode::UNAUTHENTICATED));
  // ...and the record stays, with its place freed.
  EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE id = " + std::to_string(world_.enrolment_id) +
               " AND status = 'withdrawn'"),
            "1");
  auto c5 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->WithdrawParticipant(c5.get(), req, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "enrolment_id: the participant is already withdrawn"));
}

TEST_F(CohortApiTest, SomeoneWhoWithdrewCanComeBackForALaterGroupWithTheSameAccount) {
  v1::WithdrawParticipantRequest wd;
  wd.set_enrolment_id(world_.enrolment_id);
  wd.set_reason("Moved away; will re-refer in spring.");
  v1::WithdrawParticipantResponse withdrawn;
  auto c1 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->WithdrawParticipant(c1.get(), wd, &withdrawn), GrpcOk());

  // Referred again (same address) to a new group, and invited twice, as
  // happens when a first code is lost.
  const int64_t spring = NewPlannedCohort();
  const int64_t r = testing::AddSuitableReferral(server_, world_.clinician_token, "Robin Participant",
                                                 world_.participant.email);
  v1::AllocateToCohortResponse place;
  ASSERT_THAT(Allocate(world_.clinician_token, r, spring, false, &place), GrpcOk());
  v1::CreateInviteResponse invite;
  ASSERT_THAT(Invite(world_.clinician_token, place.participant().enrolment_id(), &invite), GrpcOk());
  v1::RedeemInviteResponse joined;
  ASSERT_THAT(Redeem(invite.code(), &joined), GrpcOk());
  // The same account, open again, with the new password; the old one is gone.
  EXPECT_EQ(joined.user().id(), world_.participant.id);
  v1::LoginRequest login;
  login.set_email(world_.participant.email);
  login.set_password(world_.participant.password);
  v1::LoginResponse lr;
  auto c2 = TestServer::Context();
  EXPECT_THAT(auth_->Login(c2.get(), login, &lr), GrpcIs(StatusCode::UNAUTHENTICATED));
  login.set_password("my very own passphrase");
  auto c3 = TestServer::Context();
  ASSERT_THAT(auth_->Login(c3.get(), login, &lr), GrpcOk());

  // Their programme is the new group's; the old enrolment stays on record.
  v1::GetMyProgrammeResponse mine;
  auto c4 = TestServer::Context(joined.token());
  ASSERT_THAT(server_.Stub<v1::CalendarService>()->GetMyProgramme(c4.get(), v1::GetMyProgrammeRequest(), &mine),
              GrpcOk());
  ASSERT_GT(mine.sessions_size(), 0);
  EXPECT_EQ(mine.sessions(0).cohort_id(), spring);
  EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE user_id = " + std::to_string(world_.participant.id)), "2");
  EXPECT_EQ(Db("SELECT status FROM enrolments WHERE id = " + std::to_string(world_.enrolment_id)), "withdrawn");

  // One current place at a time: a second group's invite for the same person is refused, and nothing changes.
  const int64_t summer = NewPlannedCohort();
  const int64_t r2 = testing::AddSuitableReferral(server_, world_.clinician_token, "Robin Participant",
                                                  world_.participant.email);
  v1::AllocateToCohortResponse place2;
  ASSERT_THAT(Allocate(world_.clinician_token, r2, summer, false, &place2), GrpcOk());
  v1::CreateInviteResponse invite2;
  ASSERT_THAT(Invite(world_.clinician_token, place2.participant().enrolment_id(), &invite2), GrpcOk());
  v1::RedeemInviteResponse again;
  EXPECT_THAT(Redeem(invite2.code(), &again),
              GrpcIs(StatusCode::FAILED_PRECONDITION,
                     "you already have a place in a group; ask your facilitator before joining another"));
  auto c5 = TestServer::Context();
  EXPECT_THAT(auth_->Login(c5.get(), login, &lr), GrpcOk());
  EXPECT_EQ(Db("SELECT COUNT(*) FROM enrolments WHERE user_id = " + std::to_string(world_.participant.id)), "2");

  // A staff member's address is never taken over by an invite.
  const int64_t r3 = testing::AddSuitableReferral(server_, world_.clinician_token, "Not A Participant",
                                                  world_.clinician2.email);
  v1::AllocateToCohortResponse place3;
  ASSERT_THAT(Allocate(world_.clinician_token, r3, summer, false, &place3), GrpcOk());
  v1::CreateInviteResponse invite3;
  ASSERT_THAT(Invite(world_.clinician_token, place3.participant().enrolment_id(), &invite3), GrpcOk());
  EXPECT_THAT(Redeem(invite3.code(), &again),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("an account already uses the e-mail address")));
}

}  // namespace
}  // namespace cft

namespace cft {
namespace {

// A cohort dashboard costs the same number of statements however many people
// are in it: no per-row round trips.
TEST_F(CohortApiTest, ReadsCostTheSameStatementsForOneOrManyParticipants) {
  auto statements_for = [&](auto call) {
    // The request pool only: the batched audit writer has a pool of its own.
    const int64_t before = server_.app().statements_sent();
    call();
    return server_.app().statements_sent() - before;
  };
  auto measure = [&](int64_t cohort) {
    std::vector<int64_t> counts;
    counts.push_back(statements_for([&] {
      v1::ListParticipantsRequest req;
      req.set_cohort_id(cohort);
      v1::ListParticipantsResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      EXPECT_THAT(cohorts_->ListParticipants(ctx.get(), req, &resp), GrpcOk());
    }));
    counts.push_back(statements_for([&] {
      v1::GetScheduleRequest req;
      req.set_cohort_id(cohort);
      v1::GetScheduleResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      EXPECT_THAT(calendar_->GetSchedule(ctx.get(), req, &resp), GrpcOk());
    }));
    counts.push_back(statements_for([&] {
      v1::GetCohortRequest req;
      req.set_cohort_id(cohort);
      v1::GetCohortResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      EXPECT_THAT(cohorts_->GetCohort(ctx.get(), req, &resp), GrpcOk());
    }));
    return counts;
  };
  const int64_t small = NewPlannedCohort();
  const int64_t large = NewPlannedCohort();
  int64_t enrolment = 0;
  std::string token;
  testing::EnrolParticipant(server_, world_.clinician_token, small,
                            testing::AddSuitableReferral(server_, world_.clinician_token, "Solo"), &enrolment, &token);
  for (int i = 0; i < 10; ++i) {
    testing::EnrolParticipant(server_, world_.clinician_token, large,
                              testing::AddSuitableReferral(server_, world_.clinician_token, "Member " + std::to_string(i)),
                              &enrolment, &token);
  }
  const auto few = measure(small);
  const auto many = measure(large);
  EXPECT_EQ(few, many);
  for (int64_t n : few) EXPECT_LE(n, 10);
}

}  // namespace
}  // namespace cft

namespace cft {
namespace {

TEST_F(CohortApiTest, AClinicianReadsAndScreensOnlyThePlacedPeopleOfCohortsTheyFacilitate) {
  // clinician2 facilitates nothing: they see the waiting referrals, not
  // Robin, who holds a place in the clinician's cohort.
  const int64_t waiting = testing::AddSuitableReferral(server_, world_.clinician2_token, "Wren Waiting");
  v1::ListWaitlistRequest req;
  req.set_include_allocated(true);
  v1::ListWaitlistResponse list;
  auto c1 = TestServer::Context(world_.clinician2_token);
  ASSERT_THAT(cohorts_->ListWaitlist(c1.get(), req, &list), GrpcOk());
  std::set<int64_t> ids;
  for (const auto& r : list.referrals()) ids.insert(r.id());
  EXPECT_TRUE(ids.count(waiting));
  EXPECT_FALSE(ids.count(world_.referral_id));
  // The facilitating clinician and the admin see Robin.
  for (const std::string& token : {world_.clinician_token, world_.admin_token}) {
    auto ctx = TestServer::Context(token);
    ASSERT_THAT(cohorts_->ListWaitlist(ctx.get(), req, &list), GrpcOk());
    bool robin = false;
    for (const auto& r : list.referrals()) robin |= r.id() == world_.referral_id;
    EXPECT_TRUE(robin);
  }
  v1::ScreenReferralRequest screen;
  screen.set_referral_id(world_.referral_id);
  screen.set_screening_status(v1::SCREENING_SUITABLE);
  screen.set_screening_note("Overwritten by someone else");
  v1::ScreenReferralResponse screened;
  auto c2 = TestServer::Context(world_.clinician2_token);
  EXPECT_THAT(cohorts_->ScreenReferral(c2.get(), screen, &screened), GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(Db("SELECT screening_note FROM referrals WHERE id = " + std::to_string(world_.referral_id)), "");
}

}  // namespace
}  // namespace cft

namespace cft {
namespace {

TEST_F(CohortApiTest, ChangingAPlannedCohortsPlanMovesSessionsInPlace) {
  const int64_t id = NewPlannedCohort();
  auto schedule = [&] {
    v1::GetScheduleRequest req;
    req.set_cohort_id(id);
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(calendar_->GetSchedule(ctx.get(), req, &resp), GrpcOk());
    return resp;
  };
  const v1::GetScheduleResponse before = schedule();
  v1::UpdateCohortRequest up;
  up.set_cohort_id(id);
  up.mutable_local_start_time()->set_hour(9);
  up.mutable_local_start_time()->set_minute(30);
  v1::UpdateCohortResponse resp;
  auto c1 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->UpdateCohort(c1.get(), up, &resp), GrpcOk());
  const v1::GetScheduleResponse after = schedule();
  ASSERT_EQ(after.sessions_size(), before.sessions_size());
  for (int i = 0; i < after.sessions_size(); ++i) {
    // Same sessions (so the same calendar UIDs), moved, with a higher SEQUENCE.
    EXPECT_EQ(after.sessions(i).id(), before.sessions(i).id());
    EXPECT_EQ(after.sessions(i).local_start_time().hour(), 9);
    EXPECT_EQ(after.sessions(i).local_start_time().minute(), 30);
    EXPECT_EQ(after.sessions(i).sequence(), before.sessions(i).sequence() + 1);
  }
}

TEST_F(CohortApiTest, OtherOrganisationsRecordsAnswerLikeMissingOnes) {
  testing::CohortWorld other = testing::BuildCohortWorld(server_, {.label = "Elsewhere", .start_date = Today() - 10});
  auto withdraw = [&](int64_t enrolment) {
    v1::WithdrawParticipantRequest req;
    req.set_enrolment_id(enrolment);
    req.set_reason("probe");
    v1::WithdrawParticipantResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    return cohorts_->WithdrawParticipant(ctx.get(), req, &resp);
  };
  const grpc::Status theirs = withdraw(other.enrolment_id);
  const grpc::Status missing = withdraw(987654321);
  EXPECT_THAT(theirs, GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_EQ(theirs.error_message(), missing.error_message());
  auto cancel = [&](int64_t session) {
    v1::CancelSessionRequest req;
    req.set_session_id(session);
    req.set_reason("probe");
    v1::CancelSessionResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    return calendar_->CancelSession(ctx.get(), req, &resp);
  };
  const grpc::Status their_session = cancel(other.session_ids.back());
  const grpc::Status no_session = cancel(987654321);
  EXPECT_THAT(their_session, GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_EQ(their_session.error_message(), no_session.error_message());
}

TEST_F(CohortApiTest, UnknownEnumValuesAreRefusedNotDefaulted) {
  v1::CreateCohortRequest req = NewCohortRequest();
  req.set_group_type(static_cast<v1::GroupType>(42));
  v1::CreateCohortResponse resp;
  EXPECT_THAT(Create(world_.clinician_token, req, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "group_type: must be GROUP_CLOSED or GROUP_OPEN"));
  v1::AddFacilitatorRequest add;
  add.set_cohort_id(world_.cohort_id);
  add.set_user_id(world_.clinician2.id);
  add.set_role(static_cast<v1::FacilitatorRole>(7));
  v1::AddFacilitatorResponse added;
  auto c1 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->AddFacilitator(c1.get(), add, &added), GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith("role: ")));
  v1::AddReferralRequest referral;
  referral.set_name("Enum Person");
  referral.set_contact_email("enum@people.example");
  referral.set_screening_status(static_cast<v1::ScreeningStatus>(9));
  v1::AddReferralResponse added_referral;
  auto c2 = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(cohorts_->AddReferral(c2.get(), referral, &added_referral),
              GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith("screening_status: ")));
}

}  // namespace
}  // namespace cft
