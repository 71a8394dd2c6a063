#include "services/measures/measure_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/civil_time.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"
#include "services/measures/scoring.h"

namespace cft::measures {
namespace {

constexpr int kMinResponseMinutes = 15;
constexpr int kMaxResponseMinutes = 7 * 24 * 60;
// Questionnaires opening within this horizon are listed as upcoming.
constexpr absl::Duration kUpcomingHorizon = absl::Hours(24 * 14);
// A response completed offline may wait this long in a device's queue.
constexpr absl::Duration kOfflineQueueLimit = absl::Hours(24 * 30);
// Clocks of devices drift; a completion time this far ahead is still "now".
constexpr absl::Duration kClockSkew = absl::Minutes(5);

bool TextAvailable(const Instrument& in, const std::map<std::string, std::string>& texts) {
  if (in.licence.item_text == ItemTextPolicy::kShipped) return true;
  for (const Item& item : in.items) {
    auto it = texts.find(item.code);
    if (it == texts.end() || it->second.empty()) return false;
  }
  return true;
}

// The definition with the organisation's licensed text filled in, or with no
// item text at all: licence-bound wording never leaves the server otherwise.
Instrument WithText(const Instrument& in, const std::map<std::string, std::string>& texts, bool available) {
  Instrument out = in;
  if (in.licence.item_text == ItemTextPolicy::kShipped) return out;
  for (Item& item : out.items) {
    item.text = available ? texts.at(item.code) : "";
  }
  return out;
}

bool CohortOpenForMeasures(const cohorts::CohortRecord& c) { return c.status != cohorts::CohortStatus::kCancelled; }

void NameInstrument(const InstrumentCatalog& catalog, AlertRecord& a) {
  if (const Instrument* in = catalog.Current(a.instrument_key); in != nullptr) a.instrument_short_name = in->short_name;
}

// The schedule's time point `key` when `in` belongs to it and `at` is not
// before it opens (nor, with must_be_open, at or after it closes); errors name
// the field, and `whose` says whose plan it is ("your group's").
absl::StatusOr<const ScheduledTimePoint*> TimePointFor(const std::vector<ScheduledTimePoint>& schedule,
                                                       const absl::TimeZone& tz, absl::string_view key,
                                                       const Instrument& in, absl::Time at, bool must_be_open,
                                                       absl::string_view whose) {
  const ScheduledTimePoint* tp = FindKey(schedule, key);
  if (tp == nullptr) return absl::NotFoundError(absl::StrCat("time_point_key: no such time point in ", whose, " plan"));
  if (std::find(tp->instrument_keys.begin(), tp->instrument_keys.end(), in.key) == tp->instrument_keys.end()) {
    return absl::FailedPreconditionError(absl::StrCat("instrument_key: ", in.short_name, " is not part of ", tp->label));
  }
  if (at < tp->opens_at) {
    return absl::FailedPreconditionError(
        absl::StrCat("time_point_key: ", tp->label, " opens on ", FormatLocalForPeople(tp->opens_at, tz)));
  }
  if (must_be_open && at >= tp->closes_at) {
    return absl::FailedPreconditionError(
        absl::StrCat("time_point_key: ", tp->label, " closed on ", FormatLocalForPeople(tp->closes_at, tz)));
  }
  return tp;
}

}  // namespace

std::string DefaultCrisisText() {
  return "If you are in danger now, or might act on thoughts of harming yourself, call 999 (UK) or 988 (US), or go to "
         "your nearest emergency department.\n"
         "For urgent help that is not an emergency, call NHS 111 (UK).\n"
         "Samaritans are there day and night on 116 123 (UK, free).\n"
         "Your answers are shared with your group's facilitators, but they are not watched around the clock: if you "
         "need help now, please use these numbers.";
}

MeasureSettings DefaultSettings() {
  return MeasureSettings{.crisis_text = DefaultCrisisText(),
                         .red_response_minutes = kDefaultRedMinutes,
                         .amber_response_minutes = kDefaultAmberMinutes,
                         .defaults = true};
}

MeasureService::MeasureService(MeasureRepository& measures, cohorts::CohortRepository& cohorts,
                               cohorts::EnrolmentRepository& enrolments, cohorts::SessionRepository& sessions,
                               idempotency::Idempotency& idempotency, TransactionRunner& tx, audit::Auditor& auditor,
                               const Clock& clock, std::shared_ptr<const InstrumentCatalog> catalog)
    : measures_(measures), cohorts_(cohorts), enrolments_(enrolments), sessions_(sessions), idempotency_(idempotency),
      tx_(tx), auditor_(auditor), clock_(clock),
      catalog_(catalog ? std::move(catalog) : std::make_shared<const InstrumentCatalog>()), access_(cohorts) {}

// ---------------------------------------------------------------------------
// Shared steps

absl::StatusOr<MeasureService::CohortSchedule> MeasureService::LoadSchedule(UnitOfWork& uow,
                                                                            const cohorts::CohortRecord& cohort) {
  CohortSchedule out;
  ASSIGN_OR_RETURN(out.tz, LoadZone("time_zone", cohort.plan.time_zone));
  ASSIGN_OR_RETURN(std::optional<MeasurementPlan> stored, measures_.FindPlan(uow, cohort.id));
  out.plan = stored ? *std::move(stored) : DefaultPlan();
  ASSIGN_OR_RETURN(std::vector<cohorts::Session> sessions, sessions_.ListSessions(uow, cohort.id));
  std::vector<PlanSession> live;
  for (const cohorts::Session& s : sessions) {
    if (s.status == cohorts::SessionStatus::kCancelled) continue;
    live.push_back({.session_id = s.id, .week = s.week_number, .local_start = s.local_start, .starts_at = s.starts_at});
  }
  out.schedule = ResolvePlan(out.plan, live, out.tz);
  return out;
}

ScheduledView MeasureService::View(const ScheduledTimePoint& t, const absl::TimeZone& tz) const {
  return ScheduledView{.time_point = t,
                       .opens_local = FormatLocalForPeople(t.opens_at, tz),
                       .due_local = FormatLocalForPeople(t.due_at, tz),
                       .closes_local = FormatLocalForPeople(t.closes_at, tz)};
}

absl::StatusOr<cohorts::Place> MeasureService::MyPlace(UnitOfWork& uow, const Principal& me) {
  return cohorts::RequireOwnPlace(uow, enrolments_, me, clock_.Now());
}

absl::StatusOr<cohorts::Place> MeasureService::RequireEnrolment(
    UnitOfWork& uow, const Principal& caller, int64_t enrolment_id) {
  if (enrolment_id <= 0) return InvalidField("enrolment_id", "is required");
  ASSIGN_OR_RETURN(auto e, enrolments_.FindEnrolment(uow, enrolment_id, clock_.Now(), false));
  if (!e) return absl::NotFoundError("enrolment_id: no such participant");
  absl::StatusOr<cohorts::CohortRecord> c = access_.Require(uow, caller, e->cohort_id, "enrolment_id", false);
  // Another organisation's participant looks exactly like one that does not exist.
  if (c.status().code() == absl::StatusCode::kNotFound) return absl::NotFoundError("enrolment_id: no such participant");
  if (!c.ok()) return c.status();
  return cohorts::Place{.enrolment = *std::move(e), .cohort = *std::move(c)};
}

absl::StatusOr<MeasureSettings> MeasureService::SettingsOf(UnitOfWork& uow, int64_t organisation_id) {
  ASSIGN_OR_RETURN(std::optional<MeasureSettings> s, measures_.FindSettings(uow, organisation_id));
  return s ? *s : DefaultSettings();
}

absl::StatusOr<std::optional<OrgReliableChange>> MeasureService::OrgParams(UnitOfWork& uow, int64_t organisation_id,
                                                                           const std::string& key,
                                                                           const std::string& score_key) {
  ASSIGN_OR_RETURN(std::vector<OrgReliableChange> all, measures_.ListReliableChange(uow, organisation_id, key));
  for (OrgReliableChange& rc : all) {
    if (rc.score_key == score_key) return std::optional<OrgReliableChange>(std::move(rc));
  }
  return std::optional<OrgReliableChange>();
}

absl::StatusOr<InstrumentView> MeasureService::BuildView(UnitOfWork& uow, int64_t organisation_id,
                                                         const Instrument& in) {
  InstrumentView view;
  std::map<std::string, std::string> texts;
  if (in.licence.item_text == ItemTextPolicy::kLicensedOnly) {
    ASSIGN_OR_RETURN(texts, measures_.FindItemTexts(uow, organisation_id, in.key));
  }
  view.item_text_available = TextAvailable(in, texts);
  view.instrument = WithText(in, texts, view.item_text_available);
  ASSIGN_OR_RETURN(MeasureSettings settings, SettingsOf(uow, organisation_id));
  view.crisis_text = settings.crisis_text;
  for (const Item& item : in.items) {
    PaperItemView p{.item_code = item.code, .number = item.number};
    const OptionSet* set = in.OptionSetOf(item);
    for (size_t pos = 0; set != nullptr && pos < set->options.size(); ++pos) {
      p.boxes.push_back({.position = static_cast<int>(pos),
                         .label = set->options[pos].label,
                         .keyed_value = KeyedValueOfBox(in, item, static_cast<int>(pos))});
    }
    view.paper_items.push_back(std::move(p));
  }
  ASSIGN_OR_RETURN(std::vector<OrgReliableChange> org, measures_.ListReliableChange(uow, organisation_id, in.key));
  for (const ScoreDef& s : in.scores) {
    std::optional<OrgReliableChange> mine;
    for (const OrgReliableChange& rc : org) {
      if (rc.score_key == s.key) mine = rc;
    }
    view.reliable_change.push_back({.score_key = s.key, .params = ParamsFor(s, mine)});
  }
  return view;
}

// ---------------------------------------------------------------------------
// Instruments and settings

absl::StatusOr<std::vector<InstrumentSummaryView>> MeasureService::ListInstruments(RequestContext& ctx) {
  const int64_t org = ctx.caller().organisation_id;
  ASSIGN_OR_RETURN(std::set<std::string> loaded, InTransaction(tx_, [&](UnitOfWork& uow) {
                     return measures_.InstrumentsWithItemText(uow, org);
                   }));
  std::vector<InstrumentSummaryView> out;
  for (const Instrument* in : catalog_->CurrentVersions()) {
    out.push_back({.instrument = in,
                   .item_text_available = in->licence.item_text == ItemTextPolicy::kShipped || loaded.count(in->key) > 0});
  }
  return out;
}

absl::StatusOr<InstrumentView> MeasureService::GetInstrument(RequestContext& ctx, const std::string& key,
                                                             int version) {
  if (key.empty()) return InvalidField("instrument_key", "is required");
  if (version < 0) return InvalidField("version", "must be 0 (the current one) or a version number");
  if (catalog_->Current(key) == nullptr) return absl::NotFoundError("instrument_key: no such instrument");
  const Instrument* in = catalog_->Find(key, version);
  if (in == nullptr) return absl::NotFoundError(absl::StrCat("version: no such version of ", key));
  return InTransaction(tx_, [&](UnitOfWork& uow) { return BuildView(uow, ctx.caller().organisation_id, *in); });
}

absl::StatusOr<InstrumentView> MeasureService::LoadLicensedItemText(
    RequestContext& ctx, const std::string& key, const std::string& licence_note,
    const std::vector<std::pair<std::string, std::string>>& texts) {
  if (key.empty()) return InvalidField("instrument_key", "is required");
  const Instrument* in = catalog_->Current(key);
  if (in == nullptr) return absl::NotFoundError("instrument_key: no such instrument");
  if (in->licence.item_text == ItemTextPolicy::kShipped) {
    return absl::FailedPreconditionError(
        absl::StrCat("instrument_key: ", in->short_name, " ships its item text; there is nothing to load"));
  }
  RETURN_IF_ERROR(ValidateText("licence_note", licence_note, 5, 1000, true));
  std::map<std::string, std::string> by_code;
  std::vector<std::pair<std::string, std::string>> trimmed;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string p = absl::StrCat("items[", i, "]");
    if (in->FindItem(texts[i].first) == nullptr) {
      return InvalidField(p + ".item_code", absl::StrCat("is not an item of ", in->short_name));
    }
    if (by_code.count(texts[i].first)) return InvalidField(p + ".item_code", "is listed twice");
    RETURN_IF_ERROR(ValidateText(p + ".text", texts[i].second, 1, 1000));
    by_code[texts[i].first] = Trimmed(texts[i].second);
    trimmed.emplace_back(texts[i].first, Trimmed(texts[i].second));
  }
  for (const Item& item : in->items) {
    if (!by_code.count(item.code)) {
      return InvalidField("items", absl::StrCat("item ", item.number, " (", item.code, ") has no text"));
    }
  }
  const Principal& me = ctx.caller();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<InstrumentView> {
    RETURN_IF_ERROR(measures_.ReplaceItemTexts(uow, me.organisation_id, key, Trimmed(licence_note), trimmed,
                                               clock_.Now(), me.user_id));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "instrument_text", .target_id = key}));
    return BuildView(uow, me.organisation_id, *in);
  });
}

