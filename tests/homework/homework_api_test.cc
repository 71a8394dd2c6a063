// HomeworkService through the real server wiring and database: logs and
// their validation, idempotency, private words, the cost of adherence, the
// digest against seeded data, and weeks that follow the calendar.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/homework.grpc.pb.h"
#include "cft/v1/measure.grpc.pb.h"
#include "services/cohorts/mysql_repositories.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::HasFieldViolation;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using ::cft::testing::Utc;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using grpc::StatusCode;

// The world's cohort meets on Tuesdays at 18:00 in London from 29 September
// 2026; the clock starts the day before, when everyone is enrolled.
constexpr absl::CivilDay kStart(2026, 9, 29);

// The clock moves over weeks here: sign-ins last the whole programme.
testing::TestServerOptions Options() {
  testing::TestServerOptions o = testing::At(Utc(2026, 9, 28, 10, 0));
  o.app.auth.token_lifetime = absl::Hours(24 * 120);
  return o;
}

class HomeworkApiTest : public ::testing::Test {
 protected:
  HomeworkApiTest()
      : server_(Options()),
        homework_(server_.Stub<v1::HomeworkService>()),
        cohorts_(server_.Stub<v1::CohortService>()),
        calendar_(server_.Stub<v1::CalendarService>()) {
    world_ = testing::BuildCohortWorld(server_, {.label = "Homework", .start_date = kStart});
  }

  struct Person {
    int64_t enrolment_id = 0;
    std::string token;
  };

  Person Enrol(int64_t cohort, const std::string& name) {
    Person p;
    testing::EnrolParticipant(server_, world_.clinician_token, cohort,
                              testing::AddSuitableReferral(server_, world_.clinician_token, name), &p.enrolment_id,
                              &p.token);
    return p;
  }

  int64_t NewRunningCohort(const std::string& name) {
    v1::CreateCohortRequest create;
    create.set_name(name);
    create.set_template_id(world_.builtin_template_id);
    testing::SetDate(create.mutable_start_date(), kStart);
    create.set_weekday(v1::TUESDAY);
    create.mutable_local_start_time()->set_hour(18);
    create.set_time_zone("Europe/London");
    create.set_capacity(20);
    v1::CreateCohortResponse created;
    auto c1 = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(cohorts_->CreateCohort(c1.get(), create, &created), GrpcOk());
    v1::SetCohortStatusRequest run;
    run.set_cohort_id(created.cohort().id());
    run.set_status(v1::COHORT_RUNNING);
    v1::SetCohortStatusResponse running;
    auto c2 = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(cohorts_->SetCohortStatus(c2.get(), run, &running), GrpcOk());
    return created.cohort().id();
  }

  v1::ListMyAssignmentsResponse Mine(const std::string& token) {
    v1::ListMyAssignmentsResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(homework_->ListMyAssignments(ctx.get(), v1::ListMyAssignmentsRequest(), &resp), GrpcOk());
    return resp;
  }

  // week -> practice code (or kind for clinicians' own) -> assignment id.
  std::map<int, std::map<std::string, int64_t>> AssignmentIds(const std::string& token) {
    std::map<int, std::map<std::string, int64_t>> out;
    const v1::ListMyAssignmentsResponse mine = Mine(token);
    for (const auto& p : mine.assignments()) {
      const auto& a = p.assignment();
      out[a.week_number()][a.practice_code().empty() ? a.kind() : a.practice_code()] = a.id();
    }
    return out;
  }

  static v1::LogPracticeRequest Entry(int64_t assignment, absl::CivilDay day, int hour, int minutes,
                                      const std::string& key, int helpfulness = 6) {
    v1::LogPracticeRequest r;
    r.set_assignment_id(assignment);
    testing::SetDate(r.mutable_practised_on(), day);
    r.mutable_practised_at()->set_hour(hour);
    r.set_minutes(minutes);
    r.set_helpfulness(helpfulness);
    r.set_idempotency_key(key);
    return r;
  }

  grpc::Status Log(const std::string& token, const v1::LogPracticeRequest& r, v1::LogPracticeResponse* out = nullptr) {
    v1::LogPracticeResponse ignored;
    auto ctx = TestServer::Context(token);
    return homework_->LogPractice(ctx.get(), r, out != nullptr ? out : &ignored);
  }

  // `count` logs of `assignment` from `first`, two a day (08:00 and 20:00 local).
  void LogMany(const std::string& token, int64_t assignment, absl::CivilDay first, int count, int minutes,
               const std::string& key, const std::string& choice = "") {
    for (int i = 0; i < count; ++i) {
      v1::LogPracticeRequest r = Entry(assignment, first + i / 2, i % 2 == 0 ? 8 : 20, minutes,
                                       absl::StrCat(key, "-", i));
      if (!choice.empty()) {
        v1::FieldValue* f = r.add_fields();
        f->set_key("strongest_system");
        f->set_choice(choice);
      }
      ASSERT_THAT(Log(token, r), GrpcOk()) << key << " #" << i;
    }
  }

  void Register(int64_t session_id, const std::map<int64_t, v1::AttendanceStatus>& entries) {
    v1::RecordAttendanceRequest req;
    req.set_session_id(session_id);
    for (const auto& [enrolment, status] : entries) {
      auto* e = req.add_entries();
      e->set_enrolment_id(enrolment);
      e->set_status(status);
    }
    v1::RecordAttendanceResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    ASSERT_THAT(calendar_->RecordAttendance(ctx.get(), req, &resp), GrpcOk());
  }

  void Open(const std::string& token, int week) {
    v1::RecordModuleOpenedRequest req;
    req.set_week_number(week);
    v1::RecordModuleOpenedResponse resp;
    auto ctx = TestServer::Context(token);
    ASSERT_THAT(homework_->RecordModuleOpened(ctx.get(), req, &resp), GrpcOk());
  }

