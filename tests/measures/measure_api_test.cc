// MeasureService through the real server and database: the library and its
// licences, submissions scored on the server with their alerts and audit,
// paper entry, plans, outcomes and the risk inbox.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "cft/v1/measure.grpc.pb.h"
#include "services/measures/measure_service.h"
#include "tests/measures/measure_world.h"
#include "tests/measures/shipped_instruments.h"
#include "tests/support/status_matchers.h"
#include "services/server/setup.h"
#include "tests/support/test_database.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::HasFieldViolation;
using ::cft::testing::MeasureParticipant;
using ::cft::testing::MeasureWorld;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using grpc::StatusCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Count(const std::string& sql) { return TestDatabase::Get().Scalar(sql); }

std::string ResponsesOf(int64_t enrolment_id) {
  return Count(absl::StrCat("SELECT COUNT(*) FROM measure_responses WHERE enrolment_id = ", enrolment_id));
}
std::string AlertsOf(int64_t enrolment_id) {
  return Count(absl::StrCat("SELECT COUNT(*) FROM risk_alerts WHERE enrolment_id = ", enrolment_id));
}

const v1::ScoreResult& Total(const v1::MeasureResponse& r) {
  for (const auto& s : r.scores()) {
    if (s.score_key() == "total") return s;
  }
  static const v1::ScoreResult kNone;
  return kNone;
}

class MeasureApiTest : public ::testing::Test {
 protected:
  MeasureWorld w;
  MeasureParticipant& p0() { return w.participants()[0]; }
  MeasureParticipant& p1() { return w.participants()[1]; }
  MeasureParticipant& p2() { return w.participants()[2]; }

  v1::ListRiskAlertsResponse Alerts(const std::string& token, bool include_resolved = false) {
    v1::ListRiskAlertsRequest req;
    req.set_include_resolved(include_resolved);
    v1::ListRiskAlertsResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(w.stub()->ListRiskAlerts(ctx.get(), req, &resp), GrpcOk());
    return resp;
  }
  v1::GetInstrumentResponse Instrument(const std::string& token, const std::string& key) {
    v1::GetInstrumentRequest req;
    req.set_instrument_key(key);
    v1::GetInstrumentResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(w.stub()->GetInstrument(ctx.get(), req, &resp), GrpcOk());
    return resp;
  }
  grpc::Status Paper(const std::string& token, v1::EnterResponseOnBehalfRequest req,
                     v1::EnterResponseOnBehalfResponse* resp) {
    auto ctx = TestServer::Context(token);
    return w.stub()->EnterResponseOnBehalf(ctx.get(), req, resp);
  }
  static v1::EnterResponseOnBehalfRequest PaperRequest(int64_t enrolment_id, const std::string& instrument,
                                                       const std::vector<int>& keyed) {
    const measures::Instrument& in = measures::testing::ShippedInstrument(instrument);
    v1::EnterResponseOnBehalfRequest r;
    r.set_enrolment_id(enrolment_id);
    r.set_instrument_key(instrument);
    r.set_time_point_key("baseline");
    r.set_keyed_as(v1::PAPER_PRINTED_SCORE);
    r.mutable_completed_on()->set_year(2027);
    r.mutable_completed_on()->set_month(1);
    r.mutable_completed_on()->set_day(3);
    for (size_t i = 0; i < keyed.size(); ++i) {
      auto* a = r.add_answers();
      a->set_item_code(in.items[i].code);
      if (keyed[i] >= 0) a->set_keyed_value(keyed[i]);
    }
    return r;
  }
};

// --- the library -----------------------------------------------------------

TEST_F(MeasureApiTest, ListInstrumentsSaysWhereItemTextIsAvailable) {
  v1::ListInstrumentsResponse resp;
  auto ctx = TestServer::Context(p0().token);
  ASSERT_THAT(w.stub()->ListInstruments(ctx.get(), v1::ListInstrumentsRequest(), &resp), GrpcOk());
  ASSERT_EQ(resp.instruments_size(), 15);
  std::map<std::string, v1::InstrumentSummary> by_key;
  for (const auto& i : resp.instruments()) by_key[i.key()] = i;
  EXPECT_TRUE(by_key["phq9"].item_text_available());
  EXPECT_EQ(by_key["phq9"].item_count(), 10);
  EXPECT_FALSE(by_key["fscrs"].item_text_available());
  EXPECT_EQ(by_key["fscrs"].item_text(), v1::ITEM_TEXT_LICENSED_ONLY);
  EXPECT_EQ(by_key["core10"].copyright_line(), "\u00a9 CORE System Trust");
}

TEST_F(MeasureApiTest, GetInstrumentCarriesTextBoxesCrisisTextAndReliableChange) {
  const auto phq = Instrument(p0().token, "phq9");
  EXPECT_TRUE(phq.item_text_available());
  EXPECT_EQ(phq.instrument().items(8).text(), "Thoughts that you would be better off dead or of hurting yourself in some way");
  EXPECT_THAT(phq.crisis_text(), HasSubstr("116 123"));
  EXPECT_THAT(phq.crisis_text(), HasSubstr("988"));
  EXPECT_THAT(phq.crisis_text(), HasSubstr("not watched around the clock"));
  ASSERT_EQ(phq.reliable_change_size(), 1);
  EXPECT_EQ(phq.reliable_change(0).points_needed(), 6);
  EXPECT_THAT(phq.reliable_change(0).method(), HasSubstr("Published threshold"));
  // CORE-10's paper form prints item 2's first box ("Not at all") as 4.
  const auto core = Instrument(w.world().clinician_token, "core10");
  EXPECT_EQ(core.paper_items(1).boxes(0).label(), "Not at all");
  EXPECT_EQ(core.paper_items(1).boxes(0).keyed_value(), 4);
  EXPECT_EQ(core.paper_items(0).boxes(0).keyed_value(), 0);
  EXPECT_EQ(core.instrument().licence().copyright_line(), "\u00a9 CORE System Trust");
}

