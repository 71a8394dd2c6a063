#pragma once

#include "cft/v1/measure.grpc.pb.h"
#include "services/measures/measure_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::measures {

// gRPC edge of MeasureService: structural validation and proto <-> domain mapping.
class MeasureHandler final : public v1::MeasureService::Service {
 public:
  MeasureHandler(rpc::RpcRuntime& runtime, MeasureService& measures) : rt_(runtime), measures_(measures) {}

  grpc::Status ListInstruments(grpc::ServerContext* sc, const v1::ListInstrumentsRequest* req,
                               v1::ListInstrumentsResponse* resp) override;
  grpc::Status GetInstrument(grpc::ServerContext* sc, const v1::GetInstrumentRequest* req,
                             v1::GetInstrumentResponse* resp) override;
  grpc::Status LoadLicensedItemText(grpc::ServerContext* sc, const v1::LoadLicensedItemTextRequest* req,
                                    v1::LoadLicensedItemTextResponse* resp) override;
  grpc::Status SetReliableChangeParameters(grpc::ServerContext* sc, const v1::SetReliableChangeParametersRequest* req,
                                           v1::SetReliableChangeParametersResponse* resp) override;
  grpc::Status GetMeasureSettings(grpc::ServerContext* sc, const v1::GetMeasureSettingsRequest* req,
                                  v1::GetMeasureSettingsResponse* resp) override;
  grpc::Status UpdateMeasureSettings(grpc::ServerContext* sc, const v1::UpdateMeasureSettingsRequest* req,
                                     v1::UpdateMeasureSettingsResponse* resp) override;
  grpc::Status GetMeasurementPlan(grpc::ServerContext* sc, const v1::GetMeasurementPlanRequest* req,
                                  v1::GetMeasurementPlanResponse* resp) override;
  grpc::Status UpdateMeasurementPlan(grpc::ServerContext* sc, const v1::UpdateMeasurementPlanRequest* req,
                                     v1::UpdateMeasurementPlanResponse* resp) override;
  grpc::Status ListDueMeasures(grpc::ServerContext* sc, const v1::ListDueMeasuresRequest* req,
                               v1::ListDueMeasuresResponse* resp) override;
  grpc::Status SubmitResponse(grpc::ServerContext* sc, const v1::SubmitResponseRequest* req,
                              v1::SubmitResponseResponse* resp) override;
  grpc::Status EnterResponseOnBehalf(grpc::ServerContext* sc, const v1::EnterResponseOnBehalfRequest* req,
                                     v1::EnterResponseOnBehalfResponse* resp) override;
  grpc::Status GetOutcomes(grpc::ServerContext* sc, const v1::GetOutcomesRequest* req,
                           v1::GetOutcomesResponse* resp) override;
  grpc::Status GetCohortOutcomes(grpc::ServerContext* sc, const v1::GetCohortOutcomesRequest* req,
                                 v1::GetCohortOutcomesResponse* resp) override;
  grpc::Status ListRiskAlerts(grpc::ServerContext* sc, const v1::ListRiskAlertsRequest* req,
                              v1::ListRiskAlertsResponse* resp) override;
  grpc::Status AcknowledgeRiskAlert(grpc::ServerContext* sc, const v1::AcknowledgeRiskAlertRequest* req,
                                    v1::AcknowledgeRiskAlertResponse* resp) override;
  grpc::Status ResolveRiskAlert(grpc::ServerContext* sc, const v1::ResolveRiskAlertRequest* req,
                                v1::ResolveRiskAlertResponse* resp) override;

 private:
  rpc::RpcRuntime& rt_;
  MeasureService& measures_;
};

}  // namespace cft::measures
