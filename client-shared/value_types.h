// Qt value types the clients' models and views use. No protobuf, no gRPC.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QTime>
#include <optional>

namespace cft::client {

enum class UserRole { Unknown, Admin, Clinician, Participant };

QString roleLabel(UserRole role);

struct UserInfo {
  qint64 id = 0;
  qint64 organisationId = 0;
  QString email;
  QString displayName;
  UserRole role = UserRole::Unknown;
  bool active = true;
  bool passwordChangeRequired = false;
  QString organisationName;
  QDateTime sessionExpiresAt;
};

struct TemplateInfo {
  qint64 id = 0;
  QString title;
  int version = 0;
  int weekCount = 0;
  bool builtIn = true;
};

struct FacilitatorInfo {
  qint64 userId = 0;
  QString name;
  QString email;
  bool lead = false;  // else a co-facilitator
};

struct CohortInfo {
  qint64 id = 0;
  QString name;
  QString status;  // "Planned", "Running", "Completed", "Cancelled"
  QString cancelReason;
  bool running = false;
  QString templateTitle;
  int weekCount = 0;
  QDate startDate;
  int weekday = 0;  // ISO, Monday 1
  QTime startTime;
  int durationMinutes = 0;
  QString timeZone;
  int capacity = 0;
  int enrolled = 0;
  bool openGroup = false;
  QList<FacilitatorInfo> facilitators;  // as the server orders them
  QDateTime firstSessionAt;
};

struct NewCohortInput {
  QString name;
  qint64 templateId = 0;
  QDate startDate;
  int weekday = 0;
  QTime startTime;
  int durationMinutes = 0;  // 0: the template's
  QString timeZone;
  int capacity = 0;  // 0: the default
  bool openGroup = false;
  QString idempotencyKey;
};

struct SessionInfo {
  qint64 id = 0;
  int week = 0;
  QString weekTitle;
  QDate localDate;
  QTime localTime;
  QString timeZone;
  QDateTime startsAt;  // UTC
  int durationMinutes = 0;
  QString status;  // "Scheduled", "Held", "Cancelled"
  QString cancelReason;
  int present = 0, late = 0, absent = 0, excused = 0;
  QString localDisplay;
};

struct ParticipantInfo {
  qint64 enrolmentId = 0;
  QString name;
  QString email;
  QString status;       // "Invited", "Active", "Withdrawn", "Completed"
  QString inviteState;  // "No invite yet", "Invite sent", ...
  QDateTime joinedAt;
  bool lateJoiner = false;
};

enum class Attendance { Unknown, Present, Late, Absent, Excused };
QString attendanceLabel(Attendance a);

struct AttendanceMark {
  qint64 enrolmentId = 0;
  Attendance status = Attendance::Unknown;
  QString note;
  QString name;  // in replies
};

struct ReferralInfo {
  qint64 id = 0;
  QString name;
  QString email;
  QString source;
  QString screening;  // "Pending", "Suitable", "Unsuitable"
  QString screeningNote;
  bool allocated = false;
  qint64 allocatedCohortId = 0;
  QDateTime createdAt;
};

struct NewReferralInput {
  QString name;
  QString email;
  QString source;
  QString screening;  // "Pending", "Suitable", "Unsuitable"
  QString screeningNote;
  QString idempotencyKey;
};

struct PracticeInfo {
  QString code;
  QString title;
  QString instructions;
  QString caution;
  int timesPerWeek = 0;
  int minutes = 0;
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

Q_DECLARE_METATYPE(cft::client::UserInfo)
Q_DECLARE_METATYPE(QList<cft::client::UserInfo>)
Q_DECLARE_METATYPE(cft::client::CohortInfo)
Q_DECLARE_METATYPE(QList<cft::client::CohortInfo>)
Q_DECLARE_METATYPE(QList<cft::client::TemplateInfo>)
Q_DECLARE_METATYPE(QList<cft::client::SessionInfo>)
Q_DECLARE_METATYPE(QList<cft::client::ParticipantInfo>)
Q_DECLARE_METATYPE(cft::client::ParticipantInfo)
Q_DECLARE_METATYPE(QList<cft::client::AttendanceMark>)
Q_DECLARE_METATYPE(QList<cft::client::ReferralInfo>)
Q_DECLARE_METATYPE(cft::client::ReferralInfo)
Q_DECLARE_METATYPE(cft::client::MyProgrammeInfo)
Q_DECLARE_METATYPE(cft::client::CalendarFile)
