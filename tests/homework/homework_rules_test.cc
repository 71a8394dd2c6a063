// The homework rules without storage: what a log may hold, when weeks are
// released and end, whom an assignment applies to, adherence and the digest.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "services/homework/homework_rules.h"
#include "tests/support/status_matchers.h"

namespace cft::homework {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Code = absl::StatusCode;
using cohorts::AttendanceStatus;
using cohorts::EnrolmentStatus;
using cohorts::ModuleRelease;
using cohorts::SessionStatus;
using programme::FieldType;
using programme::PracticeField;
using programme::PracticeKind;

absl::TimeZone London() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/London", &tz));
  return tz;
}

absl::Time Utc(int y, int mo, int d, int h = 0, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

PracticeKind ThoughtRecord() {
  PracticeKind k{.key = "thought-record", .title = "Thought record", .distress_required = true};
  k.fields = {{.key = "situation", .label = "The situation", .type = FieldType::kText, .required = true, .max_length = 1000},
              {.key = "anxious_thought", .label = "The anxious thought", .type = FieldType::kText, .required = true,
               .max_length = 1000},
              {.key = "balanced_thought", .label = "A balanced thought", .type = FieldType::kText, .max_length = 1000}};
  return k;
}

PracticeKind Ladder() {
  PracticeKind k{.key = "exposure-ladder", .title = "Graded exposure ladder", .uses_steps = true};
  k.fields = {{.key = "step", .label = "Step", .type = FieldType::kStep, .required = true},
              {.key = "distress_felt", .label = "Felt", .type = FieldType::kNumber, .required = true, .min = 0, .max = 10},
              {.key = "done", .label = "Done", .type = FieldType::kYesNo, .required = true}};
  return k;
}

PracticeKind Diary() {
  PracticeKind k{.key = "three-circles-diary", .title = "Three-circles diary"};
  PracticeField system{.key = "strongest_system", .label = "Strongest", .type = FieldType::kChoice, .required = true};
  system.options = {{.key = "threat", .label = "Threat"}, {.key = "drive", .label = "Drive"},
                    {.key = "soothing", .label = "Soothing"}};
  k.fields = {system};
  return k;
}

FieldValue Text(const std::string& key, const std::string& text) {
  return FieldValue{.key = key, .type = FieldType::kText, .text = text};
}
FieldValue Number(const std::string& key, int n, FieldType type = FieldType::kNumber) {
  return FieldValue{.key = key, .type = type, .number = n};
}

PracticeEntry Entry() {
  return PracticeEntry{.practised_on = absl::CivilDay(2026, 10, 6), .practised_minute = 8 * 60, .minutes = 10,
                       .helpfulness = 6};
}

Assignment WithSteps(int n) {
  Assignment a{.kind = "exposure-ladder"};
  for (int i = 1; i <= n; ++i) a.steps.push_back(LadderStep{.description = "step", .target_minutes = 5 * i});
  return a;
}

TEST(EntryShape, RefusesEachBadCommonFieldByName) {
  EXPECT_THAT(ValidateEntryShape(Entry()), IsOk());
  PracticeEntry e = Entry();
  e.minutes = 0;
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "minutes: must be between 1 and 180"));
  e.minutes = 181;
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "minutes: must be between 1 and 180"));
  e = Entry();
  e.distress_before = 11;
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "distress_before: must be between 0 and 10"));
  e = Entry();
  e.distress_after = -1;
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "distress_after: must be between 0 and 10"));
  e = Entry();
  e.helpfulness.reset();
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "helpfulness: is required (0 to 10)"));
  e.helpfulness = 11;
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "helpfulness: must be between 0 and 10"));
  e = Entry();
  e.note = std::string(2001, 'x');
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "note: must be at most 2000 characters"));
  e = Entry();
  e.practised_minute = 24 * 60;
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, ::testing::StartsWith("practised_at: ")));
  e = Entry();
  e.fields = {Text("situation", "a"), Text("situation", "b")};
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "fields.situation: is given twice"));
  e.fields = {Text("Not a key", "a")};
  EXPECT_THAT(ValidateEntryShape(e), StatusIs(Code::kInvalidArgument, "fields: every value needs the key of its field"));
}