TEST_F(MeasureApiTest, DefinitionOnlyTextIsShownOnlyToTheOrganisationThatLoadedIt) {
  const auto before = Instrument(w.world().admin_token, "fscrs");
  EXPECT_FALSE(before.item_text_available());
  for (const auto& item : before.instrument().items()) EXPECT_EQ(item.text(), "");

  v1::LoadLicensedItemTextRequest load;
  load.set_instrument_key("fscrs");
  load.set_licence_note("Licensed from the authors for clinical use, ref. CMF-2027-01");
  for (int i = 1; i <= 21; ++i) {
    auto* t = load.add_items();
    t->set_item_code(absl::StrCat("fscrs_", i));
    t->set_text(absl::StrCat("Licensed item ", i));
  }
  v1::LoadLicensedItemTextResponse loaded;
  auto c1 = TestServer::Context(w.world().admin_token);
  EXPECT_THAT(w.stub()->LoadLicensedItemText(c1.get(), load, &loaded),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "items: item 22 (fscrs_22) has no text"));
  auto* last = load.add_items();
  last->set_item_code("fscrs_22");
  last->set_text("Licensed item 22");
  auto c2 = TestServer::Context(w.world().admin_token);
  ASSERT_THAT(w.stub()->LoadLicensedItemText(c2.get(), load, &loaded), GrpcOk());
  EXPECT_EQ(loaded.instrument().items(8).text(), "Licensed item 9");

  const auto mine = Instrument(w.world().clinician_token, "fscrs");
  EXPECT_TRUE(mine.item_text_available());
  EXPECT_EQ(mine.instrument().items(21).text(), "Licensed item 22");
  // Another organisation still sees items without text.
  const testing::CohortWorld other =
      testing::BuildCohortWorld(w.server(), {.label = "Other", .start_date = absl::CivilDay(2027, 1, 5)});
  const auto theirs = Instrument(other.admin_token, "fscrs");
  EXPECT_FALSE(theirs.item_text_available());
  for (const auto& item : theirs.instrument().items()) EXPECT_EQ(item.text(), "");
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE target_type = 'instrument_text' AND "
                               "target_id = 'fscrs' AND organisation_id = ",
                               w.world().organisation_id)),
            "1");

  load.set_instrument_key("phq9");
  auto c3 = TestServer::Context(w.world().admin_token);
  EXPECT_THAT(w.stub()->LoadLicensedItemText(c3.get(), load, &loaded),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("PHQ-9 ships its item text")));
}

TEST_F(MeasureApiTest, AnOrganisationSetsReliableChangeOnlyWhereNoneIsPublished) {
  v1::SetReliableChangeParametersRequest req;
  req.set_instrument_key("fscrs");
  req.set_score_key("hated_self");
  req.set_sd(4.4);
  req.set_reliability(0.86);
  req.set_reliability_type(v1::RELIABILITY_INTERNAL_CONSISTENCY);
  req.set_source("Local service norms, 2026");
  v1::SetReliableChangeParametersResponse resp;
  auto c1 = TestServer::Context(w.world().admin_token);
  ASSERT_THAT(w.stub()->SetReliableChangeParameters(c1.get(), req, &resp), GrpcOk());
  EXPECT_TRUE(resp.reliable_change().available());
  EXPECT_TRUE(resp.reliable_change().set_by_organisation());
  // 1.96 x sqrt(2) x 4.4 x sqrt(1 - .86) = 4.56 points.
  EXPECT_NEAR(resp.reliable_change().points_needed(), 4.563, 1e-3);
  const auto fscrs = Instrument(w.world().clinician_token, "fscrs");
  EXPECT_TRUE(fscrs.reliable_change(1).available());
  EXPECT_FALSE(fscrs.reliable_change(0).available());

  req.set_reliability(1.2);
  auto c2 = TestServer::Context(w.world().admin_token);
  EXPECT_THAT(w.stub()->SetReliableChangeParameters(c2.get(), req, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "reliability: must be between 0 and 1"));
  req.set_instrument_key("phq9");
  req.set_score_key("total");
  req.set_reliability(0.8);
  auto c3 = TestServer::Context(w.world().admin_token);
  EXPECT_THAT(w.stub()->SetReliableChangeParameters(c3.get(), req, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("published reliable-change parameters")));
}

// --- submissions -------------------------------------------------------------

