// EnrolmentService's rules over in-memory fakes: the waitlist and screening,
// allocation against capacity and a closed group's start, late joiners,
// one-time invites, redemption (new and returning accounts), withdrawal,
// the participant list, idempotent referrals and the audit trail.
#include "services/cohorts/enrolment_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "tests/cohorts/cohort_unit_fixture.h"

namespace cft::cohorts::unit {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Code = absl::StatusCode;

constexpr char kBadInvite[] =
    "this invite code is not valid: it may have expired or been used already; ask your facilitator for a new one";

class EnrolmentServiceTest : public CohortUnitTest {
 protected:
  absl::StatusOr<Referral> AddReferral(NewReferral r, int64_t by = 0) {
    return enrolment_.AddReferral(As(by == 0 ? lead_ : by, "CohortService", "AddReferral"), std::move(r));
  }
  absl::StatusOr<Referral> Screen(int64_t referral_id, std::optional<ScreeningStatus> status,
                                  const std::string& note = "", int64_t by = 0) {
    return enrolment_.ScreenReferral(As(by == 0 ? lead_ : by, "CohortService", "ScreenReferral"), referral_id, status,
                                     note);
  }
  absl::StatusOr<Enrolment> Allocate(int64_t referral_id, int64_t cohort_id, bool override_closed_group = false,
                                     int64_t by = 0) {
    return enrolment_.AllocateToCohort(As(by == 0 ? lead_ : by, "CohortService", "AllocateToCohort"), referral_id,
                                       cohort_id, override_closed_group);
  }
  absl::StatusOr<Enrolment> Withdraw(int64_t enrolment_id, const std::string& reason, int64_t by = 0) {
    return enrolment_.WithdrawParticipant(As(by == 0 ? lead_ : by, "CohortService", "WithdrawParticipant"),
                                          enrolment_id, reason);
  }
  std::vector<std::string> Waitlist(int64_t user_id, bool include_allocated,
                                    const std::vector<ScreeningStatus>& statuses = {}) {
    auto list = enrolment_.ListWaitlist(As(user_id, "CohortService", "ListWaitlist"), statuses, include_allocated);
    EXPECT_THAT(list, IsOk());
    std::vector<std::string> names;
    if (list.ok()) {
      for (const Referral& r : *list) names.push_back(r.name);
    }
    return names;
  }
  int Places(int64_t cohort_id) {
    UnitOfWork uow;
    return *stores_.enrolments.CountPlaces(uow, cohort_id);
  }
};

// ---- referrals and the waitlist ----

TEST_F(EnrolmentServiceTest, AReferralIsValidatedNamingTheFieldAndARefusalWritesNothing) {
  const int64_t theirs = Plan(TuesdayEvenings(), other_clinician_);
  struct Case {
    NewReferral r;
    Code code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{.name = " ", .contact_email = "a@people.example"}, Code::kInvalidArgument, "name: is required"},
      {{.name = "Al", .contact_email = ""}, Code::kInvalidArgument, "contact_email: is required"},
      {{.name = "Al", .contact_email = "not-an-address"}, Code::kInvalidArgument,
       "contact_email: must be an e-mail address such as name@example.org"},
      {{.name = "Al", .contact_email = "a@people.example", .source = std::string(201, 's')}, Code::kInvalidArgument,
       "source: must be at most 200 characters"},
      {{.name = "Al", .contact_email = "a@people.example", .screening_status = ScreeningStatus::kUnsuitable},
       Code::kInvalidArgument, "screening_note: is required"},
      {{.name = "Al", .contact_email = "a@people.example", .preferred_cohort_id = -1}, Code::kInvalidArgument,
       "preferred_cohort_id: must not be negative"},
      {{.name = "Al", .contact_email = "a@people.example", .preferred_cohort_id = theirs}, Code::kNotFound,
       "preferred_cohort_id: no such cohort"},
  };
  for (const Case& c : cases) EXPECT_THAT(AddReferral(c.r), StatusIs(c.code, c.message)) << c.message;
  EXPECT_THAT(stores_.enrolments.state().referrals, IsEmpty());
  EXPECT_THAT(AuditsOf("CohortService", "AddReferral"), IsEmpty());
}

TEST_F(EnrolmentServiceTest, AReferralIsStoredTrimmedWithALowerCaseAddressAndIsAudited) {
  const int64_t cohort = PlanTuesdayGroup();
  // A preference, not access: a clinician who does not facilitate the cohort may name it.
  auto r = AddReferral({.name = "  Sam Smith ",
                        .contact_email = " Sam.Smith@People.Example ",
                        .source = " GP referral ",
                        .preferred_cohort_id = cohort},
                       bystander_);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->name, "Sam Smith");
  EXPECT_EQ(r->contact_email, "sam.smith@people.example");
  EXPECT_EQ(r->source, "GP referral");
  EXPECT_EQ(r->screening_status, ScreeningStatus::kPending);
  EXPECT_FALSE(r->screened_at.has_value());
  EXPECT_EQ(r->preferred_cohort_id, cohort);
  EXPECT_FALSE(r->allocated_cohort_id.has_value());
  EXPECT_EQ(r->organisation_id, org_);
  EXPECT_EQ(r->created_by, bystander_);

  auto screened = AddReferral(
      {.name = "Uma", .contact_email = "uma@people.example", .screening_status = ScreeningStatus::kSuitable});
  ASSERT_THAT(screened, IsOk());
  EXPECT_EQ(screened->screened_at, kStart);
  const auto audits = AuditsOf("CohortService", "AddReferral");
  ASSERT_THAT(audits, SizeIs(2));
  EXPECT_EQ(audits[0].target_type, "referral");
  EXPECT_EQ(audits[0].target_id, std::to_string(r->id));
}

