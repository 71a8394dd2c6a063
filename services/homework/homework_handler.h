#pragma once

#include "cft/v1/homework.grpc.pb.h"
#include "services/homework/homework_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::homework {

// gRPC edge of HomeworkService: structural validation and proto <-> domain mapping.
class HomeworkHandler final : public v1::HomeworkService::Service {
 public:
  HomeworkHandler(rpc::RpcRuntime& runtime, HomeworkService& homework) : rt_(runtime), homework_(homework) {}

  grpc::Status ListMyAssignments(grpc::ServerContext* sc, const v1::ListMyAssignmentsRequest* req,
                                 v1::ListMyAssignmentsResponse* resp) override;
  grpc::Status CreateAssignment(grpc::ServerContext* sc, const v1::CreateAssignmentRequest* req,
                                v1::CreateAssignmentResponse* resp) override;
  grpc::Status LogPractice(grpc::ServerContext* sc, const v1::LogPracticeRequest* req,
                           v1::LogPracticeResponse* resp) override;
  grpc::Status UpdatePracticeLog(grpc::ServerContext* sc, const v1::UpdatePracticeLogRequest* req,
                                 v1::UpdatePracticeLogResponse* resp) override;
  grpc::Status DeletePracticeLog(grpc::ServerContext* sc, const v1::DeletePracticeLogRequest* req,
                                 v1::DeletePracticeLogResponse* resp) override;
  grpc::Status ListPracticeLogs(grpc::ServerContext* sc, const v1::ListPracticeLogsRequest* req,
                                v1::ListPracticeLogsResponse* resp) override;
  grpc::Status AddFeedback(grpc::ServerContext* sc, const v1::AddFeedbackRequest* req,
                           v1::AddFeedbackResponse* resp) override;
  grpc::Status GetAdherence(grpc::ServerContext* sc, const v1::GetAdherenceRequest* req,
                            v1::GetAdherenceResponse* resp) override;
  grpc::Status GetFacilitatorDigest(grpc::ServerContext* sc, const v1::GetFacilitatorDigestRequest* req,
                                    v1::GetFacilitatorDigestResponse* resp) override;
  grpc::Status RecordModuleOpened(grpc::ServerContext* sc, const v1::RecordModuleOpenedRequest* req,
                                  v1::RecordModuleOpenedResponse* resp) override;

 private:
  rpc::RpcRuntime& rt_;
  HomeworkService& homework_;
};

}  // namespace cft::homework
