// The homework domain service against in-memory fakes: idempotent logging,
// nothing written on bad input, the 7-day edit window and its audit trail,
// private words kept from staff, assignments and who they apply to.
#include "services/homework/homework_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "tests/homework/fake_homework.h"
#include "tests/support/fakes.h"
#include "tests/support/status_matchers.h"

namespace cft::homework {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Code = absl::StatusCode;
using programme::FieldType;

absl::Time Utc(int y, int mo, int d, int h = 0, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

constexpr int64_t kOrg = 1;
constexpr int64_t kCohort = 1;
constexpr int64_t kTemplate = 7;
constexpr int64_t kClinician = 10;
constexpr int64_t kOutsider = 11;  // a clinician of the organisation who does not facilitate
constexpr int64_t kAda = 21;
constexpr int64_t kBen = 22;
constexpr int64_t kLate = 23;
constexpr int64_t kGone = 24;

class HomeworkServiceTest : public ::testing::Test {
 protected:
  HomeworkServiceTest()
      : clock_(Utc(2026, 10, 7, 12)),
        idempotency_(idempotency_repo_),
        auditor_(audit_, tx_, clock_),
        service_(repo_, directory_, idempotency_, tx_, auditor_, clock_) {
    tx_.Register(&repo_);
    tx_.Register(&audit_);
    tx_.Register(&idempotency_repo_);

    cohorts::CohortRecord c;
    c.id = kCohort;
    c.organisation_id = kOrg;
    c.template_id = kTemplate;
    c.status = cohorts::CohortStatus::kRunning;
    c.plan.time_zone = "Europe/London";
    directory_.cohorts[kCohort] = {.record = c, .facilitators = {kClinician}};
    homework::CohortCalendar calendar;
    for (int w = 1; w <= 3; ++w) {
      cohorts::Session s;
      s.id = 100 + w;
      s.cohort_id = kCohort;
      s.week_number = w;
      s.starts_at = Utc(2026, 10, 6, 17) + absl::Hours(24 * 7 * (w - 1));
      s.duration_minutes = 150;
      calendar.sessions.push_back(s);
    }
    directory_.calendars[kCohort] = calendar;
    auto person = [](int64_t id, int64_t user, std::string name, absl::Time joined) {
      cohorts::Enrolment e;
      e.id = id;
      e.cohort_id = kCohort;
      e.user_id = user;
      e.name = std::move(name);
      e.status = cohorts::EnrolmentStatus::kActive;
      e.allocated_at = joined;
      e.joined_at = joined;
      return e;
    };
    cohorts::Enrolment gone = person(4, kGone, "Gil Gone", Utc(2026, 10, 1));
    gone.status = cohorts::EnrolmentStatus::kWithdrawn;
    gone.withdrawn_at = Utc(2026, 10, 7);
    directory_.enrolled[kCohort] = {person(1, kAda, "Ada", Utc(2026, 10, 1)), person(2, kBen, "Ben", Utc(2026, 10, 1)),
                                    person(3, kLate, "Lee Late", Utc(2026, 10, 15)), gone};
    directory_.weeks[kTemplate] = {
        {.number = 1, .title = "Safeness",
         .practices = {{.code = "B", .title = "Breathing", .times_per_week = 14, .minutes = 4, .kind = "breathing"},
                       {.code = "TR", .title = "Thought record", .times_per_week = 3, .minutes = 10,
                        .kind = "thought-record"}}},
        {.number = 2, .title = "Tricky brain",
         .practices = {{.code = "B", .title = "Breathing", .times_per_week = 7, .minutes = 5, .kind = "breathing"}}},
        {.number = 3, .title = "Three systems",
         .practices = {{.code = "B", .title = "Breathing", .times_per_week = 7, .minutes = 5, .kind = "breathing"}}}};
    programme::PracticeKind breathing{.key = "breathing", .title = "Breathing"};
    breathing.fields = {{.key = "in_count", .label = "In", .type = FieldType::kNumber, .min = 2, .max = 10}};
    programme::PracticeKind record{.key = "thought-record", .title = "Thought record", .distress_required = true};
    record.fields = {
        {.key = "situation", .label = "Situation", .type = FieldType::kText, .required = true, .max_length = 1000},
        {.key = "balanced_thought", .label = "Balanced", .type = FieldType::kText, .max_length = 1000}};
    programme::PracticeKind ladder{.key = "exposure-ladder", .title = "Graded exposure ladder", .uses_steps = true};
    ladder.fields = {{.key = "step", .label = "Step", .type = FieldType::kStep, .required = true}};
    directory_.kinds[kTemplate] = {breathing, record, ladder};
    directory_.names[kClinician] = "Dr Alex Morgan";
  }

  static RequestContext As(int64_t user, Role role, std::string method) {
    RequestContext ctx;
    ctx.method = std::move(method);
    ctx.principal = Principal{.user_id = user, .organisation_id = kOrg, .role = role};
    return ctx;
  }
  static RequestContext Participant(int64_t user, const std::string& rpc) {
    return As(user, Role::kParticipant, "/cft.v1.HomeworkService/" + rpc);
  }
  static RequestContext Staff(int64_t user, const std::string& rpc) {
    return As(user, Role::kClinician, "/cft.v1.HomeworkService/" + rpc);
  }

  MyAssignments Mine(int64_t user) {
    RequestContext ctx = Participant(user, "ListMyAssignments");
    auto mine = service_.ListMyAssignments(ctx);
    EXPECT_THAT(mine, IsOk());
    return mine.ok() ? *mine : MyAssignments{};
  }

  int64_t AssignmentOf(int64_t user, const std::string& kind, int week) {
    const MyAssignments mine = Mine(user);
    for (const AssignmentProgress& p : mine.assignments) {
      if (p.assignment.kind == kind && p.assignment.week_number == week) return p.assignment.id;
    }
    ADD_FAILURE() << "no " << kind << " assignment in week " << week;
    return 0;
  }

  static PracticeEntry Breathing(int minute = 8 * 60) {
    return PracticeEntry{.practised_on = absl::CivilDay(2026, 10, 7), .practised_minute = minute, .minutes = 5,
                         .helpfulness = 7};
  }
  static PracticeEntry Record(const std::string& situation, bool shared) {
    PracticeEntry e = Breathing();
    e.distress_before = 8;
    e.distress_after = 5;
    e.fields = {FieldValue{.key = "situation", .type = FieldType::kText, .text = situation}};
    e.note = "a note only I should read";
    e.shared = shared;
    return e;
  }

  absl::StatusOr<LoggedPractice> Log(int64_t user, int64_t assignment, PracticeEntry e, const std::string& key,
                                     const std::string& hash) {
    RequestContext ctx = Participant(user, "LogPractice");
    return service_.LogPractice(ctx, NewLog{.assignment_id = assignment, .entry = std::move(e),
                                            .idempotency_key = key, .request_hash = hash});
  }

  FakeClock clock_;
  testing::FakeTransactionRunner tx_;
  testing::FakeHomeworkRepository repo_;
  testing::FakeDirectory directory_;
  testing::FakeIdempotencyRepository idempotency_repo_;
  testing::FakeAuditRepository audit_;
  idempotency::Idempotency idempotency_;
  audit::Auditor auditor_;
  HomeworkService service_;
};

TEST_F(HomeworkServiceTest, TheWeeksPracticesBecomeAssignmentsCopiedOnceWithProgress) {
  MyAssignments ada = Mine(kAda);
  EXPECT_EQ(ada.current_week, 1);
  EXPECT_EQ(ada.time_zone, "Europe/London");
  EXPECT_EQ(ada.earliest_practice_day, absl::CivilDay(2026, 10, 1));
  ASSERT_THAT(ada.assignments, SizeIs(2));  // week 1 only: week 2 is not released
  EXPECT_EQ(ada.assignments[0].assignment.practice_code, "B");
  EXPECT_EQ(ada.assignments[0].assignment.source, AssignmentSource::kProgramme);
  EXPECT_TRUE(ada.assignments[0].this_week);
  ASSERT_THAT(ada.kinds, SizeIs(2));  // the two kinds used, not the ladder
  const int64_t breathing = ada.assignments[0].assignment.id;
  ASSERT_THAT(Log(kAda, breathing, Breathing(8 * 60), "k1", "h1"), IsOk());
  ASSERT_THAT(Log(kAda, breathing, Breathing(9 * 60), "k2", "h2"), IsOk());
  ada = Mine(kAda);
  EXPECT_EQ(ada.assignments[0].logged, 2);
  EXPECT_EQ(ada.assignments[0].minutes_logged, 10);
  EXPECT_EQ(ada.assignments[0].logged_today, 2);
  EXPECT_EQ(ada.assignments[0].percent_of_dose, 14);  // 2 of 14
  // The template was copied in once, however many reads followed.
  Mine(kBen);
  EXPECT_EQ(repo_.programme_copies(), 1);
  EXPECT_THAT(repo_.state().assignments, SizeIs(4));
  // Week 2 released: this week's first, then last week's.
  clock_.Set(Utc(2026, 10, 14, 9));
  ada = Mine(kAda);
  EXPECT_EQ(ada.current_week, 2);
  ASSERT_THAT(ada.assignments, SizeIs(3));
  EXPECT_EQ(ada.assignments[0].assignment.week_number, 2);
  EXPECT_TRUE(ada.assignments[0].this_week);
  EXPECT_FALSE(ada.assignments[1].this_week);
}

TEST_F(HomeworkServiceTest, LateJoinersGetTheWeekUnderWayAndLeaversNothing) {
  clock_.Set(Utc(2026, 10, 16, 9));
  MyAssignments late = Mine(kLate);
  ASSERT_THAT(late.assignments, SizeIs(1));
  EXPECT_EQ(late.assignments[0].assignment.week_number, 2);
  const int64_t week1 = AssignmentOf(kAda, "breathing", 1);
  PracticeEntry e = Breathing();
  e.practised_on = absl::CivilDay(2026, 10, 16);
  EXPECT_THAT(Log(kLate, week1, e, "late-1", "h"),
              StatusIs(Code::kNotFound, "assignment_id: is not one of your assignments"));
  RequestContext gone = Participant(kGone, "ListMyAssignments");
  EXPECT_THAT(service_.ListMyAssignments(gone),
              StatusIs(Code::kPermissionDenied, "your place in the group has ended"));
}

TEST_F(HomeworkServiceTest, ALogSentTwiceWithOneKeyExistsOnce) {
  const int64_t b = AssignmentOf(kAda, "breathing", 1);
  const size_t audited = audit_.records().size();
  auto first = Log(kAda, b, Breathing(), "retry-me", "hash-1");
  ASSERT_THAT(first, IsOk());
  EXPECT_FALSE(first->replayed);
  auto again = Log(kAda, b, Breathing(), "retry-me", "hash-1");
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->log.log.id, first->log.log.id);
  EXPECT_THAT(repo_.LiveLogs(), SizeIs(1));
  // Both calls are in the trail; the second says it replayed.
  ASSERT_THAT(audit_.records(), SizeIs(audited + 2));
  EXPECT_EQ(audit_.records()[audited + 1].target_id, std::to_string(first->log.log.id));
  EXPECT_EQ(audit_.records()[audited + 1].detail, "replayed");
  // Keys are the participant's own: Ben may use the same one.
  ASSERT_THAT(Log(kBen, AssignmentOf(kBen, "breathing", 1), Breathing(), "retry-me", "hash-1"), IsOk());
  EXPECT_THAT(repo_.LiveLogs(), SizeIs(2));
}

TEST_F(HomeworkServiceTest, TheSameKeyWithOtherContentIsRefusedSayingWhy) {
  const int64_t b = AssignmentOf(kAda, "breathing", 1);
  ASSERT_THAT(Log(kAda, b, Breathing(), "one-key", "hash-1"), IsOk());
  PracticeEntry other = Breathing();
  other.minutes = 20;
  EXPECT_THAT(Log(kAda, b, other, "one-key", "hash-2"),
              StatusIs(Code::kAlreadyExists, HasSubstr("idempotency_key: was already used for a different practice log")));
  ASSERT_THAT(repo_.LiveLogs(), SizeIs(1));
  EXPECT_EQ(repo_.LiveLogs()[0].entry.minutes, 5);
}

TEST_F(HomeworkServiceTest, AConcurrentRetryThatLosesTheRaceIsRetriedAndReplays) {
  const int64_t b = AssignmentOf(kAda, "breathing", 1);
  PracticeLog winner;
  winner.assignment_id = b;
  winner.cohort_id = kCohort;
  winner.enrolment_id = 1;
  winner.user_id = kAda;
  winner.idempotency_key = "raced";
  winner.request_hash = "hash-1";
  winner.entry = Breathing();
  repo_.LoseNextInsertRaceTo(winner);
  // ABORTED is what the transaction runner retries; the retry replays.
  EXPECT_THAT(Log(kAda, b, Breathing(), "raced", "hash-1"), StatusIs(Code::kAborted));
  auto retried = Log(kAda, b, Breathing(), "raced", "hash-1");
  ASSERT_THAT(retried, IsOk());
  EXPECT_TRUE(retried->replayed);
  EXPECT_THAT(repo_.LiveLogs(), SizeIs(1));
}

TEST_F(HomeworkServiceTest, BadLogsAreRefusedNamingTheFieldAndNothingIsWritten) {
  const int64_t record = AssignmentOf(kAda, "thought-record", 1);
  const int64_t breathing = AssignmentOf(kAda, "breathing", 1);
  const size_t audit_before = audit_.records().size();
  PracticeEntry no_situation = Record("x", false);
  no_situation.fields.clear();
  EXPECT_THAT(Log(kAda, record, no_situation, "a", "h"), StatusIs(Code::kInvalidArgument, "fields.situation: is required"));
  PracticeEntry future = Breathing(13 * 60 + 30);  // 13:30 in London; it is 13:00 there
  EXPECT_THAT(Log(kAda, breathing, future, "b", "h"), StatusIs(Code::kInvalidArgument, "practised_at: is in the future"));
  PracticeEntry early = Breathing();
  early.practised_on = absl::CivilDay(2026, 9, 30);
  EXPECT_THAT(Log(kAda, breathing, early, "c", "h"),
              StatusIs(Code::kInvalidArgument, "practised_on: is before your place in the group began (2026-10-01)"));
  PracticeEntry counts = Breathing();
  counts.fields = {FieldValue{.key = "in_count", .type = FieldType::kNumber, .number = 30}};
  EXPECT_THAT(Log(kAda, breathing, counts, "d", "h"),
              StatusIs(Code::kInvalidArgument, "fields.in_count: must be between 2 and 10"));
  PracticeEntry long_practice = Breathing();
  long_practice.minutes = 181;
  EXPECT_THAT(Log(kAda, breathing, long_practice, "e", "h"),
              StatusIs(Code::kInvalidArgument, "minutes: must be between 1 and 180"));
  EXPECT_THAT(Log(kAda, breathing, Breathing(), "", "h"),
              StatusIs(Code::kInvalidArgument, HasSubstr("idempotency_key: is required")));
  EXPECT_THAT(Log(kAda, 0, Breathing(), "f", "h"), StatusIs(Code::kInvalidArgument, "assignment_id: is required"));
  EXPECT_THAT(Log(kAda, 999, Breathing(), "g", "h"), StatusIs(Code::kNotFound, "assignment_id: no such assignment"));
  EXPECT_THAT(repo_.LiveLogs(), IsEmpty());
  EXPECT_THAT(audit_.records(), SizeIs(audit_before));
}

TEST_F(HomeworkServiceTest, AWeekNotYetReleasedCannotBeLoggedOrOpened) {
  Mine(kAda);  // copies the template in
  int64_t week2 = 0;
  for (const auto& [id, a] : repo_.state().assignments) {
    if (a.week_number == 2) week2 = id;
  }
  EXPECT_THAT(Log(kAda, week2, Breathing(), "early", "h"),
              StatusIs(Code::kFailedPrecondition, "assignment_id: week 2 has not been released yet"));
  RequestContext open2 = Participant(kAda, "RecordModuleOpened");
  EXPECT_THAT(service_.RecordModuleOpened(open2, 2),
              StatusIs(Code::kFailedPrecondition, "week_number: week 2 has not been released yet"));
  RequestContext open9 = Participant(kAda, "RecordModuleOpened");
  EXPECT_THAT(service_.RecordModuleOpened(open9, 9), StatusIs(Code::kInvalidArgument, "week_number: the programme has 3 weeks"));
  RequestContext open1 = Participant(kAda, "RecordModuleOpened");
  auto first = service_.RecordModuleOpened(open1, 1);
  ASSERT_THAT(first, IsOk());
  clock_.Advance(absl::Hours(2));
  RequestContext again = Participant(kAda, "RecordModuleOpened");
  auto second = service_.RecordModuleOpened(again, 1);
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(audit_.records().back().detail, "opened week 1");
}

TEST_F(HomeworkServiceTest, UpdatesWithinSevenDaysAuditWhichFieldsChangedNeverTheWords) {
  const int64_t record = AssignmentOf(kAda, "thought-record", 1);
  auto logged = Log(kAda, record, Record("The first situation", false), "tr-1", "h");
  ASSERT_THAT(logged, IsOk());
  const int64_t id = logged->log.log.id;
  PracticeEntry changed = Record("A new and private situation", false);
  changed.helpfulness = 9;
  clock_.Advance(absl::Hours(24 * 6));
  RequestContext ctx = Participant(kAda, "UpdatePracticeLog");
  auto updated = service_.UpdatePracticeLog(ctx, id, changed);
  ASSERT_THAT(updated, IsOk());
  EXPECT_THAT(updated->changed_fields, ElementsAre("helpfulness", "fields.situation"));
  EXPECT_EQ(repo_.state().logs.at(id).entry.fields[0].text, "A new and private situation");
  const audit::AuditRecord& rec = audit_.records().back();
  EXPECT_EQ(rec.method, "/cft.v1.HomeworkService/UpdatePracticeLog");
  EXPECT_EQ(rec.target_type, "practice_log");
  EXPECT_EQ(rec.detail, "changed: helpfulness, fields.situation");
  for (const audit::AuditRecord& r : audit_.records()) {
    for (const std::string& field : {r.detail, r.target_id, r.target_type, r.method, r.peer}) {
      for (const char* words : {"A new and private situation", "The first situation", "a note only I should read"}) {
        EXPECT_FALSE(absl::StrContains(field, words)) << field;
      }
    }
  }
  // Someone else's log looks like none; after seven days it is closed.
  RequestContext ben = Participant(kBen, "UpdatePracticeLog");
  EXPECT_THAT(service_.UpdatePracticeLog(ben, id, changed), StatusIs(Code::kNotFound, "log_id: no such practice log"));
  clock_.Advance(absl::Hours(24) + absl::Minutes(1));
  RequestContext late = Participant(kAda, "UpdatePracticeLog");
  EXPECT_THAT(service_.UpdatePracticeLog(late, id, Record("x", false)),
              StatusIs(Code::kFailedPrecondition,
                       "log_id: a practice log can be changed only in the 7 days after it was logged"));
  RequestContext del = Participant(kAda, "DeletePracticeLog");
  EXPECT_THAT(service_.DeletePracticeLog(del, id), StatusIs(Code::kFailedPrecondition, HasSubstr("7 days")));
}

TEST_F(HomeworkServiceTest, ADeletedLogIsGoneAndItsKeyCannotBringItBack) {
  const int64_t b = AssignmentOf(kAda, "breathing", 1);
  auto logged = Log(kAda, b, Breathing(), "del-1", "h1");
  ASSERT_THAT(logged, IsOk());
  RequestContext del = Participant(kAda, "DeletePracticeLog");
  ASSERT_THAT(service_.DeletePracticeLog(del, logged->log.log.id), IsOk());
  EXPECT_EQ(audit_.records().back().detail, "deleted");
  EXPECT_THAT(repo_.LiveLogs(), IsEmpty());
  EXPECT_THAT(Log(kAda, b, Breathing(), "del-1", "h1"),
              StatusIs(Code::kFailedPrecondition, HasSubstr("has since been deleted")));
  RequestContext again = Participant(kAda, "DeletePracticeLog");
  EXPECT_THAT(service_.DeletePracticeLog(again, logged->log.log.id),
              StatusIs(Code::kNotFound, "log_id: no such practice log"));
  EXPECT_THAT(repo_.LiveLogs(), IsEmpty());
}

TEST_F(HomeworkServiceTest, StaffNeverSeePrivateWordsEvenIfTheRepositoryHandsThemOver) {
  const int64_t record = AssignmentOf(kAda, "thought-record", 1);
  ASSERT_THAT(Log(kAda, record, Record("my private situation", false), "p-1", "h1"), IsOk());
  ASSERT_THAT(Log(kAda, record, Record("a shared situation", true), "p-2", "h2"), IsOk());
  repo_.LeakPrivateWords();
  RequestContext staff = Staff(kClinician, "ListPracticeLogs");
  auto page = service_.ListPracticeLogs(staff, LogQuery{.cohort_id = kCohort});
  ASSERT_THAT(page, IsOk());
  ASSERT_THAT(page->logs, SizeIs(2));
  for (const LogView& v : page->logs) {
    EXPECT_EQ(v.participant_name, "Ada");
    EXPECT_EQ(v.assignment_title, "Thought record");
    if (v.log.entry.shared) {
      EXPECT_EQ(v.log.entry.fields[0].text, "a shared situation");
      EXPECT_EQ(v.log.entry.note, "a note only I should read");
    } else {
      EXPECT_THAT(v.log.entry.fields, IsEmpty());
      EXPECT_EQ(v.log.entry.note, "");
      EXPECT_TRUE(v.log.private_withheld);
      EXPECT_EQ(v.log.entry.distress_before, 8);  // the measures stay
    }
  }
  // The participant reads everything they wrote.
  RequestContext mine = Participant(kAda, "ListPracticeLogs");
  auto own = service_.ListPracticeLogs(mine, LogQuery{});
  ASSERT_THAT(own, IsOk());
  ASSERT_THAT(own->logs, SizeIs(2));
  EXPECT_EQ(own->logs[1].log.entry.fields[0].text, "my private situation");
  ASSERT_THAT(own->weeks, SizeIs(1));
  EXPECT_EQ(own->weeks[0].logs, 2);
  EXPECT_EQ(own->weeks[0].minutes, 10);
  RequestContext theirs = Participant(kAda, "ListPracticeLogs");
  EXPECT_THAT(service_.ListPracticeLogs(theirs, LogQuery{.cohort_id = kCohort}),
              StatusIs(Code::kPermissionDenied, HasSubstr("participants list their own practice logs")));
}

TEST_F(HomeworkServiceTest, LogsArePagedNewestPracticeFirst) {
  const int64_t b = AssignmentOf(kAda, "breathing", 1);
  for (int i = 0; i < 5; ++i) ASSERT_THAT(Log(kAda, b, Breathing(6 * 60 + i), "page-" + std::to_string(i), "h"), IsOk());
  RequestContext p1 = Participant(kAda, "ListPracticeLogs");
  auto first = service_.ListPracticeLogs(p1, LogQuery{.page_size = 2});
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(first->logs, SizeIs(2));
  EXPECT_EQ(first->logs[0].log.entry.practised_minute, 6 * 60 + 4);
  ASSERT_FALSE(first->next_page_token.empty());
  RequestContext p2 = Participant(kAda, "ListPracticeLogs");
  auto second = service_.ListPracticeLogs(p2, LogQuery{.page_size = 2, .page_token = first->next_page_token});
  ASSERT_THAT(second, IsOk());
  ASSERT_THAT(second->logs, SizeIs(2));
  EXPECT_EQ(second->logs[0].log.entry.practised_minute, 6 * 60 + 2);
  RequestContext p3 = Participant(kAda, "ListPracticeLogs");
  auto last = service_.ListPracticeLogs(p3, LogQuery{.page_size = 2, .page_token = second->next_page_token});
  ASSERT_THAT(last, IsOk());
  EXPECT_THAT(last->logs, SizeIs(1));
  EXPECT_EQ(last->next_page_token, "");
  RequestContext bad = Participant(kAda, "ListPracticeLogs");
  EXPECT_THAT(service_.ListPracticeLogs(bad, LogQuery{.page_token = "not-a-token"}),
              StatusIs(Code::kInvalidArgument, "page_token: is not a token this service gave out"));
  RequestContext big = Participant(kAda, "ListPracticeLogs");
  EXPECT_THAT(service_.ListPracticeLogs(big, LogQuery{.page_size = 501}),
              StatusIs(Code::kInvalidArgument, HasSubstr("page_size: must be between 1 and 500")));
}

TEST_F(HomeworkServiceTest, ClinicianAssignmentsReachTheCohortOrOneParticipant) {
  RequestContext ctx = Staff(kClinician, "CreateAssignment");
  NewAssignment ladder{.cohort_id = kCohort, .enrolment_id = 2, .week_number = 1, .kind = "exposure-ladder",
                       .title = "  Time apart  ", .times_per_week = 3, .minutes = 30,
                       .steps = {{.description = "Five minutes apart", .target_minutes = 5},
                                 {.description = "Ten minutes apart", .target_minutes = 10}}};
  auto created = service_.CreateAssignment(ctx, ladder);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->title, "Time apart");
  EXPECT_EQ(created->source, AssignmentSource::kParticipant);
  EXPECT_EQ(audit_.records().back().target_type, "assignment");
  // Ben has it, Ada does not.
  EXPECT_NE(AssignmentOf(kBen, "exposure-ladder", 1), 0);
  const MyAssignments ada = Mine(kAda);
  for (const auto& p : ada.assignments) EXPECT_NE(p.assignment.kind, "exposure-ladder");
  PracticeEntry step = Breathing();
  step.fields = {FieldValue{.key = "step", .type = FieldType::kStep, .number = 3}};
  EXPECT_THAT(Log(kBen, created->id, step, "ladder-1", "h"),
              StatusIs(Code::kInvalidArgument, "fields.step: must be a step of this ladder (1 to 2)"));
  EXPECT_THAT(Log(kAda, created->id, step, "ladder-2", "h"),
              StatusIs(Code::kNotFound, "assignment_id: is not one of your assignments"));