TEST_F(EnrolmentServiceTest, ARetriedReferralWithTheSameKeyReturnsTheFirstAndADifferentRequestIsRefused) {
  NewReferral r{.name = "Kim Key", .contact_email = "kim@people.example", .idempotency_key = "ref-1",
                .request_hash = "h1"};
  auto first = AddReferral(r);
  ASSERT_THAT(first, IsOk());
  clock_.Advance(absl::Minutes(1));
  auto again = AddReferral(r);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->created_at, kStart);
  r.name = "Kim Other";
  r.request_hash = "h2";
  EXPECT_THAT(AddReferral(r),
              StatusIs(Code::kInvalidArgument, "idempotency_key: was already used for a different request"));
  EXPECT_THAT(stores_.enrolments.state().referrals, SizeIs(1));
  EXPECT_THAT(AuditsOf("CohortService", "AddReferral"), SizeIs(2));
}

TEST_F(EnrolmentServiceTest, TheWaitlistIsOldestFirstAndShowsPlacedPeopleOnlyToTheirCohortsFacilitators) {
  const int64_t cohort = PlanTuesdayGroup();
  ASSERT_THAT(AddReferral({.name = "Pam Pending", .contact_email = "pam@people.example"}), IsOk());
  clock_.Advance(absl::Minutes(1));
  const int64_t placed = SuitableReferral("Sue Placed");
  clock_.Advance(absl::Minutes(1));
  SuitableReferral("Una Waiting");
  ASSERT_THAT(Allocate(placed, cohort), IsOk());

  EXPECT_THAT(Waitlist(lead_, false), ElementsAre("Pam Pending", "Una Waiting"));
  EXPECT_THAT(Waitlist(lead_, true), ElementsAre("Pam Pending", "Sue Placed", "Una Waiting"));
  EXPECT_THAT(Waitlist(admin_, true), ElementsAre("Pam Pending", "Sue Placed", "Una Waiting"));
  // Once placed, a person's record belongs to that cohort's facilitators.
  EXPECT_THAT(Waitlist(bystander_, true), ElementsAre("Pam Pending", "Una Waiting"));
  EXPECT_THAT(Waitlist(lead_, true, {ScreeningStatus::kPending}), ElementsAre("Pam Pending"));
  EXPECT_THAT(Waitlist(lead_, false, {ScreeningStatus::kSuitable, ScreeningStatus::kUnsuitable}),
              ElementsAre("Una Waiting"));
  EXPECT_THAT(Waitlist(other_admin_, true), IsEmpty());
  const auto audits = AuditsOf("CohortService", "ListWaitlist");
  ASSERT_THAT(audits, SizeIs(7));
  EXPECT_EQ(audits[0].target_type, "waitlist");
  EXPECT_EQ(audits[0].target_id, std::to_string(org_));
}

TEST_F(EnrolmentServiceTest, ScreeningNeedsANoteToFindSomeoneUnsuitable) {
  auto r = AddReferral({.name = "Pam Pending", .contact_email = "pam@people.example"});
  ASSERT_THAT(r, IsOk());
  EXPECT_THAT(Screen(0, ScreeningStatus::kSuitable), StatusIs(Code::kInvalidArgument, "referral_id: is required"));
  EXPECT_THAT(Screen(r->id, std::nullopt), StatusIs(Code::kInvalidArgument, "screening_status: is required"));
  EXPECT_THAT(Screen(r->id, ScreeningStatus::kUnsuitable, "  "),
              StatusIs(Code::kInvalidArgument, "screening_note: is required"));
  EXPECT_THAT(Screen(9999, ScreeningStatus::kSuitable), StatusIs(Code::kNotFound, "referral_id: no such referral"));
  EXPECT_THAT(Screen(r->id, ScreeningStatus::kSuitable, "", other_admin_),
              StatusIs(Code::kNotFound, "referral_id: no such referral"));
  clock_.Advance(absl::Hours(1));
  auto unsuitable = Screen(r->id, ScreeningStatus::kUnsuitable, " Needs individual work first. ");
  ASSERT_THAT(unsuitable, IsOk());
  EXPECT_EQ(unsuitable->screening_status, ScreeningStatus::kUnsuitable);
  EXPECT_EQ(unsuitable->screening_note, "Needs individual work first.");
  EXPECT_EQ(unsuitable->screened_at, kStart + absl::Hours(1));
  EXPECT_EQ(stores_.enrolments.state().referrals.at(r->id).screened_by, lead_);
  EXPECT_THAT(AuditsOf("CohortService", "ScreenReferral"), SizeIs(1));
}