  int64_t CreateForParticipant(int64_t enrolment, const std::string& kind, int week, const std::string& title,
                               std::vector<std::pair<std::string, int>> steps = {}) {
    v1::CreateAssignmentRequest req;
    req.set_cohort_id(world_.cohort_id);
    req.set_enrolment_id(enrolment);
    req.set_week_number(week);
    req.set_kind(kind);
    req.set_title(title);
    req.mutable_dose()->set_times_per_week(3);
    req.mutable_dose()->set_minutes(15);
    for (const auto& [text, minutes] : steps) {
      auto* s = req.add_steps();
      s->set_description(text);
      s->set_target_minutes(minutes);
    }
    v1::CreateAssignmentResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(homework_->CreateAssignment(ctx.get(), req, &resp), GrpcOk());
    return resp.assignment().id();
  }

  static std::string Count(const std::string& where) {
    return TestDatabase::Get().Scalar("SELECT COUNT(*) FROM practice_logs WHERE " + where);
  }

  TestServer server_;
  std::unique_ptr<v1::HomeworkService::Stub> homework_;
  std::unique_ptr<v1::CohortService::Stub> cohorts_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
  testing::CohortWorld world_;
};

TEST_F(HomeworkApiTest, TheReleasedWeeksPracticesAreTheParticipantsAssignments) {
  // Before the first session nothing is released.
  v1::ListMyAssignmentsResponse before = Mine(world_.participant_token);
  EXPECT_EQ(before.current_week(), 0);
  EXPECT_THAT(before.assignments(), IsEmpty());
  server_.clock().Set(Utc(2026, 9, 30, 9, 0));
  v1::ListMyAssignmentsResponse mine = Mine(world_.participant_token);
  EXPECT_EQ(mine.current_week(), 1);
  EXPECT_EQ(mine.time_zone(), "Europe/London");
  EXPECT_EQ(mine.earliest_practice_date().day(), 28);
  ASSERT_THAT(mine.assignments(), SizeIs(2));
  const v1::Assignment& b = mine.assignments(0).assignment();
  EXPECT_EQ(b.practice_code(), "B");
  EXPECT_EQ(b.kind(), "soothing-rhythm-breathing");
  EXPECT_EQ(b.source(), v1::ASSIGNMENT_FROM_PROGRAMME);
  EXPECT_EQ(b.dose().times_per_week(), 14);
  EXPECT_THAT(b.caution(), HasSubstr("dizzy"));
  EXPECT_TRUE(mine.assignments(0).this_week());
  ASSERT_THAT(mine.kinds(), SizeIs(2));
  EXPECT_EQ(mine.kinds(0).key(), "soothing-rhythm-breathing");
  EXPECT_EQ(mine.kinds(0).guide(), v1::PRACTICE_GUIDE_BREATHING_PACER);

  v1::LogPracticeResponse logged;
  ASSERT_THAT(Log(world_.participant_token, Entry(b.id(), absl::CivilDay(2026, 9, 30), 8, 5, "first"), &logged),
              GrpcOk());
  EXPECT_EQ(logged.log().kind(), "soothing-rhythm-breathing");
  EXPECT_EQ(logged.log().week_number(), 1);
  EXPECT_EQ(logged.log().practised_at().hour(), 8);
  EXPECT_TRUE(logged.log().has_editable_until());
  mine = Mine(world_.participant_token);
  EXPECT_EQ(mine.assignments(0).logged(), 1);
  EXPECT_EQ(mine.assignments(0).logged_today(), 1);
  EXPECT_EQ(mine.assignments(0).minutes_logged(), 5);
  EXPECT_EQ(mine.assignments(0).percent_of_dose(), 7);
}

TEST_F(HomeworkApiTest, BadLogsNameTheFieldInTheStatusDetailAndWriteNothing) {
  server_.clock().Set(Utc(2026, 10, 1, 12, 0));
  const int64_t record = CreateForParticipant(world_.enrolment_id, "thought-record", 1, "Before the party");
  const std::string mine = absl::StrCat("enrolment_id = ", world_.enrolment_id);
  v1::LogPracticeRequest r = Entry(record, absl::CivilDay(2026, 10, 1), 9, 15, "tr-1");
  r.set_distress_before(8);
  r.set_distress_after(4);
  grpc::Status s = Log(world_.participant_token, r);
  EXPECT_THAT(s, GrpcIs(StatusCode::INVALID_ARGUMENT, "fields.situation: is required"));
  EXPECT_THAT(s, HasFieldViolation("fields.situation", "is required"));
  auto* f = r.add_fields();
  f->set_key("situation");
  f->set_number(3);
  EXPECT_THAT(Log(world_.participant_token, r), GrpcIs(StatusCode::INVALID_ARGUMENT, "fields.situation: must be text"));
  f->set_text("No reply from Sam all evening");
  auto* g = r.add_fields();
  g->set_key("anxious_thought");
  EXPECT_THAT(Log(world_.participant_token, r),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "fields.anxious_thought: has no value"));
  g->set_text("Sam is going to leave me");
  r.clear_distress_after();
  EXPECT_THAT(Log(world_.participant_token, r),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "distress_after: is part of a Thought record"));
  r.set_distress_after(11);
  EXPECT_THAT(Log(world_.participant_token, r),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "distress_after: must be between 0 and 10"));
  r.set_distress_after(4);
  r.set_minutes(0);
  EXPECT_THAT(Log(world_.participant_token, r), GrpcIs(StatusCode::INVALID_ARGUMENT, "minutes: must be between 1 and 180"));
  r.set_minutes(15);
  r.clear_helpfulness();
  EXPECT_THAT(Log(world_.participant_token, r), GrpcIs(StatusCode::INVALID_ARGUMENT, "helpfulness: is required (0 to 10)"));
  r.set_helpfulness(7);
  testing::SetDate(r.mutable_practised_on(), absl::CivilDay(2026, 10, 2));
  EXPECT_THAT(Log(world_.participant_token, r), GrpcIs(StatusCode::INVALID_ARGUMENT, "practised_on: is in the future"));
  testing::SetDate(r.mutable_practised_on(), absl::CivilDay(2026, 9, 27));
  EXPECT_THAT(Log(world_.participant_token, r),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "practised_on: is before your place in the group began (2026-09-28)"));
  r.clear_practised_on();
  EXPECT_THAT(Log(world_.participant_token, r), GrpcIs(StatusCode::INVALID_ARGUMENT, "practised_on: is required"));
  EXPECT_EQ(Count(mine), "0");
  testing::SetDate(r.mutable_practised_on(), absl::CivilDay(2026, 10, 1));
  v1::LogPracticeResponse logged;
  ASSERT_THAT(Log(world_.participant_token, r, &logged), GrpcOk());
  ASSERT_THAT(logged.log().fields(), SizeIs(2));
  EXPECT_EQ(logged.log().fields(1).text(), "Sam is going to leave me");
  EXPECT_EQ(Count(mine), "1");
}