absl::StatusOr<ReliableChangeView> MeasureService::SetReliableChange(RequestContext& ctx, const std::string& key,
                                                                     const std::string& score_key,
                                                                     const OrgReliableChange& params) {
  if (key.empty()) return InvalidField("instrument_key", "is required");
  const Instrument* in = catalog_->Current(key);
  if (in == nullptr) return absl::NotFoundError("instrument_key: no such instrument");
  if (score_key.empty()) return InvalidField("score_key", "is required");
  const ScoreDef* score = in->FindScore(score_key);
  if (score == nullptr) return absl::NotFoundError(absl::StrCat("score_key: ", in->short_name, " has no such score"));
  if (!score->reliable_change.set_by_organisation) {
    return absl::FailedPreconditionError(absl::StrCat("score_key: ", score->title,
                                                      " has published reliable-change parameters, used as they are"));
  }
  if (!(params.sd > 0) || params.sd > 1000) return InvalidField("sd", "must be above 0");
  if (!(params.reliability > 0 && params.reliability < 1)) return InvalidField("reliability", "must be between 0 and 1");
  if (params.reliability_type == ReliabilityType::kUnspecified) return InvalidField("reliability_type", "is required");
  if (params.z != 0 && !(params.z >= 1 && params.z <= 4)) return InvalidField("z", "must be 0 (1.96) or between 1 and 4");
  RETURN_IF_ERROR(ValidateText("source", params.source, 3, 500));
  OrgReliableChange rc = params;
  rc.instrument_key = key;
  rc.score_key = score_key;
  rc.source = Trimmed(params.source);
  const Principal& me = ctx.caller();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<ReliableChangeView> {
    RETURN_IF_ERROR(measures_.PutReliableChange(uow, me.organisation_id, rc, clock_.Now(), me.user_id));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "reliable_change",
                                               .target_id = absl::StrCat(key, ".", score_key)}));
    return ReliableChangeView{.score_key = score_key, .params = ParamsFor(*score, rc)};
  });
}

