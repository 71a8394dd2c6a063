#include "services/measures/measure_mapping.h"

#include "absl/strings/str_cat.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/measures/instrument_files.h"
#include "services/rpc/proto_time.h"

namespace cft::measures {
namespace {

v1::ChangeClassification ToProto(Classification c) {
  switch (c) {
    case Classification::kRecovered:
      return v1::CHANGE_RECOVERED;
    case Classification::kImproved:
      return v1::CHANGE_IMPROVED;
    case Classification::kUnchanged:
      return v1::CHANGE_UNCHANGED;
    case Classification::kDeteriorated:
      return v1::CHANGE_DETERIORATED;
    case Classification::kNotAvailable:
      return v1::CHANGE_NOT_AVAILABLE;
  }
  return v1::CHANGE_CLASSIFICATION_UNSPECIFIED;
}

v1::EntryMode ToProto(EntryMode m) { return m == EntryMode::kPaper ? v1::ENTRY_PAPER : v1::ENTRY_ONLINE; }

v1::DueStatus ToProto(DueStatus s) {
  switch (s) {
    case DueStatus::kUpcoming:
      return v1::DUE_UPCOMING;
    case DueStatus::kOpen:
      return v1::DUE_OPEN;
    case DueStatus::kOverdue:
      return v1::DUE_OVERDUE;
  }
  return v1::DUE_STATUS_UNSPECIFIED;
}

void ToProto(const ScoreValue& v, const ScoreDef* def, v1::ScoreResult* out) {
  out->set_score_key(v.key);
  if (def != nullptr) out->set_title(def->title);
  if (v.value) out->set_value(*v.value);
  out->set_items_answered(v.items_answered);
  out->set_item_count(v.item_count);
  out->set_prorated(v.prorated);
  out->set_band_label(v.band_label);
  out->set_band_severity(v.band_severity);
  if (v.caseness) out->set_caseness(*v.caseness);
}

void ToProto(const Band& b, v1::Band* out) {
  out->set_min(b.min);
  out->set_max(b.max);
  out->set_label(b.label);
  out->set_severity(b.severity);
}

void ToProto(const ScheduledView& v, v1::ScheduledTimePoint* out) {
  const ScheduledTimePoint& t = v.time_point;
  out->set_key(t.key);
  out->set_label(t.label);
  out->set_kind(ToProto(t.kind));
  out->set_week(t.week);
  out->set_session_id(t.session_id.value_or(0));
  rpc::ToProto(t.opens_at, out->mutable_opens_at());
  rpc::ToProto(t.due_at, out->mutable_due_at());
  rpc::ToProto(t.closes_at, out->mutable_closes_at());
  out->set_opens_local(v.opens_local);
  out->set_due_local(v.due_local);
  out->set_closes_local(v.closes_local);
  for (const std::string& k : t.instrument_keys) out->add_instrument_keys(k);
}

}  // namespace

std::optional<TimePointKind> FromProto(v1::TimePointKind k) {
  switch (k) {
    case v1::TIME_POINT_BASELINE:
      return TimePointKind::kBaseline;
    case v1::TIME_POINT_MID:
      return TimePointKind::kMid;
    case v1::TIME_POINT_POST:
      return TimePointKind::kPost;
    case v1::TIME_POINT_FOLLOW_UP:
      return TimePointKind::kFollowUp;
    case v1::TIME_POINT_SESSION:
      return TimePointKind::kSession;
    default:
      return std::nullopt;
  }
}

v1::TimePointKind ToProto(TimePointKind k) {
  switch (k) {
    case TimePointKind::kBaseline:
      return v1::TIME_POINT_BASELINE;
    case TimePointKind::kMid:
      return v1::TIME_POINT_MID;
    case TimePointKind::kPost:
      return v1::TIME_POINT_POST;
    case TimePointKind::kFollowUp:
      return v1::TIME_POINT_FOLLOW_UP;
    case TimePointKind::kSession:
      return v1::TIME_POINT_SESSION;
    case TimePointKind::kUnspecified:
      break;
  }
  return v1::TIME_POINT_KIND_UNSPECIFIED;
}

absl::StatusOr<MeasurementPlan> PlanFromProto(const google::protobuf::RepeatedPtrField<v1::TimePointPlan>& points,
                                              const v1::SessionMonitorPlan& monitor) {
  MeasurementPlan plan{.is_default = false};
  for (int i = 0; i < points.size(); ++i) {
    const v1::TimePointPlan& p = points[i];
    std::optional<TimePointKind> kind = FromProto(p.kind());
    if (!kind) return InvalidField(absl::StrCat("time_points[", i, "].kind"), "is required");
    plan.time_points.push_back(TimePointPlan{.key = p.key(),
                                             .label = p.label(),
                                             .kind = *kind,
                                             .week = p.week(),
                                             .weeks_after_last_session = p.weeks_after_last_session(),
                                             .opens_days_before = p.opens_days_before(),
                                             .closes_days_after = p.closes_days_after(),
                                             .instrument_keys = {p.instrument_keys().begin(), p.instrument_keys().end()}});
  }
  plan.session_monitor = SessionMonitorPlan{.enabled = monitor.enabled(),
                                            .instrument_keys = {monitor.instrument_keys().begin(),
                                                                monitor.instrument_keys().end()},
                                            .opens_days_before = monitor.opens_days_before()};
  return plan;
}

void ToProto(const InstrumentSummaryView& s, v1::InstrumentSummary* out) {
  const Instrument& in = *s.instrument;
  out->set_key(in.key);
  out->set_version(in.version);
  out->set_short_name(in.short_name);
  out->set_title(in.title);
  out->set_item_text(ToProto(in.licence.item_text));
  out->set_item_text_available(s.item_text_available);
  out->set_item_count(static_cast<int32_t>(in.items.size()));
  out->set_copyright_line(in.licence.copyright_line);
}

void ToProto(const ReliableChangeView& v, v1::ReliableChangeInForce* out) {
  out->set_score_key(v.score_key);
  out->set_available(v.params.method != ReliableChangeParams::Method::kNone);
  out->set_points_needed(v.params.PointsNeeded());
  out->set_method(v.params.Describe());
  out->set_set_by_organisation(v.params.set_by_organisation);
}

void ToProto(const InstrumentView& v, v1::GetInstrumentResponse* out) {
  ToProto(v.instrument, out->mutable_instrument());
  out->set_item_text_available(v.item_text_available);
  out->set_crisis_text(v.crisis_text);
  for (const PaperItemView& p : v.paper_items) {
    v1::PaperItem* pi = out->add_paper_items();
    pi->set_item_code(p.item_code);
    pi->set_number(p.number);
    for (const PaperBoxView& b : p.boxes) {
      v1::PaperBox* pb = pi->add_boxes();
      pb->set_position(b.position);
      pb->set_label(b.label);
      pb->set_keyed_value(b.keyed_value);
    }
  }
  for (const ReliableChangeView& rc : v.reliable_change) ToProto(rc, out->add_reliable_change());
}

void ToProto(const MeasureSettings& s, v1::MeasureSettings* out) {
  out->set_crisis_text(s.crisis_text);
  out->set_red_response_minutes(s.red_response_minutes);
  out->set_amber_response_minutes(s.amber_response_minutes);
  out->set_defaults(s.defaults);
}

void ToProto(const PlanView& v, v1::MeasurementPlan* plan, std::string* time_zone,
             google::protobuf::RepeatedPtrField<v1::ScheduledTimePoint>* schedule) {
  plan->set_cohort_id(v.cohort_id);
  for (const TimePointPlan& t : v.plan.time_points) {
    v1::TimePointPlan* p = plan->add_time_points();
    p->set_key(t.key);
    p->set_label(t.label);
    p->set_kind(ToProto(t.kind));
    p->set_week(t.week);
    p->set_weeks_after_last_session(t.weeks_after_last_session);
    p->set_opens_days_before(t.opens_days_before);
    p->set_closes_days_after(t.closes_days_after);
    for (const std::string& k : t.instrument_keys) p->add_instrument_keys(k);
  }
  auto* m = plan->mutable_session_monitor();
  m->set_enabled(v.plan.session_monitor.enabled);
  for (const std::string& k : v.plan.session_monitor.instrument_keys) m->add_instrument_keys(k);
  m->set_opens_days_before(v.plan.session_monitor.opens_days_before);
  plan->set_is_default(v.plan.is_default);
  *time_zone = v.time_zone;
  for (const ScheduledView& s : v.schedule) ToProto(s, schedule->Add());
}

void ToProto(const DueMeasureView& d, v1::DueMeasure* out) {
  const ScheduledTimePoint& t = d.time_point.time_point;
  out->set_instrument_key(d.instrument->key);
  out->set_instrument_version(d.instrument->version);
  out->set_short_name(d.instrument->short_name);
  out->set_title(d.instrument->title);
  out->set_time_point_key(t.key);
  out->set_time_point_label(t.label);
  out->set_time_point_kind(ToProto(t.kind));
  out->set_status(ToProto(d.status));
  rpc::ToProto(t.opens_at, out->mutable_opens_at());
  rpc::ToProto(t.due_at, out->mutable_due_at());
  rpc::ToProto(t.closes_at, out->mutable_closes_at());
  out->set_due_local(d.time_point.due_local);
  out->set_closes_local(d.time_point.closes_local);
}

void ToProto(const StoredResponse& r, const Instrument* in, v1::MeasureResponse* out) {
  out->set_id(r.id);
  out->set_cohort_id(r.cohort_id);
  out->set_enrolment_id(r.enrolment_id);
  out->set_instrument_key(r.instrument_key);
  out->set_instrument_version(r.instrument_version);
  out->set_time_point_key(r.time_point_key);
  out->set_time_point_label(r.time_point_label);
  out->set_time_point_kind(ToProto(r.time_point_kind));
  out->set_week(r.week);
  out->set_session_id(r.session_id.value_or(0));
  rpc::ToProto(r.completed_at, out->mutable_completed_at());
  rpc::ToProto(r.submitted_at, out->mutable_submitted_at());
  out->set_entry_mode(ToProto(r.entry_mode));
  out->set_entered_by_user_id(r.entered_by);
  for (const AnswerValue& a : r.answers) {
    v1::Answer* pa = out->add_answers();
    pa->set_item_code(a.item_code);
    if (a.value) pa->set_value(*a.value);
  }
  for (const ScoreValue& v : r.scores) ToProto(v, in ? in->FindScore(v.key) : nullptr, out->add_scores());
}

void ToProto(const OutcomesView& v, v1::GetOutcomesResponse* out) {
  out->set_enrolment_id(v.enrolment_id);
  out->set_cohort_id(v.cohort_id);
  out->set_participant_name(v.participant_name);
  for (const InstrumentOutcomeView& iv : v.instruments) {
    v1::InstrumentOutcome* pi = out->add_instruments();
    pi->set_instrument_key(iv.instrument_key);
    pi->set_short_name(iv.short_name);
    for (const ScoreSeriesView& s : iv.scores) {
      v1::ScoreSeries* ps = pi->add_scores();
      ps->set_score_key(s.score.key);
      ps->set_title(s.score.title);
      ps->set_polarity(ToProto(s.score.polarity));
      ps->set_primary(s.score.primary);
      for (const Band& b : s.score.bands) ToProto(b, ps->add_bands());
      if (s.score.caseness_cutoff) ps->set_caseness_cutoff(*s.score.caseness_cutoff);
      if (s.recovery.value) ps->set_recovery_cutoff(*s.recovery.value);
      ps->set_recovery_cutoff_method(s.recovery.method);
      ToProto(ReliableChangeView{.score_key = s.score.key, .params = s.reliable_change}, ps->mutable_reliable_change());
      for (const OutcomePointView& p : s.points) {
        v1::OutcomePoint* pp = ps->add_points();
        pp->set_response_id(p.response_id);
        pp->set_time_point_key(p.time_point_key);
        pp->set_time_point_label(p.time_point_label);
        pp->set_time_point_kind(ToProto(p.time_point_kind));
        pp->set_week(p.week);
        rpc::ToProto(p.completed_at, pp->mutable_completed_at());
        pp->set_entry_mode(ToProto(p.entry_mode));
        if (p.score.value) pp->set_value(*p.score.value);
        pp->set_band_label(p.score.band_label);
        pp->set_band_severity(p.score.band_severity);
        if (p.score.caseness) pp->set_caseness(*p.score.caseness);
        if (p.change_from_baseline) pp->set_change_from_baseline(*p.change_from_baseline);
        if (p.rci) pp->set_rci(*p.rci);
        pp->set_reliable(p.reliable);
        pp->set_classification(p.change_from_baseline ? ToProto(p.classification) : v1::CHANGE_NOT_AVAILABLE);
      }
    }
  }
}

void ToProto(const CohortOutcomesView& v, v1::GetCohortOutcomesResponse* out) {
  out->set_cohort_id(v.cohort_id);
  out->set_pre_time_point_key(v.pre_time_point_key);
  out->set_post_time_point_key(v.post_time_point_key);
  for (const CohortScoreView& s : v.scores) {
    v1::CohortScoreOutcome* p = out->add_scores();
    p->set_instrument_key(s.instrument_key);
    p->set_short_name(s.short_name);
    p->set_score_key(s.score.key);
    p->set_title(s.score.title);
    p->set_polarity(ToProto(s.score.polarity));
    p->set_n(s.summary.n);
    const PrePostSummary& m = s.summary;
    if (m.pre_mean) p->set_pre_mean(*m.pre_mean);
    if (m.pre_sd) p->set_pre_sd(*m.pre_sd);
    if (m.post_mean) p->set_post_mean(*m.post_mean);
    if (m.post_sd) p->set_post_sd(*m.post_sd);
    if (m.r) p->set_r(*m.r);
    if (m.mean_improvement) p->set_mean_improvement(*m.mean_improvement);
    if (m.d_av) p->set_d_av(*m.d_av);
    if (m.g_av) p->set_g_av(*m.g_av);
    if (m.d_rm) p->set_d_rm(*m.d_rm);
    if (m.g_rm) p->set_g_rm(*m.g_rm);
    auto* c = p->mutable_counts();
    c->set_recovered(s.counts.recovered);
    c->set_improved(s.counts.improved);
    c->set_unchanged(s.counts.unchanged);
    c->set_deteriorated(s.counts.deteriorated);
    c->set_not_available(s.counts.not_available);
    if (s.share_improved_or_recovered) p->set_share_improved_or_recovered(*s.share_improved_or_recovered);
    p->set_small_group(s.small_group);
    p->set_method(s.method);
  }
}

void ToProto(const AlertRecord& a, absl::Time now, v1::RiskAlert* out) {
  out->set_id(a.id);
  out->set_cohort_id(a.cohort_id);
  out->set_cohort_name(a.cohort_name);
  out->set_enrolment_id(a.enrolment_id);
  out->set_participant_name(a.participant_name);
  out->set_response_id(a.response_id);
  out->set_instrument_key(a.instrument_key);
  out->set_instrument_short_name(a.instrument_short_name);
  out->set_time_point_label(a.time_point_label);
  out->set_tier(ToProto(a.tier));
  for (const std::string& r : a.reasons) out->add_reasons(r);
  switch (a.status()) {
    case AlertStatus::kOpen:
      out->set_status(v1::RISK_ALERT_OPEN);
      break;
    case AlertStatus::kAcknowledged:
      out->set_status(v1::RISK_ALERT_ACKNOWLEDGED);
      break;
    case AlertStatus::kResolved:
      out->set_status(v1::RISK_ALERT_RESOLVED);
      break;
  }
  rpc::ToProto(a.created_at, out->mutable_created_at());
  rpc::ToProto(a.due_at, out->mutable_due_at());
  out->set_overdue(a.OverdueAt(now));
  if (a.acknowledged_at) rpc::ToProto(*a.acknowledged_at, out->mutable_acknowledged_at());
  out->set_acknowledged_by_name(a.acknowledged_by_name);
  out->set_acknowledge_note(a.acknowledge_note);
  if (a.resolved_at) rpc::ToProto(*a.resolved_at, out->mutable_resolved_at());
  out->set_resolved_by_name(a.resolved_by_name);
  out->set_resolve_note(a.resolve_note);
}

void ToProto(const AlertCounts& c, v1::RiskAlertCounts* out) {
  out->set_red(c.red);
  out->set_amber(c.amber);
  out->set_overdue(c.overdue);
}

std::string RequestHash(const google::protobuf::Message& request) {
  std::string bytes;
  request.SerializeToString(&bytes);
  return HexEncode(Sha256(bytes));
}

}  // namespace cft::measures
