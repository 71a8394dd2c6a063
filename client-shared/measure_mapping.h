// cft.v1.MeasureService messages <-> the value types of measure_types.h. Core only.
#pragma once

#include "cft/v1/measure.pb.h"
#include "client-shared/measure_types.h"

namespace cft::client {

InstrumentSummaryInfo fromProto(const v1::InstrumentSummary& s);
InstrumentInfo fromProto(const v1::GetInstrumentResponse& resp);
MeasureSettingsInfo fromProto(const v1::MeasureSettings& s);
MeasurementScheduleInfo fromProto(const v1::GetMeasurementPlanResponse& resp);
DueMeasureInfo fromProto(const v1::DueMeasure& m);
MeasureResponseInfo fromProto(const v1::MeasureResponse& r);
SubmittedResponse fromProto(const v1::SubmitResponseResponse& resp);
EnteredResponse fromProto(const v1::EnterResponseOnBehalfResponse& resp);
OutcomesInfo fromProto(const v1::GetOutcomesResponse& resp);
CohortOutcomesInfo fromProto(const v1::GetCohortOutcomesResponse& resp);
RiskAlertInfo fromProto(const v1::RiskAlert& a);
RiskAlertList fromProto(const v1::ListRiskAlertsResponse& resp);

v1::SubmitResponseRequest toProto(const QuestionnaireAnswers& in);
// `key`: the request's idempotency key.
v1::EnterResponseOnBehalfRequest toProto(const PaperFormInput& in, const QString& key);

}  // namespace cft::client
