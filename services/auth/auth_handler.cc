#include "services/auth/auth_handler.h"

#include "services/common/status_macros.h"
#include "services/rpc/proto_time.h"

namespace cft::auth {

v1::Role ToProtoRole(Role role) {
  switch (role) {
    case Role::kAdmin:
      return v1::ROLE_ADMIN;
    case Role::kClinician:
      return v1::ROLE_CLINICIAN;
    case Role::kParticipant:
      return v1::ROLE_PARTICIPANT;
  }
  return v1::ROLE_UNSPECIFIED;
}

std::optional<Role> FromProtoRole(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN:
      return Role::kAdmin;
    case v1::ROLE_CLINICIAN:
      return Role::kClinician;
    case v1::ROLE_PARTICIPANT:
      return Role::kParticipant;
    default:
      return std::nullopt;
  }
}

void ToProto(const Account& a, v1::User* out) {
  out->set_id(a.id);
  out->set_organisation_id(a.organisation_id);
  out->set_email(a.email);
  out->set_display_name(a.display_name);
  out->set_role(ToProtoRole(a.role));
  out->set_active(a.active);
  out->set_password_change_required(a.password_change_required);
  rpc::ToProto(a.created_at, out->mutable_created_at());
}

grpc::Status AuthHandler::Login(grpc::ServerContext* sc, const v1::LoginRequest* req,
                                v1::LoginResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::LoginRequest& r,
                                      v1::LoginResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(LoginResult result, auth_.Login(ctx, r.email(), r.password()));
    out.set_token(result.token);
    rpc::ToProto(result.expires_at, out.mutable_expires_at());
    ToProto(result.account, out.mutable_user());
    return absl::OkStatus();
  });
}

grpc::Status AuthHandler::Logout(grpc::ServerContext* sc, const v1::LogoutRequest* req,
                                 v1::LogoutResponse* resp) {
  return rt_.Unary(sc, req, resp,
                   [&](RequestContext& ctx, const v1::LogoutRequest&, v1::LogoutResponse&) {
                     return auth_.Logout(ctx);
                   });
}

grpc::Status AuthHandler::WhoAmI(grpc::ServerContext* sc, const v1::WhoAmIRequest* req,
                                 v1::WhoAmIResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::WhoAmIRequest&,
                                      v1::WhoAmIResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(WhoAmIResult me, auth_.WhoAmI(ctx));
    ToProto(me.account, out.mutable_user());
    out.set_organisation_name(me.organisation_name);
    rpc::ToProto(me.session_expires_at, out.mutable_session_expires_at());
    return absl::OkStatus();
  });
}

grpc::Status AuthHandler::ChangePassword(grpc::ServerContext* sc,
                                         const v1::ChangePasswordRequest* req,
                                         v1::ChangePasswordResponse* resp) {
  return rt_.Unary(sc, req, resp,
                   [&](RequestContext& ctx, const v1::ChangePasswordRequest& r,
                       v1::ChangePasswordResponse&) {
                     return auth_.ChangePassword(ctx, r.current_password(), r.new_password());
                   });
}

grpc::Status AuthHandler::CreateStaffAccount(grpc::ServerContext* sc,
                                             const v1::CreateStaffAccountRequest* req,
                                             v1::CreateStaffAccountResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::CreateStaffAccountRequest& r,
                                      v1::CreateStaffAccountResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CreatedAccount created, auth_.CreateStaffAccount(ctx, r.email(), r.display_name(),
                                                                      FromProtoRole(r.role())));
    ToProto(created.account, out.mutable_user());
    out.set_temporary_password(created.generated_password);
    return absl::OkStatus();
  });
}

grpc::Status AuthHandler::ListStaff(grpc::ServerContext* sc, const v1::ListStaffRequest* req,
                                    v1::ListStaffResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListStaffRequest& r,
                                      v1::ListStaffResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(auto staff, auth_.ListStaff(ctx, r.include_inactive()));
    for (const Account& a : staff) ToProto(a, out.add_staff());
    return absl::OkStatus();
  });
}

grpc::Status AuthHandler::RedeemInvite(grpc::ServerContext* sc, const v1::RedeemInviteRequest* req,
                                       v1::RedeemInviteResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::RedeemInviteRequest& r,
                                      v1::RedeemInviteResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(LoginResult result, enrolment_.RedeemInvite(ctx, r.code(), r.new_password()));
    out.set_token(result.token);
    rpc::ToProto(result.expires_at, out.mutable_expires_at());
    ToProto(result.account, out.mutable_user());
    return absl::OkStatus();
  });
}

}  // namespace cft::auth