absl::StatusOr<MeasureSettings> MeasureService::GetSettings(RequestContext& ctx) {
  return InTransaction(tx_, [&](UnitOfWork& uow) { return SettingsOf(uow, ctx.caller().organisation_id); });
}

absl::StatusOr<MeasureSettings> MeasureService::UpdateSettings(RequestContext& ctx,
                                                               std::optional<std::string> crisis_text,
                                                               std::optional<int> red_minutes,
                                                               std::optional<int> amber_minutes) {
  if (crisis_text) RETURN_IF_ERROR(ValidateText("crisis_text", *crisis_text, 20, 4000, true));
  for (const auto& [field, v] : {std::pair<const char*, std::optional<int>>{"red_response_minutes", red_minutes},
                                 {"amber_response_minutes", amber_minutes}}) {
    if (v && (*v < kMinResponseMinutes || *v > kMaxResponseMinutes)) {
      return InvalidField(field, absl::StrCat("must be between ", kMinResponseMinutes, " and ", kMaxResponseMinutes));
    }
  }
  const Principal& me = ctx.caller();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<MeasureSettings> {
    ASSIGN_OR_RETURN(MeasureSettings s, SettingsOf(uow, me.organisation_id));
    if (crisis_text) s.crisis_text = Trimmed(*crisis_text);
    if (red_minutes) s.red_response_minutes = *red_minutes;
    if (amber_minutes) s.amber_response_minutes = *amber_minutes;
    s.defaults = false;
    RETURN_IF_ERROR(measures_.PutSettings(uow, me.organisation_id, s, clock_.Now(), me.user_id));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "measure_settings",
                                               .target_id = absl::StrCat(me.organisation_id)}));
    return s;
  });
}

// ---------------------------------------------------------------------------
// Plans

absl::StatusOr<PlanView> MeasureService::GetPlan(RequestContext& ctx, int64_t cohort_id) {
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<PlanView> {
    ASSIGN_OR_RETURN(cohorts::CohortRecord c, access_.Require(uow, ctx.caller(), cohort_id, "cohort_id", false));
    ASSIGN_OR_RETURN(CohortSchedule s, LoadSchedule(uow, c));
    PlanView view{.cohort_id = c.id, .plan = s.plan, .time_zone = c.plan.time_zone};
    for (const ScheduledTimePoint& t : s.schedule) view.schedule.push_back(View(t, s.tz));
    return view;
  });
}

absl::StatusOr<PlanView> MeasureService::UpdatePlan(RequestContext& ctx, int64_t cohort_id, MeasurementPlan plan) {
  for (TimePointPlan& t : plan.time_points) t.label = Trimmed(t.label);
  RETURN_IF_ERROR(ValidatePlan(plan, *catalog_));
  plan.is_default = false;
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<PlanView> {
    ASSIGN_OR_RETURN(cohorts::CohortRecord c, access_.Require(uow, ctx.caller(), cohort_id, "cohort_id", true));
    if (!CohortOpenForMeasures(c)) return absl::FailedPreconditionError("cohort_id: the cohort was cancelled");
    RETURN_IF_ERROR(measures_.SavePlan(uow, c.id, plan, clock_.Now(), ctx.caller().user_id));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "measurement_plan", .target_id = absl::StrCat(c.id)}));
    ASSIGN_OR_RETURN(CohortSchedule s, LoadSchedule(uow, c));
    PlanView view{.cohort_id = c.id, .plan = s.plan, .time_zone = c.plan.time_zone};
    for (const ScheduledTimePoint& t : s.schedule) view.schedule.push_back(View(t, s.tz));
    return view;
  });
}

