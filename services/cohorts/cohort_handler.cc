#include "services/cohorts/cohort_handler.h"

#include "services/cohorts/cohort_mapping.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/rpc/proto_time.h"

namespace cft::cohorts {
namespace {

void PutResult(const CohortResult& r, v1::Cohort* cohort, google::protobuf::RepeatedPtrField<std::string>* warnings) {
  ToProto(r.cohort, cohort);
  for (const std::string& w : r.warnings) *warnings->Add() = w;
}

}  // namespace

grpc::Status CohortHandler::CreateCohort(grpc::ServerContext* sc, const v1::CreateCohortRequest* req,
                                         v1::CreateCohortResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::CreateCohortRequest& r,
                                      v1::CreateCohortResponse& out) -> absl::Status {
    NewCohort n;
    n.name = r.name();
    n.template_id = r.template_id();
    ASSIGN_OR_RETURN(n.plan.start_date, DateFromProto("start_date", r.start_date()));
    n.plan.weekday = static_cast<int>(r.weekday());
    ASSIGN_OR_RETURN(n.plan.start_minute, MinuteFromProto("local_start_time", r.local_start_time()));
    n.plan.duration_minutes = r.duration_minutes();
    n.plan.time_zone = r.time_zone();
    n.capacity = r.capacity();
    // Unspecified: the usual CFT format, a closed group. Unknown values are errors.
    if (r.group_type() != v1::GROUP_TYPE_UNSPECIFIED && !FromProto(r.group_type())) {
      return InvalidField("group_type", "must be GROUP_CLOSED or GROUP_OPEN");
    }
    n.group_type = FromProto(r.group_type()).value_or(GroupType::kClosed);
    n.idempotency_key = r.idempotency_key();
    n.request_hash = RequestHash(r);
    ASSIGN_OR_RETURN(CohortResult result, cohorts_.CreateCohort(ctx, std::move(n)));
    PutResult(result, out.mutable_cohort(), out.mutable_warnings());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::GetCohort(grpc::ServerContext* sc, const v1::GetCohortRequest* req,
                                      v1::GetCohortResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetCohortRequest& r,
                                      v1::GetCohortResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CohortView view, cohorts_.GetCohort(ctx, r.cohort_id()));
    ToProto(view, out.mutable_cohort());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::ListCohorts(grpc::ServerContext* sc, const v1::ListCohortsRequest* req,
                                        v1::ListCohortsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListCohortsRequest& r,
                                      v1::ListCohortsResponse& out) -> absl::Status {
    std::vector<CohortStatus> statuses;
    for (int i = 0; i < r.statuses_size(); ++i) {
      auto s = FromProto(r.statuses(i));
      if (!s) return InvalidField(absl::StrCat("statuses[", i, "]"), "is not a cohort status");
      statuses.push_back(*s);
    }
    ASSIGN_OR_RETURN(auto views, cohorts_.ListCohorts(ctx, std::move(statuses)));
    for (const CohortView& v : views) ToProto(v, out.add_cohorts());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::UpdateCohort(grpc::ServerContext* sc, const v1::UpdateCohortRequest* req,
                                         v1::UpdateCohortResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::UpdateCohortRequest& r,
                                      v1::UpdateCohortResponse& out) -> absl::Status {
    CohortChanges c;
    if (r.has_name()) c.name = r.name();
    if (r.has_capacity()) c.capacity = r.capacity();
    if (r.has_group_type()) {
      c.group_type = FromProto(r.group_type());
      if (!c.group_type) return InvalidField("group_type", "must be GROUP_CLOSED or GROUP_OPEN");
    }
    if (r.has_start_date()) {
      ASSIGN_OR_RETURN(c.start_date, DateFromProto("start_date", r.start_date()));
    }
    if (r.has_weekday()) c.weekday = static_cast<int>(r.weekday());
    if (r.has_local_start_time()) {
      ASSIGN_OR_RETURN(c.start_minute, MinuteFromProto("local_start_time", r.local_start_time()));
    }
    if (r.has_duration_minutes()) c.duration_minutes = r.duration_minutes();
    if (r.has_time_zone()) c.time_zone = r.time_zone();
    if (r.has_template_id()) c.template_id = r.template_id();
    ASSIGN_OR_RETURN(CohortResult result, cohorts_.UpdateCohort(ctx, r.cohort_id(), std::move(c)));
    PutResult(result, out.mutable_cohort(), out.mutable_warnings());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::SetCohortStatus(grpc::ServerContext* sc, const v1::SetCohortStatusRequest* req,
                                            v1::SetCohortStatusResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::SetCohortStatusRequest& r,
                                      v1::SetCohortStatusResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CohortView view, cohorts_.SetCohortStatus(ctx, r.cohort_id(), FromProto(r.status()), r.reason()));
    ToProto(view, out.mutable_cohort());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::AddFacilitator(grpc::ServerContext* sc, const v1::AddFacilitatorRequest* req,
                                           v1::AddFacilitatorResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::AddFacilitatorRequest& r,
                                      v1::AddFacilitatorResponse& out) -> absl::Status {
    if (r.role() != v1::FACILITATOR_ROLE_UNSPECIFIED && !FromProto(r.role())) {
      return InvalidField("role", "must be FACILITATOR_LEAD or FACILITATOR_CO");
    }
    ASSIGN_OR_RETURN(CohortResult result,
                     cohorts_.AddFacilitator(ctx, r.cohort_id(), r.user_id(), FromProto(r.role())));
    PutResult(result, out.mutable_cohort(), out.mutable_warnings());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::RemoveFacilitator(grpc::ServerContext* sc, const v1::RemoveFacilitatorRequest* req,
                                              v1::RemoveFacilitatorResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RemoveFacilitatorRequest& r,
                                      v1::RemoveFacilitatorResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CohortResult result, cohorts_.RemoveFacilitator(ctx, r.cohort_id(), r.user_id()));
    PutResult(result, out.mutable_cohort(), out.mutable_warnings());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::AddReferral(grpc::ServerContext* sc, const v1::AddReferralRequest* req,
                                        v1::AddReferralResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::AddReferralRequest& r,
                                      v1::AddReferralResponse& out) -> absl::Status {
    NewReferral n;
    n.name = r.name();
    n.contact_email = r.contact_email();
    n.source = r.source();
    if (r.screening_status() != v1::SCREENING_STATUS_UNSPECIFIED && !FromProto(r.screening_status())) {
      return InvalidField("screening_status", "must be SCREENING_PENDING, SCREENING_SUITABLE or SCREENING_UNSUITABLE");
    }
    n.screening_status = FromProto(r.screening_status());
    n.screening_note = r.screening_note();
    n.preferred_cohort_id = r.preferred_cohort_id();
    n.idempotency_key = r.idempotency_key();
    n.request_hash = RequestHash(r);
    ASSIGN_OR_RETURN(Referral referral, enrolment_.AddReferral(ctx, std::move(n)));
    ToProto(referral, out.mutable_referral());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::ScreenReferral(grpc::ServerContext* sc, const v1::ScreenReferralRequest* req,
                                           v1::ScreenReferralResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ScreenReferralRequest& r,
                                      v1::ScreenReferralResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(Referral referral, enrolment_.ScreenReferral(ctx, r.referral_id(),
                                                                  FromProto(r.screening_status()), r.screening_note()));
    ToProto(referral, out.mutable_referral());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::ListWaitlist(grpc::ServerContext* sc, const v1::ListWaitlistRequest* req,
                                         v1::ListWaitlistResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListWaitlistRequest& r,
                                      v1::ListWaitlistResponse& out) -> absl::Status {
    std::vector<ScreeningStatus> statuses;
    for (int i = 0; i < r.screening_statuses_size(); ++i) {
      auto s = FromProto(r.screening_statuses(i));
      if (!s) return InvalidField(absl::StrCat("screening_statuses[", i, "]"), "is not a screening status");
      statuses.push_back(*s);
    }
    ASSIGN_OR_RETURN(auto list, enrolment_.ListWaitlist(ctx, statuses, r.include_allocated()));
    for (const Referral& referral : list) ToProto(referral, out.add_referrals());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::AllocateToCohort(grpc::ServerContext* sc, const v1::AllocateToCohortRequest* req,
                                             v1::AllocateToCohortResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::AllocateToCohortRequest& r,
                                      v1::AllocateToCohortResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(Enrolment e,
                     enrolment_.AllocateToCohort(ctx, r.referral_id(), r.cohort_id(), r.override_closed_group()));
    ToProto(e, out.mutable_participant());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::CreateInvite(grpc::ServerContext* sc, const v1::CreateInviteRequest* req,
                                         v1::CreateInviteResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::CreateInviteRequest& r,
                                      v1::CreateInviteResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CreatedInvite invite, enrolment_.CreateInvite(ctx, r.enrolment_id()));
    out.set_code(invite.code);
    rpc::ToProto(invite.expires_at, out.mutable_expires_at());
    ToProto(invite.participant, out.mutable_participant());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::RevokeInvite(grpc::ServerContext* sc, const v1::RevokeInviteRequest* req,
                                         v1::RevokeInviteResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RevokeInviteRequest& r,
                                      v1::RevokeInviteResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(Enrolment e, enrolment_.RevokeInvite(ctx, r.enrolment_id()));
    ToProto(e, out.mutable_participant());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::ListParticipants(grpc::ServerContext* sc, const v1::ListParticipantsRequest* req,
                                             v1::ListParticipantsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListParticipantsRequest& r,
                                      v1::ListParticipantsResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(auto list, enrolment_.ListParticipants(ctx, r.cohort_id()));
    for (const Enrolment& e : list) ToProto(e, out.add_participants());
    return absl::OkStatus();
  });
}

grpc::Status CohortHandler::WithdrawParticipant(grpc::ServerContext* sc, const v1::WithdrawParticipantRequest* req,
                                                v1::WithdrawParticipantResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::WithdrawParticipantRequest& r,
                                      v1::WithdrawParticipantResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(Enrolment e, enrolment_.WithdrawParticipant(ctx, r.enrolment_id(), r.reason()));
    ToProto(e, out.mutable_participant());
    return absl::OkStatus();
  });
}

}  // namespace cft::cohorts
