#include "client-shared/calendar_mapping.h"

#include "client-shared/common_mapping.h"
#include "client-shared/programme_mapping.h"

namespace cft::client {

SessionStatus fromProto(v1::SessionStatus s) {
  switch (s) {
    case v1::SESSION_SCHEDULED: return SessionStatus::Scheduled;
    case v1::SESSION_HELD: return SessionStatus::Held;
    case v1::SESSION_CANCELLED: return SessionStatus::Cancelled;
    default: return SessionStatus::Unknown;
  }
}

Attendance fromProto(v1::AttendanceStatus a) {
  switch (a) {
    case v1::ATTENDANCE_PRESENT: return Attendance::Present;
    case v1::ATTENDANCE_LATE: return Attendance::Late;
    case v1::ATTENDANCE_ABSENT: return Attendance::Absent;
    case v1::ATTENDANCE_EXCUSED: return Attendance::Excused;
    default: return Attendance::Unknown;
  }
}

v1::AttendanceStatus toProto(Attendance a) {
  switch (a) {
    case Attendance::Present: return v1::ATTENDANCE_PRESENT;
    case Attendance::Late: return v1::ATTENDANCE_LATE;
    case Attendance::Absent: return v1::ATTENDANCE_ABSENT;
    case Attendance::Excused: return v1::ATTENDANCE_EXCUSED;
    case Attendance::Unknown: break;
  }
  return v1::ATTENDANCE_STATUS_UNSPECIFIED;
}

SessionInfo fromProto(const v1::ScheduledSession& s) {
  SessionInfo info;
  info.id = s.id();
  info.week = s.week_number();
  info.weekTitle = qs(s.week_title());
  info.localDate = fromProto(s.local_date());
  info.localTime = fromProto(s.local_start_time());
  info.timeZone = qs(s.time_zone());
  info.startsAt = fromProto(s.starts_at());
  info.durationMinutes = s.duration_minutes();
  info.status = fromProto(s.status());
  info.cancelReason = qs(s.cancel_reason());
  info.present = s.attendance().present();
  info.late = s.attendance().late();
  info.absent = s.attendance().absent();
  info.excused = s.attendance().excused();
  info.localDisplay = qs(s.local_display());
  return info;
}

AttendanceMark fromProto(const v1::AttendanceEntry& e) {
  return AttendanceMark{e.enrolment_id(), fromProto(e.status()), qs(e.note()), qs(e.participant_name())};
}

WeekContent fromProto(const v1::MyWeek& mw) {
  WeekContent week;
  week.number = mw.week().number();
  week.title = qs(mw.week().title());
  week.moduleText = qs(mw.week().module_text());
  for (const auto& p : mw.week().practices()) week.practices.append(fromProto(p));
  week.releasedAt = fromProto(mw.released_at());
  week.catchUp = mw.catch_up();
  week.attendance = fromProto(mw.attendance());
  return week;
}

MyProgrammeInfo fromProto(const v1::GetMyProgrammeResponse& resp) {
  MyProgrammeInfo info;
  info.cohortName = qs(resp.cohort_name());
  info.programmeTitle = qs(resp.programme_title());
  info.weekCount = resp.week_count();
  info.currentWeek = resp.current_week();
  for (const auto& w : resp.weeks()) info.weeks.append(fromProto(w));
  if (resp.has_next_session()) info.nextSession = fromProto(resp.next_session());
  for (const auto& s : resp.sessions()) info.sessions.append(fromProto(s));
  return info;
}

}  // namespace cft::client