TEST(EntryFields, AThoughtRecordNeedsItsRequiredFieldsAndDistress) {
  const PracticeKind kind = ThoughtRecord();
  const Assignment a{.kind = kind.key};
  PracticeEntry e = Entry();
  e.distress_before = 8;
  e.distress_after = 4;
  e.fields = {Text("anxious_thought", "  They will leave me  "), Text("situation", "No reply to my message"),
              Text("balanced_thought", "   ")};
  ASSERT_THAT(ValidateEntryFields(e, &kind, a), IsOk());
  // Stored in the kind's order, trimmed, without the empty optional answer.
  ASSERT_EQ(e.fields.size(), 2u);
  EXPECT_EQ(e.fields[0].key, "situation");
  EXPECT_EQ(e.fields[1].text, "They will leave me");

  PracticeEntry missing = Entry();
  missing.distress_before = 8;
  missing.distress_after = 4;
  missing.fields = {Text("situation", "No reply")};
  EXPECT_THAT(ValidateEntryFields(missing, &kind, a),
              StatusIs(Code::kInvalidArgument, "fields.anxious_thought: is required"));
  PracticeEntry no_distress = Entry();
  no_distress.fields = {Text("situation", "x"), Text("anxious_thought", "y")};
  EXPECT_THAT(ValidateEntryFields(no_distress, &kind, a),
              StatusIs(Code::kInvalidArgument, "distress_before: is part of a Thought record"));
  no_distress.distress_before = 3;
  EXPECT_THAT(ValidateEntryFields(no_distress, &kind, a),
              StatusIs(Code::kInvalidArgument, "distress_after: is part of a Thought record"));
}

TEST(EntryFields, NamesTheFieldOfAnUnknownMistypedOrOversizedValue) {
  const PracticeKind kind = ThoughtRecord();
  const Assignment a{.kind = kind.key};
  auto check = [&](std::vector<FieldValue> fields) {
    PracticeEntry e = Entry();
    e.distress_before = 1;
    e.distress_after = 1;
    e.fields = std::move(fields);
    return ValidateEntryFields(e, &kind, a);
  };
  EXPECT_THAT(check({Text("situation", "x"), Text("anxious_thought", "y"), Text("mood", "z")}),
              StatusIs(Code::kInvalidArgument, "fields.mood: is not a field of Thought record"));
  EXPECT_THAT(check({Number("situation", 3), Text("anxious_thought", "y")}),
              StatusIs(Code::kInvalidArgument, "fields.situation: must be text"));
  EXPECT_THAT(check({Text("situation", std::string(1001, 'x')), Text("anxious_thought", "y")}),
              StatusIs(Code::kInvalidArgument, "fields.situation: must be at most 1000 characters"));
  EXPECT_THAT(check({Text("situation", "a\x01"), Text("anxious_thought", "y")}),
              StatusIs(Code::kInvalidArgument, "fields.situation: must not contain control characters"));
}

TEST(EntryFields, ALadderLogNamesAStepOfItsAssignment) {
  const PracticeKind kind = Ladder();
  const Assignment a = WithSteps(3);
  PracticeEntry e = Entry();
  e.fields = {Number("step", 2, FieldType::kStep), Number("distress_felt", 6), Number("done", 1, FieldType::kYesNo)};
  EXPECT_THAT(ValidateEntryFields(e, &kind, a), IsOk());
  e.fields[0].number = 4;
  EXPECT_THAT(ValidateEntryFields(e, &kind, a),
              StatusIs(Code::kInvalidArgument, "fields.step: must be a step of this ladder (1 to 3)"));
  e.fields[0].number = 1;
  e.fields[1].number = 11;
  EXPECT_THAT(ValidateEntryFields(e, &kind, a),
              StatusIs(Code::kInvalidArgument, "fields.distress_felt: must be between 0 and 10"));
  e.fields[1].number = 5;
  e.fields.pop_back();
  EXPECT_THAT(ValidateEntryFields(e, &kind, a), StatusIs(Code::kInvalidArgument, "fields.done: is required"));
}