  auto refused = [&](NewAssignment n, int64_t user = kClinician) {
    RequestContext c = Staff(user, "CreateAssignment");
    return service_.CreateAssignment(c, std::move(n)).status();
  };
  NewAssignment no_steps = ladder;
  no_steps.steps.clear();
  EXPECT_THAT(refused(no_steps), StatusIs(Code::kInvalidArgument, "steps: a Graded exposure ladder needs its steps"));
  NewAssignment unknown = ladder;
  unknown.kind = "yoga";
  EXPECT_THAT(refused(unknown), StatusIs(Code::kInvalidArgument, "kind: is not a practice kind of this group's programme"));
  NewAssignment late_week = ladder;
  late_week.week_number = 9;
  EXPECT_THAT(refused(late_week),
              StatusIs(Code::kInvalidArgument, "week_number: must be between 1 and 3 (the programme's weeks)"));
  NewAssignment stranger = ladder;
  stranger.enrolment_id = 77;
  EXPECT_THAT(refused(stranger), StatusIs(Code::kNotFound, "enrolment_id: no such participant in this cohort"));
  NewAssignment withdrawn = ladder;
  withdrawn.enrolment_id = 4;
  EXPECT_THAT(refused(withdrawn), StatusIs(Code::kFailedPrecondition, "enrolment_id: the participant's place is withdrawn"));
  NewAssignment dose = ladder;
  dose.times_per_week = 0;
  EXPECT_THAT(refused(dose), StatusIs(Code::kInvalidArgument, "dose.times_per_week: must be between 1 and 21"));
  NewAssignment step_text = ladder;
  step_text.steps[1].target_minutes = 0;
  EXPECT_THAT(refused(step_text), StatusIs(Code::kInvalidArgument, "steps[1].target_minutes: must be between 1 and 600"));
  EXPECT_THAT(refused(ladder, kOutsider), StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  directory_.cohorts[kCohort].record.status = cohorts::CohortStatus::kCompleted;
  EXPECT_THAT(refused(ladder), StatusIs(Code::kFailedPrecondition, "cohort_id: the cohort is completed; its homework is closed"));
}

TEST_F(HomeworkServiceTest, ACreateRetriedWithItsKeyReturnsTheFirstAssignment) {
  NewAssignment n{.cohort_id = kCohort, .week_number = 1, .kind = "thought-record", .title = "Before the party",
                  .times_per_week = 2, .minutes = 15, .idempotency_key = "create-1", .request_hash = "h"};
  RequestContext c1 = Staff(kClinician, "CreateAssignment");
  auto first = service_.CreateAssignment(c1, n);
  ASSERT_THAT(first, IsOk());
  RequestContext c2 = Staff(kClinician, "CreateAssignment");
  auto again = service_.CreateAssignment(c2, n);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->id, first->id);
  EXPECT_THAT(repo_.state().assignments, SizeIs(1));
}

