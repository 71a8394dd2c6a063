// cft.v1.HomeworkService messages <-> the value types of homework_types.h. Core only.
#pragma once

#include "cft/v1/homework.pb.h"
#include "client-shared/homework_types.h"

namespace cft::client {

AssignmentSource fromProto(v1::AssignmentSource s);
EarlyWarningReason fromProto(v1::EarlyWarningReason r);

Dose fromProto(const v1::Dose& d);
LadderStepInfo fromProto(const v1::LadderStep& s);
AssignmentInfo fromProto(const v1::Assignment& a);
AssignmentProgress fromProto(const v1::AssignmentProgress& p);
MyAssignments fromProto(const v1::ListMyAssignmentsResponse& resp);
FieldValue fromProto(const v1::FieldValue& v);
FeedbackInfo fromProto(const v1::Feedback& f);
PracticeLogInfo fromProto(const v1::PracticeLog& log);
WeekPracticeSummary fromProto(const v1::WeekPracticeSummary& w);
PracticeLogPage fromProto(const v1::ListPracticeLogsResponse& resp);
AdherenceWeekInfo fromProto(const v1::AdherenceWeek& w);
AdherenceCellInfo fromProto(const v1::AdherenceCell& c);
AdherenceRowInfo fromProto(const v1::AdherenceRow& r);
AdherenceGrid fromProto(const v1::GetAdherenceResponse& resp);
DigestSessionInfo fromProto(const v1::DigestSession& s);
DigestPracticeInfo fromProto(const v1::DigestPractice& p);
DigestPersonInfo fromProto(const v1::DigestPerson& p);
EarlyWarningInfo fromProto(const v1::EarlyWarning& w);
DigestAlertInfo fromProto(const v1::DigestAlert& a);
DigestChangeInfo fromProto(const v1::DigestReliableChange& c);
FacilitatorDigest fromProto(const v1::GetFacilitatorDigestResponse& resp);

void toProto(const FieldValue& v, v1::FieldValue* out);
v1::LogPracticeRequest toLogRequest(const PracticeEntry& e);
v1::UpdatePracticeLogRequest toUpdateRequest(qint64 logId, const PracticeEntry& e);
v1::ListPracticeLogsRequest toProto(const PracticeLogQuery& q);
// `key`: the request's idempotency key.
v1::CreateAssignmentRequest toProto(const NewAssignmentInput& in, const QString& key);

}  // namespace cft::client
