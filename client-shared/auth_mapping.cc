#include "client-shared/auth_mapping.h"

#include "client-shared/common_mapping.h"

namespace cft::client {

UserRole fromProto(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN: return UserRole::Admin;
    case v1::ROLE_CLINICIAN: return UserRole::Clinician;
    case v1::ROLE_PARTICIPANT: return UserRole::Participant;
    default: return UserRole::Unknown;
  }
}

v1::Role toProto(UserRole role) {
  switch (role) {
    case UserRole::Admin: return v1::ROLE_ADMIN;
    case UserRole::Clinician: return v1::ROLE_CLINICIAN;
    case UserRole::Participant: return v1::ROLE_PARTICIPANT;
    case UserRole::Unknown: break;
  }
  return v1::ROLE_UNSPECIFIED;
}

UserInfo fromProto(const v1::User& u) {
  UserInfo info;
  info.id = u.id();
  info.organisationId = u.organisation_id();
  info.email = qs(u.email());
  info.displayName = qs(u.display_name());
  info.role = fromProto(u.role());
  info.active = u.active();
  info.passwordChangeRequired = u.password_change_required();
  return info;
}

UserInfo fromProto(const v1::WhoAmIResponse& me) {
  UserInfo info = fromProto(me.user());
  info.organisationName = qs(me.organisation_name());
  info.sessionExpiresAt = fromProto(me.session_expires_at());
  return info;
}

}  // namespace cft::client
