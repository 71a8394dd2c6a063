// The ownership rule for everything inside a cohort, in one place: an org
// admin reaches every cohort of their organisation, a clinician only the
// cohorts they facilitate, a participant none (their own data is reached
// through their enrolment instead: RequireOwnPlace). Thread-safe.
#pragma once

#include "absl/status/statusor.h"
#include "services/cohorts/cohort_repository.h"
#include "services/common/principal.h"

namespace cft::cohorts {

class CohortAccess {
 public:
  explicit CohortAccess(CohortRepository& repo) : repo_(repo) {}

  // NOT_FOUND naming `field` when the cohort does not exist or belongs to
  // another organisation (the two look alike); PERMISSION_DENIED for a
  // clinician of the organisation who does not facilitate it. `for_update`
  // locks the cohort row, serialising every change to the cohort.
  absl::StatusOr<CohortRecord> Require(UnitOfWork& uow, const Principal& caller, int64_t cohort_id,
                                       absl::string_view field, bool for_update);

 private:
  CohortRepository& repo_;
};

// The rule for a participant's own data, in one place for every context: it is
// reached through the place they hold now, else the last one they held (a
// finished group's records stay theirs to read). NOT_FOUND while they hold
// none in their organisation; PERMISSION_DENIED once the place has ended by
// withdrawal.
absl::StatusOr<Place> RequireOwnPlace(UnitOfWork& uow, EnrolmentRepository& enrolments, const Principal& caller,
                                      absl::Time now);

}  // namespace cft::cohorts
