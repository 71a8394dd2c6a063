#include "client-shared/measure_mapping.h"

#include "client-shared/common_mapping.h"

namespace cft::client {
namespace {

constexpr auto kFromProto = [](const auto& message) { return fromProto(message); };

template <typename T>
std::optional<double> opt(bool has, T value) {
  return has ? std::optional<double>(static_cast<double>(value)) : std::nullopt;
}

Polarity polarityOf(v1::Polarity p) {
  switch (p) {
    case v1::HIGHER_IS_WORSE: return Polarity::HigherIsWorse;
    case v1::HIGHER_IS_BETTER: return Polarity::HigherIsBetter;
    default: return Polarity::Unknown;
  }
}

RiskTier tierOf(v1::RiskTier t) {
  switch (t) {
    case v1::RISK_AMBER: return RiskTier::Amber;
    case v1::RISK_RED: return RiskTier::Red;
    default: return RiskTier::Unknown;
  }
}

TimePointKind kindOf(v1::TimePointKind k) {
  switch (k) {
    case v1::TIME_POINT_BASELINE: return TimePointKind::Baseline;
    case v1::TIME_POINT_MID: return TimePointKind::Mid;
    case v1::TIME_POINT_POST: return TimePointKind::Post;
    case v1::TIME_POINT_FOLLOW_UP: return TimePointKind::FollowUp;
    case v1::TIME_POINT_SESSION: return TimePointKind::Session;
    default: return TimePointKind::Unknown;
  }
}

EntryMode modeOf(v1::EntryMode m) {
  switch (m) {
    case v1::ENTRY_ONLINE: return EntryMode::Online;
    case v1::ENTRY_PAPER: return EntryMode::Paper;
    default: return EntryMode::Unknown;
  }
}

PaperValueMode paperModeOf(v1::PaperValueMode m) {
  switch (m) {
    case v1::PAPER_BOX_POSITION: return PaperValueMode::BoxPosition;
    case v1::PAPER_PRINTED_SCORE: return PaperValueMode::PrintedScore;
    default: return PaperValueMode::Unknown;
  }
}

v1::PaperValueMode toProto(PaperValueMode m) {
  switch (m) {
    case PaperValueMode::BoxPosition: return v1::PAPER_BOX_POSITION;
    case PaperValueMode::PrintedScore: return v1::PAPER_PRINTED_SCORE;
    case PaperValueMode::Unknown: break;
  }
  return v1::PAPER_VALUE_MODE_UNSPECIFIED;
}

ChangeClassification classificationOf(v1::ChangeClassification c) {
  switch (c) {
    case v1::CHANGE_RECOVERED: return ChangeClassification::Recovered;
    case v1::CHANGE_IMPROVED: return ChangeClassification::Improved;
    case v1::CHANGE_UNCHANGED: return ChangeClassification::Unchanged;
    case v1::CHANGE_DETERIORATED: return ChangeClassification::Deteriorated;
    case v1::CHANGE_NOT_AVAILABLE: return ChangeClassification::NotAvailable;
    default: return ChangeClassification::Unknown;
  }
}

RiskAlertStatus statusOf(v1::RiskAlertStatus s) {
  switch (s) {
    case v1::RISK_ALERT_OPEN: return RiskAlertStatus::Open;
    case v1::RISK_ALERT_ACKNOWLEDGED: return RiskAlertStatus::Acknowledged;
    case v1::RISK_ALERT_RESOLVED: return RiskAlertStatus::Resolved;
    default: return RiskAlertStatus::Unknown;
  }
}

DueStatus dueOf(v1::DueStatus s) {
  switch (s) {
    case v1::DUE_UPCOMING: return DueStatus::Upcoming;
    case v1::DUE_OPEN: return DueStatus::Open;
    case v1::DUE_OVERDUE: return DueStatus::Overdue;
    default: return DueStatus::Unknown;
  }
}

BandInfo bandOf(const v1::Band& b) { return BandInfo{b.min(), b.max(), qs(b.label()), b.severity()}; }

AnswerValue answerOf(const v1::Answer& a) {
  AnswerValue v;
  v.itemCode = qs(a.item_code());
  if (a.has_value()) v.value = a.value();
  return v;
}

ScoreResultInfo scoreOf(const v1::ScoreResult& s) {
  ScoreResultInfo out;
  out.scoreKey = qs(s.score_key());
  out.title = qs(s.title());
  out.value = opt(s.has_value(), s.value());
  out.itemsAnswered = s.items_answered();
  out.itemCount = s.item_count();
  out.prorated = s.prorated();
  out.bandLabel = qs(s.band_label());
  out.bandSeverity = s.band_severity();
  if (s.has_caseness()) out.caseness = s.caseness();
  return out;
}

ReliableChangeInfo reliableOf(const v1::ReliableChangeInForce& r) {
  return ReliableChangeInfo{qs(r.score_key()), r.available(), r.points_needed(), qs(r.method())};
}

OutcomePointInfo pointOf(const v1::OutcomePoint& p) {
  OutcomePointInfo out;
  out.responseId = p.response_id();
  out.timePointKey = qs(p.time_point_key());
  out.timePointLabel = qs(p.time_point_label());
  out.timePointKind = kindOf(p.time_point_kind());
  out.week = p.week();
  out.completedAt = fromProto(p.completed_at());
  out.entryMode = modeOf(p.entry_mode());
  out.value = opt(p.has_value(), p.value());
  out.bandLabel = qs(p.band_label());
  out.bandSeverity = p.band_severity();
  if (p.has_caseness()) out.caseness = p.caseness();
  out.changeFromBaseline = opt(p.has_change_from_baseline(), p.change_from_baseline());
  out.rci = opt(p.has_rci(), p.rci());
  out.reliable = p.reliable();
  out.classification = classificationOf(p.classification());
  return out;
}

ScoreSeriesInfo seriesOf(const v1::ScoreSeries& s) {
  ScoreSeriesInfo out;
  out.scoreKey = qs(s.score_key());
  out.title = qs(s.title());
  out.polarity = polarityOf(s.polarity());
  out.primary = s.primary();
  out.bands = listOf(s.bands(), bandOf);
  out.casenessCutoff = opt(s.has_caseness_cutoff(), s.caseness_cutoff());
  out.recoveryCutoff = opt(s.has_recovery_cutoff(), s.recovery_cutoff());
  out.recoveryCutoffMethod = qs(s.recovery_cutoff_method());
  out.reliableChange = reliableOf(s.reliable_change());
  out.points = listOf(s.points(), pointOf);
  return out;
}

CohortScoreOutcomeInfo cohortScoreOf(const v1::CohortScoreOutcome& s) {
  CohortScoreOutcomeInfo out;
  out.instrumentKey = qs(s.instrument_key());
  out.shortName = qs(s.short_name());
  out.scoreKey = qs(s.score_key());
  out.title = qs(s.title());
  out.polarity = polarityOf(s.polarity());
  out.n = s.n();
  out.preMean = opt(s.has_pre_mean(), s.pre_mean());
  out.preSd = opt(s.has_pre_sd(), s.pre_sd());
  out.postMean = opt(s.has_post_mean(), s.post_mean());
  out.postSd = opt(s.has_post_sd(), s.post_sd());
  out.r = opt(s.has_r(), s.r());
  out.meanImprovement = opt(s.has_mean_improvement(), s.mean_improvement());
  out.dAv = opt(s.has_d_av(), s.d_av());
  out.gAv = opt(s.has_g_av(), s.g_av());
  out.dRm = opt(s.has_d_rm(), s.d_rm());
  out.gRm = opt(s.has_g_rm(), s.g_rm());
  const v1::ClassificationCounts& c = s.counts();
  out.counts = {c.recovered(), c.improved(), c.unchanged(), c.deteriorated(), c.not_available()};
  out.shareImprovedOrRecovered = opt(s.has_share_improved_or_recovered(), s.share_improved_or_recovered());
  out.smallGroup = s.small_group();
  out.method = qs(s.method());
  return out;
}

RiskRuleInfo ruleOf(const v1::RiskRule& r) {
  RiskRuleInfo out;
  out.key = qs(r.key());
  out.tier = tierOf(r.tier());
  out.description = qs(r.description());
  switch (r.condition_case()) {
    case v1::RiskRule::kItem:
      out.kind = RiskConditionKind::Item;
      out.itemCode = qs(r.item().item_code());
      out.minValue = r.item().min_value();
      out.maxValue = r.item().max_value();
      break;
    case v1::RiskRule::kScore:
      out.kind = RiskConditionKind::Score;
      out.scoreKey = qs(r.score().score_key());
      out.atLeast = r.score().at_least();
      break;
    case v1::RiskRule::kDeterioration:
      out.kind = RiskConditionKind::Deterioration;
      out.scoreKey = qs(r.deterioration().score_key());
      break;
    default: break;
  }
  return out;
}

}  // namespace

InstrumentSummaryInfo fromProto(const v1::InstrumentSummary& s) {
  return InstrumentSummaryInfo{qs(s.key()),         s.version(),   qs(s.short_name()), qs(s.title()),
                               s.item_text_available(), s.item_count(), qs(s.copyright_line())};
}

InstrumentInfo fromProto(const v1::GetInstrumentResponse& resp) {
  const v1::InstrumentDefinition& d = resp.instrument();
  InstrumentInfo out;
  out.key = qs(d.key());
  out.version = d.version();
  out.shortName = qs(d.short_name());
  out.title = qs(d.title());
  out.instructions = qs(d.instructions());
  out.copyrightLine = qs(d.licence().copyright_line());
  out.itemTextAvailable = resp.item_text_available();
  out.sections = listOf(d.sections(), [](const v1::InstrumentSection& s) {
    return SectionInfo{qs(s.key()), qs(s.title()), qs(s.instructions()), s.optional()};
  });
  for (const v1::InstrumentItem& i : d.items()) {
    ItemInfo item;
    item.code = qs(i.code());
    item.number = i.number();
    item.text = resp.item_text_available() ? qs(i.text()) : QString();
    item.unscored = i.unscored();
    item.section = qs(i.section());
    item.reverseKeyed = i.reverse_keyed();
    for (const v1::OptionSet& set : d.option_sets()) {
      if (set.key() != i.option_set()) continue;
      item.options = listOf(set.options(), [](const v1::ResponseOption& o) {
        return ResponseOptionInfo{o.value(), qs(o.label())};
      });
    }
    out.items.append(item);
  }
  for (const v1::ScoreDefinition& s : d.scores()) {
    ScoreDefinitionInfo score;
    score.key = qs(s.key());
    score.title = qs(s.title());
    score.itemCodes = fromProto(s.item_codes());
    score.maxProrated = s.missing().max_prorated();
    score.acceptWithoutScore = s.missing().accept_without_score();
    score.polarity = polarityOf(s.polarity());
    score.bands = listOf(s.bands(), bandOf);
    score.primary = s.primary();
    score.mean = s.rule() == v1::SCORING_MEAN;
    score.multiplier = s.multiplier() == 0 ? 1 : s.multiplier();
    out.scores.append(score);
  }
  out.riskRules = listOf(d.risk_rules(), ruleOf);
  out.paperMode = paperModeOf(d.paper_form().keyed_value());
  out.paperItems = listOf(resp.paper_items(), [](const v1::PaperItem& p) {
    PaperItemInfo item{qs(p.item_code()), p.number(), {}};
    item.boxes = listOf(p.boxes(), [](const v1::PaperBox& b) {
      return PaperBoxInfo{b.position(), qs(b.label()), b.keyed_value()};
    });
    return item;
  });
  out.crisisText = qs(resp.crisis_text());
  return out;
}

MeasureSettingsInfo fromProto(const v1::MeasureSettings& s) {
  return MeasureSettingsInfo{qs(s.crisis_text()), s.red_response_minutes(), s.amber_response_minutes(),
                             s.defaults()};
}

MeasurementScheduleInfo fromProto(const v1::GetMeasurementPlanResponse& resp) {
  MeasurementScheduleInfo out;
  out.cohortId = resp.plan().cohort_id();
  out.timeZone = qs(resp.time_zone());
  out.schedule = listOf(resp.schedule(), [](const v1::ScheduledTimePoint& t) {
    ScheduledTimePointInfo p;
    p.key = qs(t.key());
    p.label = qs(t.label());
    p.kind = kindOf(t.kind());
    p.week = t.week();
    p.opensAt = fromProto(t.opens_at());
    p.dueAt = fromProto(t.due_at());
    p.closesAt = fromProto(t.closes_at());
    p.dueLocal = qs(t.due_local());
    p.instrumentKeys = fromProto(t.instrument_keys());
    return p;
  });
  return out;
}

DueMeasureInfo fromProto(const v1::DueMeasure& m) {
  DueMeasureInfo out;
  out.instrumentKey = qs(m.instrument_key());
  out.instrumentVersion = m.instrument_version();
  out.shortName = qs(m.short_name());
  out.title = qs(m.title());
  out.timePointKey = qs(m.time_point_key());
  out.timePointLabel = qs(m.time_point_label());
  out.timePointKind = kindOf(m.time_point_kind());
  out.status = dueOf(m.status());
  out.opensAt = fromProto(m.opens_at());
  out.dueAt = fromProto(m.due_at());
  out.closesAt = fromProto(m.closes_at());
  out.dueLocal = qs(m.due_local());
  out.closesLocal = qs(m.closes_local());
  return out;
}

MeasureResponseInfo fromProto(const v1::MeasureResponse& r) {
  MeasureResponseInfo out;
  out.id = r.id();
  out.cohortId = r.cohort_id();
  out.enrolmentId = r.enrolment_id();
  out.instrumentKey = qs(r.instrument_key());
  out.instrumentVersion = r.instrument_version();
  out.timePointKey = qs(r.time_point_key());
  out.timePointLabel = qs(r.time_point_label());
  out.week = r.week();
  out.completedAt = fromProto(r.completed_at());
  out.submittedAt = fromProto(r.submitted_at());
  out.entryMode = modeOf(r.entry_mode());
  out.answers = listOf(r.answers(), answerOf);
  out.scores = listOf(r.scores(), scoreOf);
  return out;
}

SubmittedResponse fromProto(const v1::SubmitResponseResponse& resp) {
  return SubmittedResponse{fromProto(resp.response()), resp.risk_rule_fired(), qs(resp.crisis_text())};
}

EnteredResponse fromProto(const v1::EnterResponseOnBehalfResponse& resp) {
  EnteredResponse out;
  out.response = fromProto(resp.response());
  if (resp.has_alert()) {
    const v1::RaisedAlert& a = resp.alert();
    out.alert = RaisedAlertInfo{a.alert_id(), tierOf(a.tier()), fromProto(a.reasons()), fromProto(a.due_at())};
  }
  return out;
}

OutcomesInfo fromProto(const v1::GetOutcomesResponse& resp) {
  OutcomesInfo out;
  out.enrolmentId = resp.enrolment_id();
  out.cohortId = resp.cohort_id();
  out.participantName = qs(resp.participant_name());
  out.instruments = listOf(resp.instruments(), [](const v1::InstrumentOutcome& i) {
    return InstrumentOutcomeInfo{qs(i.instrument_key()), qs(i.short_name()), listOf(i.scores(), seriesOf)};
  });
  return out;
}

CohortOutcomesInfo fromProto(const v1::GetCohortOutcomesResponse& resp) {
  return CohortOutcomesInfo{resp.cohort_id(), qs(resp.pre_time_point_key()), qs(resp.post_time_point_key()),
                            listOf(resp.scores(), cohortScoreOf)};
}

RiskAlertInfo fromProto(const v1::RiskAlert& a) {
  RiskAlertInfo out;
  out.id = a.id();
  out.cohortId = a.cohort_id();
  out.cohortName = qs(a.cohort_name());
  out.enrolmentId = a.enrolment_id();
  out.participantName = qs(a.participant_name());
  out.responseId = a.response_id();
  out.instrumentKey = qs(a.instrument_key());
  out.instrumentShortName = qs(a.instrument_short_name());
  out.timePointLabel = qs(a.time_point_label());
  out.tier = tierOf(a.tier());
  out.reasons = fromProto(a.reasons());
  out.status = statusOf(a.status());
  out.createdAt = fromProto(a.created_at());
  out.dueAt = fromProto(a.due_at());
  out.overdue = a.overdue();
  if (a.has_acknowledged_at()) out.acknowledgedAt = fromProto(a.acknowledged_at());
  out.acknowledgedByName = qs(a.acknowledged_by_name());
  out.acknowledgeNote = qs(a.acknowledge_note());
  if (a.has_resolved_at()) out.resolvedAt = fromProto(a.resolved_at());
  out.resolvedByName = qs(a.resolved_by_name());
  out.resolveNote = qs(a.resolve_note());
  return out;
}

RiskAlertList fromProto(const v1::ListRiskAlertsResponse& resp) {
  const v1::RiskAlertCounts& c = resp.counts();
  return RiskAlertList{listOf(resp.alerts(), kFromProto), {c.red(), c.amber(), c.overdue()}};
}

v1::SubmitResponseRequest toProto(const QuestionnaireAnswers& in) {
  v1::SubmitResponseRequest r;
  r.set_instrument_key(ss(in.instrumentKey));
  r.set_instrument_version(in.instrumentVersion);
  r.set_time_point_key(ss(in.timePointKey));
  for (const AnswerValue& a : in.answers) {
    v1::Answer* out = r.add_answers();
    out->set_item_code(ss(a.itemCode));
    if (a.value) out->set_value(*a.value);
  }
  r.set_idempotency_key(ss(in.idempotencyKey));
  if (in.completedAt.isValid()) {
    const qint64 ms = in.completedAt.toMSecsSinceEpoch();
    r.mutable_completed_at()->set_seconds(ms / 1000);
    r.mutable_completed_at()->set_nanos(static_cast<int>(ms % 1000) * 1000000);
  }
  return r;
}

v1::EnterResponseOnBehalfRequest toProto(const PaperFormInput& in, const QString& key) {
  v1::EnterResponseOnBehalfRequest r;
  r.set_enrolment_id(in.enrolmentId);
  r.set_instrument_key(ss(in.instrumentKey));
  r.set_instrument_version(in.instrumentVersion);
  r.set_time_point_key(ss(in.timePointKey));
  r.set_keyed_as(toProto(in.keyedAs));
  for (const AnswerValue& a : in.keyed) {
    v1::PaperAnswer* out = r.add_answers();
    out->set_item_code(ss(a.itemCode));
    if (a.value) out->set_keyed_value(*a.value);
  }
  toProto(in.completedOn, r.mutable_completed_on());
  r.set_idempotency_key(ss(key));
  return r;
}

}  // namespace cft::client
