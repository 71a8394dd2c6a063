// In-memory repositories of the cohorts context with the same observable
// rules as the MySQL ones (services/cohorts/mysql_*_repository.cc): the same
// filters and orderings (names as the utf8mb4_unicode_ci collation orders
// them, case-insensitively), "places held" as invited + active, an
// enrolment's invite state from its latest invite, one enrolment per
// referral, one live session per week of a cohort, attendance replacing
// earlier entries, and the foreign keys and checks a domain bug would trip
// (FAILED_PRECONDITION, as sql_errors.cc maps them). The three read each
// other's tables for the joins the SQL makes; FakeCohortStores wires them.
// Each snapshots its tables when a unit of work begins and restores them on
// rollback. Not thread-safe beyond the one-at-a-time FakeTransactionRunner.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "services/cohorts/cohort_repository.h"
#include "tests/auth/fake_auth_repository.h"
#include "tests/programme/fake_template_repository.h"
#include "tests/support/fakes.h"

namespace cft::testing {

class FakeEnrolmentRepository;
class FakeSessionRepository;

// Orders as the database's case-insensitive collation does (ASCII letters).
bool CollatedLess(const std::string& a, const std::string& b);

class FakeCohortRepository final : public cohorts::CohortRepository, public Transactional {
 public:
  struct FacilitatorRow {
    cohorts::FacilitatorRole role = cohorts::FacilitatorRole::kCo;
    absl::Time added_at;
  };
  struct State {
    std::map<int64_t, cohorts::CohortRecord> cohorts;
    // (cohort, user) -> row
    std::map<std::pair<int64_t, int64_t>, FacilitatorRow> facilitators;
    // organisations.module_release; absent: the column's default, session_start.
    std::map<int64_t, cohorts::ModuleRelease> module_release;
    int64_t next_id = 1;
  };

  FakeCohortRepository(FakeAuthRepository& users, FakeTemplateRepository& templates)
      : users_(users), templates_(templates) {}
  // The tables LoadViews counts from.
  void Attach(const FakeEnrolmentRepository* enrolments, const FakeSessionRepository* sessions) {
    enrolments_ = enrolments;
    sessions_ = sessions;
  }

  void Begin() override { saved_ = state_; }
  void Rollback() override { state_ = saved_; }
  State& state() { return state_; }
  const State& state() const { return state_; }

  // What `cftctl set-module-release` writes to the organisation row (the
  // fake auth repository keeps no such column).
  void SetModuleRelease(int64_t organisation_id, cohorts::ModuleRelease mode) {
    state_.module_release[organisation_id] = mode;
  }
  bool Facilitates(int64_t cohort_id, int64_t user_id) const {
    return state_.facilitators.count({cohort_id, user_id}) > 0;
  }

