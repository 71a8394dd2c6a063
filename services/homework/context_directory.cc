#include "services/homework/context_directory.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace cft::homework {

absl::StatusOr<cohorts::CohortRecord> ContextDirectory::RequireCohort(UnitOfWork& uow, const Principal& caller,
                                                                      int64_t cohort_id, absl::string_view field) {
  return access_.Require(uow, caller, cohort_id, field, false);
}

absl::StatusOr<Place> ContextDirectory::MyPlace(UnitOfWork& uow, const Principal& caller, absl::Time now) {
  ASSIGN_OR_RETURN(auto e, enrolments_.FindEnrolmentByUser(uow, caller.user_id, now));
  if (!e) return absl::NotFoundError("you do not have a place in a group yet");
  if (e->status == cohorts::EnrolmentStatus::kWithdrawn) {
    return absl::PermissionDeniedError("your place in the group has ended");
  }
  ASSIGN_OR_RETURN(auto c, cohorts_.FindForInvite(uow, e->cohort_id, false));
  if (!c || c->organisation_id != caller.organisation_id) {
    return absl::NotFoundError("you do not have a place in a group yet");
  }
  return Place{.enrolment = *std::move(e), .cohort = *std::move(c)};
}

absl::StatusOr<CohortCalendar> ContextDirectory::Calendar(UnitOfWork& uow, const cohorts::CohortRecord& cohort) {
  CohortCalendar out;
  ASSIGN_OR_RETURN(out.release_mode, cohorts_.FindModuleRelease(uow, cohort.organisation_id));
  ASSIGN_OR_RETURN(out.sessions, sessions_.ListSessions(uow, cohort.id));
  return out;
}

absl::StatusOr<std::vector<cohorts::Enrolment>> ContextDirectory::Enrolments(UnitOfWork& uow, int64_t cohort_id,
                                                                             absl::Time now) {
  return enrolments_.ListEnrolments(uow, cohort_id, now);
}

absl::StatusOr<std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>>> ContextDirectory::Attendance(
    UnitOfWork& uow, int64_t cohort_id) {
  return sessions_.CohortAttendance(uow, cohort_id);
}

absl::StatusOr<std::vector<programme::ProgrammeWeek>> ContextDirectory::ProgrammeWeeks(
    UnitOfWork& uow, const cohorts::CohortRecord& cohort) {
  ASSIGN_OR_RETURN(programme::ProgrammeTemplate t,
                   templates_.VisibleTemplate(uow, cohort.organisation_id, cohort.template_id, "template_id"));
  return std::move(t.weeks);
}

absl::StatusOr<std::vector<std::string>> ContextDirectory::WeekTitles(UnitOfWork& uow, int64_t template_id) {
  return templates_.WeekTitles(uow, template_id);
}

absl::StatusOr<std::vector<programme::PracticeKind>> ContextDirectory::PracticeKinds(UnitOfWork& uow,
                                                                                     int64_t template_id) {
  return templates_.PracticeKinds(uow, template_id);
}

absl::StatusOr<programme::PracticeKind> ContextDirectory::Kind(UnitOfWork& uow, int64_t template_id,
                                                               absl::string_view key, absl::string_view field) {
  return templates_.Kind(uow, template_id, key, field);
}

absl::StatusOr<std::string> ContextDirectory::StaffName(UnitOfWork& uow, int64_t user_id) {
  ASSIGN_OR_RETURN(auto account, auth_.FindAccount(uow, user_id));
  if (!account) return absl::InternalError(absl::StrCat("no account for user ", user_id));
  return account->display_name;
}

}  // namespace cft::homework