TEST_F(MeasureApiTest, Phq9ItemNineAnsweredOneRaisesAnAmberAlertInTheSameTransaction) {
  v1::SubmitResponseResponse resp;
  ASSERT_THAT(w.Submit(p0(), MeasureWorld::Request("phq9", "baseline", {1, 1, 1, 1, 0, 0, 0, 0, 1, 1}, "k1"), &resp),
              GrpcOk());
  EXPECT_TRUE(resp.risk_rule_fired());
  EXPECT_EQ(resp.crisis_text(), measures::DefaultCrisisText());
  EXPECT_EQ(Total(resp.response()).value(), 5);
  EXPECT_EQ(Total(resp.response()).band_label(), "Mild");
  EXPECT_EQ(resp.response().time_point_label(), "Baseline");
  EXPECT_EQ(resp.response().week(), 1);
  EXPECT_EQ(resp.response().session_id(), w.world().session_ids[0]);
  EXPECT_EQ(resp.response().instrument_version(), 1);
  EXPECT_EQ(resp.response().entry_mode(), v1::ENTRY_ONLINE);

  const int64_t id = resp.response().id();
  EXPECT_EQ(Count(absl::StrCat("SELECT CONCAT(tier, ' ', rule_keys) FROM risk_alerts WHERE response_id = ", id)),
            "amber item9-amber");
  EXPECT_EQ(Count(absl::StrCat("SELECT CONCAT(cohort_id, ' ', week_number, ' ', session_id, ' ', time_point_key) FROM "
                               "measure_responses WHERE id = ", id)),
            absl::StrCat(w.world().cohort_id, " 1 ", w.world().session_ids[0], " baseline"));
  EXPECT_EQ(Count(absl::StrCat("SELECT definition_checksum FROM measure_responses WHERE id = ", id)),
            measures::testing::Shipped().ChecksumOf(measures::testing::ShippedInstrument("phq9")));
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE target_type = 'measure_response' AND target_id = '",
                               id, "' AND actor_user_id = ", p0().user.id)),
            "1");
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM audit_log a JOIN risk_alerts r ON a.target_id = r.id "
                               "WHERE a.target_type = 'risk_alert' AND r.response_id = ", id)),
            "1");

  // The cohort's facilitator sees it with its reason; a red tier for 2.
  const auto inbox = Alerts(w.world().clinician_token);
  ASSERT_EQ(inbox.alerts_size(), 1);
  EXPECT_EQ(inbox.alerts(0).tier(), v1::RISK_AMBER);
  EXPECT_EQ(inbox.alerts(0).participant_name(), "Robin Participant");
  EXPECT_EQ(inbox.alerts(0).instrument_short_name(), "PHQ-9");
  EXPECT_THAT(inbox.alerts(0).reasons(0), HasSubstr("PHQ-9, Baseline: PHQ-9 item 9"));
  EXPECT_THAT(inbox.alerts(0).reasons(0), HasSubstr("(answered \"Several days\")"));
  EXPECT_EQ(inbox.counts().amber(), 1);
  EXPECT_EQ(inbox.counts().red(), 0);

  ASSERT_THAT(w.Submit(p1(), MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 2}), &resp), GrpcOk());
  EXPECT_TRUE(resp.risk_rule_fired());
  EXPECT_EQ(Count(absl::StrCat("SELECT tier FROM risk_alerts WHERE response_id = ", resp.response().id())), "red");
  ASSERT_THAT(w.Submit(p2(), MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 0}), &resp), GrpcOk());
  EXPECT_FALSE(resp.risk_rule_fired());
  EXPECT_EQ(resp.crisis_text(), "");
  EXPECT_EQ(AlertsOf(p2().enrolment_id), "0");
}

TEST_F(MeasureApiTest, ARetryReturnsTheFirstResultAndOtherContentUnderTheKeyIsRefused) {
  const auto req = MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 3}, "retry-1");
  v1::SubmitResponseResponse first, second;
  ASSERT_THAT(w.Submit(p0(), req, &first), GrpcOk());
  ASSERT_THAT(w.Submit(p0(), req, &second), GrpcOk());
  EXPECT_EQ(second.response().id(), first.response().id());
  EXPECT_TRUE(second.risk_rule_fired());
  EXPECT_EQ(second.crisis_text(), first.crisis_text());
  EXPECT_EQ(ResponsesOf(p0().enrolment_id), "1");
  EXPECT_EQ(AlertsOf(p0().enrolment_id), "1");

  auto other = MeasureWorld::Request("phq9", "baseline", {1, 0, 0, 0, 0, 0, 0, 0, 3}, "retry-1");
  grpc::Status s = w.Submit(p0(), other, &second);
  EXPECT_THAT(s, GrpcIs(StatusCode::INVALID_ARGUMENT, "idempotency_key: was already used for a different request"));
  EXPECT_THAT(s, HasFieldViolation("idempotency_key", "was already used for a different request"));
  // A different key for the same time point: already completed.
  other.set_idempotency_key("retry-2");
  EXPECT_THAT(w.Submit(p0(), other, &second),
              GrpcIs(StatusCode::ALREADY_EXISTS, "time_point_key: PHQ-9 was already completed for Baseline"));
  EXPECT_EQ(ResponsesOf(p0().enrolment_id), "1");
}

TEST_F(MeasureApiTest, ConcurrentRetriesStoreOneResponseAndOneAlert) {
  const auto req = MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 2}, "burst");
  std::vector<int64_t> ids(6, 0);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ids.size(); ++i) {
    threads.emplace_back([&, i] {
      v1::SubmitResponseResponse resp;
      if (w.Submit(p0(), req, &resp).ok()) ids[i] = resp.response().id();
    });
  }
  for (auto& t : threads) t.join();
  for (int64_t id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_GT(ids[0], 0);
  EXPECT_EQ(ResponsesOf(p0().enrolment_id), "1");
  EXPECT_EQ(AlertsOf(p0().enrolment_id), "1");
}

