// The response and its risk alert commit together or not at all, against the
// real database: MeasureService over the MySQL repositories, with a failure
// injected right after the alert's INSERT.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/audit/mysql_audit_repository.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/mysql_repositories.h"
#include "services/idempotency/mysql_idempotency_repository.h"
#include "services/measures/measure_service.h"
#include "services/measures/measurement_plan.h"
#include "services/measures/mysql_measure_repository.h"
#include "services/storage/connection_pool.h"
#include "services/storage/transaction_runner.h"
#include "tests/measures/measure_world.h"
#include "tests/measures/shipped_instruments.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace cft::measures {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::cft::testing::TestDatabase;

// The real repository, failing the call that inserted an alert when told to:
// the row is written, then the unit of work sees an error.
class FailAfterAlertInsert final : public MySqlMeasureRepository {
 public:
  bool fail = false;
  absl::StatusOr<int64_t> InsertAlert(UnitOfWork& uow, const NewAlert& alert) override {
    absl::StatusOr<int64_t> id = MySqlMeasureRepository::InsertAlert(uow, alert);
    if (id.ok() && fail) return absl::UnavailableError("injected failure after the alert insert");
    return id;
  }
};

class MeasureTransactionTest : public ::testing::Test {
 protected:
  MeasureTransactionTest()
      : clock_(cft::testing::MeasureWorld::kStart),
        pool_(TestDatabase::Get().app()),
        tx_(pool_),
        auditor_(audit_repo_, tx_, clock_),
        idempotency_(idempotency_repo_),
        service_(measures_, cohorts_, enrolments_, sessions_, idempotency_, tx_, auditor_, clock_,
                 testing::ShippedShared()) {}

  RequestContext ParticipantContext() {
    const auto& p = world_.participants()[0];
    RequestContext ctx;
    ctx.method = "/cft.v1.MeasureService/SubmitResponse";
    ctx.peer = "test";
    ctx.principal = Principal{.user_id = p.user.id, .organisation_id = p.user.organisation_id, .role = Role::kParticipant};
    return ctx;
  }

  SubmitRequest Phq9ItemNine(int value, const std::string& key) {
    SubmitRequest r{.instrument_key = "phq9", .time_point_key = "baseline", .idempotency_key = key,
                    .request_hash = absl::StrCat("hash-of-phq9-item9-", value)};
    for (int i = 1; i <= 9; ++i) r.answers.push_back({.item_code = absl::StrCat("phq9_", i), .value = i == 9 ? value : 0});
    return r;
  }

  std::string Rows(const std::string& table) {
    return TestDatabase::Get().Scalar(absl::StrCat("SELECT COUNT(*) FROM ", table, " WHERE enrolment_id = ",
                                                   world_.participants()[0].enrolment_id));
  }

  cft::testing::MeasureWorld world_;
  FakeClock clock_;
  storage::ConnectionPool pool_;
  storage::MySqlTransactionRunner tx_;
  audit::MySqlAuditRepository audit_repo_;
  audit::Auditor auditor_;
  idempotency::MySqlIdempotencyRepository idempotency_repo_;
  idempotency::Idempotency idempotency_;
  cohorts::MySqlCohortRepository cohorts_;
  cohorts::MySqlEnrolmentRepository enrolments_;
  cohorts::MySqlSessionRepository sessions_;
  FailAfterAlertInsert measures_;
  MeasureService service_;
};

TEST_F(MeasureTransactionTest, AFailureAfterTheAlertInsertLeavesNeitherResponseNorAlert) {
  measures_.fail = true;
  RequestContext ctx = ParticipantContext();
  EXPECT_THAT(service_.Submit(ctx, Phq9ItemNine(2, "tx-1")),
              StatusIs(absl::StatusCode::kUnavailable, "injected failure after the alert insert"));
  EXPECT_EQ(Rows("measure_responses"), "0");
  EXPECT_EQ(Rows("risk_alerts"), "0");
  EXPECT_EQ(TestDatabase::Get().Scalar(absl::StrCat("SELECT COUNT(*) FROM idempotency_keys WHERE idempotency_key = "
                                                    "'tx-1' AND user_id = ", ctx.caller().user_id)),
            "0");
  EXPECT_EQ(TestDatabase::Get().Scalar(absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE target_type IN "
                                                    "('measure_response', 'risk_alert') AND actor_user_id = ",
                                                    ctx.caller().user_id)),
            "0");
}