// ---------------------------------------------------------------------------
// Due questionnaires and responses

absl::StatusOr<std::vector<DueMeasureView>> MeasureService::ListDue(RequestContext& ctx) {
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<std::vector<DueMeasureView>> {
    ASSIGN_OR_RETURN(auto place, MyPlace(uow, ctx.caller()));
    const auto& [enrolment, cohort] = place;
    std::vector<DueMeasureView> out;
    if (CohortOpenForMeasures(cohort)) {
      ASSIGN_OR_RETURN(CohortSchedule s, LoadSchedule(uow, cohort));
      ASSIGN_OR_RETURN(auto completed, measures_.CompletedOfEnrolment(uow, enrolment.id));
      ASSIGN_OR_RETURN(std::set<std::string> loaded, measures_.InstrumentsWithItemText(uow, cohort.organisation_id));
      for (const ScheduledTimePoint& t : s.schedule) {
        if (now >= t.closes_at || t.opens_at > now + kUpcomingHorizon) continue;
        for (const std::string& key : t.instrument_keys) {
          const Instrument* in = catalog_->Current(key);
          if (in == nullptr || completed.count({key, t.key})) continue;
          // Without its text a definition-only instrument is completed on paper.
          if (in->licence.item_text == ItemTextPolicy::kLicensedOnly && !loaded.count(key)) continue;
          const DueStatus status = now < t.opens_at ? DueStatus::kUpcoming
                                   : now > t.due_at ? DueStatus::kOverdue
                                                    : DueStatus::kOpen;
          out.push_back({.instrument = in, .time_point = View(t, s.tz), .status = status});
        }
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const DueMeasureView& a, const DueMeasureView& b) {
      auto rank = [](DueStatus d) { return d == DueStatus::kOverdue ? 0 : d == DueStatus::kOpen ? 1 : 2; };
      if (rank(a.status) != rank(b.status)) return rank(a.status) < rank(b.status);
      return a.time_point.time_point.due_at < b.time_point.time_point.due_at;
    });
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(enrolment.id)}));
    return out;
  });
}

absl::StatusOr<SubmitResult> MeasureService::Replayed(UnitOfWork& uow, RequestContext& ctx, int64_t response_id) {
  ASSIGN_OR_RETURN(std::optional<StoredResponse> r, measures_.FindResponse(uow, response_id));
  if (!r) return absl::InternalError("an idempotency key refers to a response that does not exist");
  SubmitResult out{.response = *std::move(r), .replayed = true};
  ASSIGN_OR_RETURN(out.alert, measures_.FindAlertByResponse(uow, response_id));
  if (out.alert) {
    NameInstrument(*catalog_, *out.alert);
    ASSIGN_OR_RETURN(MeasureSettings s, SettingsOf(uow, out.response.organisation_id));
    out.crisis_text = s.crisis_text;
  }
  RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "measure_response", .target_id = absl::StrCat(response_id)}));
  return out;
}

absl::StatusOr<SubmitResult> MeasureService::Store(UnitOfWork& uow, RequestContext& ctx, const Instrument& in,
                                                   const cohorts::Enrolment& enrolment,
                                                   const cohorts::CohortRecord& cohort, const ScheduledTimePoint& tp,
                                                   StoredResponse r, const std::string& idempotency_key,
                                                   const std::string& request_hash) {
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(std::optional<StoredResponse> existing, measures_.FindResponseAt(uow, enrolment.id, in.key, tp.key));
  if (existing) {
    // Reads are READ COMMITTED: a concurrent call with the same key may have
    // committed (response and key together) since this call's replay check.
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, idempotency_key, request_hash));
    if (replay) return Replayed(uow, ctx, *replay);
    return absl::AlreadyExistsError(
        absl::StrCat("time_point_key: ", in.short_name, " was already completed for ", tp.label));
  }
  // Deterioration rules compare with this participant's baseline, under the
  // reliable-change parameters in force.
  DeteriorationCheck deteriorated;
  std::map<std::string, double> baseline;
  std::vector<OrgReliableChange> org;
  const bool has_deterioration = std::any_of(in.risk_rules.begin(), in.risk_rules.end(), [](const RiskRule& rule) {
    return rule.kind == RiskRule::Kind::kDeterioration;
  });
  if (has_deterioration && tp.kind != TimePointKind::kBaseline) {
    ASSIGN_OR_RETURN(baseline, measures_.BaselineScores(uow, enrolment.id, in.key));
    const bool needs_org = std::any_of(in.scores.begin(), in.scores.end(), [](const ScoreDef& s) {
      return s.reliable_change.set_by_organisation;
    });
    if (!baseline.empty() && needs_org) {
      ASSIGN_OR_RETURN(org, measures_.ListReliableChange(uow, cohort.organisation_id, in.key));
    }
    deteriorated = [&](const ScoreDef& def, double value) {
      auto it = baseline.find(def.key);
      if (it == baseline.end()) return false;
      std::optional<OrgReliableChange> mine;
      for (const OrgReliableChange& rc : org) {
        if (rc.score_key == def.key) mine = rc;
      }
      return AssessChange(def, ParamsFor(def, mine), it->second, value).classification == Classification::kDeteriorated;
    };
  }
  const std::vector<FiredRule> fired = EvaluateRisk(in, r.answers, r.scores, deteriorated);

  r.organisation_id = cohort.organisation_id;
  r.cohort_id = cohort.id;
  r.enrolment_id = enrolment.id;
  r.instrument_key = in.key;
  r.instrument_version = in.version;
  r.definition_checksum = catalog_->ChecksumOf(in);
  r.time_point_key = tp.key;
  r.time_point_label = tp.label;
  r.time_point_kind = tp.kind;
  r.week = tp.week;
  r.session_id = tp.session_id;
  r.submitted_at = now;
  r.entered_by = ctx.caller().user_id;
  absl::StatusOr<int64_t> id = measures_.InsertResponse(uow, r);
  if (id.status().code() == absl::StatusCode::kAlreadyExists) {
    // A concurrent call stored a response for this time point first: run
    // again, and the retry either replays it (same idempotency key) or
    // reports the time point as completed.
    return absl::AbortedError("a concurrent submission for the same time point");
  }
  if (id.status().code() == absl::StatusCode::kFailedPrecondition) {
    return absl::FailedPreconditionError(absl::StrCat("instrument_version: ", in.short_name, " version ", in.version,
                                                      " is not registered in this database; run cftctl migrate"));
  }
  RETURN_IF_ERROR(id.status());
  r.id = *id;

  SubmitResult out;
  if (!fired.empty()) {
    ASSIGN_OR_RETURN(MeasureSettings settings, SettingsOf(uow, cohort.organisation_id));
    NewAlert alert{.organisation_id = cohort.organisation_id,
                   .cohort_id = cohort.id,
                   .enrolment_id = enrolment.id,
                   .response_id = r.id,
                   .tier = HighestTier(fired),
                   .created_at = now};
    alert.due_at = now + absl::Minutes(alert.tier == RiskTier::kRed ? settings.red_response_minutes
                                                                     : settings.amber_response_minutes);
    for (const FiredRule& f : fired) {
      alert.rule_keys.push_back(f.key);
      alert.reasons.push_back(absl::StrCat(in.short_name, ", ", tp.label, ": ", f.reason));
    }
    ASSIGN_OR_RETURN(int64_t alert_id, measures_.InsertAlert(uow, alert));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "risk_alert", .target_id = absl::StrCat(alert_id)}));
    out.alert = AlertRecord{.id = alert_id,
                            .organisation_id = alert.organisation_id,
                            .cohort_id = cohort.id,
                            .cohort_name = cohort.name,
                            .enrolment_id = enrolment.id,
                            .participant_name = enrolment.name,
                            .response_id = r.id,
                            .instrument_key = in.key,
                            .instrument_short_name = in.short_name,
                            .time_point_label = tp.label,
                            .tier = alert.tier,
                            .rule_keys = alert.rule_keys,
                            .reasons = alert.reasons,
                            .created_at = now,
                            .due_at = alert.due_at};
    out.crisis_text = settings.crisis_text;
  }
  RETURN_IF_ERROR(idempotency_.Remember(uow, ctx, idempotency_key, request_hash, r.id, now));
  RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "measure_response", .target_id = absl::StrCat(r.id)}));
  out.response = std::move(r);
  return out;
}

