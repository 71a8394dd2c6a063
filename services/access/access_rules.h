// Who may call each RPC: the single declaration, keyed by full method name.
// The RPC layer enforces authentication, role and the password-change gate
// from this table before a handler runs; the named ownership check is applied
// by the domain service, which alone knows cohorts and participants. A method
// missing from the table is refused (fail closed), and a test enumerates the
// cft.v1 descriptors to prove that no method is missing and each has a denial test.
#pragma once

#include <cstdint>
#include <span>
#include "absl/strings/string_view.h"

#include "services/common/principal.h"

namespace cft::access {

// The ownership rule the domain service applies after the role check.
enum class Ownership {
  kPublic,             // no caller identity (Login, RedeemInvite)
  kSelf,               // only the caller's own account or records
  kOrganisation,       // anything in the caller's organisation
  kFacilitatedCohort,  // a cohort the clinician facilitates; an admin: any in the organisation
  kTemplateVisibility, // built-in templates and the caller's organisation's own
};

enum RoleBit : uint8_t {
  kAdminBit = 1 << 0,
  kClinicianBit = 1 << 1,
  kParticipantBit = 1 << 2,
  kStaffBits = kAdminBit | kClinicianBit,
  kAnyRoleBits = kAdminBit | kClinicianBit | kParticipantBit,
};

struct AccessRule {
  absl::string_view method;  // "/cft.v1.AuthService/Login"
  bool authenticated;
  uint8_t roles;            // RoleBit mask; ignored when !authenticated
  Ownership ownership;
  // Reads or writes clinical data or is an auth event: every call leaves an
  // audit record, successful or not.
  bool audited;
  // Callable before a temporary password has been replaced.
  bool allowed_before_password_change = false;
};

// Null when the method has no rule.
const AccessRule* FindAccessRule(absl::string_view method);
std::span<const AccessRule> AllAccessRules();

bool RoleAllowed(const AccessRule& rule, Role role);

}  // namespace cft::access