TEST_F(MeasureApiTest, InvalidAnswersAreRefusedNamingTheFieldAndNothingIsWritten) {
  v1::SubmitResponseResponse resp;
  grpc::Status s = w.Submit(p0(), MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 4, 0, 0, 0, 0, 0}), &resp);
  EXPECT_THAT(s, GrpcIs(StatusCode::INVALID_ARGUMENT, "answers[3].value: must be one of 0, 1, 2, 3"));
  EXPECT_THAT(s, HasFieldViolation("answers[3].value", "must be one of 0, 1, 2, 3"));
  EXPECT_THAT(w.Submit(p0(), MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0}), &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "answers: item 9 (phq9_9) is not answered"));
  EXPECT_THAT(w.Submit(p0(), MeasureWorld::Request("phq9", "", {0, 0, 0, 0, 0, 0, 0, 0, 0}), &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "time_point_key: is required"));
  EXPECT_THAT(w.Submit(p0(), MeasureWorld::Request("phq9", "week-9", {0, 0, 0, 0, 0, 0, 0, 0, 0}), &resp),
              GrpcIs(StatusCode::NOT_FOUND, "time_point_key: no such time point in your group's plan"));
  EXPECT_THAT(w.Submit(p0(), MeasureWorld::Request("who5", "baseline", {1, 1, 1, 1, 1}), &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "instrument_key: WHO-5 is not part of Baseline"));
  EXPECT_THAT(w.Submit(p0(), MeasureWorld::Request("phq9", "week-4", {0, 0, 0, 0, 0, 0, 0, 0, 0}), &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("time_point_key: Week 4 opens on Sunday 24 January 2027")));
  auto future = MeasureWorld::Request("phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 0});
  future.mutable_completed_at()->set_seconds(absl::ToUnixSeconds(MeasureWorld::kStart + absl::Hours(2)));
  EXPECT_THAT(w.Submit(p0(), future, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "completed_at: must not be in the future"));
  EXPECT_EQ(ResponsesOf(p0().enrolment_id), "0");
  EXPECT_EQ(AlertsOf(p0().enrolment_id), "0");
}

TEST_F(MeasureApiTest, Core10WithTwoItemsMissingIsStoredWithoutATotal) {
  auto resp = w.MustSubmit(p0(), "core10", "baseline", {2, 2, 2, 2, 2, 0, 2, 2, -1, -1});
  EXPECT_FALSE(Total(resp.response()).has_value());
  EXPECT_EQ(Total(resp.response()).items_answered(), 8);
  EXPECT_EQ(Count(absl::StrCat("SELECT IFNULL(value, 'none') FROM measure_scores WHERE response_id = ",
                               resp.response().id())),
            "none");
  // One missing: the mean of nine times ten.
  resp = w.MustSubmit(p1(), "core10", "baseline", {2, 2, 2, 2, 2, 0, 2, 2, 2, -1});
  EXPECT_DOUBLE_EQ(Total(resp.response()).value(), 17.8);  // 16 / 9 x 10
  EXPECT_TRUE(Total(resp.response()).prorated());
}

TEST_F(MeasureApiTest, Core10ItemSixIsRedEvenWithALowTotal) {
  const auto resp = w.MustSubmit(p0(), "core10", "baseline", {0, 4, 4, 0, 0, 1, 0, 0, 0, 0});
  EXPECT_EQ(Total(resp.response()).value(), 1);
  EXPECT_TRUE(resp.risk_rule_fired());
  EXPECT_EQ(Count(absl::StrCat("SELECT tier FROM risk_alerts WHERE response_id = ", resp.response().id())), "red");
}

TEST_F(MeasureApiTest, ListDueMeasuresShowsOpenQuestionnairesWithTheirTimePoint) {
  auto due = [&] {
    v1::ListDueMeasuresResponse resp;
    auto ctx = TestServer::Context(p0().token);
    EXPECT_THAT(w.stub()->ListDueMeasures(ctx.get(), v1::ListDueMeasuresRequest(), &resp), GrpcOk());
    std::vector<std::string> keys;
    for (const auto& m : resp.measures()) {
      EXPECT_EQ(m.time_point_label(), "Baseline");
      EXPECT_EQ(m.status(), v1::DUE_OPEN);
      EXPECT_EQ(m.due_local(), "Tuesday 5 January 2027, 18:00 GMT");
      keys.push_back(m.instrument_key());
    }
    return keys;
  };
  EXPECT_THAT(due(), ElementsAre("phq9", "gad7", "core10", "scs-sf"));
  w.MustSubmit(p0(), "gad7", "baseline", {0, 0, 0, 0, 0, 0, 0});
  EXPECT_THAT(due(), ElementsAre("phq9", "core10", "scs-sf"));
}

TEST_F(MeasureApiTest, ADefinitionOnlyInstrumentIsAnsweredInTheAppOnlyOnceItsTextIsLoaded) {
  // The facilitators add the FSCRS to baseline.
  v1::GetMeasurementPlanRequest get;
  get.set_cohort_id(w.world().cohort_id);
  v1::GetMeasurementPlanResponse plan;
  auto c1 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->GetMeasurementPlan(c1.get(), get, &plan), GrpcOk());
  v1::UpdateMeasurementPlanRequest update;
  update.set_cohort_id(w.world().cohort_id);
  *update.mutable_time_points() = plan.plan().time_points();
  update.mutable_time_points(0)->add_instrument_keys("fscrs");
  v1::UpdateMeasurementPlanResponse updated;
  auto c2 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->UpdateMeasurementPlan(c2.get(), update, &updated), GrpcOk());

  auto due_keys = [&] {
    v1::ListDueMeasuresResponse resp;
    auto ctx = TestServer::Context(p0().token);
    EXPECT_THAT(w.stub()->ListDueMeasures(ctx.get(), v1::ListDueMeasuresRequest(), &resp), GrpcOk());
    std::vector<std::string> keys;
    for (const auto& m : resp.measures()) keys.push_back(m.instrument_key());
    return keys;
  };
  EXPECT_THAT(due_keys(), ElementsAre("phq9", "gad7", "core10", "scs-sf"));
  std::vector<int> fscrs(22, 0);
  fscrs[8] = 2;
  v1::SubmitResponseResponse resp;
  EXPECT_THAT(w.Submit(p0(), MeasureWorld::Request("fscrs", "baseline", fscrs), &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("FSCRS is completed on paper in your group")));

  v1::LoadLicensedItemTextRequest load;
  load.set_instrument_key("fscrs");
  load.set_licence_note("Licensed from the authors, ref. CMF-2027-02");
  for (int i = 1; i <= 22; ++i) {
    auto* t = load.add_items();
    t->set_item_code(absl::StrCat("fscrs_", i));
    t->set_text(absl::StrCat("Licensed item ", i));
  }
  v1::LoadLicensedItemTextResponse loaded;
  auto c3 = TestServer::Context(w.world().admin_token);
  ASSERT_THAT(w.stub()->LoadLicensedItemText(c3.get(), load, &loaded), GrpcOk());
  EXPECT_THAT(due_keys(), ElementsAre("phq9", "gad7", "core10", "scs-sf", "fscrs"));
  ASSERT_THAT(w.Submit(p0(), MeasureWorld::Request("fscrs", "baseline", fscrs), &resp), GrpcOk());
  EXPECT_TRUE(resp.risk_rule_fired());  // item 9 at 2: amber
  EXPECT_EQ(Count(absl::StrCat("SELECT CONCAT(tier, ' ', rule_keys) FROM risk_alerts WHERE response_id = ",
                               resp.response().id())),
            "amber item9-amber");
}

