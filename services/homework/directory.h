// What the homework context reads of the cohorts, programme and identity
// contexts, inside the caller's unit of work. A port of its own, so the
// homework rules are unit-tested against a small fake instead of every
// repository of three contexts. ContextDirectory implements it over those
// contexts' domain services and repository interfaces. Implementations are
// thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/cohorts/cohort_types.h"
#include "services/common/principal.h"
#include "services/common/unit_of_work.h"
#include "services/homework/homework_types.h"
#include "services/programme/programme_types.h"

namespace cft::homework {

// A participant's own place.
using Place = cohorts::Place;

struct CohortCalendar {
  cohorts::ModuleRelease release_mode = cohorts::ModuleRelease::kAtSessionStart;
  // In start order.
  std::vector<cohorts::Session> sessions;
};

class Directory {
 public:
  virtual ~Directory() = default;

  // Staff: the cohort when the caller reaches it, by the cohorts context's
  // rule: NOT_FOUND naming `field` for a cohort of another organisation or
  // none, PERMISSION_DENIED for a clinician who does not facilitate it.
  virtual absl::StatusOr<cohorts::CohortRecord> RequireCohort(UnitOfWork& uow, const Principal& caller,
                                                              int64_t cohort_id, absl::string_view field) = 0;
  // Participant: their current enrolment and its cohort. NOT_FOUND without a
  // place, PERMISSION_DENIED once the place has ended (withdrawn).
  virtual absl::StatusOr<Place> MyPlace(UnitOfWork& uow, const Principal& caller, absl::Time now) = 0;
  // The organisation's module release mode and the cohort's sessions.
  virtual absl::StatusOr<CohortCalendar> Calendar(UnitOfWork& uow, const cohorts::CohortRecord& cohort) = 0;
  // Every enrolment of the cohort, by name.
  virtual absl::StatusOr<std::vector<cohorts::Enrolment>> Enrolments(UnitOfWork& uow, int64_t cohort_id,
                                                                     absl::Time now) = 0;
  // session id -> enrolment id -> status.
  virtual absl::StatusOr<std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>>> Attendance(
      UnitOfWork& uow, int64_t cohort_id) = 0;
  // The weeks of the cohort's pinned template, with their practices.
  virtual absl::StatusOr<std::vector<programme::ProgrammeWeek>> ProgrammeWeeks(
      UnitOfWork& uow, const cohorts::CohortRecord& cohort) = 0;
  virtual absl::StatusOr<std::vector<std::string>> WeekTitles(UnitOfWork& uow, int64_t template_id) = 0;
  virtual absl::StatusOr<std::vector<programme::PracticeKind>> PracticeKinds(UnitOfWork& uow,
                                                                             int64_t template_id) = 0;
  // INVALID_ARGUMENT naming `field` when the template has no such kind.
  virtual absl::StatusOr<programme::PracticeKind> Kind(UnitOfWork& uow, int64_t template_id, absl::string_view key,
                                                       absl::string_view field) = 0;
  // The measures context's risk alerts raised, and reliable changes against
  // baseline submitted, in [since, until), oldest first.
  virtual absl::StatusOr<OutcomeNotes> OutcomeNotesBetween(UnitOfWork& uow, const cohorts::CohortRecord& cohort,
                                                           absl::Time since, absl::Time until) = 0;
  // How a staff member signs what they write.
  virtual absl::StatusOr<std::string> StaffName(UnitOfWork& uow, int64_t user_id) = 0;
};

}  // namespace cft::homework
