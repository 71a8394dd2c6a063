// cft.v1 measure messages <-> the measures domain, with the structural
// validation of enums and dates (each error names its request field).
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "cft/v1/measure.pb.h"
#include "google/protobuf/message.h"
#include "services/measures/measure_service.h"

namespace cft::measures {

std::optional<TimePointKind> FromProto(v1::TimePointKind k);
v1::TimePointKind ToProto(TimePointKind k);

// The plan in a request; INVALID_ARGUMENT naming the field for an unknown kind.
absl::StatusOr<MeasurementPlan> PlanFromProto(const google::protobuf::RepeatedPtrField<v1::TimePointPlan>& points,
                                              const v1::SessionMonitorPlan& monitor);

void ToProto(const InstrumentSummaryView& s, v1::InstrumentSummary* out);
void ToProto(const InstrumentView& v, v1::GetInstrumentResponse* out);
void ToProto(const ReliableChangeView& v, v1::ReliableChangeInForce* out);
void ToProto(const MeasureSettings& s, v1::MeasureSettings* out);
void ToProto(const PlanView& v, v1::MeasurementPlan* plan, std::string* time_zone,
             google::protobuf::RepeatedPtrField<v1::ScheduledTimePoint>* schedule);
void ToProto(const DueMeasureView& d, v1::DueMeasure* out);
// `in`: the definition version that scored it (for score titles), or null.
void ToProto(const StoredResponse& r, const Instrument* in, v1::MeasureResponse* out);
void ToProto(const OutcomesView& v, v1::GetOutcomesResponse* out);
void ToProto(const CohortOutcomesView& v, v1::GetCohortOutcomesResponse* out);
void ToProto(const AlertRecord& a, absl::Time now, v1::RiskAlert* out);
void ToProto(const AlertCounts& c, v1::RiskAlertCounts* out);

// Hex SHA-256 of a request, to tell a retry from another request under the
// same idempotency key.
std::string RequestHash(const google::protobuf::Message& request);

}  // namespace cft::measures
