// The fakes' own rules, the ones the MySQL repositories get from their SQL
// and schema: rollback, unique keys, foreign keys, derived columns and
// orderings. The service suites rely on them.
#include "tests/cohorts/fake_cohort_repositories.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/auth/fake_auth_repository.h"
#include "tests/programme/fake_template_repository.h"
#include "tests/support/fake_idempotency_repository.h"
#include "tests/support/fakes.h"
#include "tests/support/status_matchers.h"

namespace cft::testing {
namespace {

using cohorts::AttendanceRecord;
using cohorts::AttendanceStatus;
using cohorts::CohortFilter;
using cohorts::CohortRecord;
using cohorts::Enrolment;
using cohorts::EnrolmentStatus;
using cohorts::FacilitatorRole;
using cohorts::InviteState;
using cohorts::Referral;
using cohorts::ScreeningStatus;
using cohorts::Session;
using cohorts::SessionStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Code = absl::StatusCode;

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

class FakeCohortRepositoriesTest : public ::testing::Test {
 protected:
  FakeCohortRepositoriesTest() {
    tx_.Register(&users_);
    tx_.Register(&templates_);
    tx_.Register(&keys_);
    stores_.RegisterWith(tx_);
    org_ = *users_.InsertOrganisation(uow_, "Riverside", kNow);
    programme::ProgrammeTemplate t;
    t.summary.key = "t";
    t.summary.version = 1;
    t.summary.title = "Programme";
    t.summary.session_minutes = 120;
    t.weeks.push_back(programme::ProgrammeWeek{.number = 1, .title = "One"});
    template_ = *templates_.Insert(uow_, t, std::nullopt);
  }

  int64_t User(const std::string& name) {
    return *users_.InsertUser(uow_, auth::NewUser{.organisation_id = org_,
                                                  .email = name + "@riverside.example",
                                                  .display_name = name,
                                                  .role = Role::kClinician,
                                                  .created_at = kNow});
  }
  int64_t Cohort(absl::CivilDay start = absl::CivilDay(2026, 10, 6)) {
    CohortRecord c;
    c.organisation_id = org_;
    c.name = "Group";
    c.template_id = template_;
    c.plan = cohorts::CohortPlan{.start_date = start, .weekday = 2, .start_minute = 1080, .duration_minutes = 120,
                                 .time_zone = "Europe/London"};
    c.capacity = 12;
    return *stores_.cohorts.Insert(uow_, c);
  }
  int64_t ReferralFor(const std::string& name, absl::Time created = kNow) {
    Referral r;
    r.organisation_id = org_;
    r.name = name;
    r.contact_email = name + "@people.example";
    r.screening_status = ScreeningStatus::kSuitable;
    r.created_at = created;
    return *stores_.enrolments.InsertReferral(uow_, r);
  }
  absl::StatusOr<int64_t> Place(int64_t cohort, int64_t referral, EnrolmentStatus status = EnrolmentStatus::kInvited,
                                absl::Time allocated = kNow) {
    Enrolment e;
    e.cohort_id = cohort;
    e.referral_id = referral;
    e.status = status;
    e.allocated_at = allocated;
    return stores_.enrolments.InsertEnrolment(uow_, e);
  }
  static Session Week(int64_t cohort, int week, absl::Time starts, SessionStatus status = SessionStatus::kScheduled) {
    Session s;
    s.cohort_id = cohort;
    s.week_number = week;
    s.time_zone = "Europe/London";
    s.starts_at = starts;
    s.duration_minutes = 120;
    s.status = status;
    return s;
  }

