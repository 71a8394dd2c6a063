// CohortService's rules over in-memory fakes: planning, capacity, updates
// whose scope depends on status, the status life cycle and what it does to
// sessions and places, facilitators and their warnings, idempotent creates,
// who sees which cohorts, and the audit trail.
#include "services/cohorts/cohort_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "tests/cohorts/cohort_unit_fixture.h"

namespace cft::cohorts::unit {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Code = absl::StatusCode;

constexpr char kTwoFacilitators[] = "groups are run by two, so one can step out with a participant in distress.";
constexpr char kNoLead[] = "This cohort has no lead facilitator; make one of its facilitators the lead.";

class CohortServiceTest : public CohortUnitTest {
 protected:
  absl::StatusOr<CohortResult> Update(int64_t cohort_id, CohortChanges changes, int64_t by = 0) {
    return cohorts_.UpdateCohort(As(by == 0 ? lead_ : by, "CohortService", "UpdateCohort"), cohort_id,
                                 std::move(changes));
  }
  absl::StatusOr<CohortView> Status(int64_t cohort_id, std::optional<CohortStatus> status,
                                    const std::string& reason = "", int64_t by = 0) {
    return cohorts_.SetCohortStatus(As(by == 0 ? lead_ : by, "CohortService", "SetCohortStatus"), cohort_id, status,
                                    reason);
  }
  absl::StatusOr<CohortResult> AddFacilitator(int64_t cohort_id, int64_t user_id,
                                              std::optional<FacilitatorRole> role = std::nullopt) {
    return cohorts_.AddFacilitator(As(lead_, "CohortService", "AddFacilitator"), cohort_id, user_id, role);
  }
  absl::StatusOr<CohortResult> RemoveFacilitator(int64_t cohort_id, int64_t user_id) {
    return cohorts_.RemoveFacilitator(As(lead_, "CohortService", "RemoveFacilitator"), cohort_id, user_id);
  }
  std::vector<int64_t> Listed(int64_t user_id, std::vector<CohortStatus> statuses = {}) {
    auto views = cohorts_.ListCohorts(As(user_id, "CohortService", "ListCohorts"), std::move(statuses));
    EXPECT_THAT(views, IsOk());
    std::vector<int64_t> ids;
    if (views.ok()) {
      for (const CohortView& v : *views) ids.push_back(v.record.id);
    }
    return ids;
  }
  // A cohort brought to `status` along the allowed path.
  int64_t CohortIn(CohortStatus status) {
    const int64_t id = PlanTuesdayGroup();
    if (status == CohortStatus::kRunning || status == CohortStatus::kCompleted) Start(id);
    if (status == CohortStatus::kCompleted) SetStatus(id, CohortStatus::kCompleted);
    if (status == CohortStatus::kCancelled) SetStatus(id, CohortStatus::kCancelled, "Too few referrals.");
    return id;
  }
  static std::vector<std::string> Names(const std::vector<Facilitator>& f) {
    std::vector<std::string> out;
    for (const Facilitator& x : f) out.push_back(x.display_name + (x.role == FacilitatorRole::kLead ? " (lead)" : ""));
    return out;
  }
};

// ---- planning ----

TEST_F(CohortServiceTest, ANewCohortIsPlannedClosedWithTwelvePlacesTheTemplatesSessionLengthAndOneSessionAWeek) {
  NewCohort request = TuesdayEvenings("  Tuesday evening group  ");
  request.template_id = builtin_template_;
  auto created = cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), request);
  ASSERT_THAT(created, IsOk());
  const CohortView& c = created->cohort;
  EXPECT_EQ(c.record.name, "Tuesday evening group");
  EXPECT_EQ(c.record.status, CohortStatus::kPlanned);
  EXPECT_EQ(c.record.capacity, kDefaultCapacity);
  EXPECT_EQ(c.record.capacity, 12);
  EXPECT_EQ(c.record.group_type, GroupType::kClosed);
  EXPECT_EQ(c.record.plan.duration_minutes, 150);
  EXPECT_EQ(c.record.organisation_id, org_);
  EXPECT_EQ(c.record.created_by, lead_);
  EXPECT_EQ(c.template_title, "Compassion-Focused Therapy, eight weeks");
  EXPECT_EQ(c.template_version, 1);
  EXPECT_EQ(c.week_count, 8);
  EXPECT_EQ(c.enrolled_count, 0);
  EXPECT_EQ(c.first_session_at, Utc(2026, 10, 6, 17, 0));

  const std::vector<Session> sessions = Sessions(c.record.id);
  ASSERT_THAT(sessions, SizeIs(8));
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(sessions[i].week_number, i + 1);
    EXPECT_EQ(sessions[i].status, SessionStatus::kScheduled);
    EXPECT_EQ(sessions[i].sequence, 0);
    EXPECT_EQ(sessions[i].duration_minutes, 150);
    EXPECT_EQ(sessions[i].local_start, absl::CivilSecond(absl::CivilDay(2026, 10, 6) + 7 * i) + 18 * 3600);
  }
}

TEST_F(CohortServiceTest, AClinicianWhoPlansACohortLeadsItAndIsWarnedThatGroupsAreRunByTwo) {
  NewCohort request = TuesdayEvenings();
  request.template_id = builtin_template_;
  auto created = cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), request);
  ASSERT_THAT(created, IsOk());
  EXPECT_THAT(Names(created->cohort.facilitators), ElementsAre("Dr Lena Lead (lead)"));
  EXPECT_THAT(created->warnings, ElementsAre(absl::StrCat("This cohort has 1 facilitator; ", kTwoFacilitators)));
}

