#pragma once

#include "cft/v1/report.grpc.pb.h"
#include "services/reports/report_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::reports {

// gRPC edge of ReportService: structural validation, proto <-> domain
// mapping, and the stream as an ExportSink.
class ReportHandler final : public v1::ReportService::Service {
 public:
  ReportHandler(rpc::RpcRuntime& runtime, ReportService& reports) : rt_(runtime), reports_(reports) {}

  grpc::Status ExportOutcomes(grpc::ServerContext* sc, const v1::ExportOutcomesRequest* req,
                              grpc::ServerWriter<v1::ExportOutcomesResponse>* writer) override;

 private:
  rpc::RpcRuntime& rt_;
  ReportService& reports_;
};

}  // namespace cft::reports