TEST_F(EnrolmentServiceTest, SomeoneHoldingAPlaceStaysSuitableAndOnlyTheirFacilitatorsScreenThem) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t referral = SuitableReferral("Sue Placed");
  ASSERT_THAT(Allocate(referral, cohort), IsOk());
  EXPECT_THAT(Screen(referral, ScreeningStatus::kUnsuitable, "Changed our mind."),
              StatusIs(Code::kFailedPrecondition,
                       "screening_status: this person holds a place; withdraw them from the cohort first"));
  EXPECT_THAT(Screen(referral, ScreeningStatus::kPending),
              StatusIs(Code::kFailedPrecondition,
                       "screening_status: this person holds a place; withdraw them from the cohort first"));
  EXPECT_THAT(Screen(referral, ScreeningStatus::kSuitable, "", bystander_),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_THAT(Screen(referral, ScreeningStatus::kSuitable, "Confirmed at interview."), IsOk());
  EXPECT_EQ(stores_.enrolments.state().referrals.at(referral).referral.screening_status, ScreeningStatus::kSuitable);
}

// As the rule stands: a referral that ever had a place stays suitable, so
// after a withdrawal the refusal still asks for the withdrawal just made.
TEST_F(EnrolmentServiceTest, AfterAWithdrawalTheReferralStillCannotBeScreenedUnsuitable) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t referral = SuitableReferral("Wren Withdrawn");
  auto placed = Allocate(referral, cohort);
  ASSERT_THAT(placed, IsOk());
  ASSERT_THAT(Withdraw(placed->id, "Not ready for a group."), IsOk());
  EXPECT_THAT(Screen(referral, ScreeningStatus::kUnsuitable, "Not ready for a group."),
              StatusIs(Code::kFailedPrecondition,
                       "screening_status: this person holds a place; withdraw them from the cohort first"));
}

// ---- allocation ----

TEST_F(EnrolmentServiceTest, OnlySomeoneScreenedSuitableIsGivenAPlace) {
  const int64_t cohort = PlanTuesdayGroup();
  auto pending = AddReferral({.name = "Pam Pending", .contact_email = "pam@people.example"});
  auto unsuitable = AddReferral({.name = "Ula", .contact_email = "ula@people.example",
                                 .screening_status = ScreeningStatus::kUnsuitable, .screening_note = "Not now."});
  for (int64_t id : {pending->id, unsuitable->id}) {
    EXPECT_THAT(Allocate(id, cohort),
                StatusIs(Code::kFailedPrecondition, "referral_id: screening must find the person suitable first"));
  }
  EXPECT_THAT(Allocate(0, cohort), StatusIs(Code::kInvalidArgument, "referral_id: is required"));
  EXPECT_THAT(Allocate(pending->id, 0), StatusIs(Code::kInvalidArgument, "cohort_id: is required"));
  EXPECT_THAT(Allocate(9999, cohort), StatusIs(Code::kNotFound, "referral_id: no such referral"));
  EXPECT_THAT(stores_.enrolments.state().enrolments, IsEmpty());
  EXPECT_THAT(AuditsOf("CohortService", "AllocateToCohort"), IsEmpty());
}

TEST_F(EnrolmentServiceTest, ThePlaceIsInvitedUntilTheInviteIsRedeemedAndIsAudited) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t referral = SuitableReferral("Ada Place", "ada@people.example");
  auto placed = Allocate(referral, cohort);
  ASSERT_THAT(placed, IsOk());
  EXPECT_EQ(placed->status, EnrolmentStatus::kInvited);
  EXPECT_EQ(placed->cohort_id, cohort);
  EXPECT_EQ(placed->name, "Ada Place");
  EXPECT_EQ(placed->contact_email, "ada@people.example");
  EXPECT_EQ(placed->allocated_at, kStart);
  EXPECT_EQ(placed->allocated_by, lead_);
  EXPECT_EQ(placed->invite_state, InviteState::kNone);
  EXPECT_FALSE(placed->late_joiner);
  EXPECT_FALSE(placed->closed_group_override);
  EXPECT_FALSE(placed->user_id.has_value());
  EXPECT_EQ(View(cohort).enrolled_count, 1);
  const auto audits = AuditsOf("CohortService", "AllocateToCohort");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "enrolment");
  EXPECT_EQ(audits[0].target_id, std::to_string(placed->id));
}

TEST_F(EnrolmentServiceTest, TheLastPlaceCanBeTakenAndThenTheCohortIsFullUntilSomeoneLeaves) {
  const int64_t cohort = PlanTuesdayGroup(2);
  Place(cohort, "One");
  const int64_t last = Place(cohort, "Two");
  ASSERT_NE(last, 0);
  const int64_t third = SuitableReferral("Three");
  EXPECT_THAT(Allocate(third, cohort),
              StatusIs(Code::kFailedPrecondition, "cohort_id: the cohort is full (2 of 2 places taken)"));
  EXPECT_EQ(Places(cohort), 2);
  EXPECT_THAT(stores_.enrolments.state().enrolments, SizeIs(2));
  EXPECT_THAT(AuditsOf("CohortService", "AllocateToCohort"), SizeIs(2));
  ASSERT_THAT(Withdraw(last, "Found work on Tuesdays."), IsOk());
  EXPECT_THAT(Allocate(third, cohort), IsOk());
  EXPECT_EQ(Places(cohort), 2);
}