  absl::StatusOr<std::optional<Found>> Find(UnitOfWork& uow, int64_t cohort_id, int64_t organisation_id,
                                            int64_t user_id, bool for_update) override;
  absl::StatusOr<std::optional<cohorts::CohortRecord>> FindForInvite(UnitOfWork& uow, int64_t cohort_id,
                                                                     bool for_update) override;
  absl::StatusOr<int64_t> Insert(UnitOfWork& uow, const cohorts::CohortRecord& c) override;
  absl::Status Update(UnitOfWork& uow, const cohorts::CohortRecord& c) override;
  absl::StatusOr<std::vector<cohorts::CohortView>> LoadViews(UnitOfWork& uow,
                                                             const cohorts::CohortFilter& filter) override;
  absl::Status PutFacilitator(UnitOfWork& uow, int64_t cohort_id, int64_t user_id, cohorts::FacilitatorRole role,
                              absl::Time now) override;
  absl::Status DemoteLead(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<bool> RemoveFacilitator(UnitOfWork& uow, int64_t cohort_id, int64_t user_id) override;
  absl::StatusOr<int> CountFacilitators(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<std::optional<cohorts::FacilitatorRole>> FacilitatorRoleOf(UnitOfWork& uow, int64_t cohort_id,
                                                                            int64_t user_id) override;
  absl::StatusOr<cohorts::ModuleRelease> FindModuleRelease(UnitOfWork& uow, int64_t organisation_id) override;

 private:
  absl::Status CheckRow(const cohorts::CohortRecord& c, absl::string_view statement) const;

  FakeAuthRepository& users_;
  FakeTemplateRepository& templates_;
  const FakeEnrolmentRepository* enrolments_ = nullptr;
  const FakeSessionRepository* sessions_ = nullptr;
  State state_;
  State saved_;
};

class FakeEnrolmentRepository final : public cohorts::EnrolmentRepository, public Transactional {
 public:
  struct ReferralRow {
    cohorts::Referral referral;  // allocated_cohort_id is derived, never stored
    std::optional<int64_t> screened_by;
  };
  struct InviteRow {
    cohorts::Invite invite;
    std::string code_hash;
    int64_t created_by = 0;
  };
  struct State {
    std::map<int64_t, ReferralRow> referrals;
    // Name, address and invite state are derived (joins), never stored.
    std::map<int64_t, cohorts::Enrolment> enrolments;
    std::map<int64_t, InviteRow> invites;
    int64_t next_id = 1;
  };

  explicit FakeEnrolmentRepository(const FakeCohortRepository& cohorts) : cohorts_(cohorts) {}

  void Begin() override { saved_ = state_; }
  void Rollback() override { state_ = saved_; }
  State& state() { return state_; }
  const State& state() const { return state_; }

  // For the other fakes' joins.
  int PlacesHeld(int64_t cohort_id) const;
  const cohorts::Referral* ReferralOf(int64_t enrolment_id) const;

  absl::StatusOr<int64_t> InsertReferral(UnitOfWork& uow, const cohorts::Referral& r) override;
  absl::StatusOr<std::optional<cohorts::Referral>> FindReferral(UnitOfWork& uow, int64_t organisation_id,
                                                                int64_t referral_id, bool for_update) override;
  absl::Status UpdateScreening(UnitOfWork& uow, int64_t referral_id, cohorts::ScreeningStatus status,
                               const std::string& note, absl::Time screened_at, int64_t screened_by) override;
  absl::StatusOr<std::vector<cohorts::Referral>> ListReferrals(UnitOfWork& uow, int64_t organisation_id,
                                                               const std::vector<cohorts::ScreeningStatus>& statuses,
                                                               bool include_allocated,
                                                               std::optional<int64_t> facilitator_user_id) override;
  absl::StatusOr<int> CountPlaces(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<int64_t> InsertEnrolment(UnitOfWork& uow, const cohorts::Enrolment& e) override;
  absl::StatusOr<std::optional<cohorts::Enrolment>> FindEnrolment(UnitOfWork& uow, int64_t enrolment_id,
                                                                  absl::Time now, bool for_update) override;
  absl::StatusOr<std::optional<cohorts::Enrolment>> FindEnrolmentByReferral(UnitOfWork& uow, int64_t referral_id,
                                                                            absl::Time now) override;
  absl::StatusOr<std::optional<cohorts::Place>> FindPlaceByUser(UnitOfWork& uow, int64_t user_id,
                                                                absl::Time now) override;
  absl::StatusOr<std::vector<cohorts::Enrolment>> ListEnrolments(UnitOfWork& uow, int64_t cohort_id,
                                                                 absl::Time now) override;
  absl::Status UpdateEnrolment(UnitOfWork& uow, const cohorts::Enrolment& e) override;
  absl::Status CompleteActive(UnitOfWork& uow, int64_t cohort_id, absl::Time now) override;
  absl::StatusOr<bool> HasCurrentPlace(UnitOfWork& uow, int64_t user_id) override;
  absl::Status WithdrawInvited(UnitOfWork& uow, int64_t cohort_id, absl::Time now,
                               absl::string_view reason) override;
  absl::Status RevokeOpenInvites(UnitOfWork& uow, int64_t enrolment_id, absl::Time now) override;
  absl::StatusOr<int64_t> InsertInvite(UnitOfWork& uow, int64_t enrolment_id, const std::string& code_hash,
                                       absl::Time created_at, int64_t created_by, absl::Time expires_at) override;
  absl::StatusOr<std::optional<cohorts::Invite>> FindInviteByHash(UnitOfWork& uow, const std::string& code_hash,
                                                                  bool for_update) override;
  absl::Status MarkInviteRedeemed(UnitOfWork& uow, int64_t invite_id, absl::Time now) override;

 private:
  // The enrolment as the SELECT with its joins returns it.
  cohorts::Enrolment Read(const cohorts::Enrolment& stored, absl::Time now) const;
  cohorts::Referral ReadReferral(const ReferralRow& row) const;

  const FakeCohortRepository& cohorts_;
  State state_;
  State saved_;
};

class FakeSessionRepository final : public cohorts::SessionRepository, public Transactional {
 public:
  struct AttendanceRow {
    cohorts::AttendanceStatus status = cohorts::AttendanceStatus::kPresent;
    std::string note;
    absl::Time recorded_at;
    int64_t recorded_by = 0;
  };
  struct State {
    // Attendance counts are derived, never stored.
    std::map<int64_t, cohorts::Session> sessions;
    // (session, enrolment) -> row
    std::map<std::pair<int64_t, int64_t>, AttendanceRow> attendance;
    int64_t next_id = 1;
  };

  FakeSessionRepository(const FakeCohortRepository& cohorts, const FakeEnrolmentRepository& enrolments)
      : cohorts_(cohorts), enrolments_(enrolments) {}

  void Begin() override { saved_ = state_; }
  void Rollback() override { state_ = saved_; }
  State& state() { return state_; }
  const State& state() const { return state_; }

  // MIN(starts_at) of the cohort's sessions that are not cancelled.
  std::optional<absl::Time> FirstLiveStart(int64_t cohort_id) const;

  absl::Status SaveSessions(UnitOfWork& uow, const std::vector<cohorts::Session>& sessions,
                            absl::Time now) override;
  absl::StatusOr<std::vector<cohorts::Session>> ListSessions(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<std::optional<cohorts::Session>> FindSession(UnitOfWork& uow, int64_t session_id) override;
  absl::Status PutAttendance(UnitOfWork& uow, int64_t session_id,
                             const std::vector<cohorts::AttendanceRecord>& entries, absl::Time now,
                             int64_t recorded_by) override;
  absl::StatusOr<std::vector<cohorts::AttendanceRecord>> ListAttendance(UnitOfWork& uow,
                                                                        int64_t session_id) override;
  absl::StatusOr<std::map<int64_t, cohorts::AttendanceStatus>> AttendanceOf(UnitOfWork& uow,
                                                                            int64_t enrolment_id) override;

 private:
  // Writes one row as the upsert would and checks uq_cohort_sessions_live_week.
  absl::Status Put(cohorts::Session s, absl::Time now, absl::string_view statement);

  const FakeCohortRepository& cohorts_;
  const FakeEnrolmentRepository& enrolments_;
  State state_;
  State saved_;
};

// The three, wired to each other and to the fakes whose tables they join.
struct FakeCohortStores {
  FakeCohortStores(FakeAuthRepository& users, FakeTemplateRepository& templates)
      : cohorts(users, templates), enrolments(cohorts), sessions(cohorts, enrolments) {
    cohorts.Attach(&enrolments, &sessions);
  }
  void RegisterWith(FakeTransactionRunner& tx) {
    tx.Register(&cohorts);
    tx.Register(&enrolments);
    tx.Register(&sessions);
  }

  FakeCohortRepository cohorts;
  FakeEnrolmentRepository enrolments;
  FakeSessionRepository sessions;
};

}  // namespace cft::testing
