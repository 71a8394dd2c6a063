#include "services/homework/homework_mapping.h"

#include "absl/strings/str_cat.h"
#include "services/cohorts/cohort_mapping.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/programme/programme_mapping.h"
#include "services/rpc/proto_time.h"

namespace cft::homework {
namespace {

using programme::FieldType;

absl::StatusOr<FieldValue> ValueFromProto(const v1::FieldValue& p) {
  FieldValue v;
  v.key = p.key();
  switch (p.value_case()) {
    case v1::FieldValue::kText:
      v.type = FieldType::kText;
      v.text = p.text();
      break;
    case v1::FieldValue::kNumber:
      v.type = FieldType::kNumber;
      v.number = p.number();
      break;
    case v1::FieldValue::kYesNo:
      v.type = FieldType::kYesNo;
      v.number = p.yes_no() ? 1 : 0;
      break;
    case v1::FieldValue::kChoice:
      v.type = FieldType::kChoice;
      v.text = p.choice();
      break;
    case v1::FieldValue::kStep:
      v.type = FieldType::kStep;
      v.number = p.step();
      break;
    case v1::FieldValue::VALUE_NOT_SET:
      return InvalidField(absl::StrCat("fields.", p.key()), "has no value");
  }
  return v;
}

void ValueToProto(const FieldValue& v, v1::FieldValue* out) {
  out->set_key(v.key);
  switch (v.type) {
    case FieldType::kText: out->set_text(v.text); break;
    case FieldType::kNumber: out->set_number(v.number); break;
    case FieldType::kYesNo: out->set_yes_no(v.number != 0); break;
    case FieldType::kChoice: out->set_choice(v.text); break;
    case FieldType::kStep: out->set_step(v.number); break;
  }
}

// LogPracticeRequest and UpdatePracticeLogRequest carry the same content fields.
template <typename Request>
absl::StatusOr<PracticeEntry> Entry(const Request& r) {
  PracticeEntry e;
  ASSIGN_OR_RETURN(e.practised_on, cohorts::DateFromProto("practised_on", r.practised_on()));
  if (!r.has_practised_at()) return InvalidField("practised_at", "is required");
  ASSIGN_OR_RETURN(e.practised_minute, cohorts::MinuteFromProto("practised_at", r.practised_at()));
  e.minutes = r.minutes();
  if (r.has_distress_before()) e.distress_before = r.distress_before();
  if (r.has_distress_after()) e.distress_after = r.distress_after();
  if (r.has_helpfulness()) e.helpfulness = r.helpfulness();
  for (const v1::FieldValue& f : r.fields()) {
    ASSIGN_OR_RETURN(FieldValue v, ValueFromProto(f));
    e.fields.push_back(std::move(v));
  }
  e.note = r.note();
  e.shared = r.shared();
  return e;
}

v1::AssignmentSource ToProto(AssignmentSource s) {
  switch (s) {
    case AssignmentSource::kProgramme: return v1::ASSIGNMENT_FROM_PROGRAMME;
    case AssignmentSource::kCohort: return v1::ASSIGNMENT_FOR_COHORT;
    case AssignmentSource::kParticipant: return v1::ASSIGNMENT_FOR_PARTICIPANT;
  }
  return v1::ASSIGNMENT_SOURCE_UNSPECIFIED;
}

v1::ParticipantStatus ToProto(cohorts::EnrolmentStatus s) {
  switch (s) {
    case cohorts::EnrolmentStatus::kInvited: return v1::PARTICIPANT_INVITED;
    case cohorts::EnrolmentStatus::kActive: return v1::PARTICIPANT_ACTIVE;
    case cohorts::EnrolmentStatus::kWithdrawn: return v1::PARTICIPANT_WITHDRAWN;
    case cohorts::EnrolmentStatus::kCompleted: return v1::PARTICIPANT_COMPLETED;
  }
  return v1::PARTICIPANT_STATUS_UNSPECIFIED;
}

v1::EarlyWarningReason ToProto(WarningReason r) {
  switch (r) {
    case WarningReason::kMissedTwoSessions: return v1::EARLY_WARNING_MISSED_TWO_SESSIONS;
    case WarningReason::kNoPracticeForTenDays: return v1::EARLY_WARNING_NO_PRACTICE_FOR_TEN_DAYS;
    case WarningReason::kAdherenceFalling: return v1::EARLY_WARNING_ADHERENCE_FALLING;
  }
  return v1::EARLY_WARNING_REASON_UNSPECIFIED;
}

void ToProto(const DigestSession& s, v1::DigestSession* out) {
  out->set_session_id(s.session_id);
  out->set_week_number(s.week_number);
  out->set_week_title(s.week_title);
  rpc::ToProto(s.starts_at, out->mutable_starts_at());
  out->set_local_display(s.local_display);
}

void ToProto(const DigestPerson& p, v1::DigestPerson* out) {
  out->set_enrolment_id(p.enrolment_id);
  out->set_participant_name(p.participant_name);
  if (p.attendance) out->set_attendance(cohorts::ToProto(*p.attendance));
}

}  // namespace

absl::StatusOr<PracticeEntry> EntryFromProto(const v1::LogPracticeRequest& r) { return Entry(r); }
absl::StatusOr<PracticeEntry> EntryFromProto(const v1::UpdatePracticeLogRequest& r) { return Entry(r); }

std::vector<LadderStep> StepsFromProto(const google::protobuf::RepeatedPtrField<v1::LadderStep>& steps) {
  std::vector<LadderStep> out;
  for (const v1::LadderStep& s : steps) {
    out.push_back(LadderStep{.description = s.description(), .target_minutes = s.target_minutes()});
  }
  return out;
}

void ToProto(const Assignment& a, v1::Assignment* out) {
  out->set_id(a.id);
  out->set_cohort_id(a.cohort_id);
  out->set_week_number(a.week_number);
  out->set_source(ToProto(a.source));
  out->set_enrolment_id(a.enrolment_id.value_or(0));
  out->set_kind(a.kind);
  out->set_practice_code(a.practice_code);
  out->set_title(a.title);
  out->set_instructions(a.instructions);
  out->set_caution(a.caution);
  out->mutable_dose()->set_times_per_week(a.times_per_week);
  out->mutable_dose()->set_minutes(a.minutes);
  for (size_t i = 0; i < a.steps.size(); ++i) {
    v1::LadderStep* s = out->add_steps();
    s->set_number(static_cast<int32_t>(i) + 1);
    s->set_description(a.steps[i].description);
    s->set_target_minutes(a.steps[i].target_minutes);
  }
  rpc::ToProto(a.created_at, out->mutable_created_at());
}

void ToProto(const Feedback& f, v1::Feedback* out) {
  out->set_id(f.id);
  out->set_log_id(f.log_id);
  out->set_author_name(f.author_name);
  out->set_text(f.text);
  rpc::ToProto(f.created_at, out->mutable_created_at());
}

void ToProto(const LogView& v, v1::PracticeLog* out) {
  const PracticeLog& l = v.log;
  const PracticeEntry& e = l.entry;
  out->set_id(l.id);
  out->set_assignment_id(l.assignment_id);
  out->set_enrolment_id(l.enrolment_id);
  out->set_participant_name(v.participant_name);
  out->set_week_number(v.week_number);
  out->set_assignment_title(v.assignment_title);
  out->set_kind(v.kind);
  cohorts::ToProto(e.practised_on, out->mutable_practised_on());
  cohorts::MinuteToProto(e.practised_minute, out->mutable_practised_at());
  out->set_minutes(e.minutes);
  if (e.distress_before) out->set_distress_before(*e.distress_before);
  if (e.distress_after) out->set_distress_after(*e.distress_after);
  out->set_helpfulness(e.helpfulness.value_or(0));
  for (const FieldValue& f : e.fields) ValueToProto(f, out->add_fields());
  out->set_note(e.note);
  out->set_shared(e.shared);
  out->set_private_content_withheld(l.private_withheld);
  rpc::ToProto(l.created_at, out->mutable_logged_at());
  rpc::ToProto(l.updated_at, out->mutable_updated_at());
  if (v.editable_until) rpc::ToProto(*v.editable_until, out->mutable_editable_until());
  for (const Feedback& f : l.feedback) ToProto(f, out->add_feedback());
}

void ToProto(const MyAssignments& m, v1::ListMyAssignmentsResponse* out) {
  out->set_current_week(m.current_week);
  out->set_time_zone(m.time_zone);
  cohorts::ToProto(m.earliest_practice_day, out->mutable_earliest_practice_date());
  for (const AssignmentProgress& p : m.assignments) {
    v1::AssignmentProgress* pp = out->add_assignments();
    ToProto(p.assignment, pp->mutable_assignment());
    rpc::ToProto(p.released_at, pp->mutable_released_at());
    pp->set_this_week(p.this_week);
    pp->set_logged(p.logged);
    pp->set_minutes_logged(p.minutes_logged);
    pp->set_logged_today(p.logged_today);
    pp->set_percent_of_dose(p.percent_of_dose);
  }
  for (const programme::PracticeKind& k : m.kinds) programme::ToProto(k, out->add_kinds());
}

void ToProto(const LogPage& p, v1::ListPracticeLogsResponse* out) {
  for (const LogView& v : p.logs) ToProto(v, out->add_logs());
  out->set_next_page_token(p.next_page_token);
  for (const WeekSummary& s : p.weeks) {
    v1::WeekPracticeSummary* w = out->add_weeks();
    w->set_week_number(s.week_number);
    w->set_logs(s.logs);
    w->set_minutes(s.minutes);
    if (s.mean_helpfulness) w->set_mean_helpfulness(*s.mean_helpfulness);
  }
}

void ToProto(const AdherenceGrid& g, v1::GetAdherenceResponse* out) {
  for (const AdherenceWeek& w : g.weeks) {
    v1::AdherenceWeek* pw = out->add_weeks();
    pw->set_week_number(w.week_number);
    pw->set_title(w.title);
    rpc::ToProto(w.released_at, pw->mutable_released_at());
    pw->set_complete(w.complete);
    pw->set_session_id(w.session_id);
  }
  for (const AdherenceRow& r : g.participants) {
    v1::AdherenceRow* pr = out->add_participants();
    pr->set_enrolment_id(r.enrolment_id);
    pr->set_participant_name(r.participant_name);
    pr->set_status(ToProto(r.status));
    for (const AdherenceCell& c : r.weeks) {
      v1::AdherenceCell* pc = pr->add_weeks();
      pc->set_week_number(c.week_number);
      pc->set_applies(c.applies);
      pc->set_dose(c.dose);
      pc->set_logged(c.logged);
      pc->set_percent(c.percent);
      pc->set_logs(c.logs);
      pc->set_minutes(c.minutes);
      if (c.mean_helpfulness) pc->set_mean_helpfulness(*c.mean_helpfulness);
      if (c.attendance) pc->set_attendance(cohorts::ToProto(*c.attendance));
      pc->set_module_opened(c.module_opened);
    }
  }
}

void ToProto(const Digest& d, v1::GetFacilitatorDigestResponse* out) {
  ToProto(d.session, out->mutable_session());
  if (d.previous_session) ToProto(*d.previous_session, out->mutable_previous_session());
  rpc::ToProto(d.since, out->mutable_since());
  rpc::ToProto(d.until, out->mutable_until());
  out->set_module_week(d.module_week);
  for (const DigestPractice& p : d.practised) {
    v1::DigestPractice* pp = out->add_practised();
    pp->set_enrolment_id(p.enrolment_id);
    pp->set_participant_name(p.participant_name);
    pp->set_logs(p.logs);
    pp->set_minutes(p.minutes);
    pp->set_dose(p.dose);
    pp->set_logged_against_dose(p.logged_against_dose);
    pp->set_percent_of_dose(p.percent_of_dose);
  }
  for (const DigestPerson& p : d.module_not_opened) ToProto(p, out->add_module_not_opened());
  for (const DigestPerson& p : d.missed_last_session) ToProto(p, out->add_missed_last_session());
  for (const EarlyWarning& w : d.early_warnings) {
    v1::EarlyWarning* pw = out->add_early_warnings();
    pw->set_enrolment_id(w.enrolment_id);
    pw->set_participant_name(w.participant_name);
    pw->set_reason(ToProto(w.reason));
    pw->set_explanation(w.explanation);
  }
  for (const DigestAlert& a : d.new_alerts) {
    v1::DigestAlert* pa = out->add_new_alerts();
    pa->set_alert_id(a.alert_id);
    pa->set_enrolment_id(a.enrolment_id);
    pa->set_participant_name(a.participant_name);
    pa->set_tier(a.tier == AlertTier::kRed ? v1::RISK_RED : v1::RISK_AMBER);
    pa->set_instrument(a.instrument);
    pa->set_time_point_label(a.time_point_label);
    rpc::ToProto(a.raised_at, pa->mutable_raised_at());
    switch (a.state) {
      case AlertState::kOpen: pa->set_status(v1::RISK_ALERT_OPEN); break;
      case AlertState::kAcknowledged: pa->set_status(v1::RISK_ALERT_ACKNOWLEDGED); break;
      case AlertState::kResolved: pa->set_status(v1::RISK_ALERT_RESOLVED); break;
    }
  }
  for (const DigestChange& c : d.reliable_changes) {
    v1::DigestReliableChange* pc = out->add_reliable_changes();
    pc->set_enrolment_id(c.enrolment_id);
    pc->set_participant_name(c.participant_name);
    pc->set_instrument(c.instrument);
    pc->set_score_title(c.score_title);
    pc->set_time_point_label(c.time_point_label);
    pc->set_baseline(c.baseline);
    pc->set_score(c.score);
    switch (c.direction) {
      case ChangeDirection::kRecovered: pc->set_classification(v1::CHANGE_RECOVERED); break;
      case ChangeDirection::kImproved: pc->set_classification(v1::CHANGE_IMPROVED); break;
      case ChangeDirection::kDeteriorated: pc->set_classification(v1::CHANGE_DETERIORATED); break;
    }
    rpc::ToProto(c.submitted_at, pc->mutable_submitted_at());
  }
}

}  // namespace cft::homework
