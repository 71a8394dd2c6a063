#pragma once

#include "cft/v1/programme.grpc.pb.h"
#include "services/cohorts/calendar_service.h"
#include "services/programme/template_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::programme {

// gRPC edge of ProgrammeService: templates through TemplateService, the
// calendar through the cohorts context's CalendarService.
class ProgrammeHandler final : public v1::ProgrammeService::Service {
 public:
  ProgrammeHandler(rpc::RpcRuntime& runtime, TemplateService& templates, cohorts::CalendarService& calendar)
      : rt_(runtime), templates_(templates), calendar_(calendar) {}

  grpc::Status ListProgrammeTemplates(grpc::ServerContext* sc, const v1::ListProgrammeTemplatesRequest* req,
                                      v1::ListProgrammeTemplatesResponse* resp) override;
  grpc::Status GetProgrammeTemplate(grpc::ServerContext* sc, const v1::GetProgrammeTemplateRequest* req,
                                    v1::GetProgrammeTemplateResponse* resp) override;
  grpc::Status SaveProgrammeTemplate(grpc::ServerContext* sc, const v1::SaveProgrammeTemplateRequest* req,
                                     v1::SaveProgrammeTemplateResponse* resp) override;
  grpc::Status GetSchedule(grpc::ServerContext* sc, const v1::GetScheduleRequest* req,
                           v1::GetScheduleResponse* resp) override;
  grpc::Status RescheduleSession(grpc::ServerContext* sc, const v1::RescheduleSessionRequest* req,
                                 v1::RescheduleSessionResponse* resp) override;
  grpc::Status CancelSession(grpc::ServerContext* sc, const v1::CancelSessionRequest* req,
                             v1::CancelSessionResponse* resp) override;
  grpc::Status RecordAttendance(grpc::ServerContext* sc, const v1::RecordAttendanceRequest* req,
                                v1::RecordAttendanceResponse* resp) override;
  grpc::Status GetMyProgramme(grpc::ServerContext* sc, const v1::GetMyProgrammeRequest* req,
                              v1::GetMyProgrammeResponse* resp) override;
  grpc::Status ExportCalendar(grpc::ServerContext* sc, const v1::ExportCalendarRequest* req,
                              v1::ExportCalendarResponse* resp) override;

 private:
  rpc::RpcRuntime& rt_;
  TemplateService& templates_;
  cohorts::CalendarService& calendar_;
};

}  // namespace cft::programme
