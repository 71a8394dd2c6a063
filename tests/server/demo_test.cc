// cftctl seed-demo: a running cohort part-way through with its homework,
// safe to run twice, and the sign-ins it prints work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "absl/strings/str_split.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/homework.grpc.pb.h"
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

std::string Token(TestServer& server, const std::string& email, const std::string& password) {
  auto auth = server.Stub<v1::AuthService>();
  v1::LoginRequest req;
  req.set_email(email);
  req.set_password(password);
  v1::LoginResponse login;
  auto ctx = TestServer::Context();
  EXPECT_THAT(auth->Login(ctx.get(), req, &login), GrpcOk());
  return login.token();
}

// Four weeks of homework, some keen, Grace fading so the early warnings fire.
void CheckHomework(TestServer& server, std::map<std::string, std::string> logins) {
  EXPECT_GE(std::stoi(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM practice_logs")), 100);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM cohort_sessions WHERE status = 'held'"), "4");
  EXPECT_GE(std::stoi(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM practice_log_feedback")), 1);

  const std::string clinician = Token(server, "alex.morgan@demo.cft.example", logins["alex.morgan@demo.cft.example"]);
  auto cohorts = server.Stub<v1::CohortService>();
  v1::ListCohortsResponse list;
  auto c1 = TestServer::Context(clinician);
  ASSERT_THAT(cohorts->ListCohorts(c1.get(), v1::ListCohortsRequest(), &list), GrpcOk());
  ASSERT_EQ(list.cohorts_size(), 1);
  const int64_t cohort = list.cohorts(0).id();

  // The digest for the next session warns about Grace, for all three reasons, and nobody else.
  auto homework = server.Stub<v1::HomeworkService>();
  v1::GetFacilitatorDigestRequest dreq;
  dreq.set_cohort_id(cohort);
  v1::GetFacilitatorDigestResponse digest;
  auto c2 = TestServer::Context(clinician);
  ASSERT_THAT(homework->GetFacilitatorDigest(c2.get(), dreq, &digest), GrpcOk());
  EXPECT_EQ(digest.session().week_number(), 5);
  std::vector<std::string> warnings;
  for (const auto& w : digest.early_warnings()) {
    warnings.push_back(w.participant_name() + " " + v1::EarlyWarningReason_Name(w.reason()));
  }
  EXPECT_THAT(warnings, ::testing::UnorderedElementsAre("Grace Okafor EARLY_WARNING_ADHERENCE_FALLING",
                                                        "Grace Okafor EARLY_WARNING_MISSED_TWO_SESSIONS",
                                                        "Grace Okafor EARLY_WARNING_NO_PRACTICE_FOR_TEN_DAYS"));
  ASSERT_EQ(digest.missed_last_session_size(), 1);
  EXPECT_EQ(digest.missed_last_session(0).participant_name(), "Grace Okafor");
  ASSERT_EQ(digest.module_not_opened_size(), 1);
  EXPECT_EQ(digest.module_not_opened(0).participant_name(), "Grace Okafor");

  // The grid: Jordan keen, Grace fading away.
  v1::GetAdherenceRequest areq;
  areq.set_cohort_id(cohort);
  v1::GetAdherenceResponse grid;
  auto c3 = TestServer::Context(clinician);
  ASSERT_THAT(homework->GetAdherence(c3.get(), areq, &grid), GrpcOk());
  ASSERT_EQ(grid.weeks_size(), 4);
  std::map<std::string, std::vector<int>> percents;
  for (const auto& row : grid.participants()) {
    for (const auto& c : row.weeks()) percents[row.participant_name()].push_back(c.percent());
  }
  ASSERT_EQ(percents.size(), 4u);
  EXPECT_EQ(percents["Jordan Lee"][0], 100);
  EXPECT_EQ(percents["Jordan Lee"][1], 100);
  EXPECT_THAT(percents["Grace Okafor"], ::testing::ElementsAre(90, 57, 0, 0));

  // A participant finds this week's practices with progress, and a facilitator's feedback.
  const std::string jordan = Token(server, "jordan.lee@demo.cft.example", logins["jordan.lee@demo.cft.example"]);
  v1::ListMyAssignmentsResponse mine;
  auto c4 = TestServer::Context(jordan);
  ASSERT_THAT(homework->ListMyAssignments(c4.get(), v1::ListMyAssignmentsRequest(), &mine), GrpcOk());
  EXPECT_EQ(mine.current_week(), 4);
  ASSERT_GT(mine.assignments_size(), 0);
  EXPECT_TRUE(mine.assignments(0).this_week());
  v1::ListPracticeLogsResponse logs;
  auto c5 = TestServer::Context(jordan);
  ASSERT_THAT(homework->ListPracticeLogs(c5.get(), v1::ListPracticeLogsRequest(), &logs), GrpcOk());
  int feedback = 0;
  for (const auto& l : logs.logs()) feedback += l.feedback_size();
  EXPECT_EQ(feedback, 1);
  EXPECT_GE(logs.weeks_size(), 3);
}

TEST(SeedDemo, BuildsARunningCohortPartWayThroughWithItsHomeworkAndCanRunAgain) {
  TestServer server;
  const absl::Time started = server.clock().Now();
  std::ostringstream first;
  ASSERT_THAT(cli::SeedDemo(server.app(), server.clock(), first), IsOk());
  // The history was replayed on the clock, which is back where it was.
  EXPECT_EQ(server.clock().Now(), started);
  auto logins = SignIns(first.str());
  EXPECT_EQ(logins.size(), 7u);  // three staff, four participants
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM cohorts WHERE status = 'running'"), "1");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM enrolments WHERE status = 'active'"), "4");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM referrals"), "8");
  EXPECT_GE(std::stoi(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM cohort_sessions WHERE status = 'held'")), 2);
  CheckHomework(server, logins);
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
  ASSERT_THAT(cli::SeedDemo(server.app(), server.clock(), second), IsOk());
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
