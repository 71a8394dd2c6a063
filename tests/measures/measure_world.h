// A cohort for the measures API suites: the fake clock at Monday 4 January
// 2027, 12:00 UTC, a running Tuesday-evening group (Europe/London) whose
// first session is the next day, and three participants. With the default
// plan, baseline is open (29 December to the end of 11 January), week 4 opens
// on 24 January and the post time point on 21 February.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cft/v1/measure.grpc.pb.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_server.h"

namespace cft::testing {

struct MeasureParticipant {
  TestUser user;
  std::string token;
  int64_t enrolment_id = 0;
};

class MeasureWorld {
 public:
  MeasureWorld();

  TestServer& server() { return *server_; }
  CohortWorld& world() { return world_; }
  std::unique_ptr<v1::MeasureService::Stub> stub() { return server_->Stub<v1::MeasureService>(); }
  // participants()[0] is the world's own participant.
  std::vector<MeasureParticipant>& participants() { return participants_; }

  // Moves the clock and signs everyone in again (tokens last 12 hours).
  void Advance(absl::Duration d);

  // Answers for an instrument's items in form order; -1 leaves one out.
  static v1::SubmitResponseRequest Request(const std::string& instrument, const std::string& time_point,
                                           const std::vector<int>& values, const std::string& key = "");
  grpc::Status Submit(const MeasureParticipant& p, const v1::SubmitResponseRequest& request,
                      v1::SubmitResponseResponse* response);
  // Submits and fails the test on error.
  v1::SubmitResponseResponse MustSubmit(const MeasureParticipant& p, const std::string& instrument,
                                        const std::string& time_point, const std::vector<int>& values);

  static inline const absl::Time kStart = absl::FromCivil(absl::CivilSecond(2027, 1, 4, 12, 0, 0), absl::UTCTimeZone());

 private:
  std::unique_ptr<TestServer> server_;
  CohortWorld world_;
  std::vector<MeasureParticipant> participants_;
};

}  // namespace cft::testing
