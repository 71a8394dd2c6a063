#include "services/measures/measure_handler.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/measures/instrument_files.h"
#include "services/measures/measure_mapping.h"
#include "services/rpc/proto_time.h"

namespace cft::measures {
namespace {

absl::StatusOr<absl::CivilDay> DayFromProto(absl::string_view field, const v1::LocalDate& d) {
  const absl::CivilDay day(d.year(), d.month(), d.day());
  // CivilDay normalises 31 February to 3 March; a date that moves was not a date.
  if (d.year() < 1900 || d.year() > 2999 || day.year() != d.year() || day.month() != d.month() ||
      day.day() != d.day()) {
    return InvalidField(field, "must be a calendar date");
  }
  return day;
}

// The definition version a response was scored with, for score titles.
const Instrument* VersionOf(const MeasureService& m, const StoredResponse& r) {
  return m.catalog().Find(r.instrument_key, r.instrument_version);
}

}  // namespace

grpc::Status MeasureHandler::ListInstruments(grpc::ServerContext* sc, const v1::ListInstrumentsRequest* req,
                                             v1::ListInstrumentsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListInstrumentsRequest&,
                                      v1::ListInstrumentsResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(auto list, measures_.ListInstruments(ctx));
    for (const InstrumentSummaryView& s : list) ToProto(s, out.add_instruments());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::GetInstrument(grpc::ServerContext* sc, const v1::GetInstrumentRequest* req,
                                           v1::GetInstrumentResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetInstrumentRequest& r,
                                      v1::GetInstrumentResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(InstrumentView view, measures_.GetInstrument(ctx, r.instrument_key(), r.version()));
    ToProto(view, &out);
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::LoadLicensedItemText(grpc::ServerContext* sc, const v1::LoadLicensedItemTextRequest* req,
                                                  v1::LoadLicensedItemTextResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::LoadLicensedItemTextRequest& r,
                                      v1::LoadLicensedItemTextResponse& out) -> absl::Status {
    std::vector<std::pair<std::string, std::string>> texts;
    for (const auto& t : r.items()) texts.emplace_back(t.item_code(), t.text());
    ASSIGN_OR_RETURN(InstrumentView view,
                     measures_.LoadLicensedItemText(ctx, r.instrument_key(), r.licence_note(), texts));
    ToProto(view.instrument, out.mutable_instrument());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::SetReliableChangeParameters(grpc::ServerContext* sc,
                                                         const v1::SetReliableChangeParametersRequest* req,
                                                         v1::SetReliableChangeParametersResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::SetReliableChangeParametersRequest& r,
                                      v1::SetReliableChangeParametersResponse& out) -> absl::Status {
    const ReliabilityType type = FromProto(r.reliability_type());
    if (r.reliability_type() != v1::RELIABILITY_TYPE_UNSPECIFIED && type == ReliabilityType::kUnspecified) {
      return InvalidField("reliability_type", "is not a reliability type");
    }
    ASSIGN_OR_RETURN(ReliableChangeView view,
                     measures_.SetReliableChange(ctx, r.instrument_key(), r.score_key(),
                                                 OrgReliableChange{.sd = r.sd(),
                                                                   .reliability = r.reliability(),
                                                                   .reliability_type = type,
                                                                   .z = r.z(),
                                                                   .source = r.source()}));
    ToProto(view, out.mutable_reliable_change());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::GetMeasureSettings(grpc::ServerContext* sc, const v1::GetMeasureSettingsRequest* req,
                                                v1::GetMeasureSettingsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetMeasureSettingsRequest&,
                                      v1::GetMeasureSettingsResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(MeasureSettings s, measures_.GetSettings(ctx));
    ToProto(s, out.mutable_settings());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::UpdateMeasureSettings(grpc::ServerContext* sc,
                                                   const v1::UpdateMeasureSettingsRequest* req,
                                                   v1::UpdateMeasureSettingsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::UpdateMeasureSettingsRequest& r,
                                      v1::UpdateMeasureSettingsResponse& out) -> absl::Status {
    std::optional<std::string> text;
    std::optional<int> red, amber;
    if (r.has_crisis_text()) text = r.crisis_text();
    if (r.has_red_response_minutes()) red = r.red_response_minutes();
    if (r.has_amber_response_minutes()) amber = r.amber_response_minutes();
    ASSIGN_OR_RETURN(MeasureSettings s, measures_.UpdateSettings(ctx, text, red, amber));
    ToProto(s, out.mutable_settings());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::GetMeasurementPlan(grpc::ServerContext* sc, const v1::GetMeasurementPlanRequest* req,
                                                v1::GetMeasurementPlanResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetMeasurementPlanRequest& r,
                                      v1::GetMeasurementPlanResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(PlanView view, measures_.GetPlan(ctx, r.cohort_id()));
    ToProto(view, out.mutable_plan(), out.mutable_time_zone(), out.mutable_schedule());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::UpdateMeasurementPlan(grpc::ServerContext* sc,
                                                   const v1::UpdateMeasurementPlanRequest* req,
                                                   v1::UpdateMeasurementPlanResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::UpdateMeasurementPlanRequest& r,
                                      v1::UpdateMeasurementPlanResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(MeasurementPlan plan, PlanFromProto(r.time_points(), r.session_monitor()));
    ASSIGN_OR_RETURN(PlanView view, measures_.UpdatePlan(ctx, r.cohort_id(), std::move(plan)));
    ToProto(view, out.mutable_plan(), out.mutable_time_zone(), out.mutable_schedule());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::ListDueMeasures(grpc::ServerContext* sc, const v1::ListDueMeasuresRequest* req,
                                             v1::ListDueMeasuresResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListDueMeasuresRequest&,
                                      v1::ListDueMeasuresResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(auto due, measures_.ListDue(ctx));
    for (const DueMeasureView& d : due) ToProto(d, out.add_measures());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::SubmitResponse(grpc::ServerContext* sc, const v1::SubmitResponseRequest* req,
                                            v1::SubmitResponseResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::SubmitResponseRequest& r,
                                      v1::SubmitResponseResponse& out) -> absl::Status {
    SubmitRequest s{.instrument_key = r.instrument_key(),
                    .instrument_version = r.instrument_version(),
                    .time_point_key = r.time_point_key(),
                    .idempotency_key = r.idempotency_key(),
                    .request_hash = RequestHash(r)};
    for (const v1::Answer& a : r.answers()) {
      AnswerValue v{.item_code = a.item_code()};
      if (a.has_value()) v.value = a.value();
      s.answers.push_back(std::move(v));
    }
    if (r.has_completed_at()) s.completed_at = rpc::FromProto(r.completed_at());
    ASSIGN_OR_RETURN(SubmitResult result, measures_.Submit(ctx, s));
    ToProto(result.response, VersionOf(measures_, result.response), out.mutable_response());
    out.set_risk_rule_fired(result.alert.has_value());
    out.set_crisis_text(result.crisis_text);
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::EnterResponseOnBehalf(grpc::ServerContext* sc,
                                                   const v1::EnterResponseOnBehalfRequest* req,
                                                   v1::EnterResponseOnBehalfResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::EnterResponseOnBehalfRequest& r,
                                      v1::EnterResponseOnBehalfResponse& out) -> absl::Status {
    PaperRequest p{.enrolment_id = r.enrolment_id(),
                   .instrument_key = r.instrument_key(),
                   .instrument_version = r.instrument_version(),
                   .time_point_key = r.time_point_key(),
                   .keyed_as = FromProto(r.keyed_as()),
                   .idempotency_key = r.idempotency_key(),
                   .request_hash = RequestHash(r)};
    if (p.keyed_as == PaperValueMode::kUnspecified) {
      return InvalidField("keyed_as", "is required (PAPER_BOX_POSITION or PAPER_PRINTED_SCORE)");
    }
    for (const v1::PaperAnswer& a : r.answers()) {
      AnswerValue v{.item_code = a.item_code()};
      if (a.has_keyed_value()) v.keyed_value = a.keyed_value();
      p.keyed.push_back(std::move(v));
    }
    if (r.has_completed_on()) {
      ASSIGN_OR_RETURN(p.completed_on, DayFromProto("completed_on", r.completed_on()));
    }
    ASSIGN_OR_RETURN(SubmitResult result, measures_.EnterOnBehalf(ctx, p));
    ToProto(result.response, VersionOf(measures_, result.response), out.mutable_response());
    if (result.alert) {
      v1::RaisedAlert* a = out.mutable_alert();
      a->set_alert_id(result.alert->id);
      a->set_tier(ToProto(result.alert->tier));
      for (const std::string& reason : result.alert->reasons) a->add_reasons(reason);
      rpc::ToProto(result.alert->due_at, a->mutable_due_at());
    }
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::GetOutcomes(grpc::ServerContext* sc, const v1::GetOutcomesRequest* req,
                                         v1::GetOutcomesResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetOutcomesRequest& r,
                                      v1::GetOutcomesResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(OutcomesView view, measures_.GetOutcomes(ctx, r.enrolment_id()));
    ToProto(view, &out);
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::GetCohortOutcomes(grpc::ServerContext* sc, const v1::GetCohortOutcomesRequest* req,
                                               v1::GetCohortOutcomesResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::GetCohortOutcomesRequest& r,
                                      v1::GetCohortOutcomesResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(CohortOutcomesView view, measures_.GetCohortOutcomes(ctx, r.cohort_id(), r.pre_time_point_key(),
                                                                          r.post_time_point_key()));
    ToProto(view, &out);
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::ListRiskAlerts(grpc::ServerContext* sc, const v1::ListRiskAlertsRequest* req,
                                            v1::ListRiskAlertsResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ListRiskAlertsRequest& r,
                                      v1::ListRiskAlertsResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(AlertListView view, measures_.ListAlerts(ctx, r.cohort_id(), r.include_resolved(), r.limit()));
    for (const AlertRecord& a : view.alerts) ToProto(a, view.now, out.add_alerts());
    ToProto(view.counts, out.mutable_counts());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::AcknowledgeRiskAlert(grpc::ServerContext* sc, const v1::AcknowledgeRiskAlertRequest* req,
                                                  v1::AcknowledgeRiskAlertResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::AcknowledgeRiskAlertRequest& r,
                                      v1::AcknowledgeRiskAlertResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(AlertView view, measures_.AcknowledgeAlert(ctx, r.alert_id(), r.note()));
    ToProto(view.alert, view.now, out.mutable_alert());
    return absl::OkStatus();
  });
}

grpc::Status MeasureHandler::ResolveRiskAlert(grpc::ServerContext* sc, const v1::ResolveRiskAlertRequest* req,
                                              v1::ResolveRiskAlertResponse* resp) {
  return rt_.Unary(sc, req, resp, [&](RequestContext& ctx, const v1::ResolveRiskAlertRequest& r,
                                      v1::ResolveRiskAlertResponse& out) -> absl::Status {
    ASSIGN_OR_RETURN(AlertView view, measures_.ResolveAlert(ctx, r.alert_id(), r.note()));
    ToProto(view.alert, view.now, out.mutable_alert());
    return absl::OkStatus();
  });
}

}  // namespace cft::measures
