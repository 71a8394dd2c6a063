#include "tests/measures/measure_world.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/measures/shipped_instruments.h"
#include "tests/support/status_matchers.h"

namespace cft::testing {

MeasureWorld::MeasureWorld() : server_(std::make_unique<TestServer>(At(kStart))) {
  world_ = BuildCohortWorld(*server_, {.label = "Measures", .start_date = absl::CivilDay(2027, 1, 5)});
  participants_.push_back({world_.participant, world_.participant_token, world_.enrolment_id});
  for (const char* name : {"Sam Second", "Toni Third"}) {
    MeasureParticipant p;
    const int64_t referral = AddSuitableReferral(*server_, world_.clinician_token, name);
    p.user = EnrolParticipant(*server_, world_.clinician_token, world_.cohort_id, referral, &p.enrolment_id, &p.token);
    participants_.push_back(p);
  }
}

void MeasureWorld::Advance(absl::Duration d) {
  server_->clock().Advance(d);
  world_.admin_token = server_->Login(world_.admin);
  world_.clinician_token = server_->Login(world_.clinician);
  world_.clinician2_token = server_->Login(world_.clinician2);
  for (MeasureParticipant& p : participants_) p.token = server_->Login(p.user);
}

v1::SubmitResponseRequest MeasureWorld::Request(const std::string& instrument, const std::string& time_point,
                                                const std::vector<int>& values, const std::string& key) {
  const measures::Instrument& in = measures::testing::ShippedInstrument(instrument);
  v1::SubmitResponseRequest r;
  r.set_instrument_key(instrument);
  r.set_time_point_key(time_point);
  r.set_idempotency_key(key);
  for (size_t i = 0; i < values.size() && i < in.items.size(); ++i) {
    v1::Answer* a = r.add_answers();
    a->set_item_code(in.items[i].code);
    if (values[i] >= 0) a->set_value(values[i]);
  }
  return r;
}

grpc::Status MeasureWorld::Submit(const MeasureParticipant& p, const v1::SubmitResponseRequest& request,
                                  v1::SubmitResponseResponse* response) {
  auto ctx = TestServer::Context(p.token);
  return stub()->SubmitResponse(ctx.get(), request, response);
}

v1::SubmitResponseResponse MeasureWorld::MustSubmit(const MeasureParticipant& p, const std::string& instrument,
                                                    const std::string& time_point, const std::vector<int>& values) {
  v1::SubmitResponseResponse out;
  EXPECT_THAT(Submit(p, Request(instrument, time_point, values), &out), GrpcOk()) << instrument << " " << time_point;
  return out;
}

}  // namespace cft::testing
