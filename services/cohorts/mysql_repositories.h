#pragma once

#include "services/cohorts/cohort_repository.h"

namespace cft::cohorts {

// Stateless; thread-safe.
class MySqlCohortRepository final : public CohortRepository {
 public:
  absl::StatusOr<std::optional<Found>> Find(UnitOfWork& uow, int64_t cohort_id, int64_t organisation_id,
                                            int64_t user_id, bool for_update) override;
  absl::StatusOr<std::optional<CohortRecord>> FindForInvite(UnitOfWork& uow, int64_t cohort_id,
                                                            bool for_update) override;
  absl::StatusOr<int64_t> Insert(UnitOfWork& uow, const CohortRecord& c) override;
  absl::Status Update(UnitOfWork& uow, const CohortRecord& c) override;
  absl::StatusOr<std::vector<CohortView>> LoadViews(UnitOfWork& uow, const CohortFilter& filter) override;
  absl::Status PutFacilitator(UnitOfWork& uow, int64_t cohort_id, int64_t user_id, FacilitatorRole role,
                              absl::Time now) override;
  absl::Status DemoteLead(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<bool> RemoveFacilitator(UnitOfWork& uow, int64_t cohort_id, int64_t user_id) override;
  absl::StatusOr<std::optional<FacilitatorRole>> FacilitatorRoleOf(UnitOfWork& uow, int64_t cohort_id,
                                                                   int64_t user_id) override;
  absl::StatusOr<int> CountFacilitators(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<ModuleRelease> FindModuleRelease(UnitOfWork& uow, int64_t organisation_id) override;
};

// Stateless; thread-safe.
class MySqlEnrolmentRepository final : public EnrolmentRepository {
 public:
  absl::StatusOr<int64_t> InsertReferral(UnitOfWork& uow, const Referral& r) override;
  absl::StatusOr<std::optional<Referral>> FindReferral(UnitOfWork& uow, int64_t organisation_id,
                                                       int64_t referral_id, bool for_update) override;
  absl::Status UpdateScreening(UnitOfWork& uow, int64_t referral_id, ScreeningStatus status,
                               const std::string& note, absl::Time screened_at,
                               int64_t screened_by) override;
  absl::StatusOr<std::vector<Referral>> ListReferrals(UnitOfWork& uow, int64_t organisation_id,
                                                      const std::vector<ScreeningStatus>& statuses,
                                                      bool include_allocated,
                                                      std::optional<int64_t> facilitator_user_id) override;
  absl::StatusOr<int> CountPlaces(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<int64_t> InsertEnrolment(UnitOfWork& uow, const Enrolment& e) override;
  absl::StatusOr<std::optional<Enrolment>> FindEnrolment(UnitOfWork& uow, int64_t enrolment_id,
                                                         absl::Time now, bool for_update) override;
  absl::StatusOr<std::optional<Enrolment>> FindEnrolmentByReferral(UnitOfWork& uow, int64_t referral_id,
                                                                   absl::Time now) override;
  absl::StatusOr<std::optional<Place>> FindPlaceByUser(UnitOfWork& uow, int64_t user_id,
                                                       absl::Time now) override;
  absl::StatusOr<std::vector<Enrolment>> ListEnrolments(UnitOfWork& uow, int64_t cohort_id,
                                                        absl::Time now) override;
  absl::Status UpdateEnrolment(UnitOfWork& uow, const Enrolment& e) override;
  absl::Status CompleteActive(UnitOfWork& uow, int64_t cohort_id, absl::Time now) override;
  absl::StatusOr<bool> HasCurrentPlace(UnitOfWork& uow, int64_t user_id) override;
  absl::Status WithdrawInvited(UnitOfWork& uow, int64_t cohort_id, absl::Time now,
                               absl::string_view reason) override;
  absl::Status RevokeOpenInvites(UnitOfWork& uow, int64_t enrolment_id, absl::Time now) override;
  absl::StatusOr<int64_t> InsertInvite(UnitOfWork& uow, int64_t enrolment_id, const std::string& code_hash,
                                       absl::Time created_at, int64_t created_by,
                                       absl::Time expires_at) override;
  absl::StatusOr<std::optional<Invite>> FindInviteByHash(UnitOfWork& uow, const std::string& code_hash,
                                                         bool for_update) override;
  absl::Status MarkInviteRedeemed(UnitOfWork& uow, int64_t invite_id, absl::Time now) override;
};

// Stateless; thread-safe.
class MySqlSessionRepository final : public SessionRepository {
 public:
  absl::Status SaveSessions(UnitOfWork& uow, const std::vector<Session>& sessions, absl::Time now) override;
  absl::StatusOr<std::vector<Session>> ListSessions(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<std::optional<Session>> FindSession(UnitOfWork& uow, int64_t session_id) override;
  absl::Status PutAttendance(UnitOfWork& uow, int64_t session_id, const std::vector<AttendanceRecord>& entries,
                             absl::Time now, int64_t recorded_by) override;
  absl::StatusOr<std::vector<AttendanceRecord>> ListAttendance(UnitOfWork& uow, int64_t session_id) override;
  absl::StatusOr<std::map<int64_t, AttendanceStatus>> AttendanceOf(UnitOfWork& uow, int64_t enrolment_id) override;
  absl::StatusOr<std::map<int64_t, std::map<int64_t, AttendanceStatus>>> CohortAttendance(
      UnitOfWork& uow, int64_t cohort_id) override;
};

}  // namespace cft::cohorts