TEST_F(CohortServiceTest, AnAdminWhoPlansACohortDoesNotFacilitateIt) {
  NewCohort request = TuesdayEvenings();
  request.template_id = builtin_template_;
  auto created = cohorts_.CreateCohort(As(admin_, "CohortService", "CreateCohort"), request);
  ASSERT_THAT(created, IsOk());
  EXPECT_THAT(created->cohort.facilitators, IsEmpty());
  // No lead to ask for while there is nobody at all.
  EXPECT_THAT(created->warnings, ElementsAre(absl::StrCat("This cohort has 0 facilitators; ", kTwoFacilitators)));
}

TEST_F(CohortServiceTest, CapacityIsBetweenOneAndTwenty) {
  NewCohort r = TuesdayEvenings();
  r.template_id = builtin_template_;
  for (int bad : {21, -1, 100}) {
    r.capacity = bad;
    EXPECT_THAT(cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r),
                StatusIs(Code::kInvalidArgument, "capacity: must be between 1 and 20"))
        << bad;
  }
  EXPECT_THAT(stores_.cohorts.state().cohorts, IsEmpty());
  for (int good : {1, 20}) {
    r.capacity = good;
    auto created = cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r);
    ASSERT_THAT(created, IsOk());
    EXPECT_EQ(created->cohort.record.capacity, good);
  }
}

TEST_F(CohortServiceTest, CreateNamesTheFieldAtFaultAndWritesNothing) {
  struct Case {
    std::function<void(NewCohort&)> change;
    Code code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](NewCohort& r) { r.name = "   "; }, Code::kInvalidArgument, "name: is required"},
      {[](NewCohort& r) { r.template_id = 0; }, Code::kInvalidArgument, "template_id: is required"},
      {[&](NewCohort& r) { r.template_id = elsewhere_template_; }, Code::kNotFound,
       "template_id: no such programme template"},
      {[](NewCohort& r) { r.template_id = 9999; }, Code::kNotFound, "template_id: no such programme template"},
      {[](NewCohort& r) { r.plan.weekday = 0; }, Code::kInvalidArgument, "weekday: is required (Monday to Sunday)"},
      {[](NewCohort& r) { r.plan.weekday = 8; }, Code::kInvalidArgument, "weekday: is required (Monday to Sunday)"},
      {[](NewCohort& r) { r.plan.start_minute = 24 * 60; }, Code::kInvalidArgument,
       "local_start_time: must be a time of day"},
      {[](NewCohort& r) { r.plan.duration_minutes = 29; }, Code::kInvalidArgument,
       "duration_minutes: must be between 30 and 300"},
      {[](NewCohort& r) { r.plan.duration_minutes = 301; }, Code::kInvalidArgument,
       "duration_minutes: must be between 30 and 300"},
      {[](NewCohort& r) { r.plan.time_zone = "Mars/Olympus_Mons"; }, Code::kInvalidArgument,
       "time_zone: is not a known IANA time zone (such as Europe/London)"},
      {[](NewCohort& r) { r.plan.time_zone = ""; }, Code::kInvalidArgument,
       "time_zone: is required (an IANA time zone such as Europe/London)"},
      {[](NewCohort& r) { r.plan.start_date = absl::CivilDay(2028, 10, 3); }, Code::kInvalidArgument,
       "start_date: must be within a year before and two years after today"},
      {[](NewCohort& r) { r.plan.start_date = absl::CivilDay(2025, 9, 28); }, Code::kInvalidArgument,
       "start_date: must be within a year before and two years after today"},
      {[](NewCohort& r) { r.idempotency_key = "has a space"; }, Code::kInvalidArgument,
       "idempotency_key: must be printable ASCII without spaces"},
  };
  for (const Case& c : cases) {
    NewCohort r = TuesdayEvenings();
    r.template_id = builtin_template_;
    c.change(r);
    EXPECT_THAT(cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r), StatusIs(c.code, c.message));
  }
  EXPECT_THAT(stores_.cohorts.state().cohorts, IsEmpty());
  EXPECT_THAT(stores_.cohorts.state().facilitators, IsEmpty());
  EXPECT_THAT(stores_.sessions.state().sessions, IsEmpty());
  EXPECT_THAT(AuditsOf("CohortService", "CreateCohort"), IsEmpty());
}

TEST_F(CohortServiceTest, CreatingACohortIsAuditedAgainstTheCohort) {
  const int64_t id = PlanTuesdayGroup();
  EXPECT_TRUE(ctx_.audited);
  const auto audits = AuditsOf("CohortService", "CreateCohort");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "cohort");
  EXPECT_EQ(audits[0].target_id, std::to_string(id));
  EXPECT_EQ(audits[0].status_code, 0);
  EXPECT_EQ(audits[0].actor_user_id, lead_);
  EXPECT_EQ(audits[0].actor_role, "clinician");
  EXPECT_EQ(audits[0].organisation_id, org_);
  EXPECT_EQ(audits[0].occurred_at, kStart);
}

// ---- idempotency ----

TEST_F(CohortServiceTest, ARetriedCreateWithTheSameKeyReturnsTheFirstCohortAndCreatesNoOther) {
  NewCohort r = TuesdayEvenings();
  r.template_id = builtin_template_;
  r.idempotency_key = "create-7f3a";
  r.request_hash = "hash-of-the-request";
  auto first = cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r);
  ASSERT_THAT(first, IsOk());
  clock_.Advance(absl::Minutes(2));
  auto again = cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->cohort.record.id, first->cohort.record.id);
  EXPECT_EQ(again->cohort.record.created_at, kStart);
  EXPECT_EQ(again->warnings, first->warnings);
  EXPECT_THAT(stores_.cohorts.state().cohorts, SizeIs(1));
  EXPECT_THAT(stores_.sessions.state().sessions, SizeIs(8));
  // The replay is audited too, against the same cohort.
  const auto audits = AuditsOf("CohortService", "CreateCohort");
  ASSERT_THAT(audits, SizeIs(2));
  EXPECT_EQ(audits[1].target_id, std::to_string(first->cohort.record.id));
}

