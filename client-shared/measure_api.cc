#include "client-shared/measure_api.h"

#include <QUuid>

#include "cft/v1/measure.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/common_mapping.h"
#include "client-shared/measure_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {
namespace {

using Stub = v1::MeasureService::Stub;

// As CohortApi's: the caller's key, or one for this call alone.
QString keyOr(const QString& key) {
  return key.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : key;
}

}  // namespace

struct MeasureApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::MeasureService> stub;
};

MeasureApi::MeasureApi(ApiSession& session) : impl_(std::make_unique<Impl>(session.transport())) {}

MeasureApi::~MeasureApi() = default;

QStringList MeasureApi::retriedMethods() {
  const QString s = QString::fromLatin1(v1::MeasureService::service_full_name());
  return {
      s + "/ListInstruments", s + "/GetInstrument", s + "/GetMeasureSettings", s + "/GetMeasurementPlan",
      s + "/ListDueMeasures", s + "/GetOutcomes", s + "/GetCohortOutcomes", s + "/ListRiskAlerts",
      // Always sent with an idempotency key: a repeat returns the first response.
      s + "/SubmitResponse", s + "/EnterResponseOnBehalf",
      // A repeat of an acknowledgement changes nothing (measure.proto).
      s + "/AcknowledgeRiskAlert",
      // Not ResolveRiskAlert: a repeat after a lost answer would be refused as
      // already resolved, hiding that the first one worked.
  };
}

Call MeasureApi::listInstruments(QObject* caller, Done<QList<InstrumentSummaryInfo>> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::ListInstruments, v1::ListInstrumentsRequest(), caller,
      [done = std::move(done)](const v1::ListInstrumentsResponse& resp) {
        if (done) done(listOf(resp.instruments(), [](const v1::InstrumentSummary& s) { return fromProto(s); }));
      },
      std::move(failed));
}

Call MeasureApi::getInstrument(const QString& key, int version, QObject* caller, Done<FetchedInstrument> done,
                               Failed failed) {
  v1::GetInstrumentRequest req;
  req.set_instrument_key(ss(key));
  req.set_version(version);
  return detail::unary(
      impl_->stub, &Stub::async::GetInstrument, std::move(req), caller,
      [done = std::move(done)](const v1::GetInstrumentResponse& resp) {
        if (done) done(FetchedInstrument{fromProto(resp), QByteArray::fromStdString(resp.SerializeAsString())});
      },
      std::move(failed));
}

std::optional<InstrumentInfo> MeasureApi::decodeInstrument(const QByteArray& encoded) {
  v1::GetInstrumentResponse resp;
  if (!resp.ParseFromArray(encoded.constData(), static_cast<int>(encoded.size())) || resp.instrument().key().empty()) {
    return std::nullopt;
  }
  return fromProto(resp);
}

Call MeasureApi::getMeasureSettings(QObject* caller, Done<MeasureSettingsInfo> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::GetMeasureSettings, v1::GetMeasureSettingsRequest(), caller,
      [done = std::move(done)](const v1::GetMeasureSettingsResponse& resp) {
        if (done) done(fromProto(resp.settings()));
      },
      std::move(failed));
}

