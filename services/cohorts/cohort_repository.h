// Persistence of the cohorts context, in three interfaces by aggregate.
// Every method runs in the caller's unit of work. Implementations are
// stateless and thread-safe.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/cohorts/cohort_types.h"
#include "services/common/unit_of_work.h"

namespace cft::cohorts {

struct CohortFilter {
  int64_t organisation_id = 0;
  // Only cohorts this user facilitates.
  std::optional<int64_t> facilitator_user_id;
  std::optional<int64_t> cohort_id;
  // Empty: any status.
  std::vector<CohortStatus> statuses;
};

class CohortRepository {
 public:
  virtual ~CohortRepository() = default;

  // The cohort if it belongs to `organisation_id`, and whether `user_id`
  // facilitates it. `for_update` locks the cohort row until commit, which
  // serialises every change to the cohort (allocations, calendar edits).
  struct Found {
    CohortRecord record;
    bool caller_facilitates = false;
  };
  virtual absl::StatusOr<std::optional<Found>> Find(UnitOfWork& uow, int64_t cohort_id,
                                                    int64_t organisation_id, int64_t user_id,
                                                    bool for_update) = 0;
  // Without the organisation filter: only for invite redemption, where the
  // code itself is the credential that leads to the cohort.
  virtual absl::StatusOr<std::optional<CohortRecord>> FindForInvite(UnitOfWork& uow, int64_t cohort_id,
                                                                    bool for_update) = 0;
  virtual absl::StatusOr<int64_t> Insert(UnitOfWork& uow, const CohortRecord& c) = 0;
  virtual absl::Status Update(UnitOfWork& uow, const CohortRecord& c) = 0;
  // Cohorts with their template, counts and facilitators: two queries
  // whatever the number of cohorts.
  virtual absl::StatusOr<std::vector<CohortView>> LoadViews(UnitOfWork& uow,
                                                            const CohortFilter& filter) = 0;

  virtual absl::Status PutFacilitator(UnitOfWork& uow, int64_t cohort_id, int64_t user_id,
                                      FacilitatorRole role, absl::Time now) = 0;
  // Makes the current lead (if any) a co-facilitator.
  virtual absl::Status DemoteLead(UnitOfWork& uow, int64_t cohort_id) = 0;
  // False when the user was not a facilitator.
  virtual absl::StatusOr<bool> RemoveFacilitator(UnitOfWork& uow, int64_t cohort_id,
                                                 int64_t user_id) = 0;
  virtual absl::StatusOr<int> CountFacilitators(UnitOfWork& uow, int64_t cohort_id) = 0;
  // The user's role in the cohort; nullopt when they do not facilitate it.
  virtual absl::StatusOr<std::optional<FacilitatorRole>> FacilitatorRoleOf(UnitOfWork& uow, int64_t cohort_id,
                                                                           int64_t user_id) = 0;

  virtual absl::StatusOr<ModuleRelease> FindModuleRelease(UnitOfWork& uow,
                                                          int64_t organisation_id) = 0;
};

class EnrolmentRepository {
 public:
  virtual ~EnrolmentRepository() = default;

  virtual absl::StatusOr<int64_t> InsertReferral(UnitOfWork& uow, const Referral& r) = 0;
  virtual absl::StatusOr<std::optional<Referral>> FindReferral(UnitOfWork& uow,
                                                               int64_t organisation_id,
                                                               int64_t referral_id,
                                                               bool for_update) = 0;
  virtual absl::Status UpdateScreening(UnitOfWork& uow, int64_t referral_id,
                                       ScreeningStatus status, const std::string& note,
                                       absl::Time screened_at, int64_t screened_by) = 0;
  // Oldest first. With `facilitator_user_id`, referrals that hold a place are
  // listed only when that user facilitates the cohort holding it.
  virtual absl::StatusOr<std::vector<Referral>> ListReferrals(
      UnitOfWork& uow, int64_t organisation_id, const std::vector<ScreeningStatus>& statuses,
      bool include_allocated, std::optional<int64_t> facilitator_user_id) = 0;

