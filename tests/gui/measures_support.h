// Set-up the measures client suites share: a group whose baseline is open
// now, questionnaires submitted and paper forms keyed through the real API,
// and sessions signed in for the client facades.
#pragma once

#include <QObject>
#include <QTest>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "cft/v1/measure.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "tests/gui/signed_in_session.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft::testing {

// Set-up that must work for the test to mean anything.
inline void Must(bool ok, const std::string& what) {
  if (!ok) qFatal("set-up failed: %s", what.c_str());
}

// A running group whose first session is within the coming week, so the
// default plan's baseline (opening 7 days before it) is open now.
inline CohortWorld BaselineOpenWorld(TestServer& server, const std::string& label) {
  return BuildCohortWorld(server, {.label = label, .start_date = absl::ToCivilDay(server.clock().Now(), absl::UTCTimeZone())});
}

// A group whose eight weeks are over (the post time point has opened).
inline CohortWorld FinishedWorld(TestServer& server, const std::string& label) {
  return BuildCohortWorld(server,
                          {.label = label, .start_date = absl::ToCivilDay(server.clock().Now(), absl::UTCTimeZone()) - 56});
}

// PHQ-9 answers in form order (the unscored difficulty item last).
inline v1::SubmitResponseRequest Phq9Request(const std::string& time_point, const std::vector<int>& values,
                                            const std::string& key) {
  v1::SubmitResponseRequest r;
  r.set_instrument_key("phq9");
  r.set_time_point_key(time_point);
  r.set_idempotency_key(key);
  for (size_t i = 0; i < values.size(); ++i) {
    v1::Answer* a = r.add_answers();
    a->set_item_code(i < 9 ? "phq9_" + std::to_string(i + 1) : "phq9_difficulty");
    a->set_value(values[i]);
  }
  return r;
}

inline v1::SubmitResponseResponse MustSubmitPhq9(TestServer& server, const std::string& token,
                                                 const std::vector<int>& values) {
  v1::SubmitResponseResponse resp;
  auto ctx = TestServer::Context(token);
  const grpc::Status s = server.Stub<v1::MeasureService>()->SubmitResponse(
      ctx.get(), Phq9Request("baseline", values, "setup-" + UniqueSuffix()), &resp);
  Must(s.ok(), "SubmitResponse: " + s.error_message());
  return resp;
}

// Keys in a PHQ-9 paper form (printed scores 0-3, as the form prints them).
inline void MustEnterPhq9(TestServer& server, const std::string& staff_token, int64_t enrolment_id,
                          const std::string& time_point, const std::vector<int>& printed, absl::CivilDay on) {
  v1::EnterResponseOnBehalfRequest r;
  r.set_enrolment_id(enrolment_id);
  r.set_instrument_key("phq9");
  r.set_time_point_key(time_point);
  r.set_keyed_as(v1::PAPER_PRINTED_SCORE);
  for (size_t i = 0; i < printed.size(); ++i) {
    v1::PaperAnswer* a = r.add_answers();
    a->set_item_code("phq9_" + std::to_string(i + 1));
    a->set_keyed_value(printed[i]);
  }
  SetDate(r.mutable_completed_on(), on);
  r.set_idempotency_key("paper-" + UniqueSuffix());
  v1::EnterResponseOnBehalfResponse resp;
  auto ctx = TestServer::Context(staff_token);
  const grpc::Status s = server.Stub<v1::MeasureService>()->EnterResponseOnBehalf(ctx.get(), r, &resp);
  Must(s.ok(), "EnterResponseOnBehalf: " + s.error_message());
}

// Nine item scores summing to `total` (at most 3 each, item 9 left at 0).
inline std::vector<int> Phq9Summing(int total) {
  std::vector<int> v(9, 0);
  for (int i = 0; i < 8 && total > 0; ++i) {
    v[i] = std::min(3, total);
    total -= v[i];
  }
  return v;
}

inline std::string Count(const std::string& table, const std::string& where) {
  return TestDatabase::Get().Scalar("SELECT COUNT(*) FROM " + table + " WHERE " + where);
}

}  // namespace cft::testing
