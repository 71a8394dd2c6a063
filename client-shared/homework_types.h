// Qt value types of cft.v1.HomeworkService: assignments and progress
// towards their dose, practice logs with their structured fields and
// feedback, the adherence grid and the facilitator digest. No protobuf, no
// gRPC. Enums carry label functions; logic compares the enums.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QTime>
#include <optional>

#include "client-shared/calendar_types.h"
#include "client-shared/cohort_types.h"
#include "client-shared/programme_types.h"

namespace cft::client {

struct Dose {
  int timesPerWeek = 0;
  int minutes = 0;
};

// "About 5 minutes, twice a day".
inline QString doseLabel(const Dose& d) {
  const QString times = d.timesPerWeek == 7    ? QStringLiteral("every day")
                        : d.timesPerWeek == 14 ? QStringLiteral("twice a day")
                        : d.timesPerWeek == 21 ? QStringLiteral("three times a day")
                        : d.timesPerWeek == 1  ? QStringLiteral("once a week")
                                               : QStringLiteral("%1 times a week").arg(d.timesPerWeek);
  return QStringLiteral("About %1 minute%2, %3").arg(d.minutes).arg(d.minutes == 1 ? "" : "s", times);
}

struct LadderStepInfo {
  int number = 0;  // 1-based
  QString description;
  int targetMinutes = 0;
};

enum class AssignmentSource { Unknown, Programme, ForCohort, ForParticipant };

inline QString assignmentSourceLabel(AssignmentSource s) {
  switch (s) {
    case AssignmentSource::Programme: return QStringLiteral("From the programme");
    case AssignmentSource::ForCohort: return QStringLiteral("Set for the group");
    case AssignmentSource::ForParticipant: return QStringLiteral("Set for you");
    case AssignmentSource::Unknown: break;
  }
  return QStringLiteral("Homework");
}

struct AssignmentInfo {
  qint64 id = 0;
  qint64 cohortId = 0;
  int week = 0;
  AssignmentSource source = AssignmentSource::Unknown;
  qint64 enrolmentId = 0;
  // A PracticeKindInfo key; empty for the common fields only.
  QString kind;
  // Programme practices: the template's code ("B").
  QString practiceCode;
  QString title;
  QString instructions;
  QString caution;
  Dose dose;
  QList<LadderStepInfo> steps;
  QDateTime createdAt;
};

struct AssignmentProgress {
  AssignmentInfo assignment;
  QDateTime releasedAt;
  bool thisWeek = false;
  int logged = 0;
  int minutesLogged = 0;
  // In the group's time zone.
  int loggedToday = 0;
  int percentOfDose = 0;
};

struct MyAssignments {
  int currentWeek = 0;
  // This week's first, then earlier weeks, newest first.
  QList<AssignmentProgress> assignments;
  QList<PracticeKindInfo> kinds;
  // The group's IANA zone: practice dates and times are in it.
  QString timeZone;
  QDate earliestPracticeDate;

  const PracticeKindInfo* kind(const QString& key) const {
    for (const PracticeKindInfo& k : kinds) {
      if (k.key == key) return &k;
    }
    return nullptr;
  }
};

// One structured value of a log, of its field's type.
struct FieldValue {
  QString key;
  FieldType type = FieldType::Unknown;
  QString text;    // Text
  int number = 0;  // Number, and Step (the 1-based step number)
  bool yesNo = false;
  QString choice;  // the option's key

  static FieldValue ofText(const QString& k, const QString& t) { return {k, FieldType::Text, t, 0, false, {}}; }
  static FieldValue ofNumber(const QString& k, int n) { return {k, FieldType::Number, {}, n, false, {}}; }
  static FieldValue ofYesNo(const QString& k, bool b) { return {k, FieldType::YesNo, {}, 0, b, {}}; }
  static FieldValue ofChoice(const QString& k, const QString& c) { return {k, FieldType::Choice, {}, 0, false, c}; }
  static FieldValue ofStep(const QString& k, int step) { return {k, FieldType::Step, {}, step, false, {}}; }
};

// What the participant records for one practice (LogPractice and
// UpdatePracticeLog). Dates and times are the group's wall clock.
struct PracticeEntry {
  qint64 assignmentId = 0;
  QDate practisedOn;
  QTime practisedAt;
  int minutes = 0;
  std::optional<int> distressBefore;
  std::optional<int> distressAfter;
  std::optional<int> helpfulness;
  QList<FieldValue> fields;
  QString note;
  // Shares the note and the text fields with the facilitators.
  bool shared = false;
  // LogPractice: one new random key per log, kept while it is retried.
  QString idempotencyKey;
};

struct FeedbackInfo {
  qint64 id = 0;
  qint64 logId = 0;
  QString authorName;
  QString text;
  QDateTime createdAt;
};

struct PracticeLogInfo {
  qint64 id = 0;
  qint64 assignmentId = 0;
  qint64 enrolmentId = 0;
  QString participantName;  // staff views
  int week = 0;
  QString assignmentTitle;
  QString kind;
  QDate practisedOn;
  QTime practisedAt;
  int minutes = 0;
  std::optional<int> distressBefore;
  std::optional<int> distressAfter;
  int helpfulness = 0;
  // Staff views leave out text values the participant kept private.
  QList<FieldValue> fields;
  QString note;
  bool shared = false;
  // Staff views: words were kept private and left out.
  bool privateContentWithheld = false;
  QDateTime loggedAt;
  QDateTime updatedAt;
  // The participant's own views.
  QDateTime editableUntil;
  // Oldest first.
  QList<FeedbackInfo> feedback;

