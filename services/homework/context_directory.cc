#include "services/homework/context_directory.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace cft::homework {

absl::StatusOr<cohorts::CohortRecord> ContextDirectory::RequireCohort(UnitOfWork& uow, const Principal& caller,
                                                                      int64_t cohort_id, absl::string_view field) {
  return access_.Require(uow, caller, cohort_id, field, false);
}

absl::StatusOr<Place> ContextDirectory::MyPlace(UnitOfWork& uow, const Principal& caller, absl::Time now) {
  return cohorts::RequireOwnPlace(uow, enrolments_, caller, now);
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

absl::StatusOr<OutcomeNotes> ContextDirectory::OutcomeNotesBetween(UnitOfWork& uow,
                                                                   const cohorts::CohortRecord& cohort,
                                                                   absl::Time since, absl::Time until) {
  ASSIGN_OR_RETURN(measures::CohortDigest found, measures_.CohortDigestSince(uow, cohort, since));
  OutcomeNotes notes;
  for (const measures::AlertRecord& a : found.alerts) {
    if (a.created_at >= until) continue;
    const measures::AlertStatus status = a.status();
    notes.alerts.push_back(DigestAlert{
        .alert_id = a.id,
        .enrolment_id = a.enrolment_id,
        .participant_name = a.participant_name,
        .tier = a.tier == measures::RiskTier::kRed ? AlertTier::kRed : AlertTier::kAmber,
        .instrument = a.instrument_short_name,
        .time_point_label = a.time_point_label,
        .raised_at = a.created_at,
        .state = status == measures::AlertStatus::kResolved       ? AlertState::kResolved
                 : status == measures::AlertStatus::kAcknowledged ? AlertState::kAcknowledged
                                                                  : AlertState::kOpen});
  }
  for (const measures::ReliableChangeNote& c : found.reliable_changes) {
    if (c.submitted_at >= until) continue;
    if (c.classification == measures::Classification::kUnchanged ||
        c.classification == measures::Classification::kNotAvailable) {
      continue;  // not a reliable change
    }
    const ChangeDirection direction = c.classification == measures::Classification::kRecovered ? ChangeDirection::kRecovered
                                      : c.classification == measures::Classification::kImproved ? ChangeDirection::kImproved
                                                                                                 : ChangeDirection::kDeteriorated;
    notes.changes.push_back(DigestChange{.enrolment_id = c.enrolment_id,
                                         .participant_name = c.participant_name,
                                         .instrument = c.short_name,
                                         .score_title = c.score_title,
                                         .time_point_label = c.time_point_label,
                                         .baseline = c.baseline,
                                         .score = c.value,
                                         .direction = direction,
                                         .submitted_at = c.submitted_at});
  }
  std::stable_sort(notes.alerts.begin(), notes.alerts.end(),
                   [](const DigestAlert& a, const DigestAlert& b) { return a.raised_at < b.raised_at; });
  std::stable_sort(notes.changes.begin(), notes.changes.end(),
                   [](const DigestChange& a, const DigestChange& b) { return a.submitted_at < b.submitted_at; });
  return notes;
}

absl::StatusOr<std::string> ContextDirectory::StaffName(UnitOfWork& uow, int64_t user_id) {
  ASSIGN_OR_RETURN(auto account, auth_.FindAccount(uow, user_id));
  if (!account) return absl::InternalError(absl::StrCat("no account for user ", user_id));
  return account->display_name;
}

}  // namespace cft::homework
