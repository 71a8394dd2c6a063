// cft.v1.CohortService messages <-> the value types of cohort_types.h. Core only.
#pragma once

#include "cft/v1/cohort.pb.h"
#include "client-shared/cohort_types.h"

namespace cft::client {

CohortStatus fromProto(v1::CohortStatus s);
v1::CohortStatus toProto(CohortStatus s);
ParticipantStatus fromProto(v1::ParticipantStatus s);
InviteState fromProto(v1::InviteState s);
ScreeningStatus fromProto(v1::ScreeningStatus s);
v1::ScreeningStatus toProto(ScreeningStatus s);

FacilitatorInfo fromProto(const v1::Facilitator& f);
CohortInfo fromProto(const v1::Cohort& c);
ParticipantInfo fromProto(const v1::Participant& p);
ReferralInfo fromProto(const v1::Referral& r);

// `key`: the request's idempotency key (NewCohortInput says whose).
v1::CreateCohortRequest toProto(const NewCohortInput& in, const QString& key);
v1::AddReferralRequest toProto(const NewReferralInput& in, const QString& key);

}  // namespace cft::client
