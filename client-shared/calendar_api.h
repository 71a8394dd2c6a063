// cft.v1.CalendarService for the clients: schedules, registers, the
// participant's programme and calendar files. Reached as session.calendar();
// owned by the ApiSession. Every call answers `caller` only (call.h). UI
// thread only. No gRPC here.
#pragma once

#include <QDate>
#include <QList>
#include <QStringList>
#include <QTime>
#include <memory>

#include "client-shared/calendar_types.h"
#include "client-shared/call.h"

namespace cft::client {

class ApiSession;

class CalendarApi {
 public:
  explicit CalendarApi(ApiSession& session);
  ~CalendarApi();

  // Those of this service's methods gRPC may retry (ApiSession::retriedMethods).
  static QStringList retriedMethods();

  Call getSchedule(qint64 cohortId, QObject* caller, Done<QList<SessionInfo>> done, Failed failed);
  // Moves one session to `date` at `time`, the cohort's local time; with
  // `shiftFollowing` every later session moves by the same amount.
  Call rescheduleSession(qint64 sessionId, const QDate& date, const QTime& time, bool shiftFollowing,
                         QObject* caller, Done<ScheduleChange> done, Failed failed);
  // With `extendProgramme` the session's week moves to a new session a week
  // later, and every later session a week on.
  Call cancelSession(qint64 sessionId, const QString& reason, bool extendProgramme, QObject* caller,
                     Done<ScheduleChange> done, Failed failed);
  // The register as saved.
  Call recordAttendance(qint64 sessionId, const QList<AttendanceMark>& marks, QObject* caller,
                        Done<QList<AttendanceMark>> done, Failed failed);
  // Participants: their own programme.
  Call getMyProgramme(QObject* caller, Done<MyProgrammeInfo> done, Failed failed);
  // Staff: a cohort's calendar; participants: pass 0 for their own.
  Call exportCalendar(qint64 cohortId, QObject* caller, Done<CalendarFile> done, Failed failed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