TEST(EntryFields, AChoiceIsOneOfItsOptionsAndAKindlessPracticeTakesNoFields) {
  const PracticeKind kind = Diary();
  PracticeEntry e = Entry();
  e.fields = {FieldValue{.key = "strongest_system", .type = FieldType::kChoice, .text = "anger"}};
  EXPECT_THAT(ValidateEntryFields(e, &kind, Assignment{}),
              StatusIs(Code::kInvalidArgument, "fields.strongest_system: must be one of: threat, drive, soothing"));
  e.fields[0].text = "soothing";
  EXPECT_THAT(ValidateEntryFields(e, &kind, Assignment{}), IsOk());
  EXPECT_THAT(ValidateEntryFields(e, nullptr, Assignment{}),
              StatusIs(Code::kInvalidArgument, "fields.strongest_system: this practice records no fields"));
}

TEST(PractisedInstant, IsNotInTheFutureNorBeforeThePlaceBegan) {
  const absl::TimeZone tz = London();
  const absl::Time now = Utc(2026, 10, 6, 9, 0);  // 10:00 in London (BST)
  const absl::CivilDay placed(2026, 10, 1);
  PracticeEntry e = Entry();  // 6 October 08:00 local
  auto at = PractisedInstant(e, tz, placed, now);
  ASSERT_THAT(at, IsOk());
  EXPECT_EQ(*at, Utc(2026, 10, 6, 7, 0));
  e.practised_minute = 10 * 60 + 4;  // within the allowance for a fast device clock
  EXPECT_THAT(PractisedInstant(e, tz, placed, now), IsOk());
  e.practised_minute = 10 * 60 + 6;
  EXPECT_THAT(PractisedInstant(e, tz, placed, now), StatusIs(Code::kInvalidArgument, "practised_at: is in the future"));
  e.practised_on = absl::CivilDay(2026, 10, 7);
  e.practised_minute = 0;
  EXPECT_THAT(PractisedInstant(e, tz, placed, now), StatusIs(Code::kInvalidArgument, "practised_on: is in the future"));
  e.practised_on = absl::CivilDay(2026, 9, 30);
  EXPECT_THAT(PractisedInstant(e, tz, placed, now),
              StatusIs(Code::kInvalidArgument, "practised_on: is before your place in the group began (2026-10-01)"));
  e.practised_on = placed;
  EXPECT_THAT(PractisedInstant(e, tz, placed, now), IsOk());
}

TEST(ChangedFields, NamesWhatDiffersAndNeverTheValues) {
  PracticeEntry before = Entry();
  before.note = "private words";
  before.fields = {Text("situation", "old"), Text("anxious_thought", "same")};
  PracticeEntry after = before;
  after.minutes = 12;
  after.note = "other private words";
  after.fields = {Text("situation", "new"), Text("anxious_thought", "same"), Text("balanced_thought", "added")};
  after.shared = true;
  EXPECT_THAT(ChangedFields(before, after),
              ElementsAre("minutes", "fields.balanced_thought", "fields.situation", "note", "shared"));
  EXPECT_THAT(ChangedFields(before, before), IsEmpty());
}

TEST(ForStaff, LeavesOutThePrivateWordsAndKeepsTheMeasures) {
  PracticeLog log;
  log.entry = Entry();
  log.entry.note = "a private note";
  log.entry.fields = {Text("situation", "private situation"), Number("distress_felt", 7),
                      FieldValue{.key = "strongest_system", .type = FieldType::kChoice, .text = "threat"}};
  const PracticeLog staff = ForStaff(log);
  EXPECT_EQ(staff.entry.note, "");
  ASSERT_EQ(staff.entry.fields.size(), 2u);
  EXPECT_EQ(staff.entry.fields[0].key, "distress_felt");
  EXPECT_EQ(staff.entry.fields[1].text, "threat");
  EXPECT_TRUE(staff.private_withheld);
  EXPECT_EQ(staff.entry.minutes, 10);

  log.entry.shared = true;
  const PracticeLog shared = ForStaff(log);
  EXPECT_EQ(shared.entry.note, "a private note");
  EXPECT_EQ(shared.entry.fields.size(), 3u);
  EXPECT_FALSE(shared.private_withheld);

  PracticeLog numbers_only;
  numbers_only.entry = Entry();
  EXPECT_FALSE(ForStaff(numbers_only).private_withheld);
}

