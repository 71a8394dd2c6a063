#include "client-shared/homework_mapping.h"

#include "client-shared/calendar_mapping.h"
#include "client-shared/cohort_mapping.h"
#include "client-shared/common_mapping.h"
#include "client-shared/programme_mapping.h"

namespace cft::client {
namespace {

constexpr auto kFromProto = [](const auto& message) { return fromProto(message); };

template <typename Request>
void fillEntry(const PracticeEntry& e, Request* r) {
  toProto(e.practisedOn, r->mutable_practised_on());
  toProto(e.practisedAt, r->mutable_practised_at());
  r->set_minutes(e.minutes);
  if (e.distressBefore) r->set_distress_before(*e.distressBefore);
  if (e.distressAfter) r->set_distress_after(*e.distressAfter);
  if (e.helpfulness) r->set_helpfulness(*e.helpfulness);
  for (const FieldValue& v : e.fields) toProto(v, r->add_fields());
  r->set_note(ss(e.note));
  r->set_shared(e.shared);
}

}  // namespace

AssignmentSource fromProto(v1::AssignmentSource s) {
  switch (s) {
    case v1::ASSIGNMENT_FROM_PROGRAMME: return AssignmentSource::Programme;
    case v1::ASSIGNMENT_FOR_COHORT: return AssignmentSource::ForCohort;
    case v1::ASSIGNMENT_FOR_PARTICIPANT: return AssignmentSource::ForParticipant;
    default: return AssignmentSource::Unknown;
  }
}

EarlyWarningReason fromProto(v1::EarlyWarningReason r) {
  switch (r) {
    case v1::EARLY_WARNING_MISSED_TWO_SESSIONS: return EarlyWarningReason::MissedTwoSessions;
    case v1::EARLY_WARNING_NO_PRACTICE_FOR_TEN_DAYS: return EarlyWarningReason::NoPracticeForTenDays;
    case v1::EARLY_WARNING_ADHERENCE_FALLING: return EarlyWarningReason::AdherenceFalling;
    default: return EarlyWarningReason::Unknown;
  }
}

Dose fromProto(const v1::Dose& d) { return Dose{d.times_per_week(), d.minutes()}; }

LadderStepInfo fromProto(const v1::LadderStep& s) {
  return LadderStepInfo{s.number(), qs(s.description()), s.target_minutes()};
}

AssignmentInfo fromProto(const v1::Assignment& a) {
  AssignmentInfo info;
  info.id = a.id();
  info.cohortId = a.cohort_id();
  info.week = a.week_number();
  info.source = fromProto(a.source());
  info.enrolmentId = a.enrolment_id();
  info.kind = qs(a.kind());
  info.practiceCode = qs(a.practice_code());
  info.title = qs(a.title());
  info.instructions = qs(a.instructions());
  info.caution = qs(a.caution());
  info.dose = fromProto(a.dose());
  info.steps = listOf(a.steps(), kFromProto);
  info.createdAt = fromProto(a.created_at());
  return info;
}

AssignmentProgress fromProto(const v1::AssignmentProgress& p) {
  AssignmentProgress out;
  out.assignment = fromProto(p.assignment());
  out.releasedAt = fromProto(p.released_at());
  out.thisWeek = p.this_week();
  out.logged = p.logged();
  out.minutesLogged = p.minutes_logged();
  out.loggedToday = p.logged_today();
  out.percentOfDose = p.percent_of_dose();
  return out;
}

MyAssignments fromProto(const v1::ListMyAssignmentsResponse& resp) {
  MyAssignments out;
  out.currentWeek = resp.current_week();
  out.assignments = listOf(resp.assignments(), kFromProto);
  out.kinds = listOf(resp.kinds(), kFromProto);
  out.timeZone = qs(resp.time_zone());
  if (resp.has_earliest_practice_date()) out.earliestPracticeDate = fromProto(resp.earliest_practice_date());
  return out;
}

FieldValue fromProto(const v1::FieldValue& v) {
  const QString key = qs(v.key());
  switch (v.value_case()) {
    case v1::FieldValue::kText: return FieldValue::ofText(key, qs(v.text()));
    case v1::FieldValue::kNumber: return FieldValue::ofNumber(key, v.number());
    case v1::FieldValue::kYesNo: return FieldValue::ofYesNo(key, v.yes_no());
    case v1::FieldValue::kChoice: return FieldValue::ofChoice(key, qs(v.choice()));
    case v1::FieldValue::kStep: return FieldValue::ofStep(key, v.step());
    case v1::FieldValue::VALUE_NOT_SET: break;
  }
  return FieldValue{key, FieldType::Unknown, {}, 0, false, {}};
}

void toProto(const FieldValue& v, v1::FieldValue* out) {
  out->set_key(ss(v.key));
  switch (v.type) {
    case FieldType::Text: out->set_text(ss(v.text)); break;
    case FieldType::Number: out->set_number(v.number); break;
    case FieldType::YesNo: out->set_yes_no(v.yesNo); break;
    case FieldType::Choice: out->set_choice(ss(v.choice)); break;
    case FieldType::Step: out->set_step(v.number); break;
    // No value: the server names the field as it would any missing one.
    case FieldType::Unknown: break;
  }
}

FeedbackInfo fromProto(const v1::Feedback& f) {
  return FeedbackInfo{f.id(), f.log_id(), qs(f.author_name()), qs(f.text()), fromProto(f.created_at())};
}

PracticeLogInfo fromProto(const v1::PracticeLog& log) {
  PracticeLogInfo out;
  out.id = log.id();
  out.assignmentId = log.assignment_id();
  out.enrolmentId = log.enrolment_id();
  out.participantName = qs(log.participant_name());
  out.week = log.week_number();
  out.assignmentTitle = qs(log.assignment_title());
  out.kind = qs(log.kind());
  out.practisedOn = fromProto(log.practised_on());
  out.practisedAt = fromProto(log.practised_at());
  out.minutes = log.minutes();
  if (log.has_distress_before()) out.distressBefore = log.distress_before();
  if (log.has_distress_after()) out.distressAfter = log.distress_after();
  out.helpfulness = log.helpfulness();
  out.fields = listOf(log.fields(), kFromProto);
  out.note = qs(log.note());
  out.shared = log.shared();
  out.privateContentWithheld = log.private_content_withheld();
  out.loggedAt = fromProto(log.logged_at());
  out.updatedAt = fromProto(log.updated_at());
  if (log.has_editable_until()) out.editableUntil = fromProto(log.editable_until());
  out.feedback = listOf(log.feedback(), kFromProto);
  return out;
}

WeekPracticeSummary fromProto(const v1::WeekPracticeSummary& w) {
  WeekPracticeSummary out{w.week_number(), w.logs(), w.minutes(), std::nullopt};
  if (w.has_mean_helpfulness()) out.meanHelpfulness = w.mean_helpfulness();
  return out;
}

PracticeLogPage fromProto(const v1::ListPracticeLogsResponse& resp) {
  return PracticeLogPage{listOf(resp.logs(), kFromProto), qs(resp.next_page_token()), listOf(resp.weeks(), kFromProto)};
}

AdherenceWeekInfo fromProto(const v1::AdherenceWeek& w) {
  return AdherenceWeekInfo{w.week_number(), qs(w.title()), fromProto(w.released_at()), w.complete(), w.session_id()};
}

AdherenceCellInfo fromProto(const v1::AdherenceCell& c) {
  AdherenceCellInfo out;
  out.week = c.week_number();
  out.applies = c.applies();
  out.dose = c.dose();
  out.logged = c.logged();
  out.percent = c.percent();
  out.logs = c.logs();
  out.minutes = c.minutes();
  if (c.has_mean_helpfulness()) out.meanHelpfulness = c.mean_helpfulness();
  out.attendance = fromProto(c.attendance());
  out.moduleOpened = c.module_opened();
  return out;
}

AdherenceRowInfo fromProto(const v1::AdherenceRow& r) {
  return AdherenceRowInfo{r.enrolment_id(), qs(r.participant_name()), fromProto(r.status()),
                          listOf(r.weeks(), kFromProto)};
}

AdherenceGrid fromProto(const v1::GetAdherenceResponse& resp) {
  return AdherenceGrid{listOf(resp.weeks(), kFromProto), listOf(resp.participants(), kFromProto)};
}

DigestSessionInfo fromProto(const v1::DigestSession& s) {
  return DigestSessionInfo{s.session_id(), s.week_number(), qs(s.week_title()), fromProto(s.starts_at()),
                           qs(s.local_display())};
}

DigestPracticeInfo fromProto(const v1::DigestPractice& p) {
  return DigestPracticeInfo{p.enrolment_id(), qs(p.participant_name()), p.logs(),           p.minutes(),
                            p.dose(),         p.logged_against_dose(), p.percent_of_dose()};
}

DigestPersonInfo fromProto(const v1::DigestPerson& p) {
  return DigestPersonInfo{p.enrolment_id(), qs(p.participant_name()), fromProto(p.attendance())};
}

EarlyWarningInfo fromProto(const v1::EarlyWarning& w) {
  return EarlyWarningInfo{w.enrolment_id(), qs(w.participant_name()), fromProto(w.reason()), qs(w.explanation())};
}

DigestAlertInfo fromProto(const v1::DigestAlert& a) {
  QString state = QStringLiteral("open");
  if (a.status() == v1::RISK_ALERT_ACKNOWLEDGED) state = QStringLiteral("acknowledged");
  if (a.status() == v1::RISK_ALERT_RESOLVED) state = QStringLiteral("resolved");
  return DigestAlertInfo{a.alert_id(),       a.enrolment_id(),           qs(a.participant_name()),
                         a.tier() == v1::RISK_RED, qs(a.instrument()),   qs(a.time_point_label()),
                         fromProto(a.raised_at()), state};
}

DigestChangeInfo fromProto(const v1::DigestReliableChange& c) {
  QString change = QStringLiteral("improved");
  if (c.classification() == v1::CHANGE_RECOVERED) change = QStringLiteral("recovered");
  if (c.classification() == v1::CHANGE_DETERIORATED) change = QStringLiteral("deteriorated");
  return DigestChangeInfo{c.enrolment_id(),      qs(c.participant_name()), qs(c.instrument()), qs(c.score_title()),
                          qs(c.time_point_label()), c.baseline(),           c.score(),          change};
}

FacilitatorDigest fromProto(const v1::GetFacilitatorDigestResponse& resp) {
  FacilitatorDigest out;
  out.session = fromProto(resp.session());
  if (resp.has_previous_session()) out.previousSession = fromProto(resp.previous_session());
  out.since = fromProto(resp.since());
  out.until = fromProto(resp.until());
  out.moduleWeek = resp.module_week();
  out.practised = listOf(resp.practised(), kFromProto);
  out.moduleNotOpened = listOf(resp.module_not_opened(), kFromProto);
  out.missedLastSession = listOf(resp.missed_last_session(), kFromProto);
  out.earlyWarnings = listOf(resp.early_warnings(), kFromProto);
  out.newAlerts = listOf(resp.new_alerts(), kFromProto);
  out.reliableChanges = listOf(resp.reliable_changes(), kFromProto);
  return out;
}

v1::LogPracticeRequest toLogRequest(const PracticeEntry& e) {
  v1::LogPracticeRequest r;
  r.set_assignment_id(e.assignmentId);
  fillEntry(e, &r);
  r.set_idempotency_key(ss(e.idempotencyKey));
  return r;
}

v1::UpdatePracticeLogRequest toUpdateRequest(qint64 logId, const PracticeEntry& e) {
  v1::UpdatePracticeLogRequest r;
  r.set_log_id(logId);
  fillEntry(e, &r);
  return r;
}

v1::ListPracticeLogsRequest toProto(const PracticeLogQuery& q) {
  v1::ListPracticeLogsRequest r;
  r.set_cohort_id(q.cohortId);
  r.set_enrolment_id(q.enrolmentId);
  r.set_week_number(q.week);
  r.set_page_size(q.pageSize);
  r.set_page_token(ss(q.pageToken));
  return r;
}

v1::CreateAssignmentRequest toProto(const NewAssignmentInput& in, const QString& key) {
  v1::CreateAssignmentRequest r;
  r.set_cohort_id(in.cohortId);
  r.set_enrolment_id(in.enrolmentId);
  r.set_week_number(in.week);
  r.set_kind(ss(in.kind));
  r.set_title(ss(in.title));
  r.set_instructions(ss(in.instructions));
  r.set_caution(ss(in.caution));
  r.mutable_dose()->set_times_per_week(in.dose.timesPerWeek);
  r.mutable_dose()->set_minutes(in.dose.minutes);
  for (const LadderStepInfo& s : in.steps) {
    auto* step = r.add_steps();
    step->set_description(ss(s.description));
    step->set_target_minutes(s.targetMinutes);
  }
  r.set_idempotency_key(ss(key));
  return r;
}

}  // namespace cft::client
