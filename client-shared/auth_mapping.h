// cft.v1.AuthService messages <-> the value types of auth_types.h. Core only.
#pragma once

#include "cft/v1/auth.pb.h"
#include "client-shared/auth_types.h"

namespace cft::client {

UserRole fromProto(v1::Role role);
v1::Role toProto(UserRole role);
UserInfo fromProto(const v1::User& user);
// WhoAmI's account, with its organisation and session expiry.
UserInfo fromProto(const v1::WhoAmIResponse& me);

}  // namespace cft::client