  UnitOfWork uow_;
  FakeTransactionRunner tx_;
  FakeAuthRepository users_;
  FakeTemplateRepository templates_;
  FakeIdempotencyRepository keys_;
  FakeCohortStores stores_{users_, templates_};
  int64_t org_ = 0;
  int64_t template_ = 0;
};

TEST_F(FakeCohortRepositoriesTest, AFailedUnitOfWorkLeavesEveryTableAsItWas) {
  const int64_t kept = Cohort();
  const int64_t lead = User("lena");
  absl::Status s = tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    const int64_t c = Cohort();
    EXPECT_THAT(stores_.cohorts.PutFacilitator(uow, c, lead, FacilitatorRole::kLead, kNow), IsOk());
    const int64_t e = *Place(c, ReferralFor("Ada"));
    EXPECT_THAT(stores_.enrolments.InsertInvite(uow, e, "hash", kNow, lead, kNow + absl::Hours(1)), IsOk());
    EXPECT_THAT(stores_.sessions.SaveSessions(uow, {Week(c, 1, kNow)}, kNow), IsOk());
    const int64_t session = stores_.sessions.state().sessions.begin()->first;
    EXPECT_THAT(stores_.sessions.PutAttendance(uow, session, {{.enrolment_id = e}}, kNow, lead), IsOk());
    EXPECT_THAT(keys_.Insert(uow, lead, "m", "k", {.request_hash = "h", .target_id = c}, kNow), IsOk());
    stores_.cohorts.SetModuleRelease(org_, cohorts::ModuleRelease::kWhenSessionHeld);
    return absl::AbortedError("deadlock");
  });
  EXPECT_THAT(s, StatusIs(Code::kAborted));
  EXPECT_THAT(stores_.cohorts.state().cohorts, SizeIs(1));
  EXPECT_TRUE(stores_.cohorts.state().cohorts.count(kept));
  EXPECT_THAT(stores_.cohorts.state().facilitators, IsEmpty());
  EXPECT_THAT(stores_.cohorts.state().module_release, IsEmpty());
  EXPECT_THAT(stores_.enrolments.state().referrals, IsEmpty());
  EXPECT_THAT(stores_.enrolments.state().enrolments, IsEmpty());
  EXPECT_THAT(stores_.enrolments.state().invites, IsEmpty());
  EXPECT_THAT(stores_.sessions.state().sessions, IsEmpty());
  EXPECT_THAT(stores_.sessions.state().attendance, IsEmpty());
  EXPECT_THAT(keys_.rows(), IsEmpty());
  EXPECT_THAT(users_.state().users, SizeIs(1));

  EXPECT_THAT(tx_.Run([&](UnitOfWork&) { return Place(kept, ReferralFor("Ben")).status(); }), IsOk());
  EXPECT_THAT(stores_.enrolments.state().enrolments, SizeIs(1));
}

TEST_F(FakeCohortRepositoriesTest, AWeekHasOneLiveSessionAndUpdatesAreWrittenBeforeInserts) {
  const int64_t c = Cohort();
  ASSERT_THAT(stores_.sessions.SaveSessions(uow_, {Week(c, 1, kNow)}, kNow), IsOk());
  EXPECT_THAT(stores_.sessions.SaveSessions(uow_, {Week(c, 1, kNow + absl::Hours(168))}, kNow),
              StatusIs(Code::kAlreadyExists));
  // The failed statement left nothing behind.
  EXPECT_THAT(stores_.sessions.state().sessions, SizeIs(1));
  // Cancelling the old one and adding its replacement in one call works
  // whatever the order given: the upsert of existing rows runs first.
  Session old = stores_.sessions.state().sessions.begin()->second;
  old.status = SessionStatus::kCancelled;
  ASSERT_THAT(stores_.sessions.SaveSessions(uow_, {Week(c, 1, kNow + absl::Hours(168)), old}, kNow), IsOk());
  auto listed = stores_.sessions.ListSessions(uow_, c);
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(*listed, SizeIs(2));
  EXPECT_EQ((*listed)[0].status, SessionStatus::kCancelled);
  EXPECT_EQ((*listed)[1].status, SessionStatus::kScheduled);
  // Another cohort's week 1 is its own.
  EXPECT_THAT(stores_.sessions.SaveSessions(uow_, {Week(Cohort(), 1, kNow)}, kNow), IsOk());
  EXPECT_THAT(stores_.sessions.SaveSessions(uow_, {Week(999, 1, kNow)}, kNow), StatusIs(Code::kFailedPrecondition));
}

