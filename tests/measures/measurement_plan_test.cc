// Measurement plans resolved in the cohort's zone: local midnights and the
// session's local hour hold across the clock change.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/civil_time.h"
#include "services/measures/measurement_plan.h"
#include "tests/measures/shipped_instruments.h"
#include "tests/support/status_matchers.h"

namespace cft::measures {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using testing::Shipped;

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

// Eight Tuesday sessions at 18:00 Europe/London from 20 October 2026; the
// clocks go back on 25 October.
std::vector<PlanSession> EightTuesdays(const absl::TimeZone& tz) {
  std::vector<PlanSession> out;
  for (int w = 1; w <= 8; ++w) {
    const absl::CivilSecond local = absl::CivilSecond(2026, 10, 20, 18, 0, 0) + int64_t{(w - 1) * 7 * 24 * 3600};
    out.push_back({.session_id = 100 + w, .week = w, .local_start = local, .starts_at = LocalToUtc(local, tz)});
  }
  return out;
}

TEST(MeasurementPlan, TheDefaultPlanIsValidAgainstTheShippedInstruments) {
  EXPECT_THAT(ValidatePlan(DefaultPlan(), Shipped()), IsOk());
  EXPECT_TRUE(DefaultPlan().is_default);
  EXPECT_FALSE(DefaultPlan().session_monitor.enabled);
}

TEST(MeasurementPlan, DefaultTimePointsInLocalTimeAcrossTheClockChange) {
  absl::TimeZone tz;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &tz));
  const auto schedule = ResolvePlan(DefaultPlan(), EightTuesdays(tz), tz);
  ASSERT_EQ(schedule.size(), 4u);

  const ScheduledTimePoint& baseline = schedule[0];
  EXPECT_EQ(baseline.key, "baseline");
  EXPECT_EQ(baseline.week, 1);
  EXPECT_EQ(baseline.session_id, 101);
  EXPECT_EQ(baseline.opens_at, Utc(2026, 10, 12, 23, 0));   // local midnight 13 Oct, BST
  EXPECT_EQ(baseline.due_at, Utc(2026, 10, 20, 17, 0));     // 18:00 BST
  EXPECT_EQ(baseline.closes_at, Utc(2026, 10, 27, 0, 0));   // end of 26 Oct, now GMT

  const ScheduledTimePoint& week4 = schedule[1];
  EXPECT_EQ(week4.key, "week-4");
  EXPECT_EQ(week4.due_at, Utc(2026, 11, 10, 18, 0));  // still 18:00 local, now GMT
  EXPECT_EQ(week4.opens_at, Utc(2026, 11, 8, 0, 0));

  const ScheduledTimePoint& post = schedule[2];
  EXPECT_EQ(post.kind, TimePointKind::kPost);
  EXPECT_EQ(post.week, 8);
  EXPECT_EQ(post.due_at, Utc(2026, 12, 8, 18, 0));
  EXPECT_EQ(post.closes_at, Utc(2026, 12, 23, 0, 0));

  const ScheduledTimePoint& follow = schedule[3];
  EXPECT_EQ(follow.kind, TimePointKind::kFollowUp);
  EXPECT_FALSE(follow.session_id.has_value());
  // Twelve weeks after 8 December 2026 at 18:00 local: 2 March 2027.
  EXPECT_EQ(follow.due_at, Utc(2027, 3, 2, 18, 0));
}

TEST(MeasurementPlan, TheSessionMonitorAddsOneTimePointPerSession) {
  absl::TimeZone tz;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &tz));
  MeasurementPlan plan = DefaultPlan();
  plan.session_monitor.enabled = true;
  const auto schedule = ResolvePlan(plan, EightTuesdays(tz), tz);
  EXPECT_EQ(schedule.size(), 12u);
  const ScheduledTimePoint* s3 = FindKey(schedule, "session-3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->label, "Session 3");
  EXPECT_EQ(s3->kind, TimePointKind::kSession);
  EXPECT_EQ(s3->opens_at, Utc(2026, 11, 1, 0, 0));
  EXPECT_EQ(s3->closes_at, Utc(2026, 11, 4, 0, 0));
  EXPECT_THAT(s3->instrument_keys, ::testing::ElementsAre("phq9", "gad7"));
}

TEST(MeasurementPlan, ATimePointWhoseWeekHasNoSessionIsLeftOut) {
  absl::TimeZone tz;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &tz));
  auto sessions = EightTuesdays(tz);
  sessions.erase(sessions.begin() + 3);  // week 4 cancelled
  const auto schedule = ResolvePlan(DefaultPlan(), sessions, tz);
  EXPECT_EQ(FindKey(schedule, "week-4"), nullptr);
  EXPECT_NE(FindKey(schedule, "post"), nullptr);
}

TEST(MeasurementPlan, ValidationNamesTheField) {
  MeasurementPlan plan = DefaultPlan();
  plan.time_points[1].week = 17;
  EXPECT_THAT(ValidatePlan(plan, Shipped()),
              StatusIs(absl::StatusCode::kInvalidArgument, "time_points[1].week: must be between 0 and 16"));
  plan = DefaultPlan();
  plan.time_points[2].instrument_keys.push_back("bdi-ii");
  EXPECT_THAT(ValidatePlan(plan, Shipped()), StatusIs(absl::StatusCode::kInvalidArgument,
                                                      "time_points[2].instrument_keys[4]: is not a known instrument"));
  plan = DefaultPlan();
  plan.time_points[1].kind = TimePointKind::kBaseline;
  EXPECT_THAT(ValidatePlan(plan, Shipped()),
              StatusIs(absl::StatusCode::kInvalidArgument, "time_points: must have exactly one baseline"));
  plan = DefaultPlan();
  plan.time_points[3].key = "session-1";
  EXPECT_THAT(ValidatePlan(plan, Shipped()), StatusIs(absl::StatusCode::kInvalidArgument,
                                                      "time_points[3].key: session-... keys belong to the session monitor"));
  plan = DefaultPlan();
  plan.time_points[0].key = plan.time_points[1].key;
  EXPECT_THAT(ValidatePlan(plan, Shipped()), StatusIs(absl::StatusCode::kInvalidArgument, "time_points[1].key: is used twice"));
}

}  // namespace
}  // namespace cft::measures
