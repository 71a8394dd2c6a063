// Qt value types of cft.v1.CohortService: cohorts, facilitators, the
// waitlist and participants. No protobuf, no gRPC. Statuses are enums with
// label functions; logic compares the enums, never the labels.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

namespace cft::client {

enum class CohortStatus { Unknown, Planned, Running, Completed, Cancelled };

inline QString cohortStatusLabel(CohortStatus s) {
  switch (s) {
    case CohortStatus::Planned: return QStringLiteral("Planned");
    case CohortStatus::Running: return QStringLiteral("Running");
    case CohortStatus::Completed: return QStringLiteral("Completed");
    case CohortStatus::Cancelled: return QStringLiteral("Cancelled");
    case CohortStatus::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

// Planned or running: completed and cancelled cohorts keep their records,
// but nothing about them changes.
inline bool isOpen(CohortStatus s) { return s == CohortStatus::Planned || s == CohortStatus::Running; }

struct FacilitatorInfo {
  qint64 userId = 0;
  QString name;
  QString email;
  bool lead = false;  // else a co-facilitator
};

inline QString facilitatorRoleLabel(bool lead) {
  return lead ? QStringLiteral("Lead") : QStringLiteral("Co-facilitator");
}

struct CohortInfo {
  qint64 id = 0;
  QString name;
  CohortStatus status = CohortStatus::Unknown;
  QString cancelReason;
  // The pinned template version (its practice kinds name the fields of logs).
  qint64 templateId = 0;
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
  // One per attempt the person makes (a dialog), so a repeat after a lost
  // answer is not planned twice; the facade makes one when none is given.
  QString idempotencyKey;
};

// A cohort as saved, with the server's warnings about it (too few
// facilitators, no lead).
struct CohortSaved {
  CohortInfo cohort;
  QStringList warnings;
};

enum class ParticipantStatus { Unknown, Invited, Active, Withdrawn, Completed };

inline QString participantStatusLabel(ParticipantStatus s) {
  switch (s) {
    case ParticipantStatus::Invited: return QStringLiteral("Invited");
    case ParticipantStatus::Active: return QStringLiteral("Active");
    case ParticipantStatus::Withdrawn: return QStringLiteral("Withdrawn");
    case ParticipantStatus::Completed: return QStringLiteral("Completed");
    case ParticipantStatus::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

enum class InviteState { None, Pending, Redeemed, Expired, Revoked };

inline QString inviteStateLabel(InviteState s) {
  switch (s) {
    case InviteState::Pending: return QStringLiteral("Invite code given");
    case InviteState::Redeemed: return QStringLiteral("Joined");
    case InviteState::Expired: return QStringLiteral("Invite expired");
    case InviteState::Revoked: return QStringLiteral("Invite revoked");
    case InviteState::None: break;
  }
  return QStringLiteral("No invite yet");
}

struct ParticipantInfo {
  qint64 enrolmentId = 0;
  QString name;
  QString email;
  ParticipantStatus status = ParticipantStatus::Unknown;
  InviteState inviteState = InviteState::None;
  QDateTime joinedAt;
  bool lateJoiner = false;
};

struct InviteCode {
  QString code;
  QDateTime expiresAt;
};

enum class ScreeningStatus { Pending, Suitable, Unsuitable };

inline QString screeningLabel(ScreeningStatus s) {
  switch (s) {
    case ScreeningStatus::Suitable: return QStringLiteral("Suitable");
    case ScreeningStatus::Unsuitable: return QStringLiteral("Unsuitable");
    case ScreeningStatus::Pending: break;
  }
  return QStringLiteral("Pending");
}

struct ReferralInfo {
  qint64 id = 0;
  QString name;
  QString email;
  QString source;
  ScreeningStatus screening = ScreeningStatus::Pending;
  QString screeningNote;
  bool allocated = false;
  qint64 allocatedCohortId = 0;
  QDateTime createdAt;
};

struct NewReferralInput {
  QString name;
  QString email;
  QString source;
  ScreeningStatus screening = ScreeningStatus::Pending;
  QString screeningNote;
  // As NewCohortInput's.
  QString idempotencyKey;
};

}  // namespace cft::client
