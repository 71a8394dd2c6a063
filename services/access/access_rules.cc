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
    {"/cft.v1.AuthService/RedeemInvite", false, 0, Ownership::kPublic, true},

    // CohortService: staff only; the cohort-level rule is CohortAccess.
    {"/cft.v1.CohortService/CreateCohort", true, kStaffBits, Ownership::kOrganisation, true},
    {"/cft.v1.CohortService/GetCohort", true, kStaffBits, Ownership::kFacilitatedCohort, false},
    {"/cft.v1.CohortService/ListCohorts", true, kStaffBits, Ownership::kFacilitatedCohort, false},
    {"/cft.v1.CohortService/UpdateCohort", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/SetCohortStatus", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/AddFacilitator", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/RemoveFacilitator", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/AddReferral", true, kStaffBits, Ownership::kOrganisation, true},
    {"/cft.v1.CohortService/ScreenReferral", true, kStaffBits, Ownership::kOrganisation, true},
    {"/cft.v1.CohortService/ListWaitlist", true, kStaffBits, Ownership::kOrganisation, true},
    {"/cft.v1.CohortService/AllocateToCohort", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/CreateInvite", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/RevokeInvite", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/ListParticipants", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.CohortService/WithdrawParticipant", true, kStaffBits, Ownership::kFacilitatedCohort, true},

    // ProgrammeService
    {"/cft.v1.ProgrammeService/ListProgrammeTemplates", true, kStaffBits, Ownership::kTemplateVisibility, false},
    {"/cft.v1.ProgrammeService/GetProgrammeTemplate", true, kStaffBits, Ownership::kTemplateVisibility, false},
    {"/cft.v1.ProgrammeService/SaveProgrammeTemplate", true, kAdminBit, Ownership::kTemplateVisibility, true},
    // The schedule carries attendance counts, so reading it is audited.
    {"/cft.v1.ProgrammeService/GetSchedule", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.ProgrammeService/RescheduleSession", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.ProgrammeService/CancelSession", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.ProgrammeService/RecordAttendance", true, kStaffBits, Ownership::kFacilitatedCohort, true},
    {"/cft.v1.ProgrammeService/GetMyProgramme", true, kParticipantBit, Ownership::kSelf, true},
    // Staff export a cohort they reach; participants only their own group.
    {"/cft.v1.ProgrammeService/ExportCalendar", true, kAnyRoleBits, Ownership::kFacilitatedCohort, true},
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
