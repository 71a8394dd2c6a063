#include "services/cohorts/cohort_access.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace cft::cohorts {

absl::StatusOr<CohortRecord> CohortAccess::Require(UnitOfWork& uow, const Principal& caller,
                                                   int64_t cohort_id, absl::string_view field,
                                                   bool for_update) {
  if (cohort_id <= 0) return InvalidField(field, "is required");
  if (caller.role == Role::kParticipant) {
    return absl::PermissionDeniedError("participants cannot manage cohorts");
  }
  ASSIGN_OR_RETURN(auto found, repo_.Find(uow, cohort_id, caller.organisation_id, caller.user_id, for_update));
  if (!found) return absl::NotFoundError(absl::StrCat(field, ": no such cohort"));
  if (caller.role == Role::kClinician && !found->caller_facilitates) {
    return absl::PermissionDeniedError("you do not facilitate this cohort");
  }
  return found->record;
}

absl::StatusOr<Place> RequireOwnPlace(UnitOfWork& uow, EnrolmentRepository& enrolments, const Principal& caller,
                                      absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<Place> place, enrolments.FindPlaceByUser(uow, caller.user_id, now));
  // A place in another organisation (an account cannot hold one; a damaged
  // row could) looks exactly like none.
  if (!place || place->cohort.organisation_id != caller.organisation_id) {
    return absl::NotFoundError("you do not have a place in a group yet");
  }
  if (place->enrolment.status == EnrolmentStatus::kWithdrawn) {
    return absl::PermissionDeniedError("your place in the group has ended");
  }
  return *std::move(place);
}

}  // namespace cft::cohorts