TEST_F(HomeworkApiTest, ALogSentTwiceWithOneKeyExistsOnceAndOtherContentIsRefused) {
  server_.clock().Set(Utc(2026, 9, 30, 9, 0));
  const int64_t b = AssignmentIds(world_.participant_token)[1]["B"];
  const v1::LogPracticeRequest r = Entry(b, absl::CivilDay(2026, 9, 30), 8, 5, "offline-queue-0001");
  v1::LogPracticeResponse first, second;
  ASSERT_THAT(Log(world_.participant_token, r, &first), GrpcOk());
  ASSERT_THAT(Log(world_.participant_token, r, &second), GrpcOk());
  EXPECT_FALSE(first.replayed());
  EXPECT_TRUE(second.replayed());
  EXPECT_EQ(second.log().id(), first.log().id());
  EXPECT_EQ(Count("idempotency_key = 'offline-queue-0001'"), "1");
  v1::LogPracticeRequest other = r;
  other.set_minutes(25);
  EXPECT_THAT(Log(world_.participant_token, other),
              GrpcIs(StatusCode::ALREADY_EXISTS, HasSubstr("idempotency_key: was already used for a different practice log")));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT minutes FROM practice_logs WHERE idempotency_key = 'offline-queue-0001'"),
            "5");
}

TEST_F(HomeworkApiTest, PrivateWordsNeverReachStaffRepliesDigestsOrTheAuditTrail) {
  server_.clock().Set(Utc(2026, 10, 1, 12, 0));
  const int64_t record = CreateForParticipant(world_.enrolment_id, "thought-record", 1, "Before the party");
  auto thought = [&](const std::string& key, const std::string& situation, const std::string& note, bool shared) {
    v1::LogPracticeRequest r = Entry(record, absl::CivilDay(2026, 10, 1), 9, 15, key);
    r.set_distress_before(8);
    r.set_distress_after(4);
    auto* f = r.add_fields();
    f->set_key("situation");
    f->set_text(situation);
    auto* g = r.add_fields();
    g->set_key("anxious_thought");
    g->set_text(situation + " (thought)");
    r.set_note(note);
    r.set_shared(shared);
    v1::LogPracticeResponse out;
    EXPECT_THAT(Log(world_.participant_token, r, &out), GrpcOk());
    return out.log().id();
  };
  const int64_t private_log = thought("p-1", "SECRET-SITUATION about my brother", "SECRET-NOTE only mine", false);
  thought("p-2", "Shared situation at work", "A shared note", true);
  const std::vector<std::string> secrets = {"SECRET-SITUATION", "SECRET-NOTE", "SECRET-CHANGED"};

  // The participant changes the private log; the trail names fields only.
  v1::UpdatePracticeLogRequest update;
  update.set_log_id(private_log);
  testing::SetDate(update.mutable_practised_on(), absl::CivilDay(2026, 10, 1));
  update.mutable_practised_at()->set_hour(9);
  update.set_minutes(15);
  update.set_helpfulness(6);
  update.set_distress_before(8);
  update.set_distress_after(3);
  for (const auto& [key, text] : {std::pair{"situation", "SECRET-SITUATION about my brother"},
                                  std::pair{"anxious_thought", "SECRET-CHANGED thought"}}) {
    auto* f = update.add_fields();
    f->set_key(key);
    f->set_text(text);
  }
  update.set_note("SECRET-NOTE only mine");
  v1::UpdatePracticeLogResponse updated;
  auto uc = TestServer::Context(world_.participant_token);
  ASSERT_THAT(homework_->UpdatePracticeLog(uc.get(), update, &updated), GrpcOk());
  EXPECT_THAT(updated.changed_fields(), ElementsAre("distress_after", "fields.anxious_thought"));
  EXPECT_EQ(TestDatabase::Get().Scalar(absl::StrCat(
                "SELECT detail FROM audit_log WHERE method = '/cft.v1.HomeworkService/UpdatePracticeLog' "
                "AND target_id = '", private_log, "'")),
            "changed: distress_after, fields.anxious_thought");

  // Staff read the cohort's logs, adherence and digest; feedback goes on the private log.
  auto staff_text = [&]() {
    std::string all;
    v1::ListPracticeLogsRequest list;
    list.set_cohort_id(world_.cohort_id);
    v1::ListPracticeLogsResponse logs;
    auto c1 = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(homework_->ListPracticeLogs(c1.get(), list, &logs), GrpcOk());
    EXPECT_THAT(logs.logs(), SizeIs(2));
    for (const auto& l : logs.logs()) {
      if (l.id() == private_log) {
        EXPECT_TRUE(l.private_content_withheld());
        EXPECT_THAT(l.fields(), IsEmpty());
        EXPECT_EQ(l.note(), "");
        EXPECT_EQ(l.distress_before(), 8);
        EXPECT_EQ(l.participant_name(), "Robin Participant");
      } else {
        EXPECT_EQ(l.note(), "A shared note");
        EXPECT_THAT(l.fields(), SizeIs(2));
      }
    }
    all += logs.DebugString();
    v1::GetAdherenceRequest adherence;
    adherence.set_cohort_id(world_.cohort_id);
    v1::GetAdherenceResponse grid;
    auto c2 = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(homework_->GetAdherence(c2.get(), adherence, &grid), GrpcOk());
    all += grid.DebugString();
    v1::GetFacilitatorDigestRequest digest;
    digest.set_cohort_id(world_.cohort_id);
    v1::GetFacilitatorDigestResponse d;
    auto c3 = TestServer::Context(world_.clinician_token);
    EXPECT_THAT(homework_->GetFacilitatorDigest(c3.get(), digest, &d), GrpcOk());
    all += d.DebugString();
    return all;
  };
  const std::string seen = staff_text();
  EXPECT_THAT(seen, HasSubstr("Shared situation at work"));
  for (const std::string& s : secrets) EXPECT_THAT(seen, ::testing::Not(HasSubstr(s)));

  v1::AddFeedbackRequest fb;
  fb.set_log_id(private_log);
  fb.set_text("Thank you for doing this one, it is a hard one.");
  v1::AddFeedbackResponse added;
  auto fc = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(homework_->AddFeedback(fc.get(), fb, &added), GrpcOk());

  // The participant reads their own words, and the feedback with the log it answers.
  v1::ListPracticeLogsResponse own;
  auto oc = TestServer::Context(world_.participant_token);
  ASSERT_THAT(homework_->ListPracticeLogs(oc.get(), v1::ListPracticeLogsRequest(), &own), GrpcOk());
  bool found = false;
  for (const auto& l : own.logs()) {
    if (l.id() != private_log) continue;
    found = true;
    EXPECT_EQ(l.note(), "SECRET-NOTE only mine");
    ASSERT_THAT(l.feedback(), SizeIs(1));
    EXPECT_EQ(l.feedback(0).text(), "Thank you for doing this one, it is a hard one.");
    EXPECT_THAT(l.feedback(0).author_name(), HasSubstr("Test clinician"));
  }
  EXPECT_TRUE(found);

  // No column of any audit row holds a participant's words.
  server_.FlushAudit();
  const auto rows = TestDatabase::Get().Query(
      "SELECT CONCAT_WS('|', method, COALESCE(target_type, ''), COALESCE(target_id, ''), COALESCE(peer, ''), "
      "COALESCE(detail, ''), COALESCE(actor_role, '')) FROM audit_log");
  ASSERT_FALSE(rows.empty());
  int homework_rows = 0;
  for (const auto& row : rows) {
    for (const std::string& s : secrets) EXPECT_THAT(row[0], ::testing::Not(HasSubstr(s)));
    if (absl::StrContains(row[0], "HomeworkService")) ++homework_rows;
  }
  EXPECT_GE(homework_rows, 9);
}