cohorts::Session MakeSession(int64_t id, int week, absl::Time starts, SessionStatus status = SessionStatus::kScheduled,
                             std::optional<absl::Time> held = std::nullopt) {
  cohorts::Session s;
  s.id = id;
  s.week_number = week;
  s.starts_at = starts;
  s.duration_minutes = 150;
  s.status = status;
  s.held_at = held;
  return s;
}

// Tuesdays at 17:00 UTC from 6 October 2026.
std::vector<cohorts::Session> Weekly(int weeks) {
  std::vector<cohorts::Session> out;
  for (int w = 1; w <= weeks; ++w) out.push_back(MakeSession(w, w, Utc(2026, 10, 6, 17) + absl::Hours(24 * 7 * (w - 1))));
  return out;
}

TEST(Schedule, WeeksAreReleasedAtTheirSessionAndEndAtTheNextRelease) {
  const auto schedule = BuildSchedule(Weekly(3), ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kRunning);
  ASSERT_EQ(schedule.size(), 3u);
  EXPECT_EQ(schedule[0].released_at, Utc(2026, 10, 6, 17));
  EXPECT_EQ(schedule[0].ends_at, Utc(2026, 10, 13, 17));
  EXPECT_EQ(schedule[2].ends_at, Utc(2026, 10, 27, 17));  // the last week runs seven days
  EXPECT_EQ(schedule[1].session_id, 2);
  EXPECT_FALSE(Released(schedule, 2, Utc(2026, 10, 13, 16, 59)));
  EXPECT_TRUE(Released(schedule, 2, Utc(2026, 10, 13, 17)));
  EXPECT_EQ(CurrentWeek(schedule, Utc(2026, 10, 14)), 2);
  EXPECT_EQ(CurrentWeek(schedule, Utc(2026, 10, 1)), 0);
  // A planned cohort releases nothing; a cancelled one keeps the weeks whose
  // sessions were not cancelled with it.
  EXPECT_FALSE(BuildSchedule(Weekly(3), ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kPlanned)[0].released_at);
  auto cut_short = Weekly(3);
  cut_short[1].status = SessionStatus::kCancelled;
  cut_short[2].status = SessionStatus::kCancelled;
  const auto cancelled = BuildSchedule(cut_short, ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kCancelled);
  EXPECT_EQ(cancelled[0].released_at, Utc(2026, 10, 6, 17));
  EXPECT_FALSE(cancelled[1].released_at);
  EXPECT_FALSE(cancelled[2].released_at);
}

TEST(Schedule, HeldModeWaitsForTheRegisterAndCancelledOrMovedSessionsKeepTheirWeek) {
  auto sessions = Weekly(3);
  sessions[0].status = SessionStatus::kHeld;
  sessions[0].held_at = Utc(2026, 10, 6, 19, 30);
  auto held = BuildSchedule(sessions, ModuleRelease::kWhenSessionHeld, cohorts::CohortStatus::kRunning);
  EXPECT_EQ(held[0].released_at, Utc(2026, 10, 6, 19, 30));
  EXPECT_FALSE(held[1].released_at);  // not yet held
  EXPECT_FALSE(held[0].ends_at);      // so week 1 runs on
  // Week 2's session cancelled without a replacement: released at its start.
  sessions[1].status = SessionStatus::kCancelled;
  held = BuildSchedule(sessions, ModuleRelease::kWhenSessionHeld, cohorts::CohortStatus::kRunning);
  EXPECT_EQ(held[1].released_at, Utc(2026, 10, 13, 17));
  // Cancelled with the programme extended: the live replacement a week later releases it.
  sessions.push_back(MakeSession(9, 2, Utc(2026, 10, 20, 17)));
  sessions[2].starts_at = Utc(2026, 10, 27, 17);
  const auto moved = BuildSchedule(sessions, ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kRunning);
  EXPECT_EQ(moved[1].released_at, Utc(2026, 10, 20, 17));
  EXPECT_EQ(moved[1].session_id, 9);
  EXPECT_EQ(moved[0].ends_at, Utc(2026, 10, 20, 17));
}

cohorts::Enrolment Person(int64_t id, const std::string& name, absl::Time joined,
                          EnrolmentStatus status = EnrolmentStatus::kActive) {
  cohorts::Enrolment e;
  e.id = id;
  e.name = name;
  e.user_id = 100 + id;
  e.status = status;
  e.allocated_at = joined;
  e.joined_at = joined;
  return e;
}

