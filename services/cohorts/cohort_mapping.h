// cft.v1 cohort and calendar messages <-> domain types, with the structural
// validation of dates, times and enums (each error names its request field).
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "cft/v1/cohort.pb.h"
#include "cft/v1/common.pb.h"
#include "cft/v1/calendar.pb.h"
#include "google/protobuf/message.h"
#include "services/cohorts/calendar_service.h"
#include "services/cohorts/cohort_types.h"

namespace cft::cohorts {

absl::StatusOr<absl::CivilDay> DateFromProto(absl::string_view field, const v1::LocalDate& d);
void ToProto(absl::CivilDay day, v1::LocalDate* out);
absl::StatusOr<int> MinuteFromProto(absl::string_view field, const v1::LocalTime& t);
void MinuteToProto(int minute, v1::LocalTime* out);

std::optional<CohortStatus> FromProto(v1::CohortStatus s);
v1::CohortStatus ToProto(CohortStatus s);
std::optional<GroupType> FromProto(v1::GroupType g);
std::optional<FacilitatorRole> FromProto(v1::FacilitatorRole r);
std::optional<ScreeningStatus> FromProto(v1::ScreeningStatus s);
std::optional<AttendanceStatus> FromProto(v1::AttendanceStatus s);
v1::AttendanceStatus ToProto(AttendanceStatus s);

void ToProto(const CohortView& v, v1::Cohort* out);
void ToProto(const Referral& r, v1::Referral* out);
void ToProto(const Enrolment& e, v1::Participant* out);
void ToProto(const SessionView& v, v1::ScheduledSession* out);
void ToProto(const AttendanceRecord& a, v1::AttendanceEntry* out);

// Hex SHA-256 of a request, to tell a retry from a different request under
// the same idempotency key.
std::string RequestHash(const google::protobuf::Message& request);

}  // namespace cft::cohorts