absl::StatusOr<SubmitResult> MeasureService::Submit(RequestContext& ctx, const SubmitRequest& req) {
  const absl::Time now = clock_.Now();
  if (req.instrument_key.empty()) return InvalidField("instrument_key", "is required");
  if (req.time_point_key.empty()) return InvalidField("time_point_key", "is required");
  if (req.instrument_version < 0) return InvalidField("instrument_version", "must be 0 or a version number");
  if (catalog_->Current(req.instrument_key) == nullptr) return absl::NotFoundError("instrument_key: no such instrument");
  const Instrument* in = catalog_->Find(req.instrument_key, req.instrument_version);
  if (in == nullptr) {
    return absl::NotFoundError(absl::StrCat("instrument_version: no such version of ", req.instrument_key));
  }
  ASSIGN_OR_RETURN(std::vector<AnswerValue> answers, NormalizeAnswers(*in, req.answers, "answers"));
  const absl::Time completed_at = req.completed_at.value_or(now);
  if (completed_at > now + kClockSkew) return InvalidField("completed_at", "must not be in the future");
  if (completed_at < now - kOfflineQueueLimit) return InvalidField("completed_at", "must be within the last 30 days");
  StoredResponse r{.completed_at = std::min(completed_at, now), .entry_mode = EntryMode::kOnline};
  r.scores = Score(*in, answers);
  r.answers = std::move(answers);

  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<SubmitResult> {
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, req.idempotency_key, req.request_hash));
    if (replay) return Replayed(uow, ctx, *replay);
    ASSIGN_OR_RETURN(auto place, MyPlace(uow, ctx.caller()));
    const auto& [enrolment, cohort] = place;
    if (!CohortOpenForMeasures(cohort)) return absl::FailedPreconditionError("your group was cancelled");
    if (in->licence.item_text == ItemTextPolicy::kLicensedOnly) {
      ASSIGN_OR_RETURN(std::set<std::string> loaded, measures_.InstrumentsWithItemText(uow, cohort.organisation_id));
      if (!loaded.count(in->key)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "instrument_key: ", in->short_name, " is completed on paper in your group; your facilitator keys it in"));
      }
    }
    ASSIGN_OR_RETURN(CohortSchedule s, LoadSchedule(uow, cohort));
    // Judged by when it was answered, so that a questionnaire completed
    // offline before its time point closed is taken when it arrives later.
    ASSIGN_OR_RETURN(const ScheduledTimePoint* tp,
                     TimePointFor(s.schedule, s.tz, req.time_point_key, *in, r.completed_at, /*must_be_open=*/true, "your group's"));
    return Store(uow, ctx, *in, enrolment, cohort, *tp, r, req.idempotency_key, req.request_hash);
  });
}