TEST_F(FakeCohortRepositoriesTest, UniqueAndForeignKeysRefuseAsTheSchemaDoes) {
  const int64_t c = Cohort();
  const int64_t r = ReferralFor("Ada");
  const int64_t e = *Place(c, r);
  EXPECT_THAT(Place(Cohort(), r), StatusIs(Code::kAlreadyExists));
  EXPECT_THAT(Place(c, 999), StatusIs(Code::kFailedPrecondition));
  EXPECT_THAT(Place(999, ReferralFor("Ben")), StatusIs(Code::kFailedPrecondition));
  ASSERT_THAT(stores_.enrolments.InsertInvite(uow_, e, "code", kNow, 1, kNow + absl::Hours(1)), IsOk());
  EXPECT_THAT(stores_.enrolments.InsertInvite(uow_, e, "code", kNow, 1, kNow + absl::Hours(1)),
              StatusIs(Code::kAlreadyExists));
  EXPECT_THAT(stores_.enrolments.InsertInvite(uow_, 999, "other", kNow, 1, kNow), StatusIs(Code::kFailedPrecondition));
  EXPECT_THAT(stores_.cohorts.PutFacilitator(uow_, c, 999, FacilitatorRole::kCo, kNow),
              StatusIs(Code::kFailedPrecondition));
  EXPECT_THAT(stores_.sessions.PutAttendance(uow_, 999, {{.enrolment_id = e}}, kNow, 1),
              StatusIs(Code::kFailedPrecondition));
  ASSERT_THAT(stores_.sessions.SaveSessions(uow_, {Week(c, 1, kNow)}, kNow), IsOk());
  const int64_t session = stores_.sessions.state().sessions.begin()->first;
  EXPECT_THAT(stores_.sessions.PutAttendance(uow_, session, {{.enrolment_id = e}, {.enrolment_id = 999}}, kNow, 1),
              StatusIs(Code::kFailedPrecondition));
  EXPECT_THAT(stores_.sessions.state().attendance, IsEmpty());
  EXPECT_THAT(keys_.Insert(uow_, 1, "m", "k", {}, kNow), IsOk());
  EXPECT_THAT(keys_.Insert(uow_, 1, "m", "k", {}, kNow), StatusIs(Code::kAlreadyExists));
  EXPECT_THAT(keys_.Insert(uow_, 2, "m", "k", {}, kNow), IsOk());
  CohortRecord too_big = stores_.cohorts.state().cohorts.at(c);
  too_big.capacity = 21;
  EXPECT_THAT(stores_.cohorts.Insert(uow_, too_big), StatusIs(Code::kFailedPrecondition));
}

TEST_F(FakeCohortRepositoriesTest, PlacesHeldAreTheInvitedAndActiveOnes) {
  const int64_t c = Cohort();
  ASSERT_THAT(Place(c, ReferralFor("A"), EnrolmentStatus::kInvited), IsOk());
  ASSERT_THAT(Place(c, ReferralFor("B"), EnrolmentStatus::kActive), IsOk());
  ASSERT_THAT(Place(c, ReferralFor("C"), EnrolmentStatus::kWithdrawn), IsOk());
  ASSERT_THAT(Place(c, ReferralFor("D"), EnrolmentStatus::kCompleted), IsOk());
  EXPECT_EQ(*stores_.enrolments.CountPlaces(uow_, c), 2);
  auto views = stores_.cohorts.LoadViews(uow_, CohortFilter{.organisation_id = org_});
  ASSERT_THAT(views, IsOk());
  EXPECT_EQ(views->front().enrolled_count, 2);
}

