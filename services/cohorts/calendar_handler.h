#pragma once

#include "cft/v1/calendar.grpc.pb.h"
#include "services/cohorts/calendar_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::cohorts {

// gRPC edge of CalendarService: structural validation and proto <-> domain
// mapping over the cohorts context's CalendarService.
class CalendarHandler final : public v1::CalendarService::Service {
 public:
  CalendarHandler(rpc::RpcRuntime& runtime, CalendarService& calendar) : rt_(runtime), calendar_(calendar) {}

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
  CalendarService& calendar_;
};

}  // namespace cft::cohorts
