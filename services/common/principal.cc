#include "services/common/principal.h"

namespace cft {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kClinician:
      return "clinician";
    case Role::kParticipant:
      return "participant";
  }
  return "unknown";
}

std::optional<Role> RoleFromName(absl::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "clinician") return Role::kClinician;
  if (name == "participant") return Role::kParticipant;
  return std::nullopt;
}

}  // namespace cft