  // Places held (invited or active).
  virtual absl::StatusOr<int> CountPlaces(UnitOfWork& uow, int64_t cohort_id) = 0;
  virtual absl::StatusOr<int64_t> InsertEnrolment(UnitOfWork& uow, const Enrolment& e) = 0;
  // With the latest invite's state as of `now`.
  virtual absl::StatusOr<std::optional<Enrolment>> FindEnrolment(UnitOfWork& uow,
                                                                 int64_t enrolment_id,
                                                                 absl::Time now,
                                                                 bool for_update) = 0;
  virtual absl::StatusOr<std::optional<Enrolment>> FindEnrolmentByReferral(UnitOfWork& uow,
                                                                           int64_t referral_id,
                                                                           absl::Time now) = 0;
  // The account's current place (invited or active), else its latest, with
  // the cohort: one statement, since every participant call starts here.
  virtual absl::StatusOr<std::optional<Place>> FindPlaceByUser(UnitOfWork& uow, int64_t user_id,
                                                               absl::Time now) = 0;
  // Every enrolment of the cohort, by name, with invite states: one query.
  virtual absl::StatusOr<std::vector<Enrolment>> ListEnrolments(UnitOfWork& uow, int64_t cohort_id,
                                                                absl::Time now) = 0;
  // Writes status, user_id and the joined/withdrawn/completed fields.
  virtual absl::Status UpdateEnrolment(UnitOfWork& uow, const Enrolment& e) = 0;
  // Active enrolments become completed.
  virtual absl::Status CompleteActive(UnitOfWork& uow, int64_t cohort_id, absl::Time now) = 0;
  // Whether the account holds a place (invited or active) in any group that
  // was not cancelled.
  virtual absl::StatusOr<bool> HasCurrentPlace(UnitOfWork& uow, int64_t user_id) = 0;
  // Ends the places of people invited but never joined (the group is over):
  // their open invites are revoked and they are listed as withdrawn.
  virtual absl::Status WithdrawInvited(UnitOfWork& uow, int64_t cohort_id, absl::Time now,
                                       absl::string_view reason) = 0;

  virtual absl::Status RevokeOpenInvites(UnitOfWork& uow, int64_t enrolment_id, absl::Time now) = 0;
  virtual absl::StatusOr<int64_t> InsertInvite(UnitOfWork& uow, int64_t enrolment_id,
                                               const std::string& code_hash, absl::Time created_at,
                                               int64_t created_by, absl::Time expires_at) = 0;
  virtual absl::StatusOr<std::optional<Invite>> FindInviteByHash(UnitOfWork& uow, const std::string& code_hash,
                                                                 bool for_update) = 0;
  virtual absl::Status MarkInviteRedeemed(UnitOfWork& uow, int64_t invite_id, absl::Time now) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;

  // Inserts sessions with id 0 and rewrites those with an id, in one statement.
  virtual absl::Status SaveSessions(UnitOfWork& uow, const std::vector<Session>& sessions,
                                    absl::Time now) = 0;
  // In start order, with attendance counts: one query.
  virtual absl::StatusOr<std::vector<Session>> ListSessions(UnitOfWork& uow, int64_t cohort_id) = 0;
  virtual absl::StatusOr<std::optional<Session>> FindSession(UnitOfWork& uow, int64_t session_id) = 0;

  // Writes the entries, replacing earlier ones for the same participants.
  virtual absl::Status PutAttendance(UnitOfWork& uow, int64_t session_id,
                                     const std::vector<AttendanceRecord>& entries, absl::Time now,
                                     int64_t recorded_by) = 0;
  virtual absl::StatusOr<std::vector<AttendanceRecord>> ListAttendance(UnitOfWork& uow,
                                                                       int64_t session_id) = 0;
  // session id -> status, for one participant.
  virtual absl::StatusOr<std::map<int64_t, AttendanceStatus>> AttendanceOf(UnitOfWork& uow,
                                                                           int64_t enrolment_id) = 0;
  // session id -> enrolment id -> status, for every session of a cohort. The
  // MySQL repository answers in one query; this default (for fakes) asks
  // session by session.
  virtual absl::StatusOr<std::map<int64_t, std::map<int64_t, AttendanceStatus>>> CohortAttendance(
      UnitOfWork& uow, int64_t cohort_id) {
    absl::StatusOr<std::vector<Session>> sessions = ListSessions(uow, cohort_id);
    if (!sessions.ok()) return sessions.status();
    std::map<int64_t, std::map<int64_t, AttendanceStatus>> out;
    for (const Session& s : *sessions) {
      absl::StatusOr<std::vector<AttendanceRecord>> entries = ListAttendance(uow, s.id);
      if (!entries.ok()) return entries.status();
      for (const AttendanceRecord& a : *entries) out[s.id][a.enrolment_id] = a.status;
    }
    return out;
  }
};

}  // namespace cft::cohorts