TEST_F(CohortServiceTest, AKeyReusedForADifferentRequestIsRefusedAndWritesNothing) {
  NewCohort r = TuesdayEvenings();
  r.template_id = builtin_template_;
  r.idempotency_key = "create-7f3a";
  r.request_hash = "hash-one";
  ASSERT_THAT(cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r), IsOk());
  r.name = "Another group";
  r.request_hash = "hash-two";
  EXPECT_THAT(cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r),
              StatusIs(Code::kInvalidArgument, "idempotency_key: was already used for a different request"));
  EXPECT_THAT(stores_.cohorts.state().cohorts, SizeIs(1));
  EXPECT_THAT(AuditsOf("CohortService", "CreateCohort"), SizeIs(1));
}

TEST_F(CohortServiceTest, AnIdempotencyKeyBelongsToOneCallerAndOneMethod) {
  NewCohort r = TuesdayEvenings();
  r.template_id = builtin_template_;
  r.idempotency_key = "same-key";
  r.request_hash = "same-hash";
  auto mine = cohorts_.CreateCohort(As(lead_, "CohortService", "CreateCohort"), r);
  auto theirs = cohorts_.CreateCohort(As(co_, "CohortService", "CreateCohort"), r);
  ASSERT_THAT(mine, IsOk());
  ASSERT_THAT(theirs, IsOk());
  EXPECT_NE(mine->cohort.record.id, theirs->cohort.record.id);
  // The same key on another method is another key.
  NewReferral ref{.name = "Sam Same", .contact_email = "sam@people.example", .idempotency_key = "same-key",
                  .request_hash = "same-hash"};
  auto referral = enrolment_.AddReferral(As(lead_, "CohortService", "AddReferral"), ref);
  ASSERT_THAT(referral, IsOk());
  EXPECT_EQ(referral->name, "Sam Same");
  EXPECT_THAT(idempotency_repo_.rows(), SizeIs(3));
}

TEST_F(CohortServiceTest, WithoutAKeyEveryCreateMakesANewCohort) {
  const int64_t a = PlanTuesdayGroup();
  const int64_t b = PlanTuesdayGroup();
  EXPECT_NE(a, b);
  EXPECT_THAT(idempotency_repo_.rows(), IsEmpty());
}

// ---- updates ----

TEST_F(CohortServiceTest, CapacityCannotGoBelowThePlacesHeldAndTheRefusalTakesTheRestOfTheUpdateWithIt) {
  const int64_t id = PlanTuesdayGroup(4);
  Place(id, "Ada Place");
  const int64_t leaving = Place(id, "Ben Place");
  Place(id, "Cy Place");
  ASSERT_EQ(View(id).enrolled_count, 3);
  const int before = tx_.transactions();

  auto shrunk = Update(id, CohortChanges{.name = "Renamed and shrunk", .capacity = 2, .start_minute = 14 * 60});
  EXPECT_THAT(shrunk, StatusIs(Code::kFailedPrecondition, "capacity: 3 people already hold places in this cohort"));
  EXPECT_GT(tx_.transactions(), before);
  const CohortView after = View(id);
  EXPECT_EQ(after.record.name, "Tuesday evening group");
  EXPECT_EQ(after.record.capacity, 4);
  EXPECT_EQ(after.record.plan.start_minute, 18 * 60);
  EXPECT_EQ(Sessions(id)[0].local_start.hour(), 18);
  EXPECT_EQ(Sessions(id)[0].sequence, 0);
  EXPECT_THAT(AuditsOf("CohortService", "UpdateCohort"), IsEmpty());
  EXPECT_FALSE(ctx_.audited);

  // Exactly the places held is enough.
  auto exact = Update(id, CohortChanges{.capacity = 3});
  ASSERT_THAT(exact, IsOk());
  EXPECT_EQ(exact->cohort.record.capacity, 3);
  EXPECT_EQ(exact->cohort.enrolled_count, 3);

  // A withdrawal gives its place back.
  ASSERT_THAT(enrolment_.WithdrawParticipant(As(lead_, "CohortService", "WithdrawParticipant"), leaving,
                                             "Started individual therapy."),
              IsOk());
  auto smaller = Update(id, CohortChanges{.capacity = 2});
  ASSERT_THAT(smaller, IsOk());
  EXPECT_EQ(smaller->cohort.record.capacity, 2);
  EXPECT_EQ(smaller->cohort.enrolled_count, 2);
}

TEST_F(CohortServiceTest, AnExpiredInviteStillHoldsItsPlace) {
  const int64_t id = PlanTuesdayGroup(2);
  const int64_t waiting = Place(id, "Ada Waiting");
  Invite(waiting);
  Place(id, "Ben Waiting");
  clock_.Advance(kInviteLifetime + absl::Hours(1));
  ASSERT_EQ(EnrolmentOf(waiting).invite_state, InviteState::kExpired);
  EXPECT_THAT(Update(id, CohortChanges{.capacity = 1}),
              StatusIs(Code::kFailedPrecondition, "capacity: 2 people already hold places in this cohort"));
}