TEST_F(HomeworkApiTest, AdherenceAndTheDigestCostTheSameStatementsForTwoOrTwentyParticipants) {
  const int64_t small = NewRunningCohort("Two of us " + testing::UniqueSuffix());
  const int64_t large = NewRunningCohort("Twenty of us " + testing::UniqueSuffix());
  std::vector<Person> people;
  for (int i = 0; i < 2; ++i) people.push_back(Enrol(small, "Small " + std::to_string(i)));
  for (int i = 0; i < 20; ++i) people.push_back(Enrol(large, "Large " + std::to_string(i)));
  server_.clock().Set(Utc(2026, 10, 8, 12, 0));
  for (size_t i = 0; i < people.size(); ++i) {
    auto ids = AssignmentIds(people[i].token);
    ASSERT_THAT(Log(people[i].token, Entry(ids[1]["B"], absl::CivilDay(2026, 10, 1), 8, 5, "w1-" + std::to_string(i))),
                GrpcOk());
    ASSERT_THAT(Log(people[i].token, Entry(ids[2]["B"], absl::CivilDay(2026, 10, 7), 8, 5, "w2-" + std::to_string(i))),
                GrpcOk());
    Open(people[i].token, 2);
  }
  auto statements_for = [&](auto call) {
    // The request pool only: the batched audit writer has a pool of its own.
    const int64_t before = server_.app().pool().statements_sent();
    call();
    return server_.app().pool().statements_sent() - before;
  };
  auto measure = [&](int64_t cohort, int participants) {
    std::vector<int64_t> counts;
    counts.push_back(statements_for([&] {
      v1::GetAdherenceRequest req;
      req.set_cohort_id(cohort);
      v1::GetAdherenceResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      EXPECT_THAT(homework_->GetAdherence(ctx.get(), req, &resp), GrpcOk());
      EXPECT_THAT(resp.participants(), SizeIs(participants));
      EXPECT_THAT(resp.weeks(), SizeIs(2));
    }));
    counts.push_back(statements_for([&] {
      v1::GetFacilitatorDigestRequest req;
      req.set_cohort_id(cohort);
      v1::GetFacilitatorDigestResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      EXPECT_THAT(homework_->GetFacilitatorDigest(ctx.get(), req, &resp), GrpcOk());
      EXPECT_THAT(resp.practised(), SizeIs(participants));
    }));
    counts.push_back(statements_for([&] {
      v1::ListPracticeLogsRequest req;
      req.set_cohort_id(cohort);
      v1::ListPracticeLogsResponse resp;
      auto ctx = TestServer::Context(world_.clinician_token);
      EXPECT_THAT(homework_->ListPracticeLogs(ctx.get(), req, &resp), GrpcOk());
      EXPECT_THAT(resp.logs(), SizeIs(2 * participants));
    }));
    return counts;
  };
  const auto two = measure(small, 2);
  const auto twenty = measure(large, 20);
  EXPECT_EQ(two, twenty);
  for (int64_t n : two) EXPECT_LE(n, 14);
}