TEST(AppliesTo, LateJoinersStartWithTheWeekUnderWayAndLeaversStopWhenTheyLeave) {
  const auto schedule = BuildSchedule(Weekly(4), ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kRunning);
  const Assignment week1{.id = 1, .week_number = 1};
  const Assignment week2{.id = 2, .week_number = 2};
  const Assignment week4{.id = 4, .week_number = 4};
  // Joined during week 2.
  const cohorts::Enrolment late = Person(1, "Late", Utc(2026, 10, 15));
  EXPECT_FALSE(AppliesTo(week1, late, schedule[0]));
  EXPECT_TRUE(AppliesTo(week2, late, schedule[1]));
  // Withdrew during week 2.
  cohorts::Enrolment left = Person(2, "Left", Utc(2026, 10, 1), EnrolmentStatus::kWithdrawn);
  left.withdrawn_at = Utc(2026, 10, 16);
  EXPECT_TRUE(AppliesTo(week2, left, schedule[1]));
  EXPECT_FALSE(AppliesTo(week4, left, schedule[3]));
  // Someone else's assignment.
  const Assignment mine{.id = 5, .week_number = 2, .source = AssignmentSource::kParticipant, .enrolment_id = 1};
  EXPECT_TRUE(AppliesTo(mine, late, schedule[1]));
  EXPECT_FALSE(AppliesTo(mine, left, schedule[1]));
}

LogTotals Totals(int64_t enrolment, int64_t assignment, int logs, int minutes, int helpfulness,
                 std::optional<absl::Time> last = std::nullopt, int in_window = 0, int minutes_in_window = 0) {
  return LogTotals{.enrolment_id = enrolment, .assignment_id = assignment, .logs = logs, .minutes = minutes,
                   .helpfulness_sum = helpfulness, .last_practised_at = last, .logs_in_window = in_window,
                   .minutes_in_window = minutes_in_window};
}

TEST(Adherence, CountsEachAssignmentUpToItsDoseBesideAttendance) {
  CohortHomework h;
  h.sessions = Weekly(3);
  h.schedule = BuildSchedule(h.sessions, ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kRunning);
  h.week_titles = {"One", "Two", "Three"};
  h.enrolments = {Person(1, "Ada", Utc(2026, 10, 1)), Person(2, "Late", Utc(2026, 10, 15))};
  cohorts::Enrolment invited = Person(3, "Invited", Utc(2026, 10, 1), EnrolmentStatus::kInvited);
  invited.user_id.reset();
  h.enrolments.push_back(invited);
  h.assignments = {Assignment{.id = 10, .week_number = 1, .times_per_week = 14},
                   Assignment{.id = 11, .week_number = 1, .times_per_week = 7},
                   Assignment{.id = 20, .week_number = 2, .times_per_week = 7}};
  // Ada over-does breathing (20 of 14) and does the reflection 3 of 7: 17 of 21.
  h.totals = {Totals(1, 10, 20, 100, 120), Totals(1, 11, 3, 9, 12), Totals(2, 20, 7, 35, 63)};
  h.attendance[1][1] = AttendanceStatus::kPresent;
  h.attendance[2][1] = AttendanceStatus::kAbsent;
  h.module_opens = {{1, 1}};

  const AdherenceGrid g = ComputeAdherence(h, Utc(2026, 10, 16));
  ASSERT_EQ(g.weeks.size(), 2u);  // week 3 not released yet
  EXPECT_EQ(g.weeks[1].title, "Two");
  EXPECT_TRUE(g.weeks[0].complete);
  EXPECT_FALSE(g.weeks[1].complete);
  ASSERT_EQ(g.participants.size(), 2u);  // not the person who never joined
  const AdherenceCell& ada1 = g.participants[0].weeks[0];
  EXPECT_TRUE(ada1.applies);
  EXPECT_EQ(ada1.dose, 21);
  EXPECT_EQ(ada1.logged, 17);
  EXPECT_EQ(ada1.percent, 81);
  EXPECT_EQ(ada1.logs, 23);
  EXPECT_EQ(ada1.minutes, 109);
  EXPECT_DOUBLE_EQ(*ada1.mean_helpfulness, 132.0 / 23);
  EXPECT_EQ(ada1.attendance, AttendanceStatus::kPresent);
  EXPECT_TRUE(ada1.module_opened);
  const AdherenceCell& ada2 = g.participants[0].weeks[1];
  EXPECT_EQ(ada2.percent, 0);
  EXPECT_FALSE(ada2.mean_helpfulness);
  EXPECT_EQ(ada2.attendance, AttendanceStatus::kAbsent);
  // The late joiner's week 1 does not apply; week 2 is full.
  EXPECT_FALSE(g.participants[1].weeks[0].applies);
  EXPECT_EQ(g.participants[1].weeks[0].dose, 0);
  EXPECT_EQ(g.participants[1].weeks[1].percent, 100);
}

