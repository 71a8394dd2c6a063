#include "services/cohorts/cohort_types.h"

namespace cft::cohorts {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::pair<E, absl::string_view> (&table)[N], absl::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
absl::string_view NameOf(const std::pair<E, absl::string_view> (&table)[N], E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "unknown";
}

constexpr std::pair<CohortStatus, absl::string_view> kCohortStatus[] = {
    {CohortStatus::kPlanned, "planned"},
    {CohortStatus::kRunning, "running"},
    {CohortStatus::kCompleted, "completed"},
    {CohortStatus::kCancelled, "cancelled"}};
constexpr std::pair<GroupType, absl::string_view> kGroupType[] = {{GroupType::kClosed, "closed"},
                                                                  {GroupType::kOpen, "open"}};
constexpr std::pair<FacilitatorRole, absl::string_view> kFacilitatorRole[] = {
    {FacilitatorRole::kLead, "lead"}, {FacilitatorRole::kCo, "co"}};
constexpr std::pair<ScreeningStatus, absl::string_view> kScreening[] = {
    {ScreeningStatus::kPending, "pending"},
    {ScreeningStatus::kSuitable, "suitable"},
    {ScreeningStatus::kUnsuitable, "unsuitable"}};
constexpr std::pair<EnrolmentStatus, absl::string_view> kEnrolment[] = {
    {EnrolmentStatus::kInvited, "invited"},
    {EnrolmentStatus::kActive, "active"},
    {EnrolmentStatus::kWithdrawn, "withdrawn"},
    {EnrolmentStatus::kCompleted, "completed"}};
constexpr std::pair<SessionStatus, absl::string_view> kSession[] = {
    {SessionStatus::kScheduled, "scheduled"},
    {SessionStatus::kHeld, "held"},
    {SessionStatus::kCancelled, "cancelled"}};
constexpr std::pair<AttendanceStatus, absl::string_view> kAttendance[] = {
    {AttendanceStatus::kPresent, "present"},
    {AttendanceStatus::kLate, "late"},
    {AttendanceStatus::kAbsent, "absent"},
    {AttendanceStatus::kExcused, "excused"}};

}  // namespace

absl::string_view Name(CohortStatus v) { return NameOf(kCohortStatus, v); }
absl::string_view Name(GroupType v) { return NameOf(kGroupType, v); }
absl::string_view Name(FacilitatorRole v) { return NameOf(kFacilitatorRole, v); }
absl::string_view Name(ScreeningStatus v) { return NameOf(kScreening, v); }
absl::string_view Name(EnrolmentStatus v) { return NameOf(kEnrolment, v); }
absl::string_view Name(SessionStatus v) { return NameOf(kSession, v); }
absl::string_view Name(AttendanceStatus v) { return NameOf(kAttendance, v); }
std::optional<CohortStatus> CohortStatusFromName(absl::string_view s) { return Lookup(kCohortStatus, s); }
std::optional<GroupType> GroupTypeFromName(absl::string_view s) { return Lookup(kGroupType, s); }
std::optional<FacilitatorRole> FacilitatorRoleFromName(absl::string_view s) {
  return Lookup(kFacilitatorRole, s);
}
std::optional<ScreeningStatus> ScreeningStatusFromName(absl::string_view s) { return Lookup(kScreening, s); }
std::optional<EnrolmentStatus> EnrolmentStatusFromName(absl::string_view s) { return Lookup(kEnrolment, s); }
std::optional<SessionStatus> SessionStatusFromName(absl::string_view s) { return Lookup(kSession, s); }
std::optional<AttendanceStatus> AttendanceStatusFromName(absl::string_view s) {
  return Lookup(kAttendance, s);
}

}  // namespace cft::cohorts
