#pragma once

#include "cft/v1/programme.grpc.pb.h"
#include "services/programme/template_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::programme {

// gRPC edge of ProgrammeService: templates through TemplateService.
class ProgrammeHandler final : public v1::ProgrammeService::Service {
 public:
  ProgrammeHandler(rpc::RpcRuntime& runtime, TemplateService& templates) : rt_(runtime), templates_(templates) {}

  grpc::Status ListProgrammeTemplates(grpc::ServerContext* sc, const v1::ListProgrammeTemplatesRequest* req,
                                      v1::ListProgrammeTemplatesResponse* resp) override;
  grpc::Status GetProgrammeTemplate(grpc::ServerContext* sc, const v1::GetProgrammeTemplateRequest* req,
                                    v1::GetProgrammeTemplateResponse* resp) override;
  grpc::Status SaveProgrammeTemplate(grpc::ServerContext* sc, const v1::SaveProgrammeTemplateRequest* req,
                                     v1::SaveProgrammeTemplateResponse* resp) override;

 private:
  rpc::RpcRuntime& rt_;
  TemplateService& templates_;
};

}  // namespace cft::programme
