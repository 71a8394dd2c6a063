// Who may call each RPC: the single declaration, keyed by full method name.
// The RPC layer enforces authentication, role and the password-change gate
// from this table before a handler runs. Which records a caller reaches (their
// own, their organisation's, the cohorts they facilitate) is decided by the
// domain services, which alone know cohorts and participants (CohortAccess and
// its kind); the denial cases in tests/server/access_test.cc pin each one. A
// method missing from the table is refused (fail closed), and a test
// enumerates the cft.v1 descriptors to prove that no method is missing and
// each has a denial test.
#pragma once

#include <cstdint>
#include <span>
#include "absl/strings/string_view.h"

#include "services/common/principal.h"

namespace cft::access {

enum RoleBit : uint8_t {
  kAdminBit = 1 << 0,
  kClinicianBit = 1 << 1,
  kParticipantBit = 1 << 2,
  kStaffBits = kAdminBit | kClinicianBit,
  kAnyRoleBits = kAdminBit | kClinicianBit | kParticipantBit,
};

// Written with designated initializers, so each entry reads as its rule.
struct AccessRule {
  absl::string_view method;  // "/cft.v1.AuthService/Login"
  bool authenticated = true;
  uint8_t roles = 0;  // RoleBit mask; ignored when !authenticated
  // Reads or writes clinical data or is an auth event: every call leaves an
  // audit record, successful or not.
  bool audited = false;
  // Callable before a temporary password has been replaced.
  bool allowed_before_password_change = false;
};

// Null when the method has no rule.
const AccessRule* FindAccessRule(absl::string_view method);
std::span<const AccessRule> AllAccessRules();

bool RoleAllowed(const AccessRule& rule, Role role);

}  // namespace cft::access
