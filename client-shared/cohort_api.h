// cft.v1.CohortService for the clients: cohorts, facilitators, the waitlist
// and participants. Reached as session.cohorts(); owned by the ApiSession.
// Every call answers `caller` only (call.h). UI thread only. No gRPC here.
#pragma once

#include <QList>
#include <QStringList>
#include <memory>

#include "client-shared/call.h"
#include "client-shared/cohort_types.h"

namespace cft::client {

class ApiSession;

class CohortApi {
 public:
  explicit CohortApi(ApiSession& session);
  ~CohortApi();

  // Those of this service's methods gRPC may retry (ApiSession::retriedMethods).
  static QStringList retriedMethods();

  Call listCohorts(QObject* caller, Done<QList<CohortInfo>> done, Failed failed);
  Call getCohort(qint64 cohortId, QObject* caller, Done<CohortInfo> done, Failed failed);
  Call createCohort(const NewCohortInput& input, QObject* caller, Done<CohortSaved> done, Failed failed);
  // Running, Completed, or Cancelled (which needs a reason).
  Call setCohortStatus(qint64 cohortId, CohortStatus status, const QString& reason, QObject* caller,
                       Done<CohortSaved> done, Failed failed);
  // Adds a clinician as lead or co-facilitator, or changes the role of one
  // already facilitating; the server warns about fewer than two or no lead.
  Call addFacilitator(qint64 cohortId, qint64 userId, bool lead, QObject* caller, Done<CohortSaved> done,
                      Failed failed);
  Call removeFacilitator(qint64 cohortId, qint64 userId, QObject* caller, Done<CohortSaved> done, Failed failed);

  Call listParticipants(qint64 cohortId, QObject* caller, Done<QList<ParticipantInfo>> done, Failed failed);
  // A new one-time code; it replaces any earlier one.
  Call createInvite(qint64 enrolmentId, QObject* caller, Done<InviteCode> done, Failed failed);
  // Ends the participant's place: their records stay, their sign-in ends.
  Call withdrawParticipant(qint64 enrolmentId, const QString& reason, QObject* caller, Done<ParticipantInfo> done,
                           Failed failed);

  // Everyone referred, allocated or not.
  Call listWaitlist(QObject* caller, Done<QList<ReferralInfo>> done, Failed failed);
  Call addReferral(const NewReferralInput& input, QObject* caller, Done<ReferralInfo> done, Failed failed);
  Call allocate(qint64 referralId, qint64 cohortId, bool overrideClosedGroup, QObject* caller,
                Done<ParticipantInfo> done, Failed failed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
