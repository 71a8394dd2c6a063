#include "services/homework/homework_handler.h"

#include "services/cohorts/cohort_mapping.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/homework/homework_mapping.h"
#include "services/rpc/proto_time.h"

namespace cft::homework {

grpc::Status HomeworkHandler::ListMyAssignments(grpc::ServerContext* sc, const v1::ListMyAssignmentsRequest* req,
                                                v1::ListMyAssignmentsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListMyAssignmentsRequest&,
                                      v1::ListMyAssignmentsResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(MyAssignments mine, homework_.ListMyAssignments(ctx));
    ToProto(mine, &out);
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::CreateAssignment(grpc::ServerContext* sc, const v1::CreateAssignmentRequest* req,
                                               v1::CreateAssignmentResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::CreateAssignmentRequest& r,
                                      v1::CreateAssignmentResponse& out) -> absl::Status {
    if (!r.has_dose()) return InvalidField("dose", "is required");
    NewAssignment n;
    n.cohort_id = r.cohort_id();
    n.enrolment_id = r.enrolment_id();
    n.week_number = r.week_number();
    n.kind = r.kind();
    n.title = r.title();
    n.instructions = r.instructions();
    n.caution = r.caution();
    n.times_per_week = r.dose().times_per_week();
    n.minutes = r.dose().minutes();
    n.steps = StepsFromProto(r.steps());
    n.idempotency_key = r.idempotency_key();
    n.request_hash = cohorts::RequestHash(r);
    ASSIGN_OR_RETURN(Assignment a, homework_.CreateAssignment(ctx, std::move(n)));
    ToProto(a, out.mutable_assignment());
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::LogPractice(grpc::ServerContext* sc, const v1::LogPracticeRequest* req,
                                          v1::LogPracticeResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::LogPracticeRequest& r,
                                      v1::LogPracticeResponse& out) -> absl::Status {
    NewLog n;
    n.assignment_id = r.assignment_id();
    ASSIGN_OR_RETURN(n.entry, EntryFromProto(r));
    n.idempotency_key = r.idempotency_key();
    n.request_hash = cohorts::RequestHash(r);
    ASSIGN_OR_RETURN(LoggedPractice logged, homework_.LogPractice(ctx, std::move(n)));
    ToProto(logged.log, out.mutable_log());
    out.set_replayed(logged.replayed);
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::UpdatePracticeLog(grpc::ServerContext* sc, const v1::UpdatePracticeLogRequest* req,
                                                v1::UpdatePracticeLogResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::UpdatePracticeLogRequest& r,
                                      v1::UpdatePracticeLogResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(PracticeEntry entry, EntryFromProto(r));
    ASSIGN_OR_RETURN(UpdatedLog updated, homework_.UpdatePracticeLog(ctx, r.log_id(), std::move(entry)));
    ToProto(updated.log, out.mutable_log());
    for (const std::string& f : updated.changed_fields) out.add_changed_fields(f);
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::DeletePracticeLog(grpc::ServerContext* sc, const v1::DeletePracticeLogRequest* req,
                                                v1::DeletePracticeLogResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::DeletePracticeLogRequest& r,
                                      v1::DeletePracticeLogResponse&) -> absl::Status {
    return homework_.DeletePracticeLog(ctx, r.log_id());
  });
}

grpc::Status HomeworkHandler::ListPracticeLogs(grpc::ServerContext* sc, const v1::ListPracticeLogsRequest* req,
                                               v1::ListPracticeLogsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListPracticeLogsRequest& r,
                                      v1::ListPracticeLogsResponse& out) -> absl::Status {
    LogQuery q{.cohort_id = r.cohort_id(),
               .enrolment_id = r.enrolment_id(),
               .week_number = r.week_number(),
               .page_size = r.page_size(),
               .page_token = r.page_token()};
    ASSIGN_OR_RETURN(LogPage page, homework_.ListPracticeLogs(ctx, q));
    ToProto(page, &out);
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::AddFeedback(grpc::ServerContext* sc, const v1::AddFeedbackRequest* req,
                                          v1::AddFeedbackResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::AddFeedbackRequest& r,
                                      v1::AddFeedbackResponse& out) -> absl::Status {
    NewFeedback n{.log_id = r.log_id(),
                  .text = r.text(),
                  .idempotency_key = r.idempotency_key(),
                  .request_hash = cohorts::RequestHash(r)};
    ASSIGN_OR_RETURN(Feedback f, homework_.AddFeedback(ctx, std::move(n)));
    ToProto(f, out.mutable_feedback());
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::GetAdherence(grpc::ServerContext* sc, const v1::GetAdherenceRequest* req,
                                           v1::GetAdherenceResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetAdherenceRequest& r,
                                      v1::GetAdherenceResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(AdherenceGrid grid, homework_.GetAdherence(ctx, r.cohort_id()));
    ToProto(grid, &out);
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::GetFacilitatorDigest(grpc::ServerContext* sc, const v1::GetFacilitatorDigestRequest* req,
                                                   v1::GetFacilitatorDigestResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetFacilitatorDigestRequest& r,
                                      v1::GetFacilitatorDigestResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(Digest d, homework_.GetFacilitatorDigest(ctx, r.cohort_id(), r.session_id()));
    ToProto(d, &out);
    return absl::OkStatus();
  });
}

grpc::Status HomeworkHandler::RecordModuleOpened(grpc::ServerContext* sc, const v1::RecordModuleOpenedRequest* req,
                                                 v1::RecordModuleOpenedResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RecordModuleOpenedRequest& r,
                                      v1::RecordModuleOpenedResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(absl::Time first, homework_.RecordModuleOpened(ctx, r.week_number()));
    rpc::ToProto(first, out.mutable_first_opened_at());
    return absl::OkStatus();
  });
}

}  // namespace cft::homework
