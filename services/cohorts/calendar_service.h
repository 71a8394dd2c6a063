// The cohort calendar: the schedule, moving and cancelling sessions, the
// attendance register, the participant's released weeks, and iCalendar
// export. Times are planned in local civil time in the cohort's zone and the
// instants derived, so daylight-saving changes never move a session's local
// hour. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/cohort_repository.h"
#include "services/common/clock.h"
#include "services/programme/template_service.h"

namespace cft::cohorts {

struct SessionView {
  Session session;
  std::string week_title;
  // "Tuesday 3 November 2026, 18:00 GMT"
  std::string local_display;
};

struct ScheduleView {
  std::string time_zone;
  std::vector<SessionView> sessions;
  // After a change: plain sentences worth the facilitator's attention (a
  // moved session whose local time does not exist that day).
  std::vector<std::string> warnings;
};

struct RescheduleRequest {
  int64_t session_id = 0;
  absl::CivilDay new_date;
  int start_minute = 0;
  int duration_minutes = 0;  // 0: keep
  bool shift_following = false;
};

struct RegisterEntry {
  int64_t enrolment_id = 0;
  std::optional<AttendanceStatus> status;
  std::string note;
};

struct RegisterView {
  SessionView session;
  std::vector<AttendanceRecord> entries;
};

struct MyWeek {
  programme::ProgrammeWeek week;
  absl::Time released_at;
  bool catch_up = false;
  std::optional<AttendanceStatus> attendance;
};

struct MyProgramme {
  std::string cohort_name;
  std::string programme_title;
  int week_count = 0;
  int current_week = 0;
  std::vector<MyWeek> weeks;
  std::optional<SessionView> next_session;
  std::vector<SessionView> sessions;
};

struct CalendarFile {
  std::string filename;
  std::string ics;
};

class CalendarService {
 public:
  CalendarService(CohortRepository& cohorts, EnrolmentRepository& enrolments, SessionRepository& sessions,
                  programme::TemplateService& templates, TransactionRunner& tx, audit::Auditor& auditor,
                  const Clock& clock)
      : cohorts_(cohorts), enrolments_(enrolments), sessions_(sessions), templates_(templates), tx_(tx),
        auditor_(auditor), clock_(clock), access_(cohorts) {}

  absl::StatusOr<ScheduleView> GetSchedule(RequestContext& ctx, int64_t cohort_id);
  absl::StatusOr<ScheduleView> RescheduleSession(RequestContext& ctx, const RescheduleRequest& request);
  absl::StatusOr<ScheduleView> CancelSession(RequestContext& ctx, int64_t session_id, const std::string& reason,
                                             bool extend_programme);
  absl::StatusOr<RegisterView> RecordAttendance(RequestContext& ctx, int64_t session_id,
                                                const std::vector<RegisterEntry>& entries);
  absl::StatusOr<MyProgramme> GetMyProgramme(RequestContext& ctx);
  absl::StatusOr<CalendarFile> ExportCalendar(RequestContext& ctx, int64_t cohort_id);

 private:
  // The session and its cohort (locked), after the access check.
  absl::StatusOr<std::pair<Session, CohortRecord>> RequireSession(UnitOfWork& uow, const Principal& caller,
                                                                  int64_t session_id);
  absl::StatusOr<ScheduleView> LoadSchedule(UnitOfWork& uow, const CohortRecord& cohort);
  // The participant's own enrolment and cohort.
  absl::StatusOr<Place> MyPlace(UnitOfWork& uow, const Principal& me);

  CohortRepository& cohorts_;
  EnrolmentRepository& enrolments_;
  SessionRepository& sessions_;
  programme::TemplateService& templates_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
  CohortAccess access_;
};

}  // namespace cft::cohorts