TEST_F(HomeworkServiceTest, FeedbackIsSignedAndShownWithTheLogItAnswers) {
  const int64_t b = AssignmentOf(kAda, "breathing", 1);
  auto logged = Log(kAda, b, Breathing(), "fb-1", "h");
  ASSERT_THAT(logged, IsOk());
  RequestContext outsider = Staff(kOutsider, "AddFeedback");
  EXPECT_THAT(service_.AddFeedback(outsider, NewFeedback{.log_id = logged->log.log.id, .text = "Well done"}),
              StatusIs(Code::kPermissionDenied, "you do not facilitate this cohort"));
  RequestContext empty = Staff(kClinician, "AddFeedback");
  EXPECT_THAT(service_.AddFeedback(empty, NewFeedback{.log_id = logged->log.log.id, .text = "  "}),
              StatusIs(Code::kInvalidArgument, "text: is required"));
  RequestContext missing = Staff(kClinician, "AddFeedback");
  EXPECT_THAT(service_.AddFeedback(missing, NewFeedback{.log_id = 999, .text = "Hi"}),
              StatusIs(Code::kNotFound, "log_id: no such practice log"));
  EXPECT_THAT(repo_.state().feedback, IsEmpty());
  RequestContext ctx = Staff(kClinician, "AddFeedback");
  auto fb = service_.AddFeedback(ctx, NewFeedback{.log_id = logged->log.log.id, .text = " Lovely to see. "});
  ASSERT_THAT(fb, IsOk());
  EXPECT_EQ(fb->author_name, "Dr Alex Morgan");
  EXPECT_EQ(fb->text, "Lovely to see.");
  RequestContext mine = Participant(kAda, "ListPracticeLogs");
  auto own = service_.ListPracticeLogs(mine, LogQuery{});
  ASSERT_THAT(own, IsOk());
  ASSERT_THAT(own->logs[0].log.feedback, SizeIs(1));
  EXPECT_EQ(own->logs[0].log.feedback[0].text, "Lovely to see.");
}

}  // namespace
}  // namespace cft::homework
