#include "services/access/access_rules.h"

namespace cft::access {
namespace {

constexpr AccessRule kRules[] = {
    // AuthService
    {"/cft.v1.AuthService/Login", false, 0, Ownership::kPublic, true},
    {"/cft.v1.AuthService/Logout", true, kAnyRoleBits, Ownership::kSelf, true, true},
    {"/cft.v1.AuthService/WhoAmI", true, kAnyRoleBits, Ownership::kSelf, false, true},
    {"/cft.v1.AuthService/ChangePassword", true, kAnyRoleBits, Ownership::kSelf, true, true},
    {"/cft.v1.AuthService/CreateStaffAccount", true, kAdminBit, Ownership::kOrganisation, true},
    {"/cft.v1.AuthService/ListStaff", true, kStaffBits, Ownership::kOrganisation, false},
};

}  // namespace

const AccessRule* FindAccessRule(absl::string_view method) {
  for (const AccessRule& rule : kRules) {
    if (rule.method == method) return &rule;
  }
  return nullptr;
}

std::span<const AccessRule> AllAccessRules() { return kRules; }

bool RoleAllowed(const AccessRule& rule, Role role) {
  switch (role) {
    case Role::kAdmin:
      return (rule.roles & kAdminBit) != 0;
    case Role::kClinician:
      return (rule.roles & kClinicianBit) != 0;
    case Role::kParticipant:
      return (rule.roles & kParticipantBit) != 0;
  }
  return false;
}

}  // namespace cft::access