TEST_F(HomeworkApiTest, TheDigestListsExactlyWhoTheSeededDataSaysWithTheReasons) {
  // Everyone is enrolled the day before the first session.
  const Person ada = Enrol(world_.cohort_id, "Ada Keen");
  const Person ben = Enrol(world_.cohort_id, "Ben Fading");
  const Person cy = Enrol(world_.cohort_id, "Cy Absent");
  const Person dee = Enrol(world_.cohort_id, "Dee Quiet");
  const Person robin{world_.enrolment_id, world_.participant_token};

  // Monday 26 October, the day before week 5's session; weeks 1-4 are out.
  server_.clock().Set(Utc(2026, 10, 26, 12, 0));
  auto ids = AssignmentIds(ada.token);
  ASSERT_EQ(ids.size(), 4u);
  const std::map<int64_t, v1::AttendanceStatus> all_present = {
      {ada.enrolment_id, v1::ATTENDANCE_PRESENT}, {ben.enrolment_id, v1::ATTENDANCE_PRESENT},
      {cy.enrolment_id, v1::ATTENDANCE_PRESENT},  {dee.enrolment_id, v1::ATTENDANCE_PRESENT},
      {robin.enrolment_id, v1::ATTENDANCE_PRESENT}};
  Register(world_.session_ids[0], all_present);
  Register(world_.session_ids[1], all_present);
  auto week3 = all_present;
  week3[cy.enrolment_id] = v1::ATTENDANCE_ABSENT;
  Register(world_.session_ids[2], week3);
  auto week4 = week3;
  week4[dee.enrolment_id] = v1::ATTENDANCE_EXCUSED;
  Register(world_.session_ids[3], week4);

  // Ada does everything; in week 4 (since the last session) 10 practices.
  LogMany(ada.token, ids[1]["B"], absl::CivilDay(2026, 9, 30), 14, 4, "ada-1b");
  LogMany(ada.token, ids[1]["A"], absl::CivilDay(2026, 9, 30), 7, 3, "ada-1a");
  LogMany(ada.token, ids[2]["B"], absl::CivilDay(2026, 10, 7), 7, 5, "ada-2b");
  LogMany(ada.token, ids[2]["tricky-brain-loop"], absl::CivilDay(2026, 10, 7), 7, 5, "ada-2l");
  LogMany(ada.token, ids[3]["three-circles-diary"], absl::CivilDay(2026, 10, 14), 7, 10, "ada-3d", "threat");
  LogMany(ada.token, ids[3]["B"], absl::CivilDay(2026, 10, 14), 7, 5, "ada-3b");
  LogMany(ada.token, ids[4]["safe-place"], absl::CivilDay(2026, 10, 21), 4, 10, "ada-4s");
  LogMany(ada.token, ids[4]["A"], absl::CivilDay(2026, 10, 21), 3, 3, "ada-4a");
  LogMany(ada.token, ids[4]["B"], absl::CivilDay(2026, 10, 23), 3, 5, "ada-4b");
  // Ben: all of week 1, half of week 2, three of fourteen in week 3, then nothing.
  LogMany(ben.token, ids[1]["B"], absl::CivilDay(2026, 9, 30), 14, 4, "ben-1b");
  LogMany(ben.token, ids[1]["A"], absl::CivilDay(2026, 9, 30), 7, 3, "ben-1a");
  LogMany(ben.token, ids[2]["B"], absl::CivilDay(2026, 10, 7), 7, 5, "ben-2b");
  ASSERT_THAT(Log(ben.token, Entry(ids[3]["B"], absl::CivilDay(2026, 10, 14), 8, 5, "ben-3-1")), GrpcOk());
  ASSERT_THAT(Log(ben.token, Entry(ids[3]["B"], absl::CivilDay(2026, 10, 15), 8, 5, "ben-3-2")), GrpcOk());
  ASSERT_THAT(Log(ben.token, Entry(ids[3]["B"], absl::CivilDay(2026, 10, 17), 8, 5, "ben-3-3")), GrpcOk());
  // Cy: one reflection this week. Robin: two breathing practices. Dee: nothing.
  ASSERT_THAT(Log(cy.token, Entry(ids[4]["A"], absl::CivilDay(2026, 10, 22), 7, 3, "cy-4a")), GrpcOk());
  ASSERT_THAT(Log(robin.token, Entry(ids[4]["B"], absl::CivilDay(2026, 10, 21), 7, 5, "robin-1")), GrpcOk());
  ASSERT_THAT(Log(robin.token, Entry(ids[4]["B"], absl::CivilDay(2026, 10, 22), 7, 5, "robin-2")), GrpcOk());
  for (const Person* p : {&ada, &ben, &cy}) Open(p->token, 4);
  Open(robin.token, 3);

  v1::GetFacilitatorDigestRequest req;
  req.set_cohort_id(world_.cohort_id);
  v1::GetFacilitatorDigestResponse d;
  auto ctx = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(homework_->GetFacilitatorDigest(ctx.get(), req, &d), GrpcOk());
  EXPECT_EQ(d.session().session_id(), world_.session_ids[4]);
  EXPECT_EQ(d.session().week_number(), 5);
  EXPECT_EQ(d.session().week_title(), "The compassionate self");
  EXPECT_EQ(d.session().local_display(), "Tuesday 27 October 2026, 18:00 GMT");
  EXPECT_EQ(d.previous_session().session_id(), world_.session_ids[3]);
  EXPECT_EQ(testing::Iso(d.since()), "2026-10-20T17:00:00Z");
  EXPECT_EQ(testing::Iso(d.until()), "2026-10-26T12:00:00Z");
  EXPECT_EQ(d.module_week(), 4);

  std::vector<std::string> practised;
  for (const auto& p : d.practised()) {
    practised.push_back(absl::StrCat(p.participant_name(), ": ", p.logs(), " logs, ", p.minutes(), " min, ",
                                     p.logged_against_dose(), "/", p.dose(), " = ", p.percent_of_dose(), "%"));
  }
  EXPECT_THAT(practised, ElementsAre("Ada Keen: 10 logs, 64 min, 10/21 = 48%", "Cy Absent: 1 logs, 3 min, 1/21 = 5%",
                                     "Robin Participant: 2 logs, 10 min, 2/21 = 10%"));
  std::vector<std::string> not_opened;
  for (const auto& p : d.module_not_opened()) not_opened.push_back(p.participant_name());
  EXPECT_THAT(not_opened, ElementsAre("Dee Quiet", "Robin Participant"));
  std::vector<std::string> missed;
  for (const auto& p : d.missed_last_session()) {
    missed.push_back(absl::StrCat(p.participant_name(), " ", v1::AttendanceStatus_Name(p.attendance())));
  }
  EXPECT_THAT(missed, ElementsAre("Cy Absent ATTENDANCE_ABSENT", "Dee Quiet ATTENDANCE_EXCUSED"));
  std::vector<std::string> warnings;
  for (const auto& w : d.early_warnings()) {
    warnings.push_back(absl::StrCat(w.participant_name(), " ", v1::EarlyWarningReason_Name(w.reason()), ": ",
                                    w.explanation()));
  }
  EXPECT_THAT(warnings,
              ElementsAre("Ben Fading EARLY_WARNING_ADHERENCE_FALLING: Adherence fell two weeks running: 100% in "
                          "week 1, 50% in week 2, 21% in week 3.",
                          "Cy Absent EARLY_WARNING_MISSED_TWO_SESSIONS: Missed the last two sessions (weeks 3 and 4).",
                          "Dee Quiet EARLY_WARNING_NO_PRACTICE_FOR_TEN_DAYS: No practice logged in the 26 days since "
                          "the programme began."));

  // The grid shows the same weeks with attendance beside them.
  v1::GetAdherenceRequest areq;
  areq.set_cohort_id(world_.cohort_id);
  v1::GetAdherenceResponse grid;
  auto actx = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(homework_->GetAdherence(actx.get(), areq, &grid), GrpcOk());
  ASSERT_THAT(grid.weeks(), SizeIs(4));
  EXPECT_TRUE(grid.weeks(2).complete());
  EXPECT_FALSE(grid.weeks(3).complete());
  ASSERT_THAT(grid.participants(), SizeIs(5));
  const v1::AdherenceRow& ben_row = grid.participants(1);
  EXPECT_EQ(ben_row.participant_name(), "Ben Fading");
  std::vector<int> percents;
  for (const auto& c : ben_row.weeks()) percents.push_back(c.percent());
  EXPECT_THAT(percents, ElementsAre(100, 50, 21, 0));
  EXPECT_EQ(ben_row.weeks(0).minutes(), 14 * 4 + 7 * 3);
  EXPECT_EQ(grid.participants(2).weeks(3).attendance(), v1::ATTENDANCE_ABSENT);
  EXPECT_TRUE(grid.participants(0).weeks(3).module_opened());
  EXPECT_FALSE(grid.participants(4).weeks(3).module_opened());
  EXPECT_DOUBLE_EQ(grid.participants(0).weeks(0).mean_helpfulness(), 6.0);
}