TEST_F(CohortServiceTest, UpdateValidatesTheFieldsItIsGiven) {
  const int64_t id = PlanTuesdayGroup();
  EXPECT_THAT(Update(id, CohortChanges{.name = ""}), StatusIs(Code::kInvalidArgument, "name: is required"));
  EXPECT_THAT(Update(id, CohortChanges{.capacity = 0}),
              StatusIs(Code::kInvalidArgument, "capacity: must be between 1 and 20"));
  EXPECT_THAT(Update(id, CohortChanges{.capacity = 21}),
              StatusIs(Code::kInvalidArgument, "capacity: must be between 1 and 20"));
  EXPECT_THAT(Update(id, CohortChanges{.template_id = 0}), StatusIs(Code::kInvalidArgument, "template_id: is required"));
  EXPECT_THAT(Update(id, CohortChanges{.weekday = 9}),
              StatusIs(Code::kInvalidArgument, "weekday: is required (Monday to Sunday)"));
  EXPECT_THAT(Update(id, CohortChanges{.time_zone = "Europe/Atlantis"}),
              StatusIs(Code::kInvalidArgument, "time_zone: is not a known IANA time zone (such as Europe/London)"));
  EXPECT_THAT(Update(id, CohortChanges{.template_id = elsewhere_template_}),
              StatusIs(Code::kNotFound, "template_id: no such programme template"));
  EXPECT_THAT(Update(0, CohortChanges{.name = "x"}), StatusIs(Code::kInvalidArgument, "cohort_id: is required"));
  EXPECT_THAT(Update(9999, CohortChanges{.name = "x"}), StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
  const CohortView v = View(id);
  EXPECT_EQ(v.record.template_id, builtin_template_);
  EXPECT_EQ(v.record.plan.weekday, 2);
  EXPECT_EQ(v.record.plan.time_zone, "Europe/London");
  EXPECT_THAT(AuditsOf("CohortService", "UpdateCohort"), IsEmpty());
}

TEST_F(CohortServiceTest, ARunningCohortKeepsItsPlanButCanBeRenamedResizedAndOpened) {
  const int64_t id = PlanTuesdayGroup();
  Start(id);
  const std::string tail = ": cannot change once the cohort is running; reschedule single sessions instead";
  EXPECT_THAT(Update(id, CohortChanges{.start_date = absl::CivilDay(2026, 10, 13)}),
              StatusIs(Code::kFailedPrecondition, "start_date" + tail));
  EXPECT_THAT(Update(id, CohortChanges{.weekday = 3}), StatusIs(Code::kFailedPrecondition, "weekday" + tail));
  EXPECT_THAT(Update(id, CohortChanges{.start_minute = 600}),
              StatusIs(Code::kFailedPrecondition, "local_start_time" + tail));
  EXPECT_THAT(Update(id, CohortChanges{.duration_minutes = 120}),
              StatusIs(Code::kFailedPrecondition, "duration_minutes" + tail));
  EXPECT_THAT(Update(id, CohortChanges{.time_zone = "Europe/Dublin"}),
              StatusIs(Code::kFailedPrecondition, "time_zone" + tail));
  EXPECT_THAT(Update(id, CohortChanges{.template_id = six_week_template_}),
              StatusIs(Code::kFailedPrecondition, "template_id" + tail));
  // A rename riding with a schedule change goes nowhere either.
  EXPECT_THAT(Update(id, CohortChanges{.name = "New name", .weekday = 3}),
              StatusIs(Code::kFailedPrecondition, "weekday" + tail));
  EXPECT_EQ(View(id).record.name, "Tuesday evening group");

  auto changed = Update(id, CohortChanges{.name = "Tuesday drop-in", .capacity = 10, .group_type = GroupType::kOpen});
  ASSERT_THAT(changed, IsOk());
  EXPECT_EQ(changed->cohort.record.name, "Tuesday drop-in");
  EXPECT_EQ(changed->cohort.record.capacity, 10);
  EXPECT_EQ(changed->cohort.record.group_type, GroupType::kOpen);
  for (const Session& s : Sessions(id)) EXPECT_EQ(s.sequence, 0);
  const auto audits = AuditsOf("CohortService", "UpdateCohort");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_id, std::to_string(id));
}

TEST_F(CohortServiceTest, CompletedAndCancelledCohortsRefuseEveryUpdate) {
  const int64_t completed = CohortIn(CohortStatus::kCompleted);
  const int64_t cancelled = CohortIn(CohortStatus::kCancelled);
  for (const auto& [id, message] : {std::pair{completed, "the cohort is completed and can no longer change"},
                                    std::pair{cancelled, "the cohort is cancelled and can no longer change"}}) {
    EXPECT_THAT(Update(id, CohortChanges{.name = "A fresh name"}), StatusIs(Code::kFailedPrecondition, message));
    EXPECT_THAT(Update(id, CohortChanges{.capacity = 10}), StatusIs(Code::kFailedPrecondition, message));
    EXPECT_THAT(Update(id, CohortChanges{.group_type = GroupType::kOpen}), StatusIs(Code::kFailedPrecondition, message));
    EXPECT_THAT(Update(id, CohortChanges{.start_minute = 540}), StatusIs(Code::kFailedPrecondition, message));
    EXPECT_EQ(View(id).record.name, "Tuesday evening group");
  }
}

TEST_F(CohortServiceTest, ANewTimeForAPlannedCohortMovesEachSessionInPlaceAndKeepsTheLocalHourAcrossTheClockChange) {
  const int64_t id = PlanTuesdayGroup();
  const std::vector<Session> before = Sessions(id);
  clock_.Advance(absl::Hours(1));
  auto moved = Update(id, CohortChanges{.start_minute = 19 * 60 + 30});
  ASSERT_THAT(moved, IsOk());
  EXPECT_EQ(moved->cohort.record.plan.start_minute, 19 * 60 + 30);
  const std::vector<Session> after = Sessions(id);
  ASSERT_THAT(after, SizeIs(8));
  for (int i = 0; i < 8; ++i) {
    // The same ids (the UIDs calendars imported) with a higher SEQUENCE.
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].sequence, 1);
    EXPECT_EQ(after[i].local_start, absl::CivilSecond(absl::CivilDay(2026, 10, 6) + 7 * i) + (19 * 60 + 30) * 60);
    EXPECT_EQ(after[i].updated_at, kStart + absl::Hours(1));
  }
  EXPECT_EQ(after[2].starts_at, Utc(2026, 10, 20, 18, 30));  // BST
  EXPECT_EQ(after[3].starts_at, Utc(2026, 10, 27, 19, 30));  // GMT
  EXPECT_EQ(moved->cohort.first_session_at, Utc(2026, 10, 6, 18, 30));
}

