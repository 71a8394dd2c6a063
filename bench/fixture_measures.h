// The data SubmitResponse is measured on, made through cftd's RPCs like the
// rest of the fixture: groups about to start (session 1 three days ahead, so
// the baseline questionnaires are open, as they are the week before a real
// group), each with a measurement plan a facilitator saved through
// UpdateMeasurementPlan, and participants who redeemed their invites.
//
// A participant answers a PHQ-9 once per time point (the database holds one
// response per enrolment, instrument and time point), so the workload needs
// as many open (participant, time point) pairs as it makes calls. The plan is
// the largest the server accepts (12 time points): the baseline and eleven
// check-ins, every one open now and each with the PHQ-9, so each participant
// has 12 submissions to make, the baseline first as in a real programme
// (later ones are checked for reliable deterioration against it).
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/fixture.h"

namespace cft::bench {

struct MeasureParticipant {
  std::string token;
  int64_t user_id = 0;
  int64_t enrolment_id = 0;
  int64_t cohort_id = 0;
  // The first session, which every time point of the plan is anchored at.
  int64_t session_id = 0;
};

struct MeasureFixture {
  int64_t organisation_id = 0;
  // The PHQ-9's current version, as the participant client reads it with GetInstrument.
  int32_t phq9_version = 0;
  // The plan's time points in opening order (baseline first), the same in every group.
  std::vector<std::string> time_point_keys;
  std::vector<std::string> time_point_labels;
  std::vector<MeasureParticipant> participants;
  // The raw ceiling's, one per caller: its rows go to enrolments no RPC call
  // answers as, so a participant's series holds only what cftd wrote (the
  // deterioration check reads it: hundreds of ceiling rows in one series made
  // the optimizer drive that query from measure_scores in an early run).
  std::vector<MeasureParticipant> raw_participants;
};

// `participants` and then `raw_participants` participants in groups of 12,
// each group led by one of the fixture's clinicians. Each redemption hashes a
// password (argon2id), one at a time.
absl::StatusOr<MeasureFixture> BuildMeasureFixture(const std::shared_ptr<grpc::Channel>& channel,
                                                   const Fixture& fixture, int participants, int raw_participants,
                                                   const std::string& password);

}  // namespace cft::bench