TEST_F(EnrolmentServiceTest, ARetriedAllocationAnswersWithThePlaceItTookEvenWhenTheCohortIsNowFull) {
  const int64_t cohort = PlanTuesdayGroup(1);
  const int64_t referral = SuitableReferral("Only One");
  auto first = Allocate(referral, cohort);
  ASSERT_THAT(first, IsOk());
  auto retried = Allocate(referral, cohort);
  ASSERT_THAT(retried, IsOk());
  EXPECT_EQ(retried->id, first->id);
  EXPECT_THAT(stores_.enrolments.state().enrolments, SizeIs(1));
  EXPECT_THAT(AuditsOf("CohortService", "AllocateToCohort"), SizeIs(2));
}

TEST_F(EnrolmentServiceTest, AReferralThatHadAPlaceIsNotPlacedAgain) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t other = PlanTuesdayGroup();
  const int64_t referral = SuitableReferral("Wren Withdrawn");
  auto placed = Allocate(referral, cohort);
  ASSERT_THAT(placed, IsOk());
  // Another cohort while the place is held, or any cohort once it is given up.
  EXPECT_THAT(Allocate(referral, other),
              StatusIs(Code::kFailedPrecondition,
                       "referral_id: this referral already had a place; refer the person again to offer another"));
  ASSERT_THAT(Withdraw(placed->id, "Moved away."), IsOk());
  for (int64_t c : {cohort, other}) {
    EXPECT_THAT(Allocate(referral, c),
                StatusIs(Code::kFailedPrecondition,
                         "referral_id: this referral already had a place; refer the person again to offer another"));
  }
}

TEST_F(EnrolmentServiceTest, AClosedGroupRefusesNewMembersFromTheStartOfItsFirstSessionUnlessOverridden) {
  const int64_t cohort = PlanTuesdayGroup();
  Start(cohort);
  clock_.Set(Utc(2026, 10, 6, 17, 0) - absl::Seconds(1));
  auto on_time = Allocate(SuitableReferral("Just In Time"), cohort);
  ASSERT_THAT(on_time, IsOk());
  EXPECT_FALSE(on_time->late_joiner);

  clock_.Set(Utc(2026, 10, 6, 17, 0));
  const int64_t late = SuitableReferral("Late Comer");
  EXPECT_THAT(Allocate(late, cohort),
              StatusIs(Code::kFailedPrecondition,
                       "cohort_id: this closed group has started; a facilitator can override to add a late joiner"));
  EXPECT_EQ(Places(cohort), 1);
  auto overridden = Allocate(late, cohort, true);
  ASSERT_THAT(overridden, IsOk());
  EXPECT_TRUE(overridden->late_joiner);
  EXPECT_TRUE(overridden->closed_group_override);
  EXPECT_TRUE(EnrolmentOf(overridden->id).closed_group_override);
}

TEST_F(EnrolmentServiceTest, AnOpenGroupTakesLateJoinersWithoutAnOverride) {
  const int64_t cohort = PlanTuesdayGroup(0, GroupType::kOpen);
  Start(cohort);
  clock_.Set(Utc(2026, 10, 20, 12, 0));
  auto joined = Allocate(SuitableReferral("Olly Open"), cohort);
  ASSERT_THAT(joined, IsOk());
  EXPECT_TRUE(joined->late_joiner);
  EXPECT_FALSE(joined->closed_group_override);
}

TEST_F(EnrolmentServiceTest, AnOverrideBeforeTheGroupStartsIsNotRecordedAsOne) {
  const int64_t cohort = PlanTuesdayGroup();
  auto placed = Allocate(SuitableReferral("Early Bird"), cohort, true);
  ASSERT_THAT(placed, IsOk());
  EXPECT_FALSE(placed->late_joiner);
  EXPECT_FALSE(placed->closed_group_override);
}

TEST_F(EnrolmentServiceTest, ACancelledFirstSessionDoesNotStartAClosedGroup) {
  const int64_t cohort = PlanTuesdayGroup();
  Start(cohort);
  ASSERT_THAT(calendar_.CancelSession(As(lead_, "CalendarService", "CancelSession"), Sessions(cohort)[0].id,
                                      "Room flooded", false),
              IsOk());
  clock_.Set(Utc(2026, 10, 6, 17, 30));
  auto placed = Allocate(SuitableReferral("Not Late"), cohort);
  ASSERT_THAT(placed, IsOk());
  EXPECT_FALSE(placed->late_joiner);
  clock_.Set(Utc(2026, 10, 13, 17, 0));
  EXPECT_THAT(Allocate(SuitableReferral("Now Late"), cohort),
              StatusIs(Code::kFailedPrecondition, HasSubstr("this closed group has started")));
}

