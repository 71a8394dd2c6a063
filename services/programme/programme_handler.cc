#include "services/programme/programme_handler.h"

#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/programme/programme_mapping.h"

namespace cft::programme {

grpc::Status ProgrammeHandler::ListProgrammeTemplates(grpc::ServerContext* sc,
                                                      const v1::ListProgrammeTemplatesRequest* req,
                                                      v1::ListProgrammeTemplatesResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListProgrammeTemplatesRequest&,
                                      v1::ListProgrammeTemplatesResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(auto list, templates_.List(ctx));
    for (const TemplateSummary& s : list) ToProto(s, out.add_templates());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::GetProgrammeTemplate(grpc::ServerContext* sc,
                                                    const v1::GetProgrammeTemplateRequest* req,
                                                    v1::GetProgrammeTemplateResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetProgrammeTemplateRequest& r,
                                      v1::GetProgrammeTemplateResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(ProgrammeTemplate t, templates_.Get(ctx, r.template_id()));
    ToProto(t, out.mutable_template_());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::SaveProgrammeTemplate(grpc::ServerContext* sc,
                                                     const v1::SaveProgrammeTemplateRequest* req,
                                                     v1::SaveProgrammeTemplateResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::SaveProgrammeTemplateRequest& r,
                                      v1::SaveProgrammeTemplateResponse& out) -> absl::Status {
    if (!r.has_template_()) return InvalidField("template", "is required");
    ASSIGN_OR_RETURN(ProgrammeTemplate edited, FromProto(r.template_()));
    ASSIGN_OR_RETURN(ProgrammeTemplate t, templates_.Save(ctx, r.base_template_id(), std::move(edited)));
    ToProto(t, out.mutable_template_());
    return absl::OkStatus();
  });
}

}  // namespace cft::programme
