#include "client-shared/cohort_mapping.h"

#include "client-shared/common_mapping.h"

namespace cft::client {

CohortStatus fromProto(v1::CohortStatus s) {
  switch (s) {
    case v1::COHORT_PLANNED: return CohortStatus::Planned;
    case v1::COHORT_RUNNING: return CohortStatus::Running;
    case v1::COHORT_COMPLETED: return CohortStatus::Completed;
    case v1::COHORT_CANCELLED: return CohortStatus::Cancelled;
    default: return CohortStatus::Unknown;
  }
}

v1::CohortStatus toProto(CohortStatus s) {
  switch (s) {
    case CohortStatus::Planned: return v1::COHORT_PLANNED;
    case CohortStatus::Running: return v1::COHORT_RUNNING;
    case CohortStatus::Completed: return v1::COHORT_COMPLETED;
    case CohortStatus::Cancelled: return v1::COHORT_CANCELLED;
    case CohortStatus::Unknown: break;
  }
  return v1::COHORT_STATUS_UNSPECIFIED;
}

ParticipantStatus fromProto(v1::ParticipantStatus s) {
  switch (s) {
    case v1::PARTICIPANT_INVITED: return ParticipantStatus::Invited;
    case v1::PARTICIPANT_ACTIVE: return ParticipantStatus::Active;
    case v1::PARTICIPANT_WITHDRAWN: return ParticipantStatus::Withdrawn;
    case v1::PARTICIPANT_COMPLETED: return ParticipantStatus::Completed;
    default: return ParticipantStatus::Unknown;
  }
}

InviteState fromProto(v1::InviteState s) {
  switch (s) {
    case v1::INVITE_PENDING: return InviteState::Pending;
    case v1::INVITE_REDEEMED: return InviteState::Redeemed;
    case v1::INVITE_EXPIRED: return InviteState::Expired;
    case v1::INVITE_REVOKED: return InviteState::Revoked;
    default: return InviteState::None;
  }
}

ScreeningStatus fromProto(v1::ScreeningStatus s) {
  switch (s) {
    case v1::SCREENING_SUITABLE: return ScreeningStatus::Suitable;
    case v1::SCREENING_UNSUITABLE: return ScreeningStatus::Unsuitable;
    default: return ScreeningStatus::Pending;
  }
}

v1::ScreeningStatus toProto(ScreeningStatus s) {
  switch (s) {
    case ScreeningStatus::Suitable: return v1::SCREENING_SUITABLE;
    case ScreeningStatus::Unsuitable: return v1::SCREENING_UNSUITABLE;
    case ScreeningStatus::Pending: break;
  }
  return v1::SCREENING_PENDING;
}

FacilitatorInfo fromProto(const v1::Facilitator& f) {
  return FacilitatorInfo{f.user_id(), qs(f.display_name()), qs(f.email()), f.role() == v1::FACILITATOR_LEAD};
}

CohortInfo fromProto(const v1::Cohort& c) {
  CohortInfo info;
  info.id = c.id();
  info.name = qs(c.name());
  info.status = fromProto(c.status());
  info.cancelReason = qs(c.cancel_reason());
  info.templateId = c.template_id();
  info.templateTitle = qs(c.template_title());
  info.weekCount = c.week_count();
  info.startDate = fromProto(c.start_date());
  info.weekday = static_cast<int>(c.weekday());
  info.startTime = fromProto(c.local_start_time());
  info.durationMinutes = c.duration_minutes();
  info.timeZone = qs(c.time_zone());
  info.capacity = c.capacity();
  info.enrolled = c.enrolled_count();
  info.openGroup = c.group_type() == v1::GROUP_OPEN;
  for (const auto& f : c.facilitators()) info.facilitators.append(fromProto(f));
  if (c.has_first_session_at()) info.firstSessionAt = fromProto(c.first_session_at());
  return info;
}

ParticipantInfo fromProto(const v1::Participant& p) {
  ParticipantInfo info;
  info.enrolmentId = p.enrolment_id();
  info.name = qs(p.name());
  info.email = qs(p.contact_email());
  info.status = fromProto(p.status());
  info.inviteState = fromProto(p.invite_state());
  if (p.has_joined_at()) info.joinedAt = fromProto(p.joined_at());
  info.lateJoiner = p.late_joiner();
  return info;
}

ReferralInfo fromProto(const v1::Referral& r) {
  ReferralInfo info;
  info.id = r.id();
  info.name = qs(r.name());
  info.email = qs(r.contact_email());
  info.source = qs(r.source());
  info.screening = fromProto(r.screening_status());
  info.screeningNote = qs(r.screening_note());
  info.allocated = r.status() == v1::REFERRAL_ALLOCATED;
  info.allocatedCohortId = r.allocated_cohort_id();
  info.createdAt = fromProto(r.created_at());
  return info;
}

v1::CreateCohortRequest toProto(const NewCohortInput& in, const QString& key) {
  v1::CreateCohortRequest req;
  req.set_name(ss(in.name));
  req.set_template_id(in.templateId);
  toProto(in.startDate, req.mutable_start_date());
  req.set_weekday(static_cast<v1::Weekday>(in.weekday));
  toProto(in.startTime, req.mutable_local_start_time());
  req.set_duration_minutes(in.durationMinutes);
  req.set_time_zone(ss(in.timeZone));
  req.set_capacity(in.capacity);
  req.set_group_type(in.openGroup ? v1::GROUP_OPEN : v1::GROUP_CLOSED);
  req.set_idempotency_key(ss(key));
  return req;
}

v1::AddReferralRequest toProto(const NewReferralInput& in, const QString& key) {
  v1::AddReferralRequest req;
  req.set_name(ss(in.name));
  req.set_contact_email(ss(in.email));
  req.set_source(ss(in.source));
  req.set_screening_status(toProto(in.screening));
  req.set_screening_note(ss(in.screeningNote));
  req.set_idempotency_key(ss(key));
  return req;
}

}  // namespace cft::client