absl::StatusOr<SubmitResult> MeasureService::EnterOnBehalf(RequestContext& ctx, const PaperRequest& req) {
  const absl::Time now = clock_.Now();
  if (req.enrolment_id <= 0) return InvalidField("enrolment_id", "is required");
  if (req.instrument_key.empty()) return InvalidField("instrument_key", "is required");
  if (req.time_point_key.empty()) return InvalidField("time_point_key", "is required");
  if (req.instrument_version < 0) return InvalidField("instrument_version", "must be 0 or a version number");
  if (catalog_->Current(req.instrument_key) == nullptr) return absl::NotFoundError("instrument_key: no such instrument");
  const Instrument* in = catalog_->Find(req.instrument_key, req.instrument_version);
  if (in == nullptr) {
    return absl::NotFoundError(absl::StrCat("instrument_version: no such version of ", req.instrument_key));
  }
  if (req.keyed_as != in->paper_form.keyed_value) {
    return InvalidField("keyed_as", absl::StrCat("this form is keyed as ",
                                                 in->paper_form.keyed_value == PaperValueMode::kBoxPosition
                                                     ? "box positions (0 for the first box)"
                                                     : "the scores printed on the form"));
  }
  ASSIGN_OR_RETURN(std::vector<AnswerValue> from_paper, AnswersFromPaper(*in, req.keyed, "answers"));
  ASSIGN_OR_RETURN(std::vector<AnswerValue> answers, NormalizeAnswers(*in, from_paper, "answers"));
  if (!req.completed_on) return InvalidField("completed_on", "is required");
  StoredResponse r{.entry_mode = EntryMode::kPaper, .keyed_as = in->paper_form.keyed_value};
  r.scores = Score(*in, answers);
  r.answers = std::move(answers);

  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<SubmitResult> {
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, req.idempotency_key, req.request_hash));
    if (replay) return Replayed(uow, ctx, *replay);
    ASSIGN_OR_RETURN(auto found, RequireEnrolment(uow, ctx.caller(), req.enrolment_id));
    const auto& [enrolment, cohort] = found;
    if (!CohortOpenForMeasures(cohort)) return absl::FailedPreconditionError("enrolment_id: the group was cancelled");
    ASSIGN_OR_RETURN(CohortSchedule s, LoadSchedule(uow, cohort));
    const absl::CivilDay today = absl::ToCivilDay(now, s.tz);
    if (*req.completed_on > today) return InvalidField("completed_on", "must not be in the future");
    if (*req.completed_on < today - 366) return InvalidField("completed_on", "must be within the last year");
    StoredResponse stored = r;
    // The form carries a date, not a time: noon in the group's zone.
    stored.completed_at = LocalToUtc(absl::CivilSecond(*req.completed_on) + 12 * 3600, s.tz);
    // A paper form may be keyed in after its time point closed, not before it opened.
    ASSIGN_OR_RETURN(const ScheduledTimePoint* tp,
                     TimePointFor(s.schedule, s.tz, req.time_point_key, *in, now, /*must_be_open=*/false, "this cohort's"));
    return Store(uow, ctx, *in, enrolment, cohort, *tp, std::move(stored), req.idempotency_key, req.request_hash);
  });
}

// ---------------------------------------------------------------------------
// Outcomes

absl::StatusOr<OutcomesView> MeasureService::GetOutcomes(RequestContext& ctx, int64_t enrolment_id) {
  const Principal& me = ctx.caller();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<OutcomesView> {
    cohorts::Place place;
    if (me.role == Role::kParticipant) {
      ASSIGN_OR_RETURN(place, MyPlace(uow, me));
      if (enrolment_id != 0 && enrolment_id != place.enrolment.id) {
        return absl::PermissionDeniedError("enrolment_id: you can only see your own progress");
      }
    } else {
      ASSIGN_OR_RETURN(place, RequireEnrolment(uow, me, enrolment_id));
    }
    const auto& [enrolment, cohort] = place;
    OutcomesView view{.enrolment_id = enrolment.id, .cohort_id = cohort.id};
    if (me.role != Role::kParticipant) view.participant_name = enrolment.name;
    ASSIGN_OR_RETURN(std::vector<StoredResponse> responses, measures_.ListResponsesOfEnrolment(uow, enrolment.id));
    ASSIGN_OR_RETURN(std::vector<OrgReliableChange> org, measures_.ListReliableChange(uow, cohort.organisation_id, ""));
    std::vector<std::string> order;
    for (const StoredResponse& r : responses) {
      if (std::find(order.begin(), order.end(), r.instrument_key) == order.end()) order.push_back(r.instrument_key);
    }
    for (const std::string& key : order) {
      const Instrument* in = catalog_->Current(key);
      if (in == nullptr) continue;
      InstrumentOutcomeView iv{.instrument_key = key, .short_name = in->short_name};
      for (const ScoreDef& def : in->scores) {
        std::optional<OrgReliableChange> mine;
        for (const OrgReliableChange& rc : org) {
          if (rc.instrument_key == key && rc.score_key == def.key) mine = rc;
        }
        ScoreSeriesView series{.score = def, .recovery = RecoveryCutoffOf(def), .reliable_change = ParamsFor(def, mine)};
        std::optional<double> baseline;
        for (const StoredResponse& r : responses) {
          if (r.instrument_key != key || r.time_point_kind != TimePointKind::kBaseline) continue;
          for (const ScoreValue& v : r.scores) {
            if (v.key == def.key) baseline = v.value;
          }
        }
        for (const StoredResponse& r : responses) {
          if (r.instrument_key != key) continue;
          OutcomePointView p{.response_id = r.id,
                             .time_point_key = r.time_point_key,
                             .time_point_label = r.time_point_label,
                             .time_point_kind = r.time_point_kind,
                             .week = r.week,
                             .completed_at = r.completed_at,
                             .entry_mode = r.entry_mode};
          for (const ScoreValue& v : r.scores) {
            if (v.key == def.key) p.score = v;
          }
          if (p.score.key.empty()) continue;  // a score the response's version did not have
          if (r.time_point_kind != TimePointKind::kBaseline && baseline && p.score.value) {
            const ChangeAssessment a = AssessChange(def, series.reliable_change, *baseline, *p.score.value);
            p.change_from_baseline = a.change;
            p.rci = a.rci;
            p.reliable = a.reliable;
            p.classification = a.classification;
          }
          series.points.push_back(std::move(p));
        }
        iv.scores.push_back(std::move(series));
      }
      view.instruments.push_back(std::move(iv));
    }
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(enrolment.id)}));
    return view;
  });
}

