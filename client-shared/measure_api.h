// cft.v1.MeasureService for the clients: due questionnaires, instrument
// definitions (kept by the participant client to answer and to show crisis
// resources offline), submissions through the offline outbox, paper-form
// entry, outcomes and effect sizes, and the risk inbox. Reached as
// session.measures(); owned by the ApiSession. Every call answers `caller`
// only (call.h). UI thread only. No gRPC here.
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <memory>
#include <optional>

#include "client-shared/call.h"
#include "client-shared/measure_types.h"

namespace cft::client {

class ApiSession;

class MeasureApi {
 public:
  explicit MeasureApi(ApiSession& session);
  ~MeasureApi();

  // Those of this service's methods gRPC may retry (ApiSession::retriedMethods).
  static QStringList retriedMethods();

  Call listInstruments(QObject* caller, Done<QList<InstrumentSummaryInfo>> done, Failed failed);
  // version 0: the current one.
  Call getInstrument(const QString& key, int version, QObject* caller, Done<FetchedInstrument> done, Failed failed);
  // Reads back FetchedInstrument::encoded; nullopt when the bytes are not one.
  static std::optional<InstrumentInfo> decodeInstrument(const QByteArray& encoded);
  // Staff.
  Call getMeasureSettings(QObject* caller, Done<MeasureSettingsInfo> done, Failed failed);
  Call getMeasurementPlan(qint64 cohortId, QObject* caller, Done<MeasurementScheduleInfo> done, Failed failed);

  // Participants.
  Call listDueMeasures(QObject* caller, Done<DueMeasures> done, Failed failed);
  static std::optional<QList<DueMeasureInfo>> decodeDueMeasures(const QByteArray& encoded);
  // A questionnaire as the offline outbox keeps it: the request, serialized,
  // with its idempotency key (which must be set). Opaque to everyone else.
  static QByteArray encodeSubmitResponse(const QuestionnaireAnswers& answers);
  // Sends one kept by encodeSubmitResponse. A payload that cannot be read
  // fails with InvalidInput without being sent.
  Call submitResponse(const QByteArray& encoded, QObject* caller, Done<SubmittedResponse> done, Failed failed);

  // Staff: `input.idempotencyKey` as NewCohortInput's (one is made when empty).
  Call enterResponseOnBehalf(const PaperFormInput& input, QObject* caller, Done<EnteredResponse> done,
                             Failed failed);
  // Staff name the enrolment; participants pass 0 for their own.
  Call getOutcomes(qint64 enrolmentId, QObject* caller, Done<OutcomesInfo> done, Failed failed);
  // Empty keys: the plan's baseline and post time points.
  Call getCohortOutcomes(qint64 cohortId, const QString& preKey, const QString& postKey, QObject* caller,
                         Done<CohortOutcomesInfo> done, Failed failed);

  // cohortId 0: every cohort the caller reaches.
  Call listRiskAlerts(qint64 cohortId, bool includeResolved, QObject* caller, Done<RiskAlertList> done,
                      Failed failed);
  Call acknowledgeRiskAlert(qint64 alertId, const QString& note, QObject* caller, Done<RiskAlertInfo> done,
                            Failed failed);
  Call resolveRiskAlert(qint64 alertId, const QString& note, QObject* caller, Done<RiskAlertInfo> done,
                        Failed failed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