// --- paper forms -------------------------------------------------------------

TEST_F(MeasureApiTest, APaperCore10IsStoredAsAnswerValuesAndRecordedAsKeyedByTheClinician) {
  // Every "Not at all" box: the form prints 0, and 4 for items 2 and 3.
  v1::EnterResponseOnBehalfResponse resp;
  ASSERT_THAT(Paper(w.world().clinician_token, PaperRequest(p0().enrolment_id, "core10", {0, 4, 4, 0, 0, 0, 0, 0, 0, 0}),
                    &resp),
              GrpcOk());
  EXPECT_EQ(Total(resp.response()).value(), 8);
  EXPECT_EQ(resp.response().entry_mode(), v1::ENTRY_PAPER);
  EXPECT_EQ(resp.response().entered_by_user_id(), w.world().clinician.id);
  EXPECT_EQ(resp.response().answers(1).value(), 0);
  EXPECT_FALSE(resp.has_alert());
  const int64_t id = resp.response().id();
  EXPECT_EQ(Count(absl::StrCat("SELECT CONCAT(value, '/', keyed_value) FROM measure_answers WHERE response_id = ", id,
                               " AND item_code = 'core10_2'")),
            "0/4");
  EXPECT_EQ(Count(absl::StrCat("SELECT CONCAT(entry_mode, ' ', keyed_as, ' ', entered_by) FROM measure_responses WHERE id = ", id)),
            absl::StrCat("paper printed_score ", w.world().clinician.id));
  // Noon on the date written on the form, in the group's zone.
  EXPECT_EQ(testing::Iso(resp.response().completed_at()), "2027-01-03T12:00:00Z");
}

TEST_F(MeasureApiTest, PaperEntryChecksHowTheFormIsKeyedAndRaisesAlerts) {
  v1::EnterResponseOnBehalfResponse resp;
  auto req = PaperRequest(p0().enrolment_id, "core10", {0, 4, 4, 0, 0, 2, 0, 0, 0, 0});
  req.set_keyed_as(v1::PAPER_BOX_POSITION);
  EXPECT_THAT(Paper(w.world().clinician_token, req, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "keyed_as: this form is keyed as the scores printed on the form"));
  req.set_keyed_as(v1::PAPER_PRINTED_SCORE);
  req.mutable_answers(0)->set_keyed_value(7);
  EXPECT_THAT(Paper(w.world().clinician_token, req, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT,
                     "answers[0].keyed_value: must be one of 0, 1, 2, 3, 4 (scores printed on the form)"));
  req.mutable_answers(0)->set_keyed_value(0);
  req.mutable_completed_on()->set_day(9);
  EXPECT_THAT(Paper(w.world().clinician_token, req, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "completed_on: must not be in the future"));
  req.mutable_completed_on()->set_day(2);
  EXPECT_EQ(ResponsesOf(p0().enrolment_id), "0");
  ASSERT_THAT(Paper(w.world().clinician_token, req, &resp), GrpcOk());
  ASSERT_TRUE(resp.has_alert());
  EXPECT_EQ(resp.alert().tier(), v1::RISK_RED);
  EXPECT_THAT(resp.alert().reasons(0), HasSubstr("CORE-10 item 6"));
  // Red alerts are due four hours after they are raised (the default).
  EXPECT_EQ(testing::Iso(resp.alert().due_at()), "2027-01-04T16:00:00Z");
}

// --- plans --------------------------------------------------------------------