// Five weekly sessions from 6 October; the digest is read on 1 November,
// before week 5's session on 3 November.
CohortHomework DigestWorld() {
  CohortHomework h;
  h.sessions = Weekly(5);
  h.time_zone = "Europe/London";
  h.schedule = BuildSchedule(h.sessions, ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kRunning);
  h.week_titles = {"One", "Two", "Three", "Four", "Five"};
  const absl::Time joined = Utc(2026, 10, 1);
  h.enrolments = {Person(1, "Ada Keen", joined), Person(2, "Ben Fading", joined), Person(3, "Cy Absent", joined),
                  Person(4, "Dee Quiet", joined)};
  cohorts::Enrolment gone = Person(5, "Eve Gone", joined, EnrolmentStatus::kWithdrawn);
  gone.withdrawn_at = Utc(2026, 10, 8);
  h.enrolments.push_back(gone);
  for (int w = 1; w <= 4; ++w) h.assignments.push_back(Assignment{.id = w, .week_number = w, .times_per_week = 10});
  h.totals = {// Ada: full every week, practising this week too.
              Totals(1, 1, 10, 50, 70), Totals(1, 2, 10, 50, 70), Totals(1, 3, 10, 50, 70),
              Totals(1, 4, 6, 30, 42, Utc(2026, 10, 31, 8), 6, 30),
              // Ben: 90%, 60%, 20%, last practised 25 October.
              Totals(2, 1, 9, 45, 40), Totals(2, 2, 6, 30, 30), Totals(2, 3, 2, 10, 8),
              Totals(2, 4, 1, 5, 4, Utc(2026, 10, 25, 9)),
              // Cy: one practice this week.
              Totals(3, 4, 1, 5, 5, Utc(2026, 10, 30, 8), 1, 5)};
  for (int s = 1; s <= 4; ++s) {
    for (int64_t e = 1; e <= 4; ++e) h.attendance[s][e] = AttendanceStatus::kPresent;
  }
  h.attendance[3][3] = AttendanceStatus::kAbsent;
  h.attendance[4][3] = AttendanceStatus::kAbsent;
  h.attendance[4][4] = AttendanceStatus::kExcused;
  h.module_opens = {{1, 4}, {2, 4}, {3, 4}};
  return h;
}

