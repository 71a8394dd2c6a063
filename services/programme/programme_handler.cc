#include "services/programme/programme_handler.h"

#include "absl/strings/str_cat.h"
#include "services/cohorts/cohort_mapping.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/programme/programme_mapping.h"
#include "services/rpc/proto_time.h"

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
    ASSIGN_OR_RETURN(ProgrammeTemplate t, templates_.Save(ctx, r.base_template_id(), FromProto(r.template_())));
    ToProto(t, out.mutable_template_());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::GetSchedule(grpc::ServerContext* sc, const v1::GetScheduleRequest* req,
                                           v1::GetScheduleResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetScheduleRequest& r,
                                      v1::GetScheduleResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(cohorts::ScheduleView view, calendar_.GetSchedule(ctx, r.cohort_id()));
    out.set_time_zone(view.time_zone);
    for (const auto& s : view.sessions) cohorts::ToProto(s, out.add_sessions());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::RescheduleSession(grpc::ServerContext* sc, const v1::RescheduleSessionRequest* req,
                                                 v1::RescheduleSessionResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RescheduleSessionRequest& r,
                                      v1::RescheduleSessionResponse& out) -> absl::Status {
    cohorts::RescheduleRequest request;
    request.session_id = r.session_id();
    ASSIGN_OR_RETURN(request.new_date, cohorts::DateFromProto("new_date", r.new_date()));
    ASSIGN_OR_RETURN(request.start_minute, cohorts::MinuteFromProto("new_start_time", r.new_start_time()));
    request.duration_minutes = r.duration_minutes();
    request.shift_following = r.shift_following();
    ASSIGN_OR_RETURN(cohorts::ScheduleView view, calendar_.RescheduleSession(ctx, request));
    for (const auto& s : view.sessions) cohorts::ToProto(s, out.add_sessions());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::CancelSession(grpc::ServerContext* sc, const v1::CancelSessionRequest* req,
                                             v1::CancelSessionResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::CancelSessionRequest& r,
                                      v1::CancelSessionResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(cohorts::ScheduleView view,
                     calendar_.CancelSession(ctx, r.session_id(), r.reason(), r.extend_programme()));
    for (const auto& s : view.sessions) cohorts::ToProto(s, out.add_sessions());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::RecordAttendance(grpc::ServerContext* sc, const v1::RecordAttendanceRequest* req,
                                                v1::RecordAttendanceResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RecordAttendanceRequest& r,
                                      v1::RecordAttendanceResponse& out) -> absl::Status {
    std::vector<cohorts::RegisterEntry> entries;
    for (const auto& e : r.entries()) {
      entries.push_back(cohorts::RegisterEntry{
          .enrolment_id = e.enrolment_id(), .status = cohorts::FromProto(e.status()), .note = e.note()});
    }
    ASSIGN_OR_RETURN(cohorts::RegisterView view, calendar_.RecordAttendance(ctx, r.session_id(), entries));
    cohorts::ToProto(view.session, out.mutable_session());
    for (const auto& a : view.entries) cohorts::ToProto(a, out.add_register_());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::GetMyProgramme(grpc::ServerContext* sc, const v1::GetMyProgrammeRequest* req,
                                              v1::GetMyProgrammeResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetMyProgrammeRequest&,
                                      v1::GetMyProgrammeResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(cohorts::MyProgramme mine, calendar_.GetMyProgramme(ctx));
    out.set_cohort_name(mine.cohort_name);
    out.set_programme_title(mine.programme_title);
    out.set_week_count(mine.week_count);
    out.set_current_week(mine.current_week);
    for (const cohorts::MyWeek& w : mine.weeks) {
      v1::MyWeek* p = out.add_weeks();
      ToProto(w.week, p->mutable_week());
      rpc::ToProto(w.released_at, p->mutable_released_at());
      p->set_catch_up(w.catch_up);
      if (w.attendance) p->set_attendance(cohorts::ToProto(*w.attendance));
    }
    if (mine.next_session) cohorts::ToProto(*mine.next_session, out.mutable_next_session());
    for (const auto& s : mine.sessions) cohorts::ToProto(s, out.add_sessions());
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeHandler::ExportCalendar(grpc::ServerContext* sc, const v1::ExportCalendarRequest* req,
                                              v1::ExportCalendarResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ExportCalendarRequest& r,
                                      v1::ExportCalendarResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(cohorts::CalendarFile file, calendar_.ExportCalendar(ctx, r.cohort_id()));
    out.set_filename(file.filename);
    out.set_content_type("text/calendar; charset=utf-8");
    out.set_ics(file.ics);
    return absl::OkStatus();
  });
}

}  // namespace cft::programme
