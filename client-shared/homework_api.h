// cft.v1.HomeworkService for the clients: the participant's assignments and
// practice logs, and the staff's adherence grid, log review, feedback and
// facilitator digest. Reached as session.homework(); owned by the
// ApiSession. Every call answers `caller` only (call.h). UI thread only. No
// gRPC here.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <memory>

#include "client-shared/call.h"
#include "client-shared/homework_types.h"

namespace cft::client {

class ApiSession;

class HomeworkApi {
 public:
  explicit HomeworkApi(ApiSession& session);
  ~HomeworkApi();

  // Those of this service's methods gRPC may retry (ApiSession::retriedMethods).
  static QStringList retriedMethods();

  // Participants: their assignments with progress, and the kinds they use.
  Call listMyAssignments(QObject* caller, Done<MyAssignments> done, Failed failed);
  // Staff.
  Call createAssignment(const NewAssignmentInput& input, QObject* caller, Done<AssignmentInfo> done, Failed failed);

  // A log as the offline outbox keeps it: the request, serialized, with the
  // entry's idempotency key (which must be set). Opaque to everyone else.
  static QByteArray encodeLogPractice(const PracticeEntry& entry);
  // Sends a log kept by encodeLogPractice. A payload that cannot be read
  // fails with InvalidInput without being sent.
  Call logPractice(const QByteArray& encoded, QObject* caller, Done<LoggedPractice> done, Failed failed);
  // The participant's own log, within 7 days of logging it.
  Call updatePracticeLog(qint64 logId, const PracticeEntry& entry, QObject* caller, Done<UpdatedPractice> done,
                         Failed failed);
  Call deletePracticeLog(qint64 logId, QObject* caller, Done<qint64> done, Failed failed);
  // A participant's own logs (cohortId 0), or a cohort's for staff.
  Call listPracticeLogs(const PracticeLogQuery& query, QObject* caller, Done<PracticeLogPage> done, Failed failed);
  // Staff: `idempotencyKey` as NewCohortInput's (one is made when empty).
  Call addFeedback(qint64 logId, const QString& text, const QString& idempotencyKey, QObject* caller,
                   Done<FeedbackInfo> done, Failed failed);
  Call getAdherence(qint64 cohortId, QObject* caller, Done<AdherenceGrid> done, Failed failed);
  // sessionId 0: the cohort's next session.
  Call getFacilitatorDigest(qint64 cohortId, qint64 sessionId, QObject* caller, Done<FacilitatorDigest> done,
                            Failed failed);
  // Participants: they opened a released week's module; answers when they first did.
  Call recordModuleOpened(int week, QObject* caller, Done<QDateTime> done, Failed failed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
