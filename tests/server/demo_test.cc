// cftctl seed-demo: a running cohort part-way through, safe to run twice,
// and the sign-ins it prints work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "absl/strings/str_split.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/measure.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "services/cli/demo.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcOk;
using ::cft::testing::IsOk;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;

// email -> password from the printed sign-ins.
std::map<std::string, std::string> SignIns(const std::string& printed) {
  std::map<std::string, std::string> out;
  for (absl::string_view line : absl::StrSplit(printed, '\n')) {
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    if (cols.size() == 3 && cols[1].find('@') != std::string::npos) out[cols[1]] = cols[2];
  }
  return out;
}

TEST(SeedDemo, BuildsARunningCohortPartWayThroughAndCanRunAgain) {
  TestServer server;
  std::ostringstream first;
  ASSERT_THAT(cli::SeedDemo(server.app(), first), IsOk());
  auto logins = SignIns(first.str());
  EXPECT_EQ(logins.size(), 7u);  // three staff, four participants
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM cohorts WHERE status = 'running'"), "1");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM enrolments WHERE status = 'active'"), "4");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM referrals"), "8");
  EXPECT_GE(std::stoi(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM cohort_sessions WHERE status = 'held'")), 2);
  // Baseline PHQ-9, GAD-7 and CORE-10 keyed from paper for the four who
  // joined; week 4's PHQ-9 and GAD-7 answered in the app by three of them.
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM measure_responses WHERE time_point_key = 'baseline' "
                                       "AND entry_mode = 'paper'"),
            "12");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM measure_responses WHERE time_point_key = 'week-4' "
                                       "AND entry_mode = 'online'"),
            "6");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT GROUP_CONCAT(tier) FROM risk_alerts"), "amber");
  EXPECT_THAT(first.str(), ::testing::HasSubstr("one amber risk alert (Priya Shah, PHQ-9 item 9)"));

  // A participant signs in and finds released weeks; Tom missed week 2.
  auto auth = server.Stub<v1::AuthService>();
  v1::LoginRequest req;
  req.set_email("tom.evans@demo.cft.example");
  req.set_password(logins["tom.evans@demo.cft.example"]);
  v1::LoginResponse login;
  auto c1 = TestServer::Context();
  ASSERT_THAT(auth->Login(c1.get(), req, &login), GrpcOk());
  auto calendar = server.Stub<v1::CalendarService>();
  v1::GetMyProgrammeResponse mine;
  auto c2 = TestServer::Context(login.token());
  ASSERT_THAT(calendar->GetMyProgramme(c2.get(), v1::GetMyProgrammeRequest(), &mine), GrpcOk());
  EXPECT_GE(mine.current_week(), 2);
  EXPECT_LT(mine.current_week(), 8);
  EXPECT_FALSE(mine.weeks(0).catch_up());  // present on the register, though entered later
  EXPECT_TRUE(mine.weeks(1).catch_up());

  // The lead facilitator's risk inbox holds Priya's amber alert.
  v1::LoginRequest lead;
  lead.set_email("alex.morgan@demo.cft.example");
  lead.set_password(logins["alex.morgan@demo.cft.example"]);
  v1::LoginResponse lead_login;
  auto c4 = TestServer::Context();
  ASSERT_THAT(auth->Login(c4.get(), lead, &lead_login), GrpcOk());
  v1::ListRiskAlertsResponse inbox;
  auto c5 = TestServer::Context(lead_login.token());
  ASSERT_THAT(server.Stub<v1::MeasureService>()->ListRiskAlerts(c5.get(), v1::ListRiskAlertsRequest(), &inbox),
              GrpcOk());
  ASSERT_EQ(inbox.alerts_size(), 1);
  EXPECT_EQ(inbox.alerts(0).participant_name(), "Priya Shah");
  EXPECT_EQ(inbox.alerts(0).tier(), v1::RISK_AMBER);
  EXPECT_EQ(inbox.alerts(0).time_point_label(), "Week 4");
  EXPECT_EQ(inbox.counts().amber(), 1);

  std::ostringstream second;
  ASSERT_THAT(cli::SeedDemo(server.app(), second), IsOk());
  EXPECT_THAT(second.str(), ::testing::HasSubstr("already seeded"));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM cohorts"), "1");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM measure_responses"), "18");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM risk_alerts"), "1");
  auto again = SignIns(second.str());
  EXPECT_EQ(again.size(), 7u);
  EXPECT_NE(again["tom.evans@demo.cft.example"], logins["tom.evans@demo.cft.example"]);
  req.set_password(again["tom.evans@demo.cft.example"]);
  auto c3 = TestServer::Context();
  EXPECT_THAT(auth->Login(c3.get(), req, &login), GrpcOk());
}

}  // namespace
}  // namespace cft