TEST_F(MeasureTransactionTest, TheRetriedSubmissionYieldsOneResponseAndOneAlert) {
  measures_.fail = true;
  RequestContext first = ParticipantContext();
  ASSERT_THAT(service_.Submit(first, Phq9ItemNine(2, "tx-2")), StatusIs(absl::StatusCode::kUnavailable));

  measures_.fail = false;
  RequestContext retry = ParticipantContext();
  absl::StatusOr<SubmitResult> stored = service_.Submit(retry, Phq9ItemNine(2, "tx-2"));
  ASSERT_THAT(stored, IsOk());
  EXPECT_FALSE(stored->replayed);
  ASSERT_TRUE(stored->alert.has_value());
  EXPECT_EQ(stored->alert->tier, RiskTier::kRed);
  EXPECT_EQ(stored->crisis_text, DefaultCrisisText());

  RequestContext again = ParticipantContext();
  absl::StatusOr<SubmitResult> replayed = service_.Submit(again, Phq9ItemNine(2, "tx-2"));
  ASSERT_THAT(replayed, IsOk());
  EXPECT_TRUE(replayed->replayed);
  EXPECT_EQ(replayed->response.id, stored->response.id);
  ASSERT_TRUE(replayed->alert.has_value());
  EXPECT_EQ(replayed->alert->id, stored->alert->id);
  EXPECT_EQ(replayed->crisis_text, DefaultCrisisText());

  EXPECT_EQ(Rows("measure_responses"), "1");
  EXPECT_EQ(Rows("risk_alerts"), "1");
  EXPECT_EQ(TestDatabase::Get().Scalar(absl::StrCat("SELECT response_id FROM risk_alerts WHERE enrolment_id = ",
                                                    world_.participants()[0].enrolment_id)),
            absl::StrCat(stored->response.id));
}

// Every participant call starts from their place, and every due list and
// submission reads the cohort's plan: against the real schema each is one
// statement (the enrolment with its cohort; the plan with its time points, in
// the plan's order).
TEST_F(MeasureTransactionTest, APlaceAndAPlanAreReadInOneStatementEach) {
  const auto& p = world_.participants()[0];
  const int64_t cohort_id = world_.world().cohort_id;
  MeasurementPlan saved = DefaultPlan();
  saved.is_default = false;
  ASSERT_GE(saved.time_points.size(), 3u);
  // Stored in this order, so position order is not key or week order.
  std::swap(saved.time_points[0], saved.time_points[2]);
  ASSERT_THAT(tx_.Run([&](UnitOfWork& uow) {
    return measures_.SavePlan(uow, cohort_id, saved, clock_.Now(), world_.world().clinician.id);
  }),
              IsOk());

  const Principal me{.user_id = p.user.id, .organisation_id = p.user.organisation_id, .role = Role::kParticipant};
  int64_t place_statements = -1;
  int64_t plan_statements = -1;
  absl::StatusOr<std::pair<cohorts::Place, std::optional<MeasurementPlan>>> read =
      InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<std::pair<cohorts::Place, std::optional<MeasurementPlan>>> {
        int64_t before = pool_.statements_sent();
        absl::StatusOr<cohorts::Place> place = cohorts::RequireOwnPlace(uow, enrolments_, me, clock_.Now());
        place_statements = pool_.statements_sent() - before;
        if (!place.ok()) return place.status();
        before = pool_.statements_sent();
        absl::StatusOr<std::optional<MeasurementPlan>> plan = measures_.FindPlan(uow, place->cohort.id);
        plan_statements = pool_.statements_sent() - before;
        if (!plan.ok()) return plan.status();
        return std::make_pair(*std::move(place), *std::move(plan));
      });
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(place_statements, 1);
  EXPECT_EQ(plan_statements, 1);
  EXPECT_EQ(read->first.enrolment.id, p.enrolment_id);
  EXPECT_EQ(read->first.cohort.id, cohort_id);
  EXPECT_EQ(read->first.cohort.plan.time_zone, "Europe/London");
  ASSERT_TRUE(read->second.has_value());
  ASSERT_EQ(read->second->time_points.size(), saved.time_points.size());
  for (size_t i = 0; i < saved.time_points.size(); ++i) {
    EXPECT_EQ(read->second->time_points[i].key, saved.time_points[i].key) << "time point " << i;
    EXPECT_EQ(read->second->time_points[i].instrument_keys, saved.time_points[i].instrument_keys);
  }

  // Someone with no place, and a place of another organisation's, look alike.
  Principal stranger = me;
  stranger.organisation_id = p.user.organisation_id + 1000;
  EXPECT_THAT(tx_.RunReadOnly([&](UnitOfWork& uow) {
    return cohorts::RequireOwnPlace(uow, enrolments_, stranger, clock_.Now()).status();
  }),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace cft::measures
