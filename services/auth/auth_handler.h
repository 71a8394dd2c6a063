#pragma once

#include "cft/v1/auth.grpc.pb.h"
#include "services/auth/auth_service.h"
#include "services/cohorts/enrolment_service.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::auth {

// gRPC edge of AuthService: maps proto <-> domain and nothing else.
class AuthHandler final : public v1::AuthService::Service {
 public:
  AuthHandler(rpc::RpcRuntime& runtime, AuthService& auth, cohorts::EnrolmentService& enrolment)
      : rt_(runtime), auth_(auth), enrolment_(enrolment) {}

  grpc::Status Login(grpc::ServerContext* sc, const v1::LoginRequest* req,
                     v1::LoginResponse* resp) override;
  grpc::Status Logout(grpc::ServerContext* sc, const v1::LogoutRequest* req,
                      v1::LogoutResponse* resp) override;
  grpc::Status WhoAmI(grpc::ServerContext* sc, const v1::WhoAmIRequest* req,
                      v1::WhoAmIResponse* resp) override;
  grpc::Status ChangePassword(grpc::ServerContext* sc, const v1::ChangePasswordRequest* req,
                              v1::ChangePasswordResponse* resp) override;
  grpc::Status CreateStaffAccount(grpc::ServerContext* sc,
                                  const v1::CreateStaffAccountRequest* req,
                                  v1::CreateStaffAccountResponse* resp) override;
  grpc::Status ListStaff(grpc::ServerContext* sc, const v1::ListStaffRequest* req,
                         v1::ListStaffResponse* resp) override;
  grpc::Status RedeemInvite(grpc::ServerContext* sc, const v1::RedeemInviteRequest* req,
                            v1::RedeemInviteResponse* resp) override;

 private:
  rpc::RpcRuntime& rt_;
  AuthService& auth_;
  // Invites belong to enrolment; the RPC sits with the other ways of signing in.
  cohorts::EnrolmentService& enrolment_;
};

void ToProto(const Account& account, v1::User* out);
v1::Role ToProtoRole(Role role);
std::optional<Role> FromProtoRole(v1::Role role);

}  // namespace cft::auth