absl::StatusOr<CohortOutcomesView> MeasureService::GetCohortOutcomes(RequestContext& ctx, int64_t cohort_id,
                                                                     const std::string& pre_key,
                                                                     const std::string& post_key) {
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortOutcomesView> {
    ASSIGN_OR_RETURN(cohorts::CohortRecord c, access_.Require(uow, ctx.caller(), cohort_id, "cohort_id", false));
    ASSIGN_OR_RETURN(CohortSchedule s, LoadSchedule(uow, c));
    auto known = [&](const std::string& key) {
      if (absl::StartsWith(key, "session-")) return s.plan.session_monitor.enabled;
      return std::any_of(s.plan.time_points.begin(), s.plan.time_points.end(),
                         [&](const TimePointPlan& t) { return t.key == key; });
    };
    CohortOutcomesView view{.cohort_id = c.id, .pre_time_point_key = pre_key, .post_time_point_key = post_key};
    if (view.pre_time_point_key.empty()) {
      for (const TimePointPlan& t : s.plan.time_points) {
        if (t.kind == TimePointKind::kBaseline) view.pre_time_point_key = t.key;
      }
    } else if (!known(view.pre_time_point_key)) {
      return InvalidField("pre_time_point_key", "is not a time point of this cohort's plan");
    }
    if (view.post_time_point_key.empty()) {
      for (const TimePointPlan& t : s.plan.time_points) {
        if (t.kind == TimePointKind::kPost) view.post_time_point_key = t.key;
      }
      if (view.post_time_point_key.empty()) {
        return InvalidField("post_time_point_key", "is required: the plan has no post time point");
      }
    } else if (!known(view.post_time_point_key)) {
      return InvalidField("post_time_point_key", "is not a time point of this cohort's plan");
    }
    if (view.pre_time_point_key == view.post_time_point_key) {
      return InvalidField("post_time_point_key", "must differ from the pre time point");
    }
    ASSIGN_OR_RETURN(std::vector<CohortScoreRow> rows,
                     measures_.CohortScores(uow, c.id, {view.pre_time_point_key, view.post_time_point_key}));
    ASSIGN_OR_RETURN(std::vector<OrgReliableChange> org, measures_.ListReliableChange(uow, c.organisation_id, ""));
    // (instrument, score) -> enrolment -> (pre, post).
    std::map<std::pair<std::string, std::string>, std::map<int64_t, std::pair<std::optional<double>, std::optional<double>>>>
        by_score;
    for (const CohortScoreRow& row : rows) {
      if (!row.value) continue;
      auto& cell = by_score[{row.instrument_key, row.score_key}][row.enrolment_id];
      (row.time_point_key == view.pre_time_point_key ? cell.first : cell.second) = row.value;
    }
    for (const Instrument* in : catalog_->CurrentVersions()) {
      for (const ScoreDef& def : in->scores) {
        auto it = by_score.find({in->key, def.key});
        if (it == by_score.end()) continue;
        std::optional<OrgReliableChange> mine;
        for (const OrgReliableChange& rc : org) {
          if (rc.instrument_key == in->key && rc.score_key == def.key) mine = rc;
        }
        const ReliableChangeParams params = ParamsFor(def, mine);
        CohortScoreView sv{.instrument_key = in->key, .short_name = in->short_name, .score = def};
        std::vector<std::pair<double, double>> pairs;
        for (const auto& [enrolment_id, cell] : it->second) {
          if (!cell.first || !cell.second) continue;
          pairs.emplace_back(*cell.first, *cell.second);
          switch (AssessChange(def, params, *cell.first, *cell.second).classification) {
            case Classification::kRecovered: ++sv.counts.recovered; break;
            case Classification::kImproved: ++sv.counts.improved; break;
            case Classification::kUnchanged: ++sv.counts.unchanged; break;
            case Classification::kDeteriorated: ++sv.counts.deteriorated; break;
            case Classification::kNotAvailable: ++sv.counts.not_available; break;
          }
        }
        if (pairs.empty()) continue;
        sv.summary = SummarizePrePost(pairs, def.polarity);
        if (params.method != ReliableChangeParams::Method::kNone) {
          sv.share_improved_or_recovered =
              static_cast<double>(sv.counts.recovered + sv.counts.improved) / static_cast<double>(pairs.size());
        }
        sv.small_group = sv.summary.n < 5;
        sv.method = absl::StrCat(
            params.Describe(), ". Recovery: ", RecoveryCutoffOf(def).method,
            ". Effect sizes are within-group: Cohen's d_av (mean improvement over the mean of the two SDs) and d_rm "
            "(d_z times sqrt(2(1 - r))), each times Hedges' J(n - 1) for g; only participants with both a pre and a "
            "post score count.");
        view.scores.push_back(std::move(sv));
      }
    }
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return view;
  });
}

// ---------------------------------------------------------------------------
// Risk alerts

absl::StatusOr<AlertListView> MeasureService::ListAlerts(RequestContext& ctx, int64_t cohort_id,
                                                         bool include_resolved, int limit) {
  if (limit < 0 || limit > 500) return InvalidField("limit", "must be between 0 and 500");
  if (cohort_id < 0) return InvalidField("cohort_id", "must be 0 (every cohort) or a cohort id");
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<AlertListView> {
    AlertFilter filter{.organisation_id = me.organisation_id,
                       .include_resolved = include_resolved,
                       .limit = limit == 0 ? 100 : limit,
                       .now = now};
    if (cohort_id > 0) {
      ASSIGN_OR_RETURN(cohorts::CohortRecord c, access_.Require(uow, me, cohort_id, "cohort_id", false));
      filter.cohort_id = c.id;
    }
    if (me.role == Role::kClinician) filter.facilitator_user_id = me.user_id;
    AlertListView view{.now = now};
    ASSIGN_OR_RETURN(view.alerts, measures_.ListAlerts(uow, filter));
    for (AlertRecord& a : view.alerts) NameInstrument(*catalog_, a);
    ASSIGN_OR_RETURN(view.counts, measures_.CountAlerts(uow, filter));
    RETURN_IF_ERROR(auditor_.RecordRead(
        uow, ctx, cohort_id > 0 ? audit::AuditEntry{.target_type = "cohort", .target_id = absl::StrCat(cohort_id)}
                                : audit::AuditEntry{.target_type = "risk_alerts",
                                                    .target_id = absl::StrCat(me.organisation_id)}));
    return view;
  });
}

namespace {

// The alert, after the cohort-level access check: another organisation's
// alert looks like one that does not exist.
absl::StatusOr<AlertRecord> RequireAlert(UnitOfWork& uow, MeasureRepository& measures, cohorts::CohortAccess& access,
                                         const Principal& caller, int64_t alert_id) {
  if (alert_id <= 0) return InvalidField("alert_id", "is required");
  ASSIGN_OR_RETURN(std::optional<AlertRecord> a, measures.FindAlert(uow, alert_id, caller.organisation_id, true));
  if (!a) return absl::NotFoundError("alert_id: no such alert");
  absl::StatusOr<cohorts::CohortRecord> c = access.Require(uow, caller, a->cohort_id, "alert_id", false);
  if (c.status().code() == absl::StatusCode::kNotFound) return absl::NotFoundError("alert_id: no such alert");
  RETURN_IF_ERROR(c.status());
  return *std::move(a);
}

}  // namespace