// A PHQ-9 answered by the participant with `token` for `time_point`.
grpc::Status SubmitPhq9(TestServer& server, const std::string& token, const std::string& time_point,
                        const std::vector<int>& values, const std::string& key) {
  v1::SubmitResponseRequest r;
  r.set_instrument_key("phq9");
  r.set_time_point_key(time_point);
  r.set_idempotency_key(key);
  for (size_t i = 0; i < values.size(); ++i) {
    v1::Answer* a = r.add_answers();
    a->set_item_code(absl::StrCat("phq9_", i + 1));
    a->set_value(values[i]);
  }
  v1::SubmitResponseResponse out;
  auto ctx = TestServer::Context(token);
  return server.Stub<v1::MeasureService>()->SubmitResponse(ctx.get(), r, &out);
}

TEST_F(HomeworkApiTest, TheDigestGainsTheAlertsAndReliableChangesSinceThePreviousSession) {
  const Person sam = Enrol(world_.cohort_id, "Sam Steady");
  const Person robin{world_.enrolment_id, world_.participant_token};
  // Baseline, the day before session 1: Robin 16 with item 9 = 1 (amber), Sam 8.
  ASSERT_THAT(SubmitPhq9(server_, robin.token, "baseline", {2, 2, 2, 2, 2, 2, 2, 1, 1}, "r-base"), GrpcOk());
  ASSERT_THAT(SubmitPhq9(server_, sam.token, "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0}, "s-base"), GrpcOk());

  // Monday 19 October, the day before week 4's session; its questionnaires
  // opened on the 18th. Robin has recovered (16 -> 8); Sam scores 10 with
  // item 9 = 2: a red alert, and a change of 2 that is not reliable.
  server_.clock().Set(Utc(2026, 10, 19, 12, 0));
  const std::string robin_token = server_.Login(world_.participant);
  ASSERT_THAT(SubmitPhq9(server_, robin_token, "week-4", {1, 1, 1, 1, 1, 1, 1, 1, 0}, "r-4"), GrpcOk());
  ASSERT_THAT(SubmitPhq9(server_, sam.token, "week-4", {1, 1, 1, 1, 1, 1, 1, 1, 2}, "s-4"), GrpcOk());
  server_.clock().Set(Utc(2026, 10, 19, 13, 0));  // the facilitator prepares an hour later

  v1::GetFacilitatorDigestRequest req;
  req.set_cohort_id(world_.cohort_id);
  v1::GetFacilitatorDigestResponse d;
  auto ctx = TestServer::Context(server_.Login(world_.clinician));
  ASSERT_THAT(homework_->GetFacilitatorDigest(ctx.get(), req, &d), GrpcOk());
  EXPECT_EQ(d.session().week_number(), 4);
  EXPECT_EQ(testing::Iso(d.since()), "2026-10-13T17:00:00Z");
  // The baseline's amber alert is older than the previous session: not listed.
  ASSERT_THAT(d.new_alerts(), SizeIs(1));
  EXPECT_EQ(d.new_alerts(0).participant_name(), "Sam Steady");
  EXPECT_EQ(d.new_alerts(0).tier(), v1::RISK_RED);
  EXPECT_EQ(d.new_alerts(0).instrument(), "PHQ-9");
  EXPECT_EQ(d.new_alerts(0).time_point_label(), "Week 4");
  EXPECT_EQ(d.new_alerts(0).status(), v1::RISK_ALERT_OPEN);
  EXPECT_EQ(testing::Iso(d.new_alerts(0).raised_at()), "2026-10-19T12:00:00Z");
  ASSERT_THAT(d.reliable_changes(), SizeIs(1));
  const v1::DigestReliableChange& change = d.reliable_changes(0);
  EXPECT_EQ(change.participant_name(), "Robin Participant");
  EXPECT_EQ(change.instrument(), "PHQ-9");
  EXPECT_EQ(change.time_point_label(), "Week 4");
  EXPECT_EQ(change.baseline(), 16);
  EXPECT_EQ(change.score(), 8);
  EXPECT_EQ(change.classification(), v1::CHANGE_RECOVERED);

  // The digest for week 3's session covers the week before it: none of these.
  req.set_session_id(world_.session_ids[2]);
  v1::GetFacilitatorDigestResponse week3;
  auto ctx3 = TestServer::Context(server_.Login(world_.clinician));
  ASSERT_THAT(homework_->GetFacilitatorDigest(ctx3.get(), req, &week3), GrpcOk());
  EXPECT_THAT(week3.new_alerts(), IsEmpty());
  EXPECT_THAT(week3.reliable_changes(), IsEmpty());
}

TEST_F(HomeworkApiTest, TheCohortsRegistersInOneQueryMatchThemSessionBySession) {
  const Person ada = Enrol(world_.cohort_id, "Ada Keen");
  server_.clock().Set(Utc(2026, 10, 14, 12, 0));
  Register(world_.session_ids[0], {{ada.enrolment_id, v1::ATTENDANCE_PRESENT}, {world_.enrolment_id, v1::ATTENDANCE_LATE}});
  Register(world_.session_ids[2], {{ada.enrolment_id, v1::ATTENDANCE_ABSENT}});
  cohorts::MySqlSessionRepository sessions;
  std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>> one_query, per_session;
  ASSERT_TRUE(server_.app().transactions().Run([&](UnitOfWork& uow) -> absl::Status {
    auto a = sessions.CohortAttendance(uow, world_.cohort_id);
    if (!a.ok()) return a.status();
    one_query = *a;
    // The interface's own version, for repositories without a query of their own.
    auto b = sessions.SessionRepository::CohortAttendance(uow, world_.cohort_id);
    if (!b.ok()) return b.status();
    per_session = *b;
    return absl::OkStatus();
  }).ok());
  EXPECT_EQ(one_query, per_session);
  ASSERT_EQ(one_query.size(), 2u);
  EXPECT_EQ(one_query[world_.session_ids[0]][world_.enrolment_id], cohorts::AttendanceStatus::kLate);
  EXPECT_EQ(one_query[world_.session_ids[2]][ada.enrolment_id], cohorts::AttendanceStatus::kAbsent);
}

TEST_F(HomeworkApiTest, WeeksFollowTheCalendarForHeldReleaseLateJoinersAndLeavers) {
  // Released only once the session is held.
  RequestContext op;
  op.method = "cftctl set-module-release";
  ASSERT_TRUE(server_.app().auth().SetModuleRelease(op, world_.organisation_id, "session_held").ok());
  server_.clock().Set(Utc(2026, 9, 29, 19, 0));
  EXPECT_THAT(Mine(world_.participant_token).assignments(), IsEmpty());
  Register(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}});
  EXPECT_THAT(Mine(world_.participant_token).assignments(), SizeIs(2));

  // Week 2's session is cancelled and the programme extended: week 2 comes a week later.
  v1::CancelSessionRequest cancel;
  cancel.set_session_id(world_.session_ids[1]);
  cancel.set_reason("Half-term holiday");
  cancel.set_extend_programme(true);
  v1::CancelSessionResponse cancelled;
  auto cc = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(calendar_->CancelSession(cc.get(), cancel, &cancelled), GrpcOk());
  int64_t replacement = 0;
  for (const auto& s : cancelled.sessions()) {
    if (s.week_number() == 2 && s.status() == v1::SESSION_SCHEDULED) replacement = s.id();
  }
  ASSERT_NE(replacement, 0);
  server_.clock().Set(Utc(2026, 10, 7, 12, 0));
  EXPECT_EQ(Mine(world_.participant_token).current_week(), 1);
  server_.clock().Set(Utc(2026, 10, 13, 19, 0));
  Register(replacement, {{world_.enrolment_id, v1::ATTENDANCE_PRESENT}});
  EXPECT_EQ(Mine(world_.participant_token).current_week(), 2);

  // A late joiner starts with the week under way; week 1's practices are not theirs.
  const Person late = Enrol(world_.cohort_id, "Lou Late");
  v1::ListMyAssignmentsResponse lou = Mine(late.token);
  ASSERT_THAT(lou.assignments(), SizeIs(2));
  for (const auto& p : lou.assignments()) EXPECT_EQ(p.assignment().week_number(), 2);
  const int64_t week1_b = AssignmentIds(world_.participant_token)[1]["B"];
  EXPECT_THAT(Log(late.token, Entry(week1_b, absl::CivilDay(2026, 10, 13), 8, 5, "lou-1")),
              GrpcIs(StatusCode::NOT_FOUND, "assignment_id: is not one of your assignments"));

  // A participant who withdrew has no homework and their weeks after leaving do not count.
  server_.clock().Advance(absl::Hours(1));
  v1::WithdrawParticipantRequest withdraw;
  withdraw.set_enrolment_id(late.enrolment_id);
  withdraw.set_reason("Moved away");
  v1::WithdrawParticipantResponse withdrawn;
  auto wc = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts_->WithdrawParticipant(wc.get(), withdraw, &withdrawn), GrpcOk());
  v1::ListMyAssignmentsResponse after;
  auto lc = TestServer::Context(late.token);
  EXPECT_THAT(homework_->ListMyAssignments(lc.get(), v1::ListMyAssignmentsRequest(), &after),
              GrpcIs(StatusCode::UNAUTHENTICATED));
  v1::GetAdherenceRequest areq;
  areq.set_cohort_id(world_.cohort_id);
  v1::GetAdherenceResponse grid;
  auto ac = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(homework_->GetAdherence(ac.get(), areq, &grid), GrpcOk());
  ASSERT_THAT(grid.participants(), SizeIs(2));
  const v1::AdherenceRow& lou_row = grid.participants(0);
  EXPECT_EQ(lou_row.participant_name(), "Lou Late");
  EXPECT_EQ(lou_row.status(), v1::PARTICIPANT_WITHDRAWN);
  EXPECT_FALSE(lou_row.weeks(0).applies());
  EXPECT_TRUE(lou_row.weeks(1).applies());
}