TEST(Digest, ListsExactlyWhoPractisedWhoHasNotOpenedWhoMissedAndWhyToWorry) {
  const CohortHomework h = DigestWorld();
  auto d = ComputeDigest(h, 0, Utc(2026, 11, 1, 12));
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->session.session_id, 5);
  EXPECT_EQ(d->session.week_title, "Five");
  EXPECT_EQ(d->session.local_display, "Tuesday 3 November 2026, 17:00 GMT");
  ASSERT_TRUE(d->previous_session);
  EXPECT_EQ(d->previous_session->session_id, 4);
  EXPECT_EQ(d->since, Utc(2026, 10, 27, 17));
  EXPECT_EQ(d->until, Utc(2026, 11, 1, 12));
  EXPECT_EQ(d->module_week, 4);

  ASSERT_EQ(d->practised.size(), 2u);
  EXPECT_EQ(d->practised[0].participant_name, "Ada Keen");
  EXPECT_EQ(d->practised[0].logs, 6);
  EXPECT_EQ(d->practised[0].minutes, 30);
  EXPECT_EQ(d->practised[0].dose, 10);
  EXPECT_EQ(d->practised[0].logged_against_dose, 6);
  EXPECT_EQ(d->practised[0].percent_of_dose, 60);
  EXPECT_EQ(d->practised[1].participant_name, "Cy Absent");
  EXPECT_EQ(d->practised[1].percent_of_dose, 10);

  ASSERT_EQ(d->module_not_opened.size(), 1u);
  EXPECT_EQ(d->module_not_opened[0].participant_name, "Dee Quiet");

  ASSERT_EQ(d->missed_last_session.size(), 2u);
  EXPECT_EQ(d->missed_last_session[0].participant_name, "Cy Absent");
  EXPECT_EQ(d->missed_last_session[0].attendance, AttendanceStatus::kAbsent);
  EXPECT_EQ(d->missed_last_session[1].participant_name, "Dee Quiet");
  EXPECT_EQ(d->missed_last_session[1].attendance, AttendanceStatus::kExcused);

  std::vector<std::string> warnings;
  for (const EarlyWarning& w : d->early_warnings) warnings.push_back(w.participant_name + ": " + w.explanation);
  EXPECT_THAT(warnings,
              ElementsAre("Ben Fading: Adherence fell two weeks running: 90% in week 1, 60% in week 2, 20% in week 3.",
                          "Cy Absent: Missed the last two sessions (weeks 3 and 4).",
                          "Dee Quiet: No practice logged in the 25 days since the programme began."));
  EXPECT_EQ(d->early_warnings[0].reason, WarningReason::kAdherenceFalling);
  EXPECT_EQ(d->early_warnings[1].reason, WarningReason::kMissedTwoSessions);
  EXPECT_EQ(d->early_warnings[2].reason, WarningReason::kNoPracticeForTenDays);
}

TEST(Digest, NoPracticeForTenDaysCountsFromTheLastLog) {
  CohortHomework h = DigestWorld();
  // Read three days later: Ben's last practice (25 October) is ten days ago.
  auto d = ComputeDigest(h, 5, Utc(2026, 11, 4, 10));
  ASSERT_THAT(d, IsOk());
  // A chosen session that has started: the digest runs up to its start.
  EXPECT_EQ(d->until, Utc(2026, 11, 3, 17));
  bool ben_quiet = false;
  for (const EarlyWarning& w : d->early_warnings) {
    if (w.participant_name == "Ben Fading" && w.reason == WarningReason::kNoPracticeForTenDays) ben_quiet = true;
  }
  EXPECT_FALSE(ben_quiet) << "9 days and 8 hours is not ten days";
  h.sessions.push_back(MakeSession(6, 6, Utc(2026, 11, 10, 17)));
  h.schedule = BuildSchedule(h.sessions, ModuleRelease::kAtSessionStart, cohorts::CohortStatus::kRunning);
  d = ComputeDigest(h, 6, Utc(2026, 11, 5, 10));
  ASSERT_THAT(d, IsOk());
  std::vector<std::string> ben;
  for (const EarlyWarning& w : d->early_warnings) {
    if (w.participant_name == "Ben Fading") ben.push_back(w.explanation);
  }
  EXPECT_THAT(ben, ::testing::Contains("No practice logged for 11 days (last on 25 October)."));
}

TEST(Digest, RefusesSessionsThatAreNotTheCohortsOrDoNotTakePlace) {
  CohortHomework h = DigestWorld();
  EXPECT_THAT(ComputeDigest(h, 99, Utc(2026, 11, 1)),
              StatusIs(Code::kNotFound, "session_id: no such session in this cohort"));
  h.sessions[4].status = SessionStatus::kCancelled;
  EXPECT_THAT(ComputeDigest(h, 5, Utc(2026, 11, 1)),
              StatusIs(Code::kFailedPrecondition, ::testing::StartsWith("session_id: the session was cancelled")));
  EXPECT_THAT(ComputeDigest(h, 0, Utc(2026, 11, 1)),
              StatusIs(Code::kFailedPrecondition, ::testing::StartsWith("session_id: the cohort has no session ahead")));
  // The first session has no previous one: nothing practised "since".
  auto first = ComputeDigest(h, 1, Utc(2026, 10, 5));
  ASSERT_THAT(first, IsOk());
  EXPECT_FALSE(first->previous_session);
  EXPECT_THAT(first->practised, IsEmpty());
  EXPECT_EQ(first->module_week, 0);
  EXPECT_THAT(first->early_warnings, IsEmpty());
}

}  // namespace
}  // namespace cft::homework
