#include "services/cohorts/cohort_mapping.h"

#include "services/cohorts/calendar.h"

#include "absl/strings/str_cat.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/rpc/proto_time.h"

namespace cft::cohorts {

absl::StatusOr<absl::CivilDay> DateFromProto(absl::string_view field, const v1::LocalDate& d) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return InvalidField(field, "is required");
  const absl::CivilDay day(d.year(), d.month(), d.day());
  // CivilDay normalises 31 April to 1 May; a real date survives unchanged.
  if (d.year() < 1900 || d.year() > 2200 || day.year() != d.year() || day.month() != d.month() ||
      day.day() != d.day()) {
    return InvalidField(field, "is not a valid date");
  }
  return day;
}

void ToProto(absl::CivilDay day, v1::LocalDate* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

absl::StatusOr<int> MinuteFromProto(absl::string_view field, const v1::LocalTime& t) {
  if (t.hour() < 0 || t.hour() > 23 || t.minute() < 0 || t.minute() > 59) {
    return InvalidField(field, "must be a time of day (00:00 to 23:59)");
  }
  return t.hour() * 60 + t.minute();
}

void MinuteToProto(int minute, v1::LocalTime* out) {
  out->set_hour(minute / 60);
  out->set_minute(minute % 60);
}

std::optional<CohortStatus> FromProto(v1::CohortStatus s) {
  switch (s) {
    case v1::COHORT_PLANNED: return CohortStatus::kPlanned;
    case v1::COHORT_RUNNING: return CohortStatus::kRunning;
    case v1::COHORT_COMPLETED: return CohortStatus::kCompleted;
    case v1::COHORT_CANCELLED: return CohortStatus::kCancelled;
    default: return std::nullopt;
  }
}

v1::CohortStatus ToProto(CohortStatus s) {
  switch (s) {
    case CohortStatus::kPlanned: return v1::COHORT_PLANNED;
    case CohortStatus::kRunning: return v1::COHORT_RUNNING;
    case CohortStatus::kCompleted: return v1::COHORT_COMPLETED;
    case CohortStatus::kCancelled: return v1::COHORT_CANCELLED;
  }
  return v1::COHORT_STATUS_UNSPECIFIED;
}

std::optional<GroupType> FromProto(v1::GroupType g) {
  if (g == v1::GROUP_CLOSED) return GroupType::kClosed;
  if (g == v1::GROUP_OPEN) return GroupType::kOpen;
  return std::nullopt;
}

std::optional<FacilitatorRole> FromProto(v1::FacilitatorRole r) {
  if (r == v1::FACILITATOR_LEAD) return FacilitatorRole::kLead;
  if (r == v1::FACILITATOR_CO) return FacilitatorRole::kCo;
  return std::nullopt;
}

std::optional<ScreeningStatus> FromProto(v1::ScreeningStatus s) {
  switch (s) {
    case v1::SCREENING_PENDING: return ScreeningStatus::kPending;
    case v1::SCREENING_SUITABLE: return ScreeningStatus::kSuitable;
    case v1::SCREENING_UNSUITABLE: return ScreeningStatus::kUnsuitable;
    default: return std::nullopt;
  }
}

static v1::ScreeningStatus ToProtoScreening(ScreeningStatus s) {
  switch (s) {
    case ScreeningStatus::kPending: return v1::SCREENING_PENDING;
    case ScreeningStatus::kSuitable: return v1::SCREENING_SUITABLE;
    case ScreeningStatus::kUnsuitable: return v1::SCREENING_UNSUITABLE;
  }
  return v1::SCREENING_STATUS_UNSPECIFIED;
}

std::optional<AttendanceStatus> FromProto(v1::AttendanceStatus s) {
  switch (s) {
    case v1::ATTENDANCE_PRESENT: return AttendanceStatus::kPresent;
    case v1::ATTENDANCE_LATE: return AttendanceStatus::kLate;
    case v1::ATTENDANCE_ABSENT: return AttendanceStatus::kAbsent;
    case v1::ATTENDANCE_EXCUSED: return AttendanceStatus::kExcused;
    default: return std::nullopt;
  }
}

v1::AttendanceStatus ToProto(AttendanceStatus s) {
  switch (s) {
    case AttendanceStatus::kPresent: return v1::ATTENDANCE_PRESENT;
    case AttendanceStatus::kLate: return v1::ATTENDANCE_LATE;
    case AttendanceStatus::kAbsent: return v1::ATTENDANCE_ABSENT;
    case AttendanceStatus::kExcused: return v1::ATTENDANCE_EXCUSED;
  }
  return v1::ATTENDANCE_STATUS_UNSPECIFIED;
}

void ToProto(const CohortView& v, v1::Cohort* out) {
  const CohortRecord& c = v.record;
  out->set_id(c.id);
  out->set_organisation_id(c.organisation_id);
  out->set_name(c.name);
  out->set_template_id(c.template_id);
  out->set_template_title(v.template_title);
  out->set_template_version(v.template_version);
  out->set_week_count(v.week_count);
  out->set_status(ToProto(c.status));
  out->set_cancel_reason(c.cancel_reason);
  ToProto(c.plan.start_date, out->mutable_start_date());
  out->set_weekday(static_cast<v1::Weekday>(c.plan.weekday));
  MinuteToProto(c.plan.start_minute, out->mutable_local_start_time());
  out->set_duration_minutes(c.plan.duration_minutes);
  out->set_time_zone(c.plan.time_zone);
  out->set_capacity(c.capacity);
  out->set_group_type(c.group_type == GroupType::kOpen ? v1::GROUP_OPEN : v1::GROUP_CLOSED);
  out->set_enrolled_count(v.enrolled_count);
  for (const Facilitator& f : v.facilitators) {
    v1::Facilitator* p = out->add_facilitators();
    p->set_user_id(f.user_id);
    p->set_display_name(f.display_name);
    p->set_email(f.email);
    p->set_role(f.role == FacilitatorRole::kLead ? v1::FACILITATOR_LEAD : v1::FACILITATOR_CO);
  }
  rpc::ToProto(c.created_at, out->mutable_created_at());
  if (v.first_session_at) rpc::ToProto(*v.first_session_at, out->mutable_first_session_at());
}

void ToProto(const Referral& r, v1::Referral* out) {
  out->set_id(r.id);
  out->set_organisation_id(r.organisation_id);
  out->set_name(r.name);
  out->set_contact_email(r.contact_email);
  out->set_source(r.source);
  out->set_screening_status(ToProtoScreening(r.screening_status));
  out->set_screening_note(r.screening_note);
  out->set_preferred_cohort_id(r.preferred_cohort_id.value_or(0));
  out->set_status(r.allocated_cohort_id ? v1::REFERRAL_ALLOCATED : v1::REFERRAL_WAITING);
  out->set_allocated_cohort_id(r.allocated_cohort_id.value_or(0));
  rpc::ToProto(r.created_at, out->mutable_created_at());
  if (r.screened_at) rpc::ToProto(*r.screened_at, out->mutable_screened_at());
}

void ToProto(const Enrolment& e, v1::Participant* out) {
  out->set_enrolment_id(e.id);
  out->set_cohort_id(e.cohort_id);
  out->set_referral_id(e.referral_id);
  out->set_user_id(e.user_id.value_or(0));
  out->set_name(e.name);
  out->set_contact_email(e.contact_email);
  switch (e.status) {
    case EnrolmentStatus::kInvited: out->set_status(v1::PARTICIPANT_INVITED); break;
    case EnrolmentStatus::kActive: out->set_status(v1::PARTICIPANT_ACTIVE); break;
    case EnrolmentStatus::kWithdrawn: out->set_status(v1::PARTICIPANT_WITHDRAWN); break;
    case EnrolmentStatus::kCompleted: out->set_status(v1::PARTICIPANT_COMPLETED); break;
  }
  rpc::ToProto(e.allocated_at, out->mutable_allocated_at());
  if (e.joined_at) rpc::ToProto(*e.joined_at, out->mutable_joined_at());
  if (e.withdrawn_at) rpc::ToProto(*e.withdrawn_at, out->mutable_withdrawn_at());
  out->set_withdrawal_reason(e.withdrawal_reason);
  if (e.completed_at) rpc::ToProto(*e.completed_at, out->mutable_completed_at());
  out->set_late_joiner(e.late_joiner);
  out->set_closed_group_override(e.closed_group_override);
  switch (e.invite_state) {
    case InviteState::kNone: out->set_invite_state(v1::INVITE_NONE); break;
    case InviteState::kPending: out->set_invite_state(v1::INVITE_PENDING); break;
    case InviteState::kRedeemed: out->set_invite_state(v1::INVITE_REDEEMED); break;
    case InviteState::kExpired: out->set_invite_state(v1::INVITE_EXPIRED); break;
    case InviteState::kRevoked: out->set_invite_state(v1::INVITE_REVOKED); break;
  }
  if (e.invite_expires_at) rpc::ToProto(*e.invite_expires_at, out->mutable_invite_expires_at());
}

void ToProto(const SessionView& v, v1::ScheduledSession* out) {
  const Session& s = v.session;
  out->set_id(s.id);
  out->set_cohort_id(s.cohort_id);
  out->set_week_number(s.week_number);
  out->set_week_title(v.week_title);
  ToProto(absl::CivilDay(s.local_start), out->mutable_local_date());
  MinuteToProto(s.local_start.hour() * 60 + s.local_start.minute(), out->mutable_local_start_time());
  out->set_time_zone(s.time_zone);
  rpc::ToProto(s.starts_at, out->mutable_starts_at());
  rpc::ToProto(EndOf(s), out->mutable_ends_at());
  out->set_duration_minutes(s.duration_minutes);
  switch (s.status) {
    case SessionStatus::kScheduled: out->set_status(v1::SESSION_SCHEDULED); break;
    case SessionStatus::kHeld: out->set_status(v1::SESSION_HELD); break;
    case SessionStatus::kCancelled: out->set_status(v1::SESSION_CANCELLED); break;
  }
  out->set_cancel_reason(s.cancel_reason);
  out->set_sequence(s.sequence);
  out->mutable_attendance()->set_present(s.attendance.present);
  out->mutable_attendance()->set_late(s.attendance.late);
  out->mutable_attendance()->set_absent(s.attendance.absent);
  out->mutable_attendance()->set_excused(s.attendance.excused);
  out->set_local_display(v.local_display);
}

void ToProto(const AttendanceRecord& a, v1::AttendanceEntry* out) {
  out->set_enrolment_id(a.enrolment_id);
  out->set_status(ToProto(a.status));
  out->set_note(a.note);
  out->set_participant_name(a.participant_name);
}

std::string RequestHash(const google::protobuf::Message& request) {
  std::string bytes;
  request.SerializeToString(&bytes);
  return HexEncode(Sha256(bytes));
}

}  // namespace cft::cohorts
