// cft.v1 homework messages <-> domain types, with the structural checks of
// dates, times and field values (each error names its request field).
#pragma once

#include "absl/status/statusor.h"
#include "cft/v1/homework.pb.h"
#include "services/homework/homework_service.h"
#include "services/homework/homework_types.h"

namespace cft::homework {

absl::StatusOr<PracticeEntry> EntryFromProto(const v1::LogPracticeRequest& r);
absl::StatusOr<PracticeEntry> EntryFromProto(const v1::UpdatePracticeLogRequest& r);
std::vector<LadderStep> StepsFromProto(const google::protobuf::RepeatedPtrField<v1::LadderStep>& steps);

void ToProto(const Assignment& a, v1::Assignment* out);
void ToProto(const LogView& v, v1::PracticeLog* out);
void ToProto(const Feedback& f, v1::Feedback* out);
void ToProto(const MyAssignments& m, v1::ListMyAssignmentsResponse* out);
void ToProto(const LogPage& p, v1::ListPracticeLogsResponse* out);
void ToProto(const AdherenceGrid& g, v1::GetAdherenceResponse* out);
void ToProto(const Digest& d, v1::GetFacilitatorDigestResponse* out);

}  // namespace cft::homework