TEST_F(FakeCohortRepositoriesTest, AnEnrolmentsInviteStateIsItsLatestInvitesAsOfNow) {
  const int64_t e = *Place(Cohort(), ReferralFor("Ada"));
  auto state = [&](absl::Time now) { return (*stores_.enrolments.FindEnrolment(uow_, e, now, false))->invite_state; };
  EXPECT_EQ(state(kNow), InviteState::kNone);
  const int64_t first = *stores_.enrolments.InsertInvite(uow_, e, "one", kNow, 1, kNow + absl::Hours(1));
  EXPECT_EQ(state(kNow), InviteState::kPending);
  EXPECT_EQ(state(kNow + absl::Hours(1)), InviteState::kExpired);
  ASSERT_THAT(stores_.enrolments.RevokeOpenInvites(uow_, e, kNow), IsOk());
  EXPECT_EQ(state(kNow), InviteState::kRevoked);
  const int64_t second = *stores_.enrolments.InsertInvite(uow_, e, "two", kNow, 1, kNow + absl::Hours(2));
  EXPECT_EQ(state(kNow), InviteState::kPending);
  EXPECT_THAT(stores_.enrolments.MarkInviteRedeemed(uow_, second, kNow), IsOk());
  EXPECT_EQ(state(kNow + absl::Hours(5)), InviteState::kRedeemed);
  EXPECT_THAT(stores_.enrolments.MarkInviteRedeemed(uow_, second, kNow), StatusIs(Code::kAborted));
  // Revoking leaves redeemed invites alone.
  ASSERT_THAT(stores_.enrolments.RevokeOpenInvites(uow_, e, kNow), IsOk());
  EXPECT_FALSE(stores_.enrolments.state().invites.at(second).invite.revoked_at.has_value());
  EXPECT_TRUE(stores_.enrolments.state().invites.at(first).invite.revoked_at.has_value());
}

TEST_F(FakeCohortRepositoriesTest, ListsComeInTheDatabasesOrder) {
  const int64_t c = Cohort();
  const int64_t zed = *Place(c, ReferralFor("Zed", kNow));
  const int64_t amy = *Place(c, ReferralFor("amy", kNow + absl::Seconds(2)));
  const int64_t bob = *Place(c, ReferralFor("Bob", kNow + absl::Seconds(1)));
  auto people = stores_.enrolments.ListEnrolments(uow_, c, kNow);
  ASSERT_THAT(people, IsOk());
  std::vector<int64_t> ids;
  for (const Enrolment& e : *people) ids.push_back(e.id);
  EXPECT_THAT(ids, ElementsAre(amy, bob, zed));  // by name, whatever the case

  auto waitlist = stores_.enrolments.ListReferrals(uow_, org_, {}, true, std::nullopt);
  ASSERT_THAT(waitlist, IsOk());
  std::vector<std::string> names;
  for (const Referral& r : *waitlist) names.push_back(r.name);
  EXPECT_THAT(names, ElementsAre("Zed", "Bob", "amy"));  // oldest first
  EXPECT_THAT(*stores_.enrolments.ListReferrals(uow_, org_, {}, false, std::nullopt), IsEmpty());

  ASSERT_THAT(stores_.sessions.SaveSessions(uow_, {Week(c, 2, kNow + absl::Hours(2)), Week(c, 1, kNow)}, kNow), IsOk());
  auto sessions = stores_.sessions.ListSessions(uow_, c);
  ASSERT_THAT(sessions, IsOk());
  EXPECT_EQ((*sessions)[0].week_number, 1);
  EXPECT_EQ((*sessions)[1].week_number, 2);

  const int64_t cy = User("Cy"), al = User("al"), bo = User("Bo");
  ASSERT_THAT(stores_.cohorts.PutFacilitator(uow_, c, cy, FacilitatorRole::kLead, kNow), IsOk());
  ASSERT_THAT(stores_.cohorts.PutFacilitator(uow_, c, bo, FacilitatorRole::kCo, kNow), IsOk());
  ASSERT_THAT(stores_.cohorts.PutFacilitator(uow_, c, al, FacilitatorRole::kCo, kNow), IsOk());
  auto view = stores_.cohorts.LoadViews(uow_, CohortFilter{.organisation_id = org_, .cohort_id = c});
  ASSERT_THAT(view, IsOk());
  std::vector<std::string> staff;
  for (const auto& f : view->front().facilitators) staff.push_back(f.display_name);
  EXPECT_THAT(staff, ElementsAre("Cy", "al", "Bo"));  // the lead, then by name
}