TEST_F(EnrolmentServiceTest, NoPlacesAreGivenInCompletedOrCancelledCohorts) {
  const int64_t cancelled = PlanTuesdayGroup();
  SetStatus(cancelled, CohortStatus::kCancelled, "Venue closed.");
  const int64_t completed = PlanTuesdayGroup();
  Start(completed);
  SetStatus(completed, CohortStatus::kCompleted);
  const int64_t referral = SuitableReferral("Too Late");
  EXPECT_THAT(Allocate(referral, cancelled), StatusIs(Code::kFailedPrecondition, "cohort_id: the cohort is cancelled"));
  EXPECT_THAT(Allocate(referral, completed), StatusIs(Code::kFailedPrecondition, "cohort_id: the cohort is completed"));
}

TEST_F(EnrolmentServiceTest, OnlyTheCohortsFacilitatorsAndAdminsAllocateAndOtherOrganisationsSeeNothing) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t referral = SuitableReferral("Ada Place");
  EXPECT_THAT(Allocate(referral, cohort, false, bystander_),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_THAT(Allocate(referral, cohort, false, other_admin_), StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
  // Elsewhere's own cohort cannot take Riverside's referral.
  const int64_t theirs = Plan(TuesdayEvenings(), other_clinician_);
  EXPECT_THAT(Allocate(referral, theirs, false, other_clinician_),
              StatusIs(Code::kNotFound, "referral_id: no such referral"));
  EXPECT_THAT(Allocate(referral, cohort, false, admin_), IsOk());
}

// ---- invites ----

TEST_F(EnrolmentServiceTest, AnInviteCodeIsShownOnceStoredOnlyAsAHashAndLastsFourteenDays) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t e = Place(cohort, "Ada Place");
  auto invite = enrolment_.CreateInvite(As(lead_, "CohortService", "CreateInvite"), e);
  ASSERT_THAT(invite, IsOk());
  ASSERT_EQ(invite->code.size(), 14u);
  for (size_t i = 0; i < invite->code.size(); ++i) {
    if (i == 4 || i == 9) {
      EXPECT_EQ(invite->code[i], '-');
    } else {
      EXPECT_NE(kCodeAlphabet.find(invite->code[i]), absl::string_view::npos) << invite->code;
    }
  }
  EXPECT_EQ(invite->expires_at, kStart + absl::Hours(24 * 14));
  EXPECT_EQ(invite->participant.invite_state, InviteState::kPending);
  const auto& stored = stores_.enrolments.state().invites;
  ASSERT_THAT(stored, SizeIs(1));
  const auto& row = stored.begin()->second;
  EXPECT_EQ(row.code_hash, HexEncode(Sha256("invite:" + NormalizeInviteCode(invite->code))));
  EXPECT_EQ(row.code_hash.find(NormalizeInviteCode(invite->code)), std::string::npos);
  EXPECT_EQ(row.created_by, lead_);
  EXPECT_EQ(EnrolmentOf(e).invite_state, InviteState::kPending);
  const auto audits = AuditsOf("CohortService", "CreateInvite");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "enrolment");
  EXPECT_EQ(audits[0].target_id, std::to_string(e));
}

TEST_F(EnrolmentServiceTest, RedeemingAnInviteCreatesTheParticipantsAccountSignsThemInAndWorksOnce) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t e = Place(cohort, "Ada Place");
  const std::string code = Invite(e);
  clock_.Advance(absl::Hours(3));
  auto joined = Redeem(code);
  ASSERT_THAT(joined, IsOk());
  EXPECT_FALSE(joined->token.empty());
  EXPECT_EQ(joined->account.role, Role::kParticipant);
  EXPECT_EQ(joined->account.organisation_id, org_);
  EXPECT_EQ(joined->account.display_name, "Ada Place");
  EXPECT_TRUE(joined->account.active);
  EXPECT_FALSE(joined->account.password_change_required);
  EXPECT_THAT(auth_.Authenticate(joined->token), IsOk());
  EXPECT_TRUE(hasher_.Verify(auth_repo_.state().users.at(joined->account.id).password_hash,
                             "a participant's own passphrase"));

  const Enrolment now_active = EnrolmentOf(e);
  EXPECT_EQ(now_active.status, EnrolmentStatus::kActive);
  EXPECT_EQ(now_active.user_id, joined->account.id);
  EXPECT_EQ(now_active.joined_at, kStart + absl::Hours(3));
  EXPECT_EQ(now_active.invite_state, InviteState::kRedeemed);
  EXPECT_EQ(Places(cohort), 1);
  const auto audits = AuditsOf("AuthService", "RedeemInvite");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "enrolment");
  EXPECT_EQ(audits[0].target_id, std::to_string(e));
  EXPECT_EQ(audits[0].actor_user_id, joined->account.id);
  EXPECT_EQ(audits[0].actor_role, "participant");

  EXPECT_THAT(Redeem(code), StatusIs(Code::kUnauthenticated, kBadInvite));
  EXPECT_THAT(enrolment_.CreateInvite(As(lead_, "CohortService", "CreateInvite"), e),
              StatusIs(Code::kFailedPrecondition, "enrolment_id: the participant has already joined"));
}