TEST_F(MeasureApiTest, TheDefaultPlanResolvesInTheGroupsZoneAndFacilitatorsEditIt) {
  v1::GetMeasurementPlanRequest get;
  get.set_cohort_id(w.world().cohort_id);
  v1::GetMeasurementPlanResponse plan;
  auto c1 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->GetMeasurementPlan(c1.get(), get, &plan), GrpcOk());
  EXPECT_TRUE(plan.plan().is_default());
  EXPECT_EQ(plan.time_zone(), "Europe/London");
  ASSERT_EQ(plan.schedule_size(), 4);
  EXPECT_EQ(plan.schedule(0).key(), "baseline");
  EXPECT_EQ(testing::Iso(plan.schedule(0).opens_at()), "2026-12-29T00:00:00Z");
  EXPECT_EQ(plan.schedule(0).due_local(), "Tuesday 5 January 2027, 18:00 GMT");
  EXPECT_EQ(plan.schedule(2).key(), "post");
  EXPECT_EQ(plan.schedule(2).week(), 8);
  EXPECT_EQ(testing::Iso(plan.schedule(3).due_at()), "2027-05-18T17:00:00Z");  // 18:00 BST, 12 weeks after week 8

  v1::UpdateMeasurementPlanRequest update;
  update.set_cohort_id(w.world().cohort_id);
  *update.mutable_time_points() = plan.plan().time_points();
  update.mutable_session_monitor()->set_enabled(true);
  update.mutable_session_monitor()->add_instrument_keys("phq9");
  update.mutable_time_points(1)->set_week(20);
  v1::UpdateMeasurementPlanResponse updated;
  auto c2 = TestServer::Context(w.world().clinician_token);
  EXPECT_THAT(w.stub()->UpdateMeasurementPlan(c2.get(), update, &updated),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "time_points[1].week: must be between 0 and 16"));
  update.mutable_time_points(1)->set_week(5);
  update.mutable_time_points(1)->set_label("Week 5");
  auto c3 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->UpdateMeasurementPlan(c3.get(), update, &updated), GrpcOk());
  EXPECT_FALSE(updated.plan().is_default());
  EXPECT_EQ(updated.schedule_size(), 12);  // 4 time points + 8 sessions
  auto c4 = TestServer::Context(w.world().admin_token);
  ASSERT_THAT(w.stub()->GetMeasurementPlan(c4.get(), get, &plan), GrpcOk());
  EXPECT_EQ(plan.plan().time_points(1).week(), 5);
  EXPECT_TRUE(plan.plan().session_monitor().enabled());
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE target_type = 'measurement_plan' AND target_id = '",
                               w.world().cohort_id, "'")),
            "1");
}

// --- outcomes -----------------------------------------------------------------

TEST_F(MeasureApiTest, OutcomesClassifyChangeFromBaselineWithTheMethodNamed) {
  w.MustSubmit(p0(), "phq9", "baseline", {2, 2, 2, 2, 2, 2, 2, 1, 0});  // 15
  w.MustSubmit(p1(), "phq9", "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8
  w.Advance(absl::Hours(24 * 48));  // Sunday 21 February: post is open
  w.MustSubmit(p0(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 0});      // 8: -7
  w.MustSubmit(p1(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 1});      // 9: +1

  v1::GetOutcomesRequest req;
  req.set_enrolment_id(p0().enrolment_id);
  v1::GetOutcomesResponse out;
  auto c1 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->GetOutcomes(c1.get(), req, &out), GrpcOk());
  EXPECT_EQ(out.participant_name(), "Robin Participant");
  ASSERT_EQ(out.instruments_size(), 1);
  const v1::ScoreSeries& s = out.instruments(0).scores(0);
  EXPECT_EQ(s.score_key(), "total");
  EXPECT_EQ(s.bands_size(), 5);
  EXPECT_EQ(s.recovery_cutoff(), 10);
  EXPECT_THAT(s.reliable_change().method(), HasSubstr("Published threshold: a change of 6 points or more"));
  ASSERT_EQ(s.points_size(), 2);
  EXPECT_EQ(s.points(0).value(), 15);
  EXPECT_EQ(s.points(0).classification(), v1::CHANGE_NOT_AVAILABLE);
  EXPECT_FALSE(s.points(0).has_change_from_baseline());
  EXPECT_EQ(s.points(1).value(), 8);
  EXPECT_EQ(s.points(1).change_from_baseline(), -7);
  EXPECT_TRUE(s.points(1).reliable());
  EXPECT_EQ(s.points(1).classification(), v1::CHANGE_RECOVERED);
  EXPECT_EQ(s.points(1).time_point_label(), "End of programme");

  // A participant reads their own progress, without names.
  v1::GetOutcomesResponse mine;
  auto c2 = TestServer::Context(p1().token);
  ASSERT_THAT(w.stub()->GetOutcomes(c2.get(), v1::GetOutcomesRequest(), &mine), GrpcOk());
  EXPECT_EQ(mine.participant_name(), "");
  EXPECT_EQ(mine.instruments(0).scores(0).points(1).classification(), v1::CHANGE_UNCHANGED);
  w.server().FlushAudit();  // reads are audited in batches
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.MeasureService/GetOutcomes' "
                               "AND target_type = 'enrolment' AND target_id = '", p1().enrolment_id, "'")),
            "1");
}