TEST_F(CohortServiceTest, APlanChangeThatLeavesASessionAsItWasDoesNotRaiseItsSequence) {
  const int64_t id = PlanTuesdayGroup();
  ASSERT_THAT(Update(id, CohortChanges{.start_minute = 18 * 60, .duration_minutes = 150}), IsOk());
  for (const Session& s : Sessions(id)) EXPECT_EQ(s.sequence, 0);
}

TEST_F(CohortServiceTest, ANewTimeZoneKeepsTheLocalHourSoTheInstantsFollowTheNewZonesClockChange) {
  const int64_t id = PlanTuesdayGroup();
  ASSERT_THAT(Update(id, CohortChanges{.time_zone = "America/New_York"}), IsOk());
  const std::vector<Session> s = Sessions(id);
  ASSERT_THAT(s, SizeIs(8));
  for (const Session& x : s) {
    EXPECT_EQ(x.time_zone, "America/New_York");
    EXPECT_EQ(x.local_start.hour(), 18);
  }
  EXPECT_EQ(s[0].starts_at, Utc(2026, 10, 6, 22, 0));   // EDT
  EXPECT_EQ(s[3].starts_at, Utc(2026, 10, 27, 22, 0));  // still EDT: London has changed, New York not yet
  EXPECT_EQ(s[4].starts_at, Utc(2026, 11, 3, 23, 0));   // EST from 1 November
}

TEST_F(CohortServiceTest, AShorterTemplateCancelsTheWeeksItDropsAndALongerOneAddsFreshSessions) {
  const int64_t id = PlanTuesdayGroup();
  const std::vector<Session> before = Sessions(id);
  auto six = Update(id, CohortChanges{.template_id = six_week_template_});
  ASSERT_THAT(six, IsOk());
  EXPECT_EQ(six->cohort.template_title, "Riverside 6-week CFT");
  EXPECT_EQ(six->cohort.week_count, 6);
  std::vector<Session> s = Sessions(id);
  ASSERT_THAT(s, SizeIs(8));
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(s[i].id, before[i].id);
    EXPECT_EQ(s[i].status, SessionStatus::kScheduled);
    EXPECT_EQ(s[i].sequence, 0);
  }
  for (int i = 6; i < 8; ++i) {
    EXPECT_EQ(s[i].id, before[i].id);
    EXPECT_EQ(s[i].status, SessionStatus::kCancelled);
    EXPECT_EQ(s[i].cancel_reason, "The programme changed.");
    EXPECT_EQ(s[i].sequence, 1);
  }

  // Back to eight weeks: the dropped sessions stay cancelled in imported
  // calendars and weeks 7 and 8 get sessions of their own.
  ASSERT_THAT(Update(id, CohortChanges{.template_id = builtin_template_}), IsOk());
  s = Sessions(id);
  ASSERT_THAT(s, SizeIs(10));
  int live = 0;
  for (const Session& x : s) {
    if (x.status == SessionStatus::kCancelled) continue;
    ++live;
    if (x.week_number > 6) {
      EXPECT_NE(x.id, before[x.week_number - 1].id);
      EXPECT_EQ(x.sequence, 0);
      EXPECT_EQ(x.starts_at, before[x.week_number - 1].starts_at);
    }
  }
  EXPECT_EQ(live, 8);
}

// As the rule stands: a planned cohort's plan is the whole truth, so any plan
// change brings back a week whose session was cancelled on its own.
TEST_F(CohortServiceTest, ChangingAPlannedCohortsTimeGivesASeparatelyCancelledWeekASessionAgain) {
  const int64_t id = PlanTuesdayGroup();
  const int64_t week3 = Sessions(id)[2].id;
  ASSERT_THAT(calendar_.CancelSession(As(lead_, "CalendarService", "CancelSession"), week3, "Half-term", false),
              IsOk());
  ASSERT_THAT(Update(id, CohortChanges{.start_minute = 17 * 60}), IsOk());
  const std::vector<Session> s = Sessions(id);
  ASSERT_THAT(s, SizeIs(9));
  int week3_live = 0;
  for (const Session& x : s) {
    if (x.week_number == 3 && x.status == SessionStatus::kScheduled) {
      ++week3_live;
      EXPECT_NE(x.id, week3);
      EXPECT_EQ(x.local_start, absl::CivilSecond(2026, 10, 20, 17, 0, 0));
    }
  }
  EXPECT_EQ(week3_live, 1);
}

// ---- status ----

TEST_F(CohortServiceTest, StatusMovesPlannedToRunningToCompletedOrCancelledAndNothingLeavesAClosedCohort) {
  const CohortStatus all[] = {CohortStatus::kPlanned, CohortStatus::kRunning, CohortStatus::kCompleted,
                              CohortStatus::kCancelled};
  auto allowed = [](CohortStatus from, CohortStatus to) {
    return (from == CohortStatus::kPlanned && (to == CohortStatus::kRunning || to == CohortStatus::kCancelled)) ||
           (from == CohortStatus::kRunning && (to == CohortStatus::kCompleted || to == CohortStatus::kCancelled));
  };
  int allowed_moves = 0;
  for (CohortStatus from : all) {
    for (CohortStatus to : all) {
      const int64_t id = CohortIn(from);
      auto result = Status(id, to, "Reason given.");
      if (from == to) {
        // Asking again is a no-op that answers with the cohort.
        ASSERT_THAT(result, IsOk()) << Name(from);
        EXPECT_EQ(result->record.status, from);
      } else if (allowed(from, to)) {
        ++allowed_moves;
        ASSERT_THAT(result, IsOk()) << Name(from) << " -> " << Name(to);
        EXPECT_EQ(result->record.status, to);
        EXPECT_EQ(View(id).record.status, to);
      } else {
        EXPECT_THAT(result, StatusIs(Code::kFailedPrecondition,
                                     absl::StrCat("status: a ", Name(from), " cohort cannot become ", Name(to))));
        EXPECT_EQ(View(id).record.status, from);
      }
    }
  }
  EXPECT_EQ(allowed_moves, 4);
}

