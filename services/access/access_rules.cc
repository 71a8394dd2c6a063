#include "services/access/access_rules.h"

namespace cft::access {
namespace {

constexpr AccessRule kRules[] = {
    // AuthService
    {.method = "/cft.v1.AuthService/Login", .authenticated = false, .audited = true},
    {.method = "/cft.v1.AuthService/Logout", .authenticated = true, .roles = kAnyRoleBits, .audited = true,
     .allowed_before_password_change = true},
    {.method = "/cft.v1.AuthService/WhoAmI", .authenticated = true, .roles = kAnyRoleBits, .audited = false,
     .allowed_before_password_change = true},
    {.method = "/cft.v1.AuthService/ChangePassword", .authenticated = true, .roles = kAnyRoleBits,
     .audited = true, .allowed_before_password_change = true},
    {.method = "/cft.v1.AuthService/CreateStaffAccount", .authenticated = true, .roles = kAdminBit,
     .audited = true},
    {.method = "/cft.v1.AuthService/ListStaff", .authenticated = true, .roles = kStaffBits, .audited = false},
    {.method = "/cft.v1.AuthService/RedeemInvite", .authenticated = false, .audited = true},

    // CohortService: staff only; the cohort-level rule is CohortAccess.
    {.method = "/cft.v1.CohortService/CreateCohort", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/GetCohort", .authenticated = true, .roles = kStaffBits,
     .audited = false},
    {.method = "/cft.v1.CohortService/ListCohorts", .authenticated = true, .roles = kStaffBits,
     .audited = false},
    {.method = "/cft.v1.CohortService/UpdateCohort", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/SetCohortStatus", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/AddFacilitator", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/RemoveFacilitator", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/AddReferral", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/ScreenReferral", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/ListWaitlist", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/AllocateToCohort", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/CreateInvite", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/RevokeInvite", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/ListParticipants", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CohortService/WithdrawParticipant", .authenticated = true, .roles = kStaffBits,
     .audited = true},

    // ProgrammeService
    {.method = "/cft.v1.ProgrammeService/ListProgrammeTemplates", .authenticated = true, .roles = kStaffBits,
     .audited = false},
    {.method = "/cft.v1.ProgrammeService/GetProgrammeTemplate", .authenticated = true, .roles = kStaffBits,
     .audited = false},
    {.method = "/cft.v1.ProgrammeService/SaveProgrammeTemplate", .authenticated = true, .roles = kAdminBit,
     .audited = true},

    // CalendarService
    // The schedule carries attendance counts, so reading it is audited.
    {.method = "/cft.v1.CalendarService/GetSchedule", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CalendarService/RescheduleSession", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CalendarService/CancelSession", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CalendarService/RecordAttendance", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.CalendarService/GetMyProgramme", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    // Staff export a cohort they reach; participants only their own group.
    {.method = "/cft.v1.CalendarService/ExportCalendar", .authenticated = true, .roles = kAnyRoleBits,
     .audited = true},

    // HomeworkService: every call reads or writes clinical data. Which logs a
    // caller reaches is HomeworkService's (their own, or a cohort's through
    // CohortAccess, private words left out).
    {.method = "/cft.v1.HomeworkService/ListMyAssignments", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/CreateAssignment", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/LogPractice", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/UpdatePracticeLog", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/DeletePracticeLog", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    // Participants their own logs; staff a cohort's.
    {.method = "/cft.v1.HomeworkService/ListPracticeLogs", .authenticated = true, .roles = kAnyRoleBits,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/AddFeedback", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/GetAdherence", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/GetFacilitatorDigest", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.HomeworkService/RecordModuleOpened", .authenticated = true, .roles = kParticipantBit,
     .audited = true},

    // MeasureService: which cohort, participant or alert a caller reaches is
    // MeasureService's (through CohortAccess); participants reach only their own.
    // The library and plans are not clinical data; responses, outcomes and
    // alerts are, so every call on them is audited.
    {.method = "/cft.v1.MeasureService/ListInstruments", .authenticated = true, .roles = kAnyRoleBits,
     .audited = false},
    {.method = "/cft.v1.MeasureService/GetInstrument", .authenticated = true, .roles = kAnyRoleBits,
     .audited = false},
    {.method = "/cft.v1.MeasureService/LoadLicensedItemText", .authenticated = true, .roles = kAdminBit,
     .audited = true},
    {.method = "/cft.v1.MeasureService/SetReliableChangeParameters", .authenticated = true, .roles = kAdminBit,
     .audited = true},
    {.method = "/cft.v1.MeasureService/GetMeasureSettings", .authenticated = true, .roles = kStaffBits,
     .audited = false},
    {.method = "/cft.v1.MeasureService/UpdateMeasureSettings", .authenticated = true, .roles = kAdminBit,
     .audited = true},
    {.method = "/cft.v1.MeasureService/GetMeasurementPlan", .authenticated = true, .roles = kStaffBits,
     .audited = false},
    {.method = "/cft.v1.MeasureService/UpdateMeasurementPlan", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.MeasureService/ListDueMeasures", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    {.method = "/cft.v1.MeasureService/SubmitResponse", .authenticated = true, .roles = kParticipantBit,
     .audited = true},
    {.method = "/cft.v1.MeasureService/EnterResponseOnBehalf", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    // Staff read a participant they reach; a participant reads their own progress.
    {.method = "/cft.v1.MeasureService/GetOutcomes", .authenticated = true, .roles = kAnyRoleBits,
     .audited = true},
    {.method = "/cft.v1.MeasureService/GetCohortOutcomes", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.MeasureService/ListRiskAlerts", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.MeasureService/AcknowledgeRiskAlert", .authenticated = true, .roles = kStaffBits,
     .audited = true},
    {.method = "/cft.v1.MeasureService/ResolveRiskAlert", .authenticated = true, .roles = kStaffBits,
     .audited = true},

    // ReportService: staff only. Which cohorts an export covers is
    // ReportService's (CohortAccess for one cohort; org admins alone for the
    // organisation or a template's cohorts). Every export is audited with
    // its scope, format, mode and rows.
    {.method = "/cft.v1.ReportService/ExportOutcomes", .authenticated = true, .roles = kStaffBits,
     .audited = true},
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
