// Qt value types of cft.v1.CalendarService: sessions, attendance, the
// participant's programme and calendar files. No protobuf, no gRPC.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>
#include <optional>

#include "client-shared/programme_types.h"

namespace cft::client {

enum class SessionStatus { Unknown, Scheduled, Held, Cancelled };

inline QString sessionStatusLabel(SessionStatus s) {
  switch (s) {
    case SessionStatus::Scheduled: return QStringLiteral("Scheduled");
    case SessionStatus::Held: return QStringLiteral("Held");
    case SessionStatus::Cancelled: return QStringLiteral("Cancelled");
    case SessionStatus::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

struct SessionInfo {
  qint64 id = 0;
  int week = 0;
  QString weekTitle;
  QDate localDate;
  QTime localTime;
  QString timeZone;
  QDateTime startsAt;  // UTC
  int durationMinutes = 0;
  SessionStatus status = SessionStatus::Unknown;
  QString cancelReason;
  int present = 0, late = 0, absent = 0, excused = 0;
  QString localDisplay;
};

// The whole schedule after a session moved or was cancelled, with the
// server's warnings (sessions a clock change moved).
struct ScheduleChange {
  QList<SessionInfo> sessions;
  QStringList warnings;
};

enum class Attendance { Unknown, Present, Late, Absent, Excused };

inline QString attendanceLabel(Attendance a) {
  switch (a) {
    case Attendance::Present: return QStringLiteral("Present");
    case Attendance::Late: return QStringLiteral("Late");
    case Attendance::Absent: return QStringLiteral("Absent");
    case Attendance::Excused: return QStringLiteral("Excused");
    case Attendance::Unknown: break;
  }
  return QStringLiteral("Not recorded");
}

struct AttendanceMark {
  qint64 enrolmentId = 0;
  Attendance status = Attendance::Unknown;
  QString note;
  QString name;  // in replies
};

struct WeekContent {
  int number = 0;
  QString title;
  QString moduleText;
  QList<PracticeInfo> practices;
  QDateTime releasedAt;
  bool catchUp = false;
  Attendance attendance = Attendance::Unknown;
};

struct MyProgrammeInfo {
  QString cohortName;
  QString programmeTitle;
  int weekCount = 0;
  int currentWeek = 0;
  QList<WeekContent> weeks;
  std::optional<SessionInfo> nextSession;
  QList<SessionInfo> sessions;
};

struct CalendarFile {
  QString fileName;
  QByteArray ics;
};

}  // namespace cft::client