TEST_F(FakeCohortRepositoriesTest, AReturningParticipantsCurrentPlaceComesBeforeTheirLatestPastOne) {
  const int64_t user = 77;
  auto give = [&](int64_t enrolment, EnrolmentStatus status) {
    Enrolment e = *(*stores_.enrolments.FindEnrolment(uow_, enrolment, kNow, false));
    e.user_id = user;
    e.status = status;
    ASSERT_THAT(stores_.enrolments.UpdateEnrolment(uow_, e), IsOk());
  };
  const int64_t current = *Place(Cohort(), ReferralFor("A"), EnrolmentStatus::kInvited, kNow);
  const int64_t later_past = *Place(Cohort(), ReferralFor("B"), EnrolmentStatus::kInvited, kNow + absl::Hours(1));
  give(current, EnrolmentStatus::kActive);
  give(later_past, EnrolmentStatus::kWithdrawn);
  auto place = *stores_.enrolments.FindPlaceByUser(uow_, user, kNow);
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->enrolment.id, current);
  EXPECT_EQ(place->cohort.id, stores_.enrolments.state().enrolments.at(current).cohort_id);
  EXPECT_TRUE(*stores_.enrolments.HasCurrentPlace(uow_, user));
  give(current, EnrolmentStatus::kCompleted);
  EXPECT_EQ((*stores_.enrolments.FindPlaceByUser(uow_, user, kNow))->enrolment.id, later_past);
  EXPECT_FALSE(*stores_.enrolments.HasCurrentPlace(uow_, user));
}

TEST_F(FakeCohortRepositoriesTest, AttendanceReplacesTheEarlierEntryAndIsCountedPerSession) {
  const int64_t c = Cohort();
  const int64_t e = *Place(c, ReferralFor("Ada"));
  ASSERT_THAT(stores_.sessions.SaveSessions(uow_, {Week(c, 1, kNow)}, kNow), IsOk());
  const int64_t s = stores_.sessions.state().sessions.begin()->first;
  ASSERT_THAT(stores_.sessions.PutAttendance(uow_, s, {{.enrolment_id = e, .status = AttendanceStatus::kLate}}, kNow, 1),
              IsOk());
  ASSERT_THAT(
      stores_.sessions.PutAttendance(uow_, s, {{.enrolment_id = e, .status = AttendanceStatus::kPresent}}, kNow, 2),
      IsOk());
  auto listed = stores_.sessions.ListSessions(uow_, c);
  EXPECT_EQ((*listed)[0].attendance.present, 1);
  EXPECT_EQ((*listed)[0].attendance.late, 0);
  // FindSession selects no counts.
  EXPECT_EQ((*stores_.sessions.FindSession(uow_, s))->attendance.present, 0);
  auto entries = stores_.sessions.ListAttendance(uow_, s);
  ASSERT_THAT(*entries, SizeIs(1));
  EXPECT_EQ((*entries)[0].participant_name, "Ada");
  EXPECT_THAT(*stores_.sessions.AttendanceOf(uow_, e), ElementsAre(std::pair{s, AttendanceStatus::kPresent}));
}

}  // namespace
}  // namespace cft::testing