TEST_F(MeasureApiTest, CohortOutcomesSummariseParticipantsWithBothScores) {
  w.MustSubmit(p0(), "phq9", "baseline", {2, 2, 2, 2, 2, 2, 2, 1, 0});  // 15
  w.MustSubmit(p1(), "phq9", "baseline", {3, 3, 2, 2, 2, 2, 2, 2, 2});  // 20
  w.MustSubmit(p2(), "phq9", "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8, no post
  w.Advance(absl::Hours(24 * 48));
  w.MustSubmit(p0(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8: recovered
  w.MustSubmit(p1(), "phq9", "post", {2, 2, 2, 2, 1, 1, 1, 1, 0});  // 12: improved (-8, still a case)

  v1::GetCohortOutcomesRequest req;
  req.set_cohort_id(w.world().cohort_id);
  v1::GetCohortOutcomesResponse out;
  auto ctx = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->GetCohortOutcomes(ctx.get(), req, &out), GrpcOk());
  EXPECT_EQ(out.pre_time_point_key(), "baseline");
  EXPECT_EQ(out.post_time_point_key(), "post");
  ASSERT_EQ(out.scores_size(), 1);
  const v1::CohortScoreOutcome& s = out.scores(0);
  EXPECT_EQ(s.n(), 2);
  EXPECT_DOUBLE_EQ(s.pre_mean(), 17.5);
  EXPECT_DOUBLE_EQ(s.post_mean(), 10);
  EXPECT_DOUBLE_EQ(s.mean_improvement(), 7.5);
  EXPECT_NEAR(s.pre_sd(), 3.5355, 1e-4);
  EXPECT_NEAR(s.post_sd(), 2.8284, 1e-4);
  // d_av = 7.5 / ((3.5355 + 2.8284) / 2) = 2.357.
  EXPECT_NEAR(s.d_av(), 2.357, 1e-3);
  EXPECT_FALSE(s.has_r());  // fewer than three pairs
  EXPECT_FALSE(s.has_g_av());
  EXPECT_EQ(s.counts().recovered(), 1);
  EXPECT_EQ(s.counts().improved(), 1);
  EXPECT_DOUBLE_EQ(s.share_improved_or_recovered(), 1.0);
  EXPECT_TRUE(s.small_group());
  EXPECT_THAT(s.method(), HasSubstr("d_av"));

  req.set_post_time_point_key("nope");
  auto c2 = TestServer::Context(w.world().clinician_token);
  EXPECT_THAT(w.stub()->GetCohortOutcomes(c2.get(), req, &out),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "post_time_point_key: is not a time point of this cohort's plan"));
}

TEST_F(MeasureApiTest, ReliableDeteriorationSinceBaselineIsAmber) {
  w.MustSubmit(p0(), "phq9", "baseline", {1, 1, 1, 0, 0, 0, 0, 0, 0});  // 3
  w.Advance(absl::Hours(24 * 20));                                      // Sunday 24 January: week 4 opens
  const auto resp = w.MustSubmit(p0(), "phq9", "week-4", {2, 2, 2, 2, 1, 1, 0, 0, 0});  // 10: +7
  EXPECT_TRUE(resp.risk_rule_fired());
  const auto inbox = Alerts(w.world().clinician_token);
  ASSERT_EQ(inbox.alerts_size(), 1);
  EXPECT_EQ(inbox.alerts(0).tier(), v1::RISK_AMBER);
  EXPECT_THAT(inbox.alerts(0).reasons(0), HasSubstr("Reliable deterioration on the PHQ-9 since baseline"));
  EXPECT_EQ(inbox.alerts(0).time_point_label(), "Week 4");
}

TEST_F(MeasureApiTest, TheDigestListsNewAlertsAndReliableChangesSinceAnInstant) {
  w.MustSubmit(p0(), "phq9", "baseline", {2, 2, 2, 2, 2, 2, 2, 1, 1});  // 16, amber (item 9)
  w.MustSubmit(p1(), "phq9", "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8
  w.Advance(absl::Hours(24 * 48));
  const absl::Time since = w.server().clock().Now();
  w.MustSubmit(p0(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8: recovered
  w.MustSubmit(p1(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 2});  // 10: +2, but item 9 is red

  RequestContext ctx;
  ctx.method = "test digest";
  ctx.principal = Principal{.user_id = w.world().clinician.id, .organisation_id = w.world().organisation_id,
                            .role = Role::kClinician};
  auto cohort = w.server().app().cohorts().GetCohort(ctx, w.world().cohort_id);
  ASSERT_TRUE(cohort.ok()) << cohort.status();
  auto digest = InTransaction(w.server().app().transactions(), [&](UnitOfWork& uow) {
    return w.server().app().measures().CohortDigestSince(uow, cohort->record, since);
  });
  ASSERT_TRUE(digest.ok()) << digest.status();
  ASSERT_EQ(digest->alerts.size(), 1u);  // the baseline's amber alert is older
  EXPECT_EQ(digest->alerts[0].tier, measures::RiskTier::kRed);
  EXPECT_EQ(digest->alerts[0].participant_name, "Sam Second");
  ASSERT_EQ(digest->reliable_changes.size(), 1u);
  const measures::ReliableChangeNote& note = digest->reliable_changes[0];
  EXPECT_EQ(note.participant_name, "Robin Participant");
  EXPECT_EQ(note.short_name, "PHQ-9");
  EXPECT_EQ(note.baseline, 16);
  EXPECT_EQ(note.value, 8);
  EXPECT_EQ(note.classification, measures::Classification::kRecovered);
  EXPECT_EQ(note.time_point_label, "End of programme");
}

// --- the risk inbox ---------------------------------------------------------------

TEST_F(MeasureApiTest, AnUnacknowledgedAlertPastItsDeadlineIsListedFirstAsOverdue) {
  // Amber at 12:00 (due 12:00 the next day); red 23 hours later (due 4 hours after).
  w.MustSubmit(p0(), "phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 1});
  w.Advance(absl::Hours(23));
  w.MustSubmit(p1(), "phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 3});
  auto inbox = Alerts(w.world().clinician_token);
  ASSERT_EQ(inbox.alerts_size(), 2);
  EXPECT_EQ(inbox.alerts(0).tier(), v1::RISK_RED);  // nothing overdue yet: red first
  EXPECT_EQ(inbox.counts().overdue(), 0);

  w.Advance(absl::Hours(2));  // 13:00: the amber alert is an hour past its deadline
  inbox = Alerts(w.world().clinician_token);
  ASSERT_EQ(inbox.alerts_size(), 2);
  EXPECT_EQ(inbox.alerts(0).tier(), v1::RISK_AMBER);
  EXPECT_TRUE(inbox.alerts(0).overdue());
  EXPECT_EQ(inbox.alerts(0).participant_name(), "Robin Participant");
  EXPECT_EQ(inbox.alerts(1).tier(), v1::RISK_RED);
  EXPECT_FALSE(inbox.alerts(1).overdue());
  EXPECT_EQ(inbox.counts().red(), 1);
  EXPECT_EQ(inbox.counts().amber(), 1);
  EXPECT_EQ(inbox.counts().overdue(), 1);

  // Acknowledged, it is no longer overdue and goes below the unacknowledged red.
  v1::AcknowledgeRiskAlertRequest ack;
  ack.set_alert_id(inbox.alerts(0).id());
  ack.set_note("Phoned; safe, booked a review");
  v1::AcknowledgeRiskAlertResponse acked;
  auto c1 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->AcknowledgeRiskAlert(c1.get(), ack, &acked), GrpcOk());
  EXPECT_EQ(acked.alert().status(), v1::RISK_ALERT_ACKNOWLEDGED);
  EXPECT_FALSE(acked.alert().overdue());
  EXPECT_THAT(acked.alert().acknowledged_by_name(), HasSubstr("Test clinician"));
  EXPECT_EQ(acked.alert().acknowledge_note(), "Phoned; safe, booked a review");
  inbox = Alerts(w.world().admin_token);
  EXPECT_EQ(inbox.alerts(0).tier(), v1::RISK_RED);
  EXPECT_EQ(inbox.alerts(1).status(), v1::RISK_ALERT_ACKNOWLEDGED);
  EXPECT_EQ(inbox.counts().overdue(), 0);
  EXPECT_EQ(inbox.counts().amber(), 0);
}

TEST_F(MeasureApiTest, ResolvingNeedsANoteAndHappensOnce) {
  w.MustSubmit(p0(), "phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 2});
  const int64_t id = Alerts(w.world().clinician_token).alerts(0).id();
  v1::ResolveRiskAlertRequest req;
  req.set_alert_id(id);
  v1::ResolveRiskAlertResponse resp;
  auto c1 = TestServer::Context(w.world().clinician_token);
  EXPECT_THAT(w.stub()->ResolveRiskAlert(c1.get(), req, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "note: is required"));
  req.set_note("Risk assessment done with the participant; safety plan updated.");
  auto c2 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->ResolveRiskAlert(c2.get(), req, &resp), GrpcOk());
  EXPECT_EQ(resp.alert().status(), v1::RISK_ALERT_RESOLVED);
  EXPECT_TRUE(resp.alert().has_acknowledged_at());  // resolving acknowledges too
  EXPECT_EQ(resp.alert().resolve_note(), "Risk assessment done with the participant; safety plan updated.");
  auto c3 = TestServer::Context(w.world().clinician_token);
  EXPECT_THAT(w.stub()->ResolveRiskAlert(c3.get(), req, &resp),
              GrpcIs(StatusCode::FAILED_PRECONDITION, "alert_id: the alert is already resolved"));
  EXPECT_EQ(Alerts(w.world().clinician_token).alerts_size(), 0);
  EXPECT_EQ(Alerts(w.world().clinician_token, true).alerts_size(), 1);
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.MeasureService/ResolveRiskAlert' "
                               "AND target_id = '", id, "' AND status_code = 0")),
            "1");
}

TEST_F(MeasureApiTest, TheOrganisationsCrisisTextAndResponseTimesApply) {
  v1::UpdateMeasureSettingsRequest req;
  req.set_crisis_text("Call the Riverside crisis line on 0800 000 0000, or 999 in an emergency.");
  req.set_amber_response_minutes(120);
  v1::UpdateMeasureSettingsResponse resp;
  auto c1 = TestServer::Context(w.world().admin_token);
  ASSERT_THAT(w.stub()->UpdateMeasureSettings(c1.get(), req, &resp), GrpcOk());
  EXPECT_FALSE(resp.settings().defaults());
  EXPECT_EQ(resp.settings().red_response_minutes(), measures::kDefaultRedMinutes);
  req.set_amber_response_minutes(5);
  auto c2 = TestServer::Context(w.world().admin_token);
  EXPECT_THAT(w.stub()->UpdateMeasureSettings(c2.get(), req, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "amber_response_minutes: must be between 15 and 10080"));

  const auto submitted = w.MustSubmit(p0(), "phq9", "baseline", {0, 0, 0, 0, 0, 0, 0, 0, 1});
  EXPECT_EQ(submitted.crisis_text(), "Call the Riverside crisis line on 0800 000 0000, or 999 in an emergency.");
  EXPECT_EQ(Instrument(p0().token, "phq9").crisis_text(), submitted.crisis_text());
  const auto inbox = Alerts(w.world().clinician_token);
  EXPECT_EQ(testing::Iso(inbox.alerts(0).due_at()), "2027-01-04T14:00:00Z");
}

TEST(InstrumentVersions, MigrateRecordsEachVersionOnceAndRefusesContentChangedUnderIt) {
  SetupOptions setup;
  setup.owner = TestDatabase::Get().owner();
  setup.migrations_dir = testing::SourceDir() + "/deploy/mysql/migrations";
  setup.programmes_dir = testing::SourceDir() + "/deploy/programmes";
  setup.instruments_dir = testing::SourceDir() + "/deploy/instruments";
  auto again = SetUpDatabase(setup);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->instrument_versions_loaded, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instrument_versions"), "15");

  const auto dir = std::filesystem::temp_directory_path() / ("cft-inst-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  std::ifstream in(testing::SourceDir() + "/deploy/instruments/phq9.textproto");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  s.replace(s.find("Nearly every day"), 16, "Almost every day");
  std::ofstream(dir / "phq9.textproto") << s;
  setup.instruments_dir = dir.string();
  auto changed = SetUpDatabase(setup);
  EXPECT_EQ(changed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(changed.status().message()),
              HasSubstr("instrument phq9 version 1 changed after it was first loaded"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cft