TEST_F(CohortServiceTest, AStatusIsRequiredAndCancellingNeedsAReasonWhichIsKeptTrimmed) {
  const int64_t id = PlanTuesdayGroup();
  EXPECT_THAT(Status(id, std::nullopt), StatusIs(Code::kInvalidArgument, "status: is required"));
  EXPECT_THAT(Status(id, CohortStatus::kCancelled, ""), StatusIs(Code::kInvalidArgument, "reason: is required"));
  EXPECT_THAT(Status(id, CohortStatus::kCancelled, "   "), StatusIs(Code::kInvalidArgument, "reason: is required"));
  EXPECT_THAT(Status(id, CohortStatus::kCancelled, std::string(501, 'x')),
              StatusIs(Code::kInvalidArgument, "reason: must be at most 500 characters"));
  EXPECT_EQ(View(id).record.status, CohortStatus::kPlanned);
  auto cancelled = Status(id, CohortStatus::kCancelled, "  Too few referrals this term.  ");
  ASSERT_THAT(cancelled, IsOk());
  EXPECT_EQ(cancelled->record.cancel_reason, "Too few referrals this term.");
}

TEST_F(CohortServiceTest, ACohortNeedsAFacilitatorToStart) {
  const int64_t id = Plan(TuesdayEvenings(), admin_);
  EXPECT_THAT(Status(id, CohortStatus::kRunning, "", admin_),
              StatusIs(Code::kFailedPrecondition, "status: add a facilitator before starting the cohort"));
  EXPECT_EQ(View(id).record.status, CohortStatus::kPlanned);
  ASSERT_THAT(cohorts_.AddFacilitator(As(admin_, "CohortService", "AddFacilitator"), id, co_, std::nullopt), IsOk());
  EXPECT_THAT(Status(id, CohortStatus::kRunning, "", admin_), IsOk());
}

TEST_F(CohortServiceTest, CompletingEarlyCompletesWhoJoinedEndsUnusedInvitesAndCancelsOnlyTheSessionsAhead) {
  const int64_t id = PlanTuesdayGroup();
  Start(id);
  const int64_t robin = Enrol(id, "Robin Joined");
  const int64_t wren = Enrol(id, "Wren Withdrawn");
  ASSERT_THAT(enrolment_.WithdrawParticipant(As(lead_, "CohortService", "WithdrawParticipant"), wren, "Moved away."),
              IsOk());
  const int64_t ivy = Place(id, "Ivy Invited");
  const std::string ivy_code = Invite(ivy);
  // Weeks 1 to 3 (6, 13 and 20 October) are past; only week 1 has a register.
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  const std::vector<Session> planned = Sessions(id);
  Mark(planned[0].id, robin, AttendanceStatus::kPresent);
  const absl::Time ended = Utc(2026, 10, 21, 12, 0);
  clock_.Set(ended);

  auto done = Status(id, CohortStatus::kCompleted);
  ASSERT_THAT(done, IsOk());
  EXPECT_EQ(done->enrolled_count, 0);
  const std::vector<Session> s = Sessions(id);
  ASSERT_THAT(s, SizeIs(8));
  EXPECT_EQ(s[0].status, SessionStatus::kHeld);
  for (int i : {1, 2}) {
    // Past: left as they were, so a register kept on paper can still be entered.
    EXPECT_EQ(s[i].status, SessionStatus::kScheduled) << i;
    EXPECT_EQ(s[i].sequence, 0) << i;
  }
  for (int i = 3; i < 8; ++i) {
    EXPECT_EQ(s[i].status, SessionStatus::kCancelled) << i;
    EXPECT_EQ(s[i].cancel_reason, "The group ended early.") << i;
    EXPECT_EQ(s[i].sequence, 1) << i;
  }
  EXPECT_EQ(EnrolmentOf(robin).status, EnrolmentStatus::kCompleted);
  EXPECT_EQ(EnrolmentOf(robin).completed_at, ended);
  EXPECT_EQ(EnrolmentOf(wren).status, EnrolmentStatus::kWithdrawn);
  EXPECT_EQ(EnrolmentOf(wren).withdrawal_reason, "Moved away.");
  EXPECT_FALSE(EnrolmentOf(wren).completed_at.has_value());
  const Enrolment never_joined = EnrolmentOf(ivy);
  EXPECT_EQ(never_joined.status, EnrolmentStatus::kWithdrawn);
  EXPECT_EQ(never_joined.withdrawal_reason, "The group ended before the invite was used.");
  EXPECT_EQ(never_joined.withdrawn_at, ended);
  EXPECT_EQ(never_joined.invite_state, InviteState::kRevoked);
  EXPECT_THAT(Redeem(ivy_code), StatusIs(Code::kUnauthenticated));

  // A paper register for week 2 is entered afterwards.
  Mark(s[1].id, robin, AttendanceStatus::kAbsent);
  EXPECT_EQ(Sessions(id)[1].status, SessionStatus::kHeld);
}