TEST_F(HomeworkApiTest, AClinicianSetsALadderForOneParticipantAndItsLogsNameASteps) {
  server_.clock().Set(Utc(2026, 9, 30, 12, 0));
  const Person other = Enrol(world_.cohort_id, "Olu Other");
  const int64_t ladder = CreateForParticipant(world_.enrolment_id, "exposure-ladder", 1, "Time apart",
                                              {{"Five minutes apart", 5}, {"Ten minutes", 10}, {"Half an hour", 30}});
  v1::ListMyAssignmentsResponse mine = Mine(world_.participant_token);
  const v1::Assignment* found = nullptr;
  for (const auto& p : mine.assignments()) {
    if (p.assignment().id() == ladder) found = &p.assignment();
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->source(), v1::ASSIGNMENT_FOR_PARTICIPANT);
  ASSERT_THAT(found->steps(), SizeIs(3));
  EXPECT_EQ(found->steps(2).number(), 3);
  EXPECT_EQ(found->steps(2).target_minutes(), 30);
  bool has_ladder_kind = false;
  for (const auto& k : mine.kinds()) has_ladder_kind |= k.key() == "exposure-ladder" && k.uses_steps();
  EXPECT_TRUE(has_ladder_kind);
  const v1::ListMyAssignmentsResponse others = Mine(other.token);
  for (const auto& p : others.assignments()) EXPECT_NE(p.assignment().id(), ladder);

  v1::LogPracticeRequest r = Entry(ladder, absl::CivilDay(2026, 9, 30), 10, 10, "ladder-1");
  auto add = [&](const std::string& key) {
    auto* f = r.add_fields();
    f->set_key(key);
    return f;
  };
  add("step")->set_step(4);
  add("distress_expected")->set_number(7);
  add("distress_felt")->set_number(4);
  add("done")->set_yes_no(true);
  EXPECT_THAT(Log(world_.participant_token, r),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "fields.step: must be a step of this ladder (1 to 3)"));
  r.mutable_fields(0)->set_step(1);
  v1::LogPracticeResponse logged;
  ASSERT_THAT(Log(world_.participant_token, r, &logged), GrpcOk());
  EXPECT_EQ(logged.log().fields(0).step(), 1);
  EXPECT_TRUE(logged.log().fields(3).yes_no());
  EXPECT_THAT(Log(other.token, Entry(ladder, absl::CivilDay(2026, 9, 30), 10, 10, "olu-1")),
              GrpcIs(StatusCode::NOT_FOUND, "assignment_id: is not one of your assignments"));

  v1::CreateAssignmentRequest bad;
  bad.set_cohort_id(world_.cohort_id);
  bad.set_week_number(1);
  bad.set_kind("exposure-ladder");
  bad.set_title("No steps");
  bad.mutable_dose()->set_times_per_week(3);
  bad.mutable_dose()->set_minutes(10);
  v1::CreateAssignmentResponse resp;
  auto bc = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(homework_->CreateAssignment(bc.get(), bad, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "steps: a Graded exposure ladder needs its steps"));
  bad.set_kind("five-senses-grounding");
  bad.clear_dose();
  auto dc = TestServer::Context(world_.clinician_token);
  EXPECT_THAT(homework_->CreateAssignment(dc.get(), bad, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "dose: is required"));
  EXPECT_EQ(TestDatabase::Get().Scalar(absl::StrCat("SELECT COUNT(*) FROM homework_assignments WHERE cohort_id = ",
                                                    world_.cohort_id, " AND source <> 'programme'")),
            "1");
}

}  // namespace
}  // namespace cft