Call MeasureApi::getMeasurementPlan(qint64 cohortId, QObject* caller, Done<MeasurementScheduleInfo> done,
                                    Failed failed) {
  v1::GetMeasurementPlanRequest req;
  req.set_cohort_id(cohortId);
  return detail::unary(
      impl_->stub, &Stub::async::GetMeasurementPlan, std::move(req), caller,
      [done = std::move(done)](const v1::GetMeasurementPlanResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call MeasureApi::listDueMeasures(QObject* caller, Done<DueMeasures> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::ListDueMeasures, v1::ListDueMeasuresRequest(), caller,
      [done = std::move(done)](const v1::ListDueMeasuresResponse& resp) {
        if (!done) return;
        done(DueMeasures{listOf(resp.measures(), [](const v1::DueMeasure& m) { return fromProto(m); }),
                         QByteArray::fromStdString(resp.SerializeAsString())});
      },
      std::move(failed));
}

std::optional<QList<DueMeasureInfo>> MeasureApi::decodeDueMeasures(const QByteArray& encoded) {
  v1::ListDueMeasuresResponse resp;
  if (!resp.ParseFromArray(encoded.constData(), static_cast<int>(encoded.size()))) return std::nullopt;
  return listOf(resp.measures(), [](const v1::DueMeasure& m) { return fromProto(m); });
}

QByteArray MeasureApi::encodeSubmitResponse(const QuestionnaireAnswers& answers) {
  return QByteArray::fromStdString(toProto(answers).SerializeAsString());
}

Call MeasureApi::submitResponse(const QByteArray& encoded, QObject* caller, Done<SubmittedResponse> done,
                                Failed failed) {
  using State = detail::UnaryCall<v1::SubmitResponseRequest, v1::SubmitResponseResponse>;
  v1::SubmitResponseRequest req;
  if (!req.ParseFromArray(encoded.constData(), static_cast<int>(encoded.size())) || req.idempotency_key().empty()) {
    // As HomeworkApi::logPractice: reported from the event loop, never sent.
    auto state = std::make_shared<State>();
    state->onError = std::move(failed);
    RpcError error;
    error.kind = RpcError::Kind::InvalidInput;
    error.message = QStringLiteral("This saved questionnaire could not be read, so it cannot be sent.");
    return impl_->stub.transport().start(std::move(state), caller, {}, error,
                                         [](std::function<void(grpc::Status)>) {});
  }
  return detail::unary(
      impl_->stub, &Stub::async::SubmitResponse, std::move(req), caller,
      [done = std::move(done)](const v1::SubmitResponseResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call MeasureApi::enterResponseOnBehalf(const PaperFormInput& input, QObject* caller, Done<EnteredResponse> done,
                                       Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::EnterResponseOnBehalf, toProto(input, keyOr(input.idempotencyKey)), caller,
      [done = std::move(done)](const v1::EnterResponseOnBehalfResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call MeasureApi::getOutcomes(qint64 enrolmentId, QObject* caller, Done<OutcomesInfo> done, Failed failed) {
  v1::GetOutcomesRequest req;
  req.set_enrolment_id(enrolmentId);
  return detail::unary(
      impl_->stub, &Stub::async::GetOutcomes, std::move(req), caller,
      [done = std::move(done)](const v1::GetOutcomesResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call MeasureApi::getCohortOutcomes(qint64 cohortId, const QString& preKey, const QString& postKey, QObject* caller,
                                   Done<CohortOutcomesInfo> done, Failed failed) {
  v1::GetCohortOutcomesRequest req;
  req.set_cohort_id(cohortId);
  req.set_pre_time_point_key(ss(preKey));
  req.set_post_time_point_key(ss(postKey));
  return detail::unary(
      impl_->stub, &Stub::async::GetCohortOutcomes, std::move(req), caller,
      [done = std::move(done)](const v1::GetCohortOutcomesResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call MeasureApi::listRiskAlerts(qint64 cohortId, bool includeResolved, QObject* caller, Done<RiskAlertList> done,
                                Failed failed) {
  v1::ListRiskAlertsRequest req;
  req.set_cohort_id(cohortId);
  req.set_include_resolved(includeResolved);
  return detail::unary(
      impl_->stub, &Stub::async::ListRiskAlerts, std::move(req), caller,
      [done = std::move(done)](const v1::ListRiskAlertsResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call MeasureApi::acknowledgeRiskAlert(qint64 alertId, const QString& note, QObject* caller,
                                      Done<RiskAlertInfo> done, Failed failed) {
  v1::AcknowledgeRiskAlertRequest req;
  req.set_alert_id(alertId);
  req.set_note(ss(note));
  return detail::unary(
      impl_->stub, &Stub::async::AcknowledgeRiskAlert, std::move(req), caller,
      [done = std::move(done)](const v1::AcknowledgeRiskAlertResponse& resp) {
        if (done) done(fromProto(resp.alert()));
      },
      std::move(failed));
}

Call MeasureApi::resolveRiskAlert(qint64 alertId, const QString& note, QObject* caller, Done<RiskAlertInfo> done,
                                  Failed failed) {
  v1::ResolveRiskAlertRequest req;
  req.set_alert_id(alertId);
  req.set_note(ss(note));
  return detail::unary(
      impl_->stub, &Stub::async::ResolveRiskAlert, std::move(req), caller,
      [done = std::move(done)](const v1::ResolveRiskAlertResponse& resp) {
        if (done) done(fromProto(resp.alert()));
      },
      std::move(failed));
}

}  // namespace cft::client