TEST_F(CohortServiceTest, CancellingARunningCohortCancelsTheSessionsAheadAndEndsUnusedInvites) {
  const int64_t id = PlanTuesdayGroup();
  Start(id);
  const int64_t robin = Enrol(id, "Robin Joined");
  const int64_t ivy = Place(id, "Ivy Invited");
  clock_.Set(Utc(2026, 10, 14, 12, 0));
  auto cancelled = Status(id, CohortStatus::kCancelled, "The venue flooded.");
  ASSERT_THAT(cancelled, IsOk());
  EXPECT_EQ(cancelled->record.cancel_reason, "The venue flooded.");
  const std::vector<Session> s = Sessions(id);
  EXPECT_EQ(s[0].status, SessionStatus::kScheduled);
  EXPECT_EQ(s[1].status, SessionStatus::kScheduled);
  for (int i = 2; i < 8; ++i) {
    EXPECT_EQ(s[i].status, SessionStatus::kCancelled) << i;
    EXPECT_EQ(s[i].cancel_reason, "The group was cancelled.") << i;
  }
  EXPECT_EQ(EnrolmentOf(ivy).status, EnrolmentStatus::kWithdrawn);
  EXPECT_EQ(EnrolmentOf(ivy).withdrawal_reason, "The group was cancelled.");
  // Nobody completes a cancelled programme.
  EXPECT_NE(EnrolmentOf(robin).status, EnrolmentStatus::kCompleted);
  EXPECT_FALSE(EnrolmentOf(robin).completed_at.has_value());
  // Week 1 did take place; its register is entered afterwards.
  Mark(s[0].id, robin, AttendanceStatus::kPresent);
  EXPECT_EQ(Sessions(id)[0].status, SessionStatus::kHeld);
}

TEST_F(CohortServiceTest, CancellingAPlannedCohortCancelsEveryFutureSession) {
  const int64_t id = PlanTuesdayGroup();
  ASSERT_THAT(Status(id, CohortStatus::kCancelled, "Too few referrals."), IsOk());
  for (const Session& s : Sessions(id)) {
    EXPECT_EQ(s.status, SessionStatus::kCancelled);
    EXPECT_EQ(s.cancel_reason, "The group was cancelled.");
  }
  EXPECT_EQ(View(id).first_session_at, std::nullopt);
}

TEST_F(CohortServiceTest, EveryStatusChangeIsAuditedAndARefusedOneIsNot) {
  const int64_t id = PlanTuesdayGroup();
  Start(id);
  ASSERT_THAT(Status(id, CohortStatus::kRunning), IsOk());
  EXPECT_THAT(Status(id, CohortStatus::kPlanned), StatusIs(Code::kFailedPrecondition));
  EXPECT_FALSE(ctx_.audited);
  const auto audits = AuditsOf("CohortService", "SetCohortStatus");
  ASSERT_THAT(audits, SizeIs(2));
  for (const auto& a : audits) {
    EXPECT_EQ(a.target_type, "cohort");
    EXPECT_EQ(a.target_id, std::to_string(id));
    EXPECT_EQ(a.status_code, 0);
  }
}

// ---- facilitators ----

TEST_F(CohortServiceTest, OnlyActiveCliniciansOfTheOrganisationCanFacilitate) {
  const int64_t id = PlanTuesdayGroup();
  int64_t participant = 0;
  Start(id);
  Enrol(id, "Pat Participant", &participant);
  EXPECT_THAT(AddFacilitator(id, 0), StatusIs(Code::kInvalidArgument, "user_id: is required"));
  EXPECT_THAT(AddFacilitator(id, admin_),
              StatusIs(Code::kInvalidArgument, "user_id: only clinicians can facilitate a group"));
  EXPECT_THAT(AddFacilitator(id, participant),
              StatusIs(Code::kInvalidArgument, "user_id: only clinicians can facilitate a group"));
  EXPECT_THAT(AddFacilitator(id, other_clinician_), StatusIs(Code::kNotFound, "user_id: no such staff member"));
  EXPECT_THAT(AddFacilitator(id, 99999), StatusIs(Code::kNotFound, "user_id: no such staff member"));
  EXPECT_THAT(AddFacilitator(id, disabled_), StatusIs(Code::kFailedPrecondition, "user_id: the account is disabled"));
  EXPECT_THAT(Names(View(id).facilitators), ElementsAre("Dr Lena Lead (lead)"));
  EXPECT_THAT(AuditsOf("CohortService", "AddFacilitator"), IsEmpty());
}

TEST_F(CohortServiceTest, ASecondFacilitatorClearsTheStaffingWarningAndFacilitatorsListLeadFirstThenByName) {
  const int64_t id = PlanTuesdayGroup();
  auto added = AddFacilitator(id, co_);
  ASSERT_THAT(added, IsOk());
  EXPECT_THAT(added->warnings, IsEmpty());
  added = AddFacilitator(id, bystander_, FacilitatorRole::kCo);
  ASSERT_THAT(added, IsOk());
  EXPECT_THAT(Names(added->cohort.facilitators), ElementsAre("Dr Lena Lead (lead)", "Bea Bystander", "Colm Co"));
  const auto audits = AuditsOf("CohortService", "AddFacilitator");
  ASSERT_THAT(audits, SizeIs(2));
  EXPECT_EQ(audits[1].target_type, "cohort");
  EXPECT_EQ(audits[1].target_id, std::to_string(id));
}

TEST_F(CohortServiceTest, ANewLeadMakesTheOldLeadACoFacilitatorAndAddingAgainWithoutARoleKeepsTheRole) {
  const int64_t id = PlanTuesdayGroup();
  ASSERT_THAT(AddFacilitator(id, co_), IsOk());
  // The lead added again without a role stays lead.
  auto again = AddFacilitator(id, lead_);
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(Names(again->cohort.facilitators), ElementsAre("Dr Lena Lead (lead)", "Colm Co"));
  auto new_lead = AddFacilitator(id, co_, FacilitatorRole::kLead);
  ASSERT_THAT(new_lead, IsOk());
  EXPECT_THAT(Names(new_lead->cohort.facilitators), ElementsAre("Colm Co (lead)", "Dr Lena Lead"));
  EXPECT_THAT(new_lead->warnings, IsEmpty());
  // Still one lead only.
  int leads = 0;
  for (const auto& [key, f] : stores_.cohorts.state().facilitators) leads += f.role == FacilitatorRole::kLead;
  EXPECT_EQ(leads, 1);
}

