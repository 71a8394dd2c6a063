// Domain types of cohorts, enrolment and the session calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace cft::cohorts {

enum class CohortStatus { kPlanned, kRunning, kCompleted, kCancelled };
enum class GroupType { kClosed, kOpen };
enum class FacilitatorRole { kLead, kCo };
enum class ScreeningStatus { kPending, kSuitable, kUnsuitable };
enum class EnrolmentStatus { kInvited, kActive, kWithdrawn, kCompleted };
enum class InviteState { kNone, kPending, kRedeemed, kExpired, kRevoked };
enum class SessionStatus { kScheduled, kHeld, kCancelled };
enum class AttendanceStatus { kPresent, kLate, kAbsent, kExcused };
enum class ModuleRelease { kAtSessionStart, kWhenSessionHeld };

// Names as stored in the database (and used in messages).
absl::string_view Name(CohortStatus v);
absl::string_view Name(GroupType v);
absl::string_view Name(FacilitatorRole v);
absl::string_view Name(ScreeningStatus v);
absl::string_view Name(EnrolmentStatus v);
absl::string_view Name(SessionStatus v);
absl::string_view Name(AttendanceStatus v);
std::optional<CohortStatus> CohortStatusFromName(absl::string_view s);
std::optional<GroupType> GroupTypeFromName(absl::string_view s);
std::optional<FacilitatorRole> FacilitatorRoleFromName(absl::string_view s);
std::optional<ScreeningStatus> ScreeningStatusFromName(absl::string_view s);
std::optional<EnrolmentStatus> EnrolmentStatusFromName(absl::string_view s);
std::optional<SessionStatus> SessionStatusFromName(absl::string_view s);
std::optional<AttendanceStatus> AttendanceStatusFromName(absl::string_view s);

// When and how a cohort meets.
struct CohortPlan {
  absl::CivilDay start_date;
  int weekday = 0;           // ISO: Monday 1 .. Sunday 7
  int start_minute = 0;      // minutes after local midnight
  int duration_minutes = 0;
  std::string time_zone;     // IANA name
};

// A cohort as stored.
struct CohortRecord {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string name;
  int64_t template_id = 0;
  CohortStatus status = CohortStatus::kPlanned;
  std::string cancel_reason;
  CohortPlan plan;
  int capacity = 0;
  GroupType group_type = GroupType::kClosed;
  absl::Time created_at;
  int64_t created_by = 0;
  absl::Time updated_at;
};

struct Facilitator {
  int64_t user_id = 0;
  std::string display_name;
  std::string email;
  FacilitatorRole role = FacilitatorRole::kCo;
};

// A cohort as shown: the record plus what callers read alongside it.
struct CohortView {
  CohortRecord record;
  std::string template_title;
  int template_version = 0;
  int week_count = 0;
  int enrolled_count = 0;  // invited + active
  std::vector<Facilitator> facilitators;
  std::optional<absl::Time> first_session_at;
};

struct Referral {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string name;
  std::string contact_email;
  std::string source;
  ScreeningStatus screening_status = ScreeningStatus::kPending;
  std::string screening_note;
  std::optional<absl::Time> screened_at;
  std::optional<int64_t> preferred_cohort_id;
  std::optional<int64_t> allocated_cohort_id;  // set when an enrolment exists
  absl::Time created_at;
  int64_t created_by = 0;
};

// A place in a cohort, with the referral's name and address.
struct Enrolment {
  int64_t id = 0;
  int64_t cohort_id = 0;
  int64_t referral_id = 0;
  std::optional<int64_t> user_id;
  std::string name;
  std::string contact_email;
  EnrolmentStatus status = EnrolmentStatus::kInvited;
  absl::Time allocated_at;
  int64_t allocated_by = 0;
  bool late_joiner = false;
  bool closed_group_override = false;
  std::optional<absl::Time> joined_at;
  std::optional<absl::Time> withdrawn_at;
  std::string withdrawal_reason;
  std::optional<absl::Time> completed_at;
  // The latest invite, if any.
  InviteState invite_state = InviteState::kNone;
  std::optional<absl::Time> invite_expires_at;
};

// A participant's place: their enrolment and its cohort.
struct Place {
  Enrolment enrolment;
  CohortRecord cohort;
};

struct Invite {
  int64_t id = 0;
  int64_t enrolment_id = 0;
  absl::Time created_at;
  absl::Time expires_at;
  std::optional<absl::Time> revoked_at;
  std::optional<absl::Time> redeemed_at;
};

struct AttendanceCounts {
  int present = 0;
  int late = 0;
  int absent = 0;
  int excused = 0;
};

struct Session {
  int64_t id = 0;
  int64_t cohort_id = 0;
  int week_number = 0;
  // The reading of starts_at in the session's zone.
  absl::CivilSecond local_start;
  // The wall-clock time asked for. The same as local_start unless that time
  // does not exist on the day (the hour the clocks skip), when local_start is
  // an hour later; moves start from this, so a later week is back on time.
  absl::CivilSecond planned_local_start;
  std::string time_zone;
  absl::Time starts_at;
  int duration_minutes = 0;
  SessionStatus status = SessionStatus::kScheduled;
  std::string cancel_reason;
  int sequence = 0;
  std::optional<absl::Time> held_at;
  absl::Time updated_at;
  AttendanceCounts attendance;
};

struct AttendanceRecord {
  int64_t enrolment_id = 0;
  AttendanceStatus status = AttendanceStatus::kPresent;
  std::string note;
  std::string participant_name;
};

}  // namespace cft::cohorts