TEST_F(EnrolmentServiceTest, ACodeIsReadWithoutItsDashesSpacesOrCase) {
  const int64_t e = Place(PlanTuesdayGroup(), "Ada Place");
  std::string code = Invite(e);
  std::string typed;
  for (char c : code) {
    if (c != '-') typed += static_cast<char>(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  typed.insert(6, " ");
  EXPECT_THAT(Redeem(typed), IsOk());
  EXPECT_EQ(EnrolmentOf(e).status, EnrolmentStatus::kActive);
}

TEST_F(EnrolmentServiceTest, AnInviteExpiresAfterFourteenDaysAndEachNewOneReplacesTheLast) {
  const int64_t e = Place(PlanTuesdayGroup(), "Ada Place");
  const std::string first = Invite(e);
  clock_.Advance(kInviteLifetime);
  EXPECT_EQ(EnrolmentOf(e).invite_state, InviteState::kExpired);
  EXPECT_THAT(Redeem(first), StatusIs(Code::kUnauthenticated, kBadInvite));
  const std::string second = Invite(e);
  const std::string third = Invite(e);
  EXPECT_THAT(Redeem(second), StatusIs(Code::kUnauthenticated, kBadInvite));
  auto revoked = enrolment_.RevokeInvite(As(lead_, "CohortService", "RevokeInvite"), e);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ(revoked->invite_state, InviteState::kRevoked);
  EXPECT_THAT(Redeem(third), StatusIs(Code::kUnauthenticated, kBadInvite));
  EXPECT_EQ(EnrolmentOf(e).status, EnrolmentStatus::kInvited);
  const std::string fourth = Invite(e);
  EXPECT_THAT(Redeem(fourth), IsOk());
}

TEST_F(EnrolmentServiceTest, InvitesAreOnlyForPlacesStillWaitingInLiveCohorts) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t e = Place(cohort, "Wren Withdrawn");
  ASSERT_THAT(Withdraw(e, "Moved away."), IsOk());
  EXPECT_THAT(enrolment_.CreateInvite(As(lead_, "CohortService", "CreateInvite"), e),
              StatusIs(Code::kFailedPrecondition, "enrolment_id: the participant no longer holds a place"));
  EXPECT_THAT(enrolment_.CreateInvite(As(lead_, "CohortService", "CreateInvite"), 0),
              StatusIs(Code::kInvalidArgument, "enrolment_id: is required"));
  EXPECT_THAT(enrolment_.CreateInvite(As(lead_, "CohortService", "CreateInvite"), 9999),
              StatusIs(Code::kNotFound, "enrolment_id: no such participant"));
  EXPECT_THAT(enrolment_.CreateInvite(As(bystander_, "CohortService", "CreateInvite"), e),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  // Another organisation's participant looks exactly like a missing one.
  EXPECT_THAT(enrolment_.CreateInvite(As(other_admin_, "CohortService", "CreateInvite"), e),
              StatusIs(Code::kNotFound, "enrolment_id: no such participant"));
  EXPECT_THAT(stores_.enrolments.state().invites, IsEmpty());
}

TEST_F(EnrolmentServiceTest, RedeemingChecksTheCodeAndPasswordBeforeCountingAGuess) {
  EXPECT_THAT(Redeem(""), StatusIs(Code::kInvalidArgument, "code: is required"));
  EXPECT_THAT(Redeem(" - - "), StatusIs(Code::kInvalidArgument, "code: is required"));
  EXPECT_THAT(Redeem(std::string(65, 'A')), StatusIs(Code::kInvalidArgument, "code: must be at most 64 characters"));
  EXPECT_THAT(Redeem("ABCD-EFGH-JKMN", "short"),
              StatusIs(Code::kInvalidArgument, "new_password: must be at least 10 characters"));
  EXPECT_TRUE(auth_repo_.state().throttle.empty());
  EXPECT_THAT(audit_repo_.records(), IsEmpty());
}

TEST_F(EnrolmentServiceTest, EveryWrongCodeCountsAgainstTheCallersAddressUntilItIsLockedOut) {
  const std::string code = Invite(Place(PlanTuesdayGroup(), "Ada Place"));
  for (int i = 0; i < 20; ++i) {
    EXPECT_THAT(Redeem("ABCD-EFGH-JK" + std::string(1, kCodeAlphabet[i]) + "2"),
                StatusIs(Code::kUnauthenticated, kBadInvite))
        << i;
  }
  // Each failure is audited with its code.
  const auto failures = AuditsOf("AuthService", "RedeemInvite");
  ASSERT_THAT(failures, SizeIs(20));
  EXPECT_EQ(failures[0].status_code, static_cast<int>(Code::kUnauthenticated));
  EXPECT_EQ(failures[0].peer, "10.1.1.1");
  // Locked out even with the right code; another address is not.
  EXPECT_THAT(Redeem(code), StatusIs(Code::kResourceExhausted, HasSubstr("too many failed")));
  EXPECT_THAT(Redeem(code, "a participant's own passphrase", "10.2.2.2"), IsOk());
}

// ---- accounts of people who join ----

TEST_F(EnrolmentServiceTest, SomeoneWhoWithdrewComesBackForALaterGroupWithTheSameAccount) {
  const int64_t first = PlanTuesdayGroup();
  const int64_t later = PlanTuesdayGroup();
  const int64_t e1 = Place(first, "Rory Return");
  auto joined = Redeem(Invite(e1));
  ASSERT_THAT(joined, IsOk());
  ASSERT_THAT(Withdraw(e1, "Family emergency."), IsOk());
  EXPECT_FALSE(auth_repo_.state().users.at(joined->account.id).active);

  const int64_t again = SuitableReferral("Rory Return", joined->account.email);
  auto placed = Allocate(again, later);
  ASSERT_THAT(placed, IsOk());
  auto back = Redeem(Invite(placed->id), "a brand new passphrase");
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->account.id, joined->account.id);
  EXPECT_TRUE(auth_repo_.state().users.at(joined->account.id).active);
  EXPECT_TRUE(hasher_.Verify(auth_repo_.state().users.at(joined->account.id).password_hash, "a brand new passphrase"));
  EXPECT_THAT(auth_.Authenticate(joined->token), StatusIs(Code::kUnauthenticated));
  EXPECT_THAT(auth_.Authenticate(back->token), IsOk());
  EXPECT_EQ(EnrolmentOf(placed->id).user_id, joined->account.id);
  EXPECT_EQ(EnrolmentOf(e1).status, EnrolmentStatus::kWithdrawn);
  // Their programme is the current group's.
  auto mine = calendar_.GetMyProgramme(As(joined->account.id, "CalendarService", "GetMyProgramme"));
  ASSERT_THAT(mine, IsOk());
  EXPECT_EQ(mine->cohort_name, View(later).record.name);
}

TEST_F(EnrolmentServiceTest, SomeoneWithACurrentPlaceCannotJoinASecondGroupAndTheRefusalChangesNothing) {
  const int64_t first = PlanTuesdayGroup();
  const int64_t second = PlanTuesdayGroup();
  int64_t user = 0;
  Enrol(first, "Dee Double", &user);
  const std::string hash_before = auth_repo_.state().users.at(user).password_hash;
  auto placed = Allocate(SuitableReferral("Dee Double", auth_repo_.state().users.at(user).email), second);
  ASSERT_THAT(placed, IsOk());
  const std::string code = Invite(placed->id);
  EXPECT_THAT(Redeem(code, "another passphrase here"),
              StatusIs(Code::kFailedPrecondition,
                       "you already have a place in a group; ask your facilitator before joining another"));
  EXPECT_EQ(auth_repo_.state().users.at(user).password_hash, hash_before);
  EXPECT_EQ(EnrolmentOf(placed->id).status, EnrolmentStatus::kInvited);
  EXPECT_EQ(EnrolmentOf(placed->id).invite_state, InviteState::kPending);
  // Not a guess at a code: the address is not counted against.
  EXPECT_TRUE(auth_repo_.state().throttle.empty());
}

TEST_F(EnrolmentServiceTest, AnAddressThatBelongsToStaffOrToAnotherOrganisationCannotJoin) {
  const int64_t cohort = PlanTuesdayGroup();
  const std::string refused =
      "an account already uses the e-mail address your facilitator has for you; ask them to check it";
  auto staff = Allocate(SuitableReferral("Lena Again", "lena@riverside.example"), cohort);
  ASSERT_THAT(staff, IsOk());
  EXPECT_THAT(Redeem(Invite(staff->id)), StatusIs(Code::kFailedPrecondition, refused));
  EXPECT_EQ(auth_repo_.state().users.at(lead_).role, Role::kClinician);

  // A participant of Elsewhere's group.
  const int64_t theirs = Plan(TuesdayEvenings(), other_clinician_);
  auto ref = enrolment_.AddReferral(As(other_clinician_, "CohortService", "AddReferral"),
                                    {.name = "Xan Elsewhere", .contact_email = "xan@people.example",
                                     .screening_status = ScreeningStatus::kSuitable});
  ASSERT_THAT(ref, IsOk());
  auto their_place =
      enrolment_.AllocateToCohort(As(other_clinician_, "CohortService", "AllocateToCohort"), ref->id, theirs, false);
  ASSERT_THAT(their_place, IsOk());
  auto their_invite = enrolment_.CreateInvite(As(other_clinician_, "CohortService", "CreateInvite"), their_place->id);
  ASSERT_THAT(their_invite, IsOk());
  ASSERT_THAT(Redeem(their_invite->code), IsOk());
  auto ours = Allocate(SuitableReferral("Xan Elsewhere", "xan@people.example"), cohort);
  ASSERT_THAT(ours, IsOk());
  EXPECT_THAT(Redeem(Invite(ours->id)), StatusIs(Code::kFailedPrecondition, refused));
}

// Cancelling a group ends the places of people invited but never joined;
// whoever had joined must be free to join a later group too.
TEST_F(EnrolmentServiceTest, SomeoneWhoseGroupWasCancelledCanJoinALaterGroup) {
  const int64_t cancelled = PlanTuesdayGroup();
  Start(cancelled);
  int64_t user = 0;
  Enrol(cancelled, "Cal Cancelled", &user);
  clock_.Set(Utc(2026, 10, 14, 12, 0));
  SetStatus(cancelled, CohortStatus::kCancelled, "Both facilitators on leave.");

  NewCohort next = TuesdayEvenings("Next term's group");
  next.plan.start_date = absl::CivilDay(2027, 1, 5);
  const int64_t later = Plan(next);
  auto placed = Allocate(SuitableReferral("Cal Cancelled", auth_repo_.state().users.at(user).email), later);
  ASSERT_THAT(placed, IsOk());
  auto joined = Redeem(Invite(placed->id), "a passphrase for next term");
  ASSERT_THAT(joined.status(), IsOk());
  EXPECT_EQ(joined->account.id, user);
  EXPECT_EQ(EnrolmentOf(placed->id).status, EnrolmentStatus::kActive);
}

// ---- the participant list and withdrawal ----

TEST_F(EnrolmentServiceTest, ParticipantsAreListedByNameWithTheirInviteStatesAndTheListIsAudited) {
  const int64_t cohort = PlanTuesdayGroup();
  const int64_t cy = Place(cohort, "Cy Joined");
  ASSERT_THAT(Redeem(Invite(cy)), IsOk());
  const int64_t bea = Place(cohort, "bea invited");
  Invite(bea);
  const int64_t ash = Place(cohort, "Ash Allocated");
  auto list = enrolment_.ListParticipants(As(lead_, "CohortService", "ListParticipants"), cohort);
  ASSERT_THAT(list, IsOk());
  ASSERT_THAT(*list, SizeIs(3));
  // The collation orders names without regard to case.
  EXPECT_EQ((*list)[0].id, ash);
  EXPECT_EQ((*list)[0].invite_state, InviteState::kNone);
  EXPECT_EQ((*list)[1].id, bea);
  EXPECT_EQ((*list)[1].invite_state, InviteState::kPending);
  EXPECT_EQ((*list)[2].id, cy);
  EXPECT_EQ((*list)[2].invite_state, InviteState::kRedeemed);
  EXPECT_EQ((*list)[2].status, EnrolmentStatus::kActive);
  const auto audits = AuditsOf("CohortService", "ListParticipants");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "cohort");
  EXPECT_EQ(audits[0].target_id, std::to_string(cohort));
  EXPECT_THAT(enrolment_.ListParticipants(As(bystander_, "CohortService", "ListParticipants"), cohort),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_THAT(enrolment_.ListParticipants(As(other_admin_, "CohortService", "ListParticipants"), cohort),
              StatusIs(Code::kNotFound, "cohort_id: no such cohort"));
}

TEST_F(EnrolmentServiceTest, WithdrawalKeepsTheRecordEndsTheParticipantsAccessAndFreesThePlace) {
  const int64_t cohort = PlanTuesdayGroup();
  int64_t user = 0;
  const int64_t e = Place(cohort, "Wren Withdrawn");
  auto joined = Redeem(Invite(e));
  ASSERT_THAT(joined, IsOk());
  user = joined->account.id;
  EXPECT_THAT(Withdraw(e, ""), StatusIs(Code::kInvalidArgument, "reason: is required"));
  EXPECT_THAT(Withdraw(e, "Leaving.", bystander_), StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  EXPECT_EQ(EnrolmentOf(e).status, EnrolmentStatus::kActive);

  clock_.Advance(absl::Hours(2));
  auto withdrawn = Withdraw(e, "  Started individual therapy.  ");
  ASSERT_THAT(withdrawn, IsOk());
  EXPECT_EQ(withdrawn->status, EnrolmentStatus::kWithdrawn);
  EXPECT_EQ(withdrawn->withdrawal_reason, "Started individual therapy.");
  EXPECT_EQ(withdrawn->withdrawn_at, kStart + absl::Hours(2));
  EXPECT_EQ(EnrolmentOf(e).withdrawal_reason, "Started individual therapy.");
  EXPECT_EQ(Places(cohort), 0);
  EXPECT_FALSE(auth_repo_.state().users.at(user).active);
  EXPECT_THAT(auth_.Authenticate(joined->token), StatusIs(Code::kUnauthenticated));
  EXPECT_THAT(Withdraw(e, "Again."), StatusIs(Code::kFailedPrecondition, "enrolment_id: the participant is already withdrawn"));
  const auto audits = AuditsOf("CohortService", "WithdrawParticipant");
  ASSERT_THAT(audits, SizeIs(1));
  EXPECT_EQ(audits[0].target_type, "enrolment");
  EXPECT_EQ(audits[0].target_id, std::to_string(e));
}

TEST_F(EnrolmentServiceTest, WithdrawingSomeoneWhoNeverJoinedRevokesTheirInvite) {
  const int64_t e = Place(PlanTuesdayGroup(), "Ivy Invited");
  const std::string code = Invite(e);
  auto withdrawn = Withdraw(e, "Did not want a group after all.");
  ASSERT_THAT(withdrawn, IsOk());
  EXPECT_EQ(withdrawn->invite_state, InviteState::kRevoked);
  EXPECT_EQ(EnrolmentOf(e).invite_state, InviteState::kRevoked);
  EXPECT_THAT(Redeem(code), StatusIs(Code::kUnauthenticated, kBadInvite));
}

}  // namespace
}  // namespace cft::cohorts::unit