absl::StatusOr<AlertView> MeasureService::AcknowledgeAlert(RequestContext& ctx, int64_t alert_id,
                                                           const std::string& note) {
  RETURN_IF_ERROR(ValidateText("note", note, 0, 2000, true));
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<AlertView> {
    ASSIGN_OR_RETURN(AlertRecord a, RequireAlert(uow, measures_, access_, me, alert_id));
    if (a.resolved_at) return absl::FailedPreconditionError("alert_id: the alert is already resolved");
    // The first acknowledgement stands; a repeat (a retry) changes nothing.
    if (!a.acknowledged_at) RETURN_IF_ERROR(measures_.AcknowledgeAlert(uow, a.id, me.user_id, now, Trimmed(note)));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "risk_alert", .target_id = absl::StrCat(a.id)}));
    ASSIGN_OR_RETURN(std::optional<AlertRecord> after, measures_.FindAlert(uow, a.id, me.organisation_id, false));
    if (!after) return absl::InternalError("the acknowledged alert disappeared");
    NameInstrument(*catalog_, *after);
    return AlertView{.alert = *std::move(after), .now = now};
  });
}

absl::StatusOr<AlertView> MeasureService::ResolveAlert(RequestContext& ctx, int64_t alert_id,
                                                       const std::string& note) {
  RETURN_IF_ERROR(ValidateText("note", note, 1, 4000, true));
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<AlertView> {
    ASSIGN_OR_RETURN(AlertRecord a, RequireAlert(uow, measures_, access_, me, alert_id));
    if (a.resolved_at) return absl::FailedPreconditionError("alert_id: the alert is already resolved");
    RETURN_IF_ERROR(measures_.ResolveAlert(uow, a.id, me.user_id, now, Trimmed(note)));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "risk_alert", .target_id = absl::StrCat(a.id)}));
    ASSIGN_OR_RETURN(std::optional<AlertRecord> after, measures_.FindAlert(uow, a.id, me.organisation_id, false));
    if (!after) return absl::InternalError("the resolved alert disappeared");
    NameInstrument(*catalog_, *after);
    return AlertView{.alert = *std::move(after), .now = now};
  });
}

// ---------------------------------------------------------------------------
// Operators and other contexts

absl::StatusOr<int> MeasureService::RegisterDefinitions(RequestContext& ctx) {
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<int> {
    ASSIGN_OR_RETURN(auto stored, measures_.ListInstrumentVersions(uow));
    int added = 0;
    for (const Instrument& in : catalog_->all()) {
      const std::string& checksum = catalog_->ChecksumOf(in);
      auto it = stored.find({in.key, in.version});
      if (it != stored.end()) {
        if (it->second == checksum) continue;
        return absl::FailedPreconditionError(absl::StrCat(
            "instrument ", in.key, " version ", in.version,
            " changed after it was first loaded; give the edited definition a new version number"));
      }
      RETURN_IF_ERROR(measures_.InsertInstrumentVersion(uow, in.key, in.version, checksum, in.title, now));
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "instrument_version",
                                                 .target_id = absl::StrCat(in.key, "@", in.version)}));
      ++added;
    }
    return added;
  });
}

absl::StatusOr<CohortDigest> MeasureService::CohortDigestSince(UnitOfWork& uow, const cohorts::CohortRecord& cohort,
                                                               absl::Time since) {
  CohortDigest digest;
  ASSIGN_OR_RETURN(digest.alerts, measures_.CohortAlertsSince(uow, cohort.id, since));
  for (AlertRecord& a : digest.alerts) NameInstrument(*catalog_, a);
  ASSIGN_OR_RETURN(std::vector<StoredResponse> responses, measures_.CohortResponsesSince(uow, cohort.id, since));
  if (responses.empty()) return digest;
  ASSIGN_OR_RETURN(std::optional<MeasurementPlan> stored, measures_.FindPlan(uow, cohort.id));
  const MeasurementPlan plan = stored ? *stored : DefaultPlan();
  std::string baseline_key;
  for (const TimePointPlan& t : plan.time_points) {
    if (t.kind == TimePointKind::kBaseline) baseline_key = t.key;
  }
  ASSIGN_OR_RETURN(std::vector<CohortScoreRow> baselines, measures_.CohortScores(uow, cohort.id, {baseline_key}));
  ASSIGN_OR_RETURN(std::vector<OrgReliableChange> org, measures_.ListReliableChange(uow, cohort.organisation_id, ""));
  ASSIGN_OR_RETURN(std::vector<cohorts::Enrolment> enrolled, enrolments_.ListEnrolments(uow, cohort.id, clock_.Now()));
  std::map<int64_t, std::string> names;
  for (const cohorts::Enrolment& e : enrolled) names[e.id] = e.name;
  for (const StoredResponse& r : responses) {
    if (r.time_point_kind == TimePointKind::kBaseline) continue;
    const Instrument* in = catalog_->Current(r.instrument_key);
    if (in == nullptr) continue;
    for (const ScoreValue& v : r.scores) {
      const ScoreDef* def = in->FindScore(v.key);
      if (def == nullptr || !def->primary || !v.value) continue;
      std::optional<double> base;
      for (const CohortScoreRow& b : baselines) {
        if (b.enrolment_id == r.enrolment_id && b.instrument_key == r.instrument_key && b.score_key == v.key) {
          base = b.value;
        }
      }
      if (!base) continue;
      std::optional<OrgReliableChange> mine;
      for (const OrgReliableChange& rc : org) {
        if (rc.instrument_key == r.instrument_key && rc.score_key == v.key) mine = rc;
      }
      const ChangeAssessment a = AssessChange(*def, ParamsFor(*def, mine), *base, *v.value);
      if (!a.reliable) continue;
      digest.reliable_changes.push_back(ReliableChangeNote{.enrolment_id = r.enrolment_id,
                                                           .participant_name = names[r.enrolment_id],
                                                           .instrument_key = r.instrument_key,
                                                           .short_name = in->short_name,
                                                           .score_key = v.key,
                                                           .score_title = def->title,
                                                           .time_point_label = r.time_point_label,
                                                           .baseline = *base,
                                                           .value = *v.value,
                                                           .classification = a.classification,
                                                           .submitted_at = r.submitted_at});
    }
  }
  return digest;
}

}  // namespace cft::measures