TEST_F(CohortServiceTest, RemovingTheLeadNamesBothGaps) {
  const int64_t id = PlanTuesdayGroup();
  ASSERT_THAT(AddFacilitator(id, co_), IsOk());
  auto removed = RemoveFacilitator(id, lead_);
  ASSERT_THAT(removed, IsOk());
  EXPECT_THAT(Names(removed->cohort.facilitators), ElementsAre("Colm Co"));
  EXPECT_THAT(removed->warnings, ElementsAre(absl::StrCat("This cohort has 1 facilitator; ", kTwoFacilitators), kNoLead));
  // The one who removed themselves no longer reaches the cohort.
  EXPECT_THAT(cohorts_.GetCohort(As(lead_, "CohortService", "GetCohort"), id),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
}

TEST_F(CohortServiceTest, ARunningCohortKeepsItsLastFacilitatorAndAPlannedOneMayLoseIt) {
  const int64_t running = PlanTuesdayGroup();
  Start(running);
  EXPECT_THAT(RemoveFacilitator(running, lead_),
              StatusIs(Code::kFailedPrecondition, "user_id: a running cohort needs at least one facilitator"));
  EXPECT_THAT(RemoveFacilitator(running, co_),
              StatusIs(Code::kNotFound, "user_id: is not a facilitator of this cohort"));
  EXPECT_THAT(RemoveFacilitator(running, 0), StatusIs(Code::kInvalidArgument, "user_id: is required"));
  EXPECT_THAT(Names(View(running).facilitators), ElementsAre("Dr Lena Lead (lead)"));

  const int64_t planned = PlanTuesdayGroup();
  auto removed = RemoveFacilitator(planned, lead_);
  ASSERT_THAT(removed, IsOk());
  EXPECT_THAT(removed->cohort.facilitators, IsEmpty());
  EXPECT_THAT(removed->warnings, ElementsAre(absl::StrCat("This cohort has 0 facilitators; ", kTwoFacilitators)));
  EXPECT_THAT(AuditsOf("CohortService", "RemoveFacilitator"), SizeIs(1));
}

TEST_F(CohortServiceTest, ClosedCohortsKeepTheirFacilitators) {
  const int64_t id = CohortIn(CohortStatus::kCompleted);
  EXPECT_THAT(AddFacilitator(id, co_),
              StatusIs(Code::kFailedPrecondition, "the cohort is completed and can no longer change"));
  EXPECT_THAT(RemoveFacilitator(id, lead_),
              StatusIs(Code::kFailedPrecondition, "the cohort is completed and can no longer change"));
}

// ---- who reaches which cohort ----

TEST_F(CohortServiceTest, OnlyItsFacilitatorsAndTheOrganisationsAdminsReachACohort) {
  const int64_t id = PlanTuesdayGroup();
  EXPECT_THAT(cohorts_.GetCohort(As(lead_, "CohortService", "GetCohort"), id), IsOk());
  EXPECT_THAT(cohorts_.GetCohort(As(admin_, "CohortService", "GetCohort"), id), IsOk());
  EXPECT_THAT(cohorts_.GetCohort(As(bystander_, "CohortService", "GetCohort"), id),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  // Another organisation's cohort looks exactly like one that does not exist.
  EXPECT_THAT(cohorts_.GetCohort(As(other_admin_, "CohortService", "GetCohort"), id),
              StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
  EXPECT_THAT(cohorts_.GetCohort(As(other_admin_, "CohortService", "GetCohort"), 424242),
              StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
  int64_t participant = 0;
  Start(id);
  Enrol(id, "Pat Participant", &participant);
  EXPECT_THAT(cohorts_.GetCohort(As(participant, "CohortService", "GetCohort"), id),
              StatusIs(Code::kPermissionDenied, "participants cannot manage cohorts"));
  EXPECT_THAT(Update(id, CohortChanges{.name = "Mine now"}, bystander_),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_THAT(Status(id, CohortStatus::kCancelled, "No.", other_admin_),
              StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
  EXPECT_EQ(View(id).record.status, CohortStatus::kRunning);
}

TEST_F(CohortServiceTest, AdminsListTheirOrganisationsCohortsLatestStartFirstAndCliniciansOnlyThoseTheyFacilitate) {
  const int64_t early = PlanTuesdayGroup();
  NewCohort later = TuesdayEvenings("Thursday group");
  later.plan.start_date = absl::CivilDay(2026, 11, 5);
  later.plan.weekday = 4;
  const int64_t thursday = Plan(later, co_);
  const int64_t admins_own = Plan(TuesdayEvenings("Admin's group"), admin_);
  Plan(TuesdayEvenings("Elsewhere's group"), other_clinician_);
  Start(early);

  // Start date descending, then the newest first.
  EXPECT_THAT(Listed(admin_), ElementsAre(thursday, admins_own, early));
  EXPECT_THAT(Listed(lead_), ElementsAre(early));
  EXPECT_THAT(Listed(co_), ElementsAre(thursday));
  EXPECT_THAT(Listed(bystander_), IsEmpty());
  EXPECT_THAT(Listed(admin_, {CohortStatus::kPlanned}), ElementsAre(thursday, admins_own));
  EXPECT_THAT(Listed(admin_, {CohortStatus::kRunning, CohortStatus::kCompleted}), ElementsAre(early));
  EXPECT_THAT(Listed(other_admin_), SizeIs(1));
}

}  // namespace
}  // namespace cft::cohorts::unit
