#pragma once

#include "cft/v1/cohort.grpc.pb.h"
#include "services/cohorts/cohort_service.h"
#include "services/cohorts/enrolment_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::cohorts {

// gRPC edge of CohortService: structural validation and proto <-> domain mapping.
class CohortHandler final : public v1::CohortService::Service {
 public:
  CohortHandler(rpc::RpcRuntime& runtime, CohortService& cohorts, EnrolmentService& enrolment)
      : rt_(runtime), cohorts_(cohorts), enrolment_(enrolment) {}

  grpc::Status CreateCohort(grpc::ServerContext* sc, const v1::CreateCohortRequest* req,
                            v1::CreateCohortResponse* resp) override;
  grpc::Status GetCohort(grpc::ServerContext* sc, const v1::GetCohortRequest* req,
                         v1::GetCohortResponse* resp) override;
  grpc::Status ListCohorts(grpc::ServerContext* sc, const v1::ListCohortsRequest* req,
                           v1::ListCohortsResponse* resp) override;
  grpc::Status UpdateCohort(grpc::ServerContext* sc, const v1::UpdateCohortRequest* req,
                            v1::UpdateCohortResponse* resp) override;
  grpc::Status SetCohortStatus(grpc::ServerContext* sc, const v1::SetCohortStatusRequest* req,
                               v1::SetCohortStatusResponse* resp) override;
  grpc::Status AddFacilitator(grpc::ServerContext* sc, const v1::AddFacilitatorRequest* req,
                              v1::AddFacilitatorResponse* resp) override;
  grpc::Status RemoveFacilitator(grpc::ServerContext* sc, const v1::RemoveFacilitatorRequest* req,
                                 v1::RemoveFacilitatorResponse* resp) override;
  grpc::Status AddReferral(grpc::ServerContext* sc, const v1::AddReferralRequest* req,
                           v1::AddReferralResponse* resp) override;
  grpc::Status ScreenReferral(grpc::ServerContext* sc, const v1::ScreenReferralRequest* req,
                              v1::ScreenReferralResponse* resp) override;
  grpc::Status ListWaitlist(grpc::ServerContext* sc, const v1::ListWaitlistRequest* req,
                            v1::ListWaitlistResponse* resp) override;
  grpc::Status AllocateToCohort(grpc::ServerContext* sc, const v1::AllocateToCohortRequest* req,
                                v1::AllocateToCohortResponse* resp) override;
  grpc::Status CreateInvite(grpc::ServerContext* sc, const v1::CreateInviteRequest* req,
                            v1::CreateInviteResponse* resp) override;
  grpc::Status RevokeInvite(grpc::ServerContext* sc, const v1::RevokeInviteRequest* req,
                            v1::RevokeInviteResponse* resp) override;
  grpc::Status ListParticipants(grpc::ServerContext* sc, const v1::ListParticipantsRequest* req,
                                v1::ListParticipantsResponse* resp) override;
  grpc::Status WithdrawParticipant(grpc::ServerContext* sc, const v1::WithdrawParticipantRequest* req,
                                   v1::WithdrawParticipantResponse* resp) override;

 private:
  rpc::RpcRuntime& rt_;
  CohortService& cohorts_;
  EnrolmentService& enrolment_;
};

}  // namespace cft::cohorts
