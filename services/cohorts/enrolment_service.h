// The way into a cohort: referrals on the waitlist, readiness screening,
// capacity-limited allocation, one-time invites and their redemption, the
// participant list and withdrawal. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/auth/auth_service.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/cohort_repository.h"
#include "services/common/clock.h"
#include "services/idempotency/idempotency.h"

namespace cft::cohorts {

inline constexpr absl::Duration kInviteLifetime = absl::Hours(24 * 14);
inline constexpr size_t kInviteCodeLength = 12;

struct NewReferral {
  std::string name;
  std::string contact_email;
  std::string source;
  std::optional<ScreeningStatus> screening_status;  // unset: pending
  std::string screening_note;
  int64_t preferred_cohort_id = 0;
  std::string idempotency_key;
  std::string request_hash;
};

struct CreatedInvite {
  // XXXX-XXXX-XXXX; shown once.
  std::string code;
  absl::Time expires_at;
  Enrolment participant;
};

// Strips dashes and spaces and upper-cases: the form whose hash is stored.
std::string NormalizeInviteCode(absl::string_view code);

class EnrolmentService {
 public:
  EnrolmentService(CohortRepository& cohorts, EnrolmentRepository& enrolments, SessionRepository& sessions,
                   auth::AuthService& auth, idempotency::Idempotency& idempotency, TransactionRunner& tx,
                   audit::Auditor& auditor, const Clock& clock);

  absl::StatusOr<Referral> AddReferral(RequestContext& ctx, NewReferral request);
  absl::StatusOr<Referral> ScreenReferral(RequestContext& ctx, int64_t referral_id,
                                          std::optional<ScreeningStatus> status, const std::string& note);
  absl::StatusOr<std::vector<Referral>> ListWaitlist(RequestContext& ctx,
                                                     const std::vector<ScreeningStatus>& statuses,
                                                     bool include_allocated);
  absl::StatusOr<Enrolment> AllocateToCohort(RequestContext& ctx, int64_t referral_id, int64_t cohort_id,
                                             bool override_closed_group);
  absl::StatusOr<CreatedInvite> CreateInvite(RequestContext& ctx, int64_t enrolment_id);
  absl::StatusOr<Enrolment> RevokeInvite(RequestContext& ctx, int64_t enrolment_id);
  absl::StatusOr<std::vector<Enrolment>> ListParticipants(RequestContext& ctx, int64_t cohort_id);
  absl::StatusOr<Enrolment> WithdrawParticipant(RequestContext& ctx, int64_t enrolment_id,
                                                const std::string& reason);
  // No principal: the code is the credential. Every failure of the code gives
  // the same UNAUTHENTICATED answer and counts against the caller's address.
  absl::StatusOr<auth::LoginResult> RedeemInvite(RequestContext& ctx, absl::string_view code,
                                                 absl::string_view new_password);

 private:
  // The enrolment and (after the access check, locking the cohort) its cohort.
  absl::StatusOr<std::pair<Enrolment, CohortRecord>> RequireEnrolment(UnitOfWork& uow, const Principal& caller,
                                                                      int64_t enrolment_id);
  // The account a redeemed invite signs into: a new one, or the account of a
  // participant of the same organisation coming back for a later group.
  absl::StatusOr<auth::Account> JoiningAccount(UnitOfWork& uow, const CohortRecord& cohort, const Enrolment& e,
                                               const std::string& password_hash);

  CohortRepository& cohorts_;
  EnrolmentRepository& enrolments_;
  SessionRepository& sessions_;
  auth::AuthService& auth_;
  idempotency::Idempotency& idempotency_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
  CohortAccess access_;
};

}  // namespace cft::cohorts