  const FieldValue* value(const QString& fieldKey) const {
    for (const FieldValue& v : fields) {
      if (v.key == fieldKey) return &v;
    }
    return nullptr;
  }
};

struct LoggedPractice {
  PracticeLogInfo log;
  // The key had been sent before: this is the log the first call stored.
  bool replayed = false;
};

struct UpdatedPractice {
  PracticeLogInfo log;
  QStringList changedFields;
};

struct PracticeLogQuery {
  // Staff: required. Participants: 0 (their own).
  qint64 cohortId = 0;
  qint64 enrolmentId = 0;
  int week = 0;
  int pageSize = 0;  // 0: the server's default
  QString pageToken;
};

struct WeekPracticeSummary {
  int week = 0;
  int logs = 0;
  int minutes = 0;
  std::optional<double> meanHelpfulness;
};

struct PracticeLogPage {
  QList<PracticeLogInfo> logs;
  // Empty on the last page.
  QString nextPageToken;
  // Totals by week over every log the query matches, in week order.
  QList<WeekPracticeSummary> weeks;
};

struct NewAssignmentInput {
  qint64 cohortId = 0;
  // 0: every participant of the cohort.
  qint64 enrolmentId = 0;
  int week = 0;
  QString kind;
  QString title;
  QString instructions;
  QString caution;
  Dose dose;
  // For a kind that uses steps; numbers are ignored.
  QList<LadderStepInfo> steps;
  // As NewCohortInput's.
  QString idempotencyKey;
};

struct AdherenceWeekInfo {
  int week = 0;
  QString title;
  QDateTime releasedAt;
  // The next module is out: the numbers are final.
  bool complete = false;
  qint64 sessionId = 0;
};

struct AdherenceCellInfo {
  int week = 0;
  // False before the person joined or after they left: not applicable, not zero.
  bool applies = false;
  int dose = 0;
  int logged = 0;
  int percent = 0;
  int logs = 0;
  int minutes = 0;
  std::optional<double> meanHelpfulness;
  Attendance attendance = Attendance::Unknown;
  bool moduleOpened = false;
};

struct AdherenceRowInfo {
  qint64 enrolmentId = 0;
  QString name;
  ParticipantStatus status = ParticipantStatus::Unknown;
  // One per AdherenceGrid::weeks entry, in the same order.
  QList<AdherenceCellInfo> cells;
};

struct AdherenceGrid {
  QList<AdherenceWeekInfo> weeks;
  QList<AdherenceRowInfo> rows;
};

struct DigestSessionInfo {
  qint64 sessionId = 0;
  int week = 0;
  QString weekTitle;
  QDateTime startsAt;
  QString localDisplay;
};

struct DigestPracticeInfo {
  qint64 enrolmentId = 0;
  QString name;
  int logs = 0;
  int minutes = 0;
  int dose = 0;
  int loggedAgainstDose = 0;
  int percentOfDose = 0;
};

struct DigestPersonInfo {
  qint64 enrolmentId = 0;
  QString name;
  Attendance attendance = Attendance::Unknown;
};

enum class EarlyWarningReason { Unknown, MissedTwoSessions, NoPracticeForTenDays, AdherenceFalling };

inline QString earlyWarningLabel(EarlyWarningReason r) {
  switch (r) {
    case EarlyWarningReason::MissedTwoSessions: return QStringLiteral("Missed two sessions in a row");
    case EarlyWarningReason::NoPracticeForTenDays: return QStringLiteral("No practice for ten days");
    case EarlyWarningReason::AdherenceFalling: return QStringLiteral("Practice falling two weeks running");
    case EarlyWarningReason::Unknown: break;
  }
  return QStringLiteral("Worth a check-in");
}

struct EarlyWarningInfo {
  qint64 enrolmentId = 0;
  QString name;
  EarlyWarningReason reason = EarlyWarningReason::Unknown;
  // The server's sentence ("Missed the last two sessions (weeks 2 and 3).").
  QString explanation;
};

// A risk alert raised since the last session (the risk inbox acts on it).
struct DigestAlertInfo {
  qint64 alertId = 0;
  qint64 enrolmentId = 0;
  QString name;
  bool red = false;
  QString instrument;     // "PHQ-9"
  QString timePoint;      // "Week 4"
  QDateTime raisedAt;
  QString state;          // "open", "acknowledged" or "resolved"
};

// A questionnaire score that changed reliably against the participant's baseline.
struct DigestChangeInfo {
  qint64 enrolmentId = 0;
  QString name;
  QString instrument;
  QString scoreTitle;
  QString timePoint;
  double baseline = 0;
  double score = 0;
  QString change;  // "recovered", "improved" or "deteriorated"
};

struct FacilitatorDigest {
  DigestSessionInfo session;
  std::optional<DigestSessionInfo> previousSession;
  QDateTime since;
  QDateTime until;
  // The module module_not_opened is about (0: none released).
  int moduleWeek = 0;
  QList<DigestPracticeInfo> practised;
  QList<DigestPersonInfo> moduleNotOpened;
  QList<DigestPersonInfo> missedLastSession;
  QList<EarlyWarningInfo> earlyWarnings;
  QList<DigestAlertInfo> newAlerts;
  QList<DigestChangeInfo> reliableChanges;
};

}  // namespace cft::client
