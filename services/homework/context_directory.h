// Directory over the other contexts' own code: cohort access through
// cohorts::CohortAccess (the one place its ownership rule lives), places,
// sessions and attendance through the cohorts repository interfaces (their
// domain services open transactions of their own, and these reads must share
// homework's), templates and practice kinds through programme::TemplateService,
// names through auth::AuthService, and the digest's alerts and score changes
// through measures::MeasureService (it owns the risk rules and the change
// statistics, and shares homework's unit of work). Thread-safe.
#pragma once

#include "services/auth/auth_service.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/cohort_repository.h"
#include "services/homework/directory.h"
#include "services/measures/measure_service.h"
#include "services/programme/template_service.h"

namespace cft::homework {

class ContextDirectory final : public Directory {
 public:
  ContextDirectory(cohorts::CohortRepository& cohorts, cohorts::EnrolmentRepository& enrolments,
                   cohorts::SessionRepository& sessions, programme::TemplateService& templates,
                   auth::AuthService& auth, measures::MeasureService& measures)
      : cohorts_(cohorts), enrolments_(enrolments), sessions_(sessions), templates_(templates), auth_(auth),
        measures_(measures), access_(cohorts) {}

  absl::StatusOr<cohorts::CohortRecord> RequireCohort(UnitOfWork& uow, const Principal& caller, int64_t cohort_id,
                                                      absl::string_view field) override;
  absl::StatusOr<Place> MyPlace(UnitOfWork& uow, const Principal& caller, absl::Time now) override;
  absl::StatusOr<CohortCalendar> Calendar(UnitOfWork& uow, const cohorts::CohortRecord& cohort) override;
  absl::StatusOr<std::vector<cohorts::Enrolment>> Enrolments(UnitOfWork& uow, int64_t cohort_id,
                                                             absl::Time now) override;
  absl::StatusOr<std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>>> Attendance(
      UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<std::vector<programme::ProgrammeWeek>> ProgrammeWeeks(UnitOfWork& uow,
                                                                       const cohorts::CohortRecord& cohort) override;
  absl::StatusOr<std::vector<std::string>> WeekTitles(UnitOfWork& uow, int64_t template_id) override;
  absl::StatusOr<std::vector<programme::PracticeKind>> PracticeKinds(UnitOfWork& uow, int64_t template_id) override;
  absl::StatusOr<programme::PracticeKind> Kind(UnitOfWork& uow, int64_t template_id, absl::string_view key,
                                               absl::string_view field) override;
  absl::StatusOr<OutcomeNotes> OutcomeNotesBetween(UnitOfWork& uow, const cohorts::CohortRecord& cohort,
                                                   absl::Time since, absl::Time until) override;
  absl::StatusOr<std::string> StaffName(UnitOfWork& uow, int64_t user_id) override;

 private:
  cohorts::CohortRepository& cohorts_;
  cohorts::EnrolmentRepository& enrolments_;
  cohorts::SessionRepository& sessions_;
  programme::TemplateService& templates_;
  auth::AuthService& auth_;
  measures::MeasureService& measures_;
  cohorts::CohortAccess access_;
};

}  // namespace cft::homework
