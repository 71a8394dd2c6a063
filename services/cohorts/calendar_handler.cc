#include "services/cohorts/calendar_handler.h"

#include "services/cohorts/cohort_mapping.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
// A participant's week carries its template content: the programme
// context's mapping writes it (mapping only; no programme rules run here).
#include "services/programme/programme_mapping.h"
#include "services/rpc/proto_time.h"

namespace cft::cohorts {

grpc::Status CalendarHandler::GetSchedule(grpc::ServerContext* sc, const v1::GetScheduleRequest* req,
                                           v1::GetScheduleResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetScheduleRequest& r,
                                      v1::GetScheduleResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(ScheduleView view, calendar_.GetSchedule(ctx, r.cohort_id()));
    out.set_time_zone(view.time_zone);
    for (const auto& s : view.sessions) ToProto(s, out.add_sessions());
    return absl::OkStatus();
  });
}

grpc::Status CalendarHandler::RescheduleSession(grpc::ServerContext* sc, const v1::RescheduleSessionRequest* req,
                                                 v1::RescheduleSessionResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RescheduleSessionRequest& r,
                                      v1::RescheduleSessionResponse& out) -> absl::Status {
    RescheduleRequest request;
    request.session_id = r.session_id();
    ASSIGN_OR_RETURN(request.new_date, DateFromProto("new_date", r.new_date()));
    ASSIGN_OR_RETURN(request.start_minute, MinuteFromProto("new_start_time", r.new_start_time()));
    request.duration_minutes = r.duration_minutes();
    request.shift_following = r.shift_following();
    ASSIGN_OR_RETURN(ScheduleView view, calendar_.RescheduleSession(ctx, request));
    for (const auto& s : view.sessions) ToProto(s, out.add_sessions());
    for (const std::string& w : view.warnings) out.add_warnings(w);
    return absl::OkStatus();
  });
}

grpc::Status CalendarHandler::CancelSession(grpc::ServerContext* sc, const v1::CancelSessionRequest* req,
                                             v1::CancelSessionResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::CancelSessionRequest& r,
                                      v1::CancelSessionResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(ScheduleView view,
                     calendar_.CancelSession(ctx, r.session_id(), r.reason(), r.extend_programme()));
    for (const auto& s : view.sessions) ToProto(s, out.add_sessions());
    for (const std::string& w : view.warnings) out.add_warnings(w);
    return absl::OkStatus();
  });
}

grpc::Status CalendarHandler::RecordAttendance(grpc::ServerContext* sc, const v1::RecordAttendanceRequest* req,
                                                v1::RecordAttendanceResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RecordAttendanceRequest& r,
                                      v1::RecordAttendanceResponse& out) -> absl::Status {
    std::vector<RegisterEntry> entries;
    for (const auto& e : r.entries()) {
      entries.push_back(RegisterEntry{
          .enrolment_id = e.enrolment_id(), .status = FromProto(e.status()), .note = e.note()});
    }
    ASSIGN_OR_RETURN(RegisterView view, calendar_.RecordAttendance(ctx, r.session_id(), entries));
    ToProto(view.session, out.mutable_session());
    for (const auto& a : view.entries) ToProto(a, out.add_register_());
    return absl::OkStatus();
  });
}

grpc::Status CalendarHandler::GetMyProgramme(grpc::ServerContext* sc, const v1::GetMyProgrammeRequest* req,
                                              v1::GetMyProgrammeResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetMyProgrammeRequest&,
                                      v1::GetMyProgrammeResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(MyProgramme mine, calendar_.GetMyProgramme(ctx));
    out.set_cohort_name(mine.cohort_name);
    out.set_programme_title(mine.programme_title);
    out.set_week_count(mine.week_count);
    out.set_current_week(mine.current_week);
    for (const MyWeek& w : mine.weeks) {
      v1::MyWeek* p = out.add_weeks();
      programme::ToProto(w.week, p->mutable_week());
      rpc::ToProto(w.released_at, p->mutable_released_at());
      p->set_catch_up(w.catch_up);
      if (w.attendance) p->set_attendance(ToProto(*w.attendance));
    }
    if (mine.next_session) ToProto(*mine.next_session, out.mutable_next_session());
    for (const auto& s : mine.sessions) ToProto(s, out.add_sessions());
    return absl::OkStatus();
  });
}

grpc::Status CalendarHandler::ExportCalendar(grpc::ServerContext* sc, const v1::ExportCalendarRequest* req,
                                              v1::ExportCalendarResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ExportCalendarRequest& r,
                                      v1::ExportCalendarResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CalendarFile file, calendar_.ExportCalendar(ctx, r.cohort_id()));
    out.set_filename(file.filename);
    out.set_content_type("text/calendar; charset=utf-8");
    out.set_ics(file.ics);
    return absl::OkStatus();
  });
}

}  // namespace cft::cohorts
