#include "services/homework/homework_service.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/civil_time.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"
#include "services/homework/homework_rules.h"

namespace cft::homework {
namespace {

using cohorts::CohortRecord;
using cohorts::CohortStatus;

constexpr int kMaxWeekNumber = 16;

// Windows over all time, in the range a DATETIME column holds.
absl::Time DistantPast() { return absl::UnixEpoch(); }
absl::Time DistantFuture() { return absl::FromCivil(absl::CivilSecond(9000, 1, 1, 0, 0, 0), absl::UTCTimeZone()); }

bool Runs(const CohortRecord& c) { return c.status == CohortStatus::kRunning || c.status == CohortStatus::kCompleted; }

absl::Status ValidateKey(const std::string& key) {
  if (key.empty()) return InvalidField("idempotency_key", "is required: a new random key for each new log");
  if (key.size() > 128) return InvalidField("idempotency_key", "must be at most 128 characters");
  for (unsigned char c : key) {
    if (c < 0x21 || c > 0x7E) return InvalidField("idempotency_key", "must be printable ASCII without spaces");
  }
  return absl::OkStatus();
}

absl::Status ValidateSteps(const std::vector<LadderStep>& steps) {
  if (steps.size() > static_cast<size_t>(kMaxSteps)) {
    return InvalidField("steps", absl::StrCat("at most ", kMaxSteps, " steps"));
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string p = absl::StrCat("steps[", i, "]");
    RETURN_IF_ERROR(ValidateText(p + ".description", steps[i].description, 1, 200));
    if (steps[i].target_minutes < 1 || steps[i].target_minutes > 600) {
      return InvalidField(p + ".target_minutes", "must be between 1 and 600");
    }
  }
  return absl::OkStatus();
}

// "<unix micros>.<id>" of the last log on the page.
std::string PageToken(const PracticeLog& last) {
  return absl::StrCat(absl::ToUnixMicros(last.practised_at), ".", last.id);
}

absl::StatusOr<std::optional<std::pair<absl::Time, int64_t>>> ParsePageToken(const std::string& token) {
  if (token.empty()) return std::nullopt;
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  int64_t micros = 0;
  int64_t id = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &micros) || !absl::SimpleAtoi(parts[1], &id) || id <= 0) {
    return InvalidField("page_token", "is not a token this service gave out");
  }
  return std::make_pair(absl::FromUnixMicros(micros), id);
}

std::vector<WeekSummary> Summaries(const std::vector<LogTotals>& totals, const std::vector<Assignment>& assignments,
                                   std::optional<int64_t> enrolment_id) {
  std::map<int64_t, int> week_of;
  for (const Assignment& a : assignments) week_of[a.id] = a.week_number;
  std::map<int, std::pair<WeekSummary, int>> by_week;  // summary, helpfulness sum
  for (const LogTotals& t : totals) {
    if (enrolment_id && t.enrolment_id != *enrolment_id) continue;
    auto it = week_of.find(t.assignment_id);
    if (it == week_of.end() || t.logs == 0) continue;
    auto& [summary, helpfulness] = by_week[it->second];
    summary.week_number = it->second;
    summary.logs += t.logs;
    summary.minutes += t.minutes;
    helpfulness += t.helpfulness_sum;
  }
  std::vector<WeekSummary> out;
  for (auto& [week, pair] : by_week) {
    WeekSummary s = pair.first;
    if (s.logs > 0) s.mean_helpfulness = static_cast<double>(pair.second) / s.logs;
    out.push_back(s);
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Assignment>> HomeworkService::CohortAssignments(UnitOfWork& uow, const CohortRecord& cohort) {
  ASSIGN_OR_RETURN(std::vector<Assignment> list, repo_.ListAssignments(uow, cohort.id, false));
  if (!Runs(cohort)) return list;
  const bool copied = std::any_of(list.begin(), list.end(),
                                  [](const Assignment& a) { return a.source == AssignmentSource::kProgramme; });
  if (copied) return list;
  ASSIGN_OR_RETURN(std::vector<programme::ProgrammeWeek> weeks, directory_.ProgrammeWeeks(uow, cohort));
  const absl::Time now = clock_.Now();
  std::vector<Assignment> rows;
  for (const programme::ProgrammeWeek& w : weeks) {
    for (const programme::Practice& p : w.practices) {
      rows.push_back(Assignment{.cohort_id = cohort.id,
                                .week_number = w.number,
                                .source = AssignmentSource::kProgramme,
                                .practice_code = p.code,
                                .kind = p.kind,
                                .title = p.title,
                                .instructions = p.instructions,
                                .caution = p.caution,
                                .times_per_week = p.times_per_week,
                                .minutes = p.minutes,
                                .created_at = now});
    }
  }
  if (rows.empty()) return list;
  RETURN_IF_ERROR(repo_.InsertProgrammeAssignments(uow, rows));
  return repo_.ListAssignments(uow, cohort.id, true);
}

absl::StatusOr<CohortHomework> HomeworkService::LoadCohortHomework(UnitOfWork& uow, const CohortRecord& cohort,
                                                                   CohortCalendar calendar, absl::Time window_from,
                                                                   absl::Time window_to) {
  const absl::Time now = clock_.Now();
  CohortHomework h;
  h.sessions = std::move(calendar.sessions);
  h.schedule = BuildSchedule(h.sessions, calendar.release_mode, cohort.status);
  h.time_zone = cohort.plan.time_zone;
  ASSIGN_OR_RETURN(h.week_titles, directory_.WeekTitles(uow, cohort.template_id));
  ASSIGN_OR_RETURN(h.enrolments, directory_.Enrolments(uow, cohort.id, now));
  ASSIGN_OR_RETURN(h.attendance, directory_.Attendance(uow, cohort.id));
  ASSIGN_OR_RETURN(h.assignments, CohortAssignments(uow, cohort));
  ASSIGN_OR_RETURN(h.totals, repo_.CohortTotals(uow, cohort.id, window_from, window_to));
  ASSIGN_OR_RETURN(h.module_opens, repo_.ModuleOpens(uow, cohort.id));
  return h;
}

absl::StatusOr<MyAssignments> HomeworkService::ListMyAssignments(RequestContext& ctx) {
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<MyAssignments> {
    ASSIGN_OR_RETURN(Place place, directory_.MyPlace(uow, ctx.caller(), now));
    const CohortRecord& c = place.cohort;
    ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", c.plan.time_zone));
    ASSIGN_OR_RETURN(CohortCalendar calendar, directory_.Calendar(uow, c));
    const std::vector<WeekWindow> schedule = BuildSchedule(calendar.sessions, calendar.release_mode, c.status);
    ASSIGN_OR_RETURN(std::vector<Assignment> assignments, CohortAssignments(uow, c));
    const absl::CivilDay today = absl::ToCivilDay(now, tz);
    ASSIGN_OR_RETURN(std::vector<LogTotals> totals,
                     repo_.EnrolmentTotals(uow, place.enrolment.id, absl::CivilSecond(today),
                                           absl::CivilSecond(today + 1)));
    std::map<int64_t, const LogTotals*> by_assignment;
    for (const LogTotals& t : totals) by_assignment[t.assignment_id] = &t;

    MyAssignments out;
    out.current_week = CurrentWeek(schedule, now);
    out.time_zone = c.plan.time_zone;
    out.earliest_practice_day = absl::ToCivilDay(place.enrolment.allocated_at, tz);
    std::set<std::string> kinds_used;
    for (const Assignment& a : assignments) {
      const WeekWindow* w = FindWeek(schedule, a.week_number);
      if (w == nullptr || !Released(schedule, a.week_number, now) || !AppliesTo(a, place.enrolment, *w)) continue;
      AssignmentProgress p{.assignment = a, .released_at = *w->released_at, .this_week = a.week_number == out.current_week};
      if (auto it = by_assignment.find(a.id); it != by_assignment.end()) {
        p.logged = it->second->logs;
        p.minutes_logged = it->second->minutes;
        p.logged_today = it->second->logs_in_window;
      }
      p.percent_of_dose = Percent(std::min(p.logged, a.times_per_week), a.times_per_week);
      if (!a.kind.empty()) kinds_used.insert(a.kind);
      out.assignments.push_back(std::move(p));
    }
    std::stable_sort(out.assignments.begin(), out.assignments.end(),
                     [](const AssignmentProgress& x, const AssignmentProgress& y) {
                       return x.assignment.week_number > y.assignment.week_number;
                     });
    if (!kinds_used.empty()) {
      ASSIGN_OR_RETURN(std::vector<programme::PracticeKind> kinds, directory_.PracticeKinds(uow, c.template_id));
      for (programme::PracticeKind& k : kinds) {
        if (kinds_used.count(k.key)) out.kinds.push_back(std::move(k));
      }
    }
    RETURN_IF_ERROR(auditor_.RecordRead(
        uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(place.enrolment.id)}));
    return out;
  });
}

absl::StatusOr<Assignment> HomeworkService::CreateAssignment(RequestContext& ctx, NewAssignment request) {
  const Principal& me = ctx.caller();
  if (request.cohort_id <= 0) return InvalidField("cohort_id", "is required");
  if (request.enrolment_id < 0) return InvalidField("enrolment_id", "must be a participant's enrolment id, or 0");
  if (request.week_number < 1 || request.week_number > kMaxWeekNumber) {
    return InvalidField("week_number", "is required (a week of the programme)");
  }
  if (Trimmed(request.kind).empty()) return InvalidField("kind", "is required (a practice kind of the programme)");
  RETURN_IF_ERROR(ValidateText("title", request.title, 1, 200));
  RETURN_IF_ERROR(ValidateText("instructions", request.instructions, 0, 4000, true));
  RETURN_IF_ERROR(ValidateText("caution", request.caution, 0, 2000, true));
  if (request.times_per_week < 1 || request.times_per_week > 21) {
    return InvalidField("dose.times_per_week", "must be between 1 and 21");
  }
  if (request.minutes < 1 || request.minutes > kMaxPracticeMinutes) {
    return InvalidField("dose.minutes", absl::StrCat("must be between 1 and ", kMaxPracticeMinutes));
  }
  RETURN_IF_ERROR(ValidateSteps(request.steps));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Assignment> {
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, request.idempotency_key, request.request_hash));
    if (replay) {
      ASSIGN_OR_RETURN(auto first, repo_.FindAssignment(uow, *replay));
      if (!first) return absl::InternalError("an idempotency key refers to a missing assignment");
      // The key is scoped to the caller; check they still reach the cohort.
      RETURN_IF_ERROR(directory_.RequireCohort(uow, me, first->cohort_id, "cohort_id").status());
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "assignment", .target_id = absl::StrCat(first->id)}));
      return *first;
    }
    ASSIGN_OR_RETURN(CohortRecord c, directory_.RequireCohort(uow, me, request.cohort_id, "cohort_id"));
    if (c.status == CohortStatus::kCompleted || c.status == CohortStatus::kCancelled) {
      return absl::FailedPreconditionError(
          absl::StrCat("cohort_id: the cohort is ", cohorts::Name(c.status), "; its homework is closed"));
    }
    ASSIGN_OR_RETURN(std::vector<std::string> weeks, directory_.WeekTitles(uow, c.template_id));
    if (request.week_number > static_cast<int>(weeks.size())) {
      return InvalidField("week_number", absl::StrCat("must be between 1 and ", weeks.size(), " (the programme's weeks)"));
    }
    Assignment a;
    a.cohort_id = c.id;
    a.week_number = request.week_number;
    a.source = AssignmentSource::kCohort;
    if (request.enrolment_id != 0) {
      ASSIGN_OR_RETURN(std::vector<cohorts::Enrolment> enrolled, directory_.Enrolments(uow, c.id, now));
      auto it = std::find_if(enrolled.begin(), enrolled.end(),
                             [&](const cohorts::Enrolment& e) { return e.id == request.enrolment_id; });
      if (it == enrolled.end()) return absl::NotFoundError("enrolment_id: no such participant in this cohort");
      if (it->status != cohorts::EnrolmentStatus::kActive && it->status != cohorts::EnrolmentStatus::kInvited) {
        return absl::FailedPreconditionError(
            absl::StrCat("enrolment_id: the participant's place is ", cohorts::Name(it->status)));
      }
      a.source = AssignmentSource::kParticipant;
      a.enrolment_id = it->id;
    }
    ASSIGN_OR_RETURN(programme::PracticeKind kind, directory_.Kind(uow, c.template_id, Trimmed(request.kind), "kind"));
    if (kind.uses_steps && request.steps.empty()) {
      return InvalidField("steps", absl::StrCat("a ", kind.title, " needs its steps"));
    }
    if (!kind.uses_steps && !request.steps.empty()) {
      return InvalidField("steps", absl::StrCat("a ", kind.title, " has no steps"));
    }
    a.kind = kind.key;
    a.title = Trimmed(request.title);
    a.instructions = Trimmed(request.instructions);
    a.caution = Trimmed(request.caution);
    a.times_per_week = request.times_per_week;
    a.minutes = request.minutes;
    for (LadderStep s : request.steps) {
      s.description = Trimmed(s.description);
      a.steps.push_back(std::move(s));
    }
    a.created_at = now;
    a.created_by = me.user_id;
    ASSIGN_OR_RETURN(a.id, repo_.InsertAssignment(uow, a));
    RETURN_IF_ERROR(idempotency_.Remember(uow, ctx, request.idempotency_key, request.request_hash, a.id, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "assignment", .target_id = absl::StrCat(a.id)}));
    return a;
  });
}

absl::StatusOr<absl::Time> HomeworkService::CheckEntry(UnitOfWork& uow, const Place& place, const Assignment& a,
                                                       PracticeEntry& entry, absl::Time now) {
  std::optional<programme::PracticeKind> kind;
  if (!a.kind.empty()) {
    absl::StatusOr<programme::PracticeKind> found = directory_.Kind(uow, place.cohort.template_id, a.kind, "kind");
    // Assignments take their kinds from the cohort's pinned template, which never changes.
    if (found.status().code() == absl::StatusCode::kInvalidArgument) {
      return absl::InternalError("an assignment's kind is missing from its template");
    }
    RETURN_IF_ERROR(found.status());
    kind = *std::move(found);
  }
  RETURN_IF_ERROR(ValidateEntryFields(entry, kind ? &*kind : nullptr, a));
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", place.cohort.plan.time_zone));
  return PractisedInstant(entry, tz, absl::ToCivilDay(place.enrolment.allocated_at, tz), now);
}

absl::StatusOr<LogView> HomeworkService::OwnView(UnitOfWork& uow, const PracticeLog& log) {
  ASSIGN_OR_RETURN(auto a, repo_.FindAssignment(uow, log.assignment_id));
  if (!a) return absl::InternalError("a practice log refers to a missing assignment");
  return LogView{.log = log,
                 .week_number = a->week_number,
                 .assignment_title = a->title,
                 .kind = a->kind,
                 .editable_until = log.created_at + kEditWindow};
}

absl::StatusOr<LoggedPractice> HomeworkService::LogPractice(RequestContext& ctx, NewLog request) {
  const Principal& me = ctx.caller();
  if (request.assignment_id <= 0) return InvalidField("assignment_id", "is required");
  RETURN_IF_ERROR(ValidateKey(request.idempotency_key));
  RETURN_IF_ERROR(ValidateEntryShape(request.entry));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<LoggedPractice> {
    ASSIGN_OR_RETURN(Place place, directory_.MyPlace(uow, me, now));
    ASSIGN_OR_RETURN(auto first, repo_.FindLogByKey(uow, me.user_id, request.idempotency_key));
    if (first) {
      if (first->request_hash != request.request_hash) {
        return absl::AlreadyExistsError(
            "idempotency_key: was already used for a different practice log; send each new log with a new key");
      }
      if (first->deleted_at) {
        return absl::FailedPreconditionError(
            "idempotency_key: the practice log first sent with this key has since been deleted");
      }
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "practice_log", .target_id = absl::StrCat(first->id),
                                                 .detail = "replayed"}));
      ASSIGN_OR_RETURN(LogView view, OwnView(uow, *first));
      return LoggedPractice{.log = std::move(view), .replayed = true};
    }
    const CohortRecord& c = place.cohort;
    if (c.status == CohortStatus::kCancelled) {
      return absl::FailedPreconditionError("the group was cancelled; its practice logs are closed");
    }
    ASSIGN_OR_RETURN(auto a, repo_.FindAssignment(uow, request.assignment_id));
    if (!a || a->cohort_id != c.id) return absl::NotFoundError("assignment_id: no such assignment");
    ASSIGN_OR_RETURN(CohortCalendar calendar, directory_.Calendar(uow, c));
    const std::vector<WeekWindow> schedule = BuildSchedule(calendar.sessions, calendar.release_mode, c.status);
    const WeekWindow* week = FindWeek(schedule, a->week_number);
    if (week == nullptr || !Released(schedule, a->week_number, now)) {
      return absl::FailedPreconditionError(
          absl::StrCat("assignment_id: week ", a->week_number, " has not been released yet"));
    }
    if (!AppliesTo(*a, place.enrolment, *week)) {
      return absl::NotFoundError("assignment_id: is not one of your assignments");
    }
    PracticeLog log;
    log.entry = std::move(request.entry);
    ASSIGN_OR_RETURN(log.practised_at, CheckEntry(uow, place, *a, log.entry, now));
    log.assignment_id = a->id;
    log.cohort_id = c.id;
    log.enrolment_id = place.enrolment.id;
    log.user_id = me.user_id;
    log.idempotency_key = request.idempotency_key;
    log.request_hash = request.request_hash;
    log.created_at = now;
    log.updated_at = now;
    absl::StatusOr<int64_t> id = repo_.InsertLog(uow, log);
    if (id.status().code() == absl::StatusCode::kAlreadyExists) {
      // A concurrent retry with the same key stored it first: run again and replay it.
      return absl::AbortedError("a concurrent call logged the same idempotency key");
    }
    RETURN_IF_ERROR(id.status());
    log.id = *id;
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "practice_log", .target_id = absl::StrCat(log.id)}));
    return LoggedPractice{.log = LogView{.log = log,
                                         .week_number = a->week_number,
                                         .assignment_title = a->title,
                                         .kind = a->kind,
                                         .editable_until = log.created_at + kEditWindow}};
  });
}

absl::StatusOr<PracticeLog> HomeworkService::OwnEditableLog(UnitOfWork& uow, const Place& place, const Principal& me,
                                                            int64_t log_id, absl::Time now) {
  ASSIGN_OR_RETURN(auto log, repo_.FindLog(uow, log_id, true));
  // Someone else's log looks exactly like one that does not exist.
  if (!log || log->user_id != me.user_id || log->deleted_at) {
    return absl::NotFoundError("log_id: no such practice log");
  }
  if (log->enrolment_id != place.enrolment.id) {
    return absl::FailedPreconditionError("log_id: the log belongs to an earlier group");
  }
  if (now - log->created_at > kEditWindow) {
    return absl::FailedPreconditionError("log_id: a practice log can be changed only in the 7 days after it was logged");
  }
  return *std::move(log);
}

absl::StatusOr<UpdatedLog> HomeworkService::UpdatePracticeLog(RequestContext& ctx, int64_t log_id,
                                                              PracticeEntry entry) {
  const Principal& me = ctx.caller();
  if (log_id <= 0) return InvalidField("log_id", "is required");
  RETURN_IF_ERROR(ValidateEntryShape(entry));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<UpdatedLog> {
    ASSIGN_OR_RETURN(Place place, directory_.MyPlace(uow, me, now));
    ASSIGN_OR_RETURN(PracticeLog log, OwnEditableLog(uow, place, me, log_id, now));
    ASSIGN_OR_RETURN(auto a, repo_.FindAssignment(uow, log.assignment_id));
    if (!a) return absl::InternalError("a practice log refers to a missing assignment");
    PracticeEntry changed = entry;
    ASSIGN_OR_RETURN(absl::Time practised_at, CheckEntry(uow, place, *a, changed, now));
    UpdatedLog out;
    out.changed_fields = ChangedFields(log.entry, changed);
    log.entry = std::move(changed);
    log.practised_at = practised_at;
    log.updated_at = now;
    RETURN_IF_ERROR(repo_.UpdateLog(uow, log));
    // Which fields changed, by name: never what the participant wrote.
    RETURN_IF_ERROR(auditor_.Record(
        uow, ctx,
        {.target_type = "practice_log",
         .target_id = absl::StrCat(log.id),
         .detail = absl::StrCat("changed: ", out.changed_fields.empty() ? "nothing" : absl::StrJoin(out.changed_fields, ", "))}));
    ASSIGN_OR_RETURN(out.log, OwnView(uow, log));
    return out;
  });
}

absl::Status HomeworkService::DeletePracticeLog(RequestContext& ctx, int64_t log_id) {
  const Principal& me = ctx.caller();
  if (log_id <= 0) return InvalidField("log_id", "is required");
  const absl::Time now = clock_.Now();
  return tx_.Run([&](UnitOfWork& uow) -> absl::Status {
    ASSIGN_OR_RETURN(Place place, directory_.MyPlace(uow, me, now));
    ASSIGN_OR_RETURN(PracticeLog log, OwnEditableLog(uow, place, me, log_id, now));
    RETURN_IF_ERROR(repo_.DeleteLog(uow, log.id, now));
    return auditor_.Record(uow, ctx,
                           {.target_type = "practice_log", .target_id = absl::StrCat(log.id), .detail = "deleted"});
  });
}

absl::StatusOr<LogPage> HomeworkService::ListPracticeLogs(RequestContext& ctx, const LogQuery& query) {
  const Principal& me = ctx.caller();
  if (query.page_size < 0 || query.page_size > kMaxPageSize) {
    return InvalidField("page_size", absl::StrCat("must be between 1 and ", kMaxPageSize, " (0: ", kDefaultPageSize, ")"));
  }
  if (query.week_number < 0 || query.week_number > kMaxWeekNumber) {
    return InvalidField("week_number", "must be a week of the programme (0: every week)");
  }
  if (query.enrolment_id < 0) return InvalidField("enrolment_id", "must be a participant's enrolment id, or 0");
  ASSIGN_OR_RETURN(auto before, ParsePageToken(query.page_token));
  const bool participant = me.role == Role::kParticipant;
  if (participant && (query.cohort_id != 0 || query.enrolment_id != 0)) {
    return absl::PermissionDeniedError("participants list their own practice logs; leave cohort_id and enrolment_id unset");
  }
  if (!participant && query.cohort_id <= 0) return InvalidField("cohort_id", "is required");
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<LogPage> {
    LogFilter filter;
    filter.before = before;
    filter.limit = (query.page_size == 0 ? kDefaultPageSize : query.page_size) + 1;
    if (query.week_number != 0) filter.week_number = query.week_number;
    CohortRecord c;
    std::map<int64_t, std::string> names;
    std::vector<LogTotals> totals;
    audit::AuditEntry audit_entry;
    if (participant) {
      ASSIGN_OR_RETURN(Place place, directory_.MyPlace(uow, me, now));
      c = place.cohort;
      filter.enrolment_id = place.enrolment.id;
      filter.include_private = true;
      // No window: only the totals by week are wanted here.
      ASSIGN_OR_RETURN(totals, repo_.EnrolmentTotals(uow, place.enrolment.id, absl::CivilSecond(1970, 1, 1),
                                                     absl::CivilSecond(1970, 1, 1)));
      audit_entry = {.target_type = "enrolment", .target_id = absl::StrCat(place.enrolment.id)};
    } else {
      ASSIGN_OR_RETURN(c, directory_.RequireCohort(uow, me, query.cohort_id, "cohort_id"));
      ASSIGN_OR_RETURN(std::vector<cohorts::Enrolment> enrolled, directory_.Enrolments(uow, c.id, now));
      for (const cohorts::Enrolment& e : enrolled) names[e.id] = e.name;
      filter.cohort_id = c.id;
      if (query.enrolment_id != 0) {
        if (!names.count(query.enrolment_id)) {
          return absl::NotFoundError("enrolment_id: no such participant in this cohort");
        }
        filter.enrolment_id = query.enrolment_id;
      }
      ASSIGN_OR_RETURN(totals, repo_.CohortTotals(uow, c.id, DistantPast(), DistantFuture()));
      audit_entry = {.target_type = "cohort", .target_id = absl::StrCat(c.id)};
    }
    ASSIGN_OR_RETURN(std::vector<Assignment> assignments, repo_.ListAssignments(uow, c.id, false));
    std::map<int64_t, const Assignment*> by_id;
    for (const Assignment& a : assignments) by_id[a.id] = &a;
    ASSIGN_OR_RETURN(std::vector<PracticeLog> logs, repo_.ListLogs(uow, filter));

    LogPage page;
    const size_t page_size = static_cast<size_t>(filter.limit - 1);
    if (logs.size() > page_size) {
      logs.resize(page_size);
      page.next_page_token = PageToken(logs.back());
    }
    for (PracticeLog& log : logs) {
      LogView v;
      if (auto it = by_id.find(log.assignment_id); it != by_id.end()) {
        v.week_number = it->second->week_number;
        v.assignment_title = it->second->title;
        v.kind = it->second->kind;
      }
      if (participant) {
        v.editable_until = log.created_at + kEditWindow;
        v.log = std::move(log);
      } else {
        v.participant_name = names[log.enrolment_id];
        // The query already left private words in the database; this keeps
        // the rule true whatever a repository returns.
        v.log = ForStaff(std::move(log));
      }
      page.logs.push_back(std::move(v));
    }
    page.weeks = Summaries(totals, assignments, filter.enrolment_id);
    if (filter.week_number) {
      std::erase_if(page.weeks, [&](const WeekSummary& s) { return s.week_number != *filter.week_number; });
    }
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, std::move(audit_entry)));
    return page;
  });
}

absl::StatusOr<Feedback> HomeworkService::AddFeedback(RequestContext& ctx, NewFeedback request) {
  const Principal& me = ctx.caller();
  if (request.log_id <= 0) return InvalidField("log_id", "is required");
  RETURN_IF_ERROR(ValidateText("text", request.text, 1, kMaxFeedbackChars, true));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Feedback> {
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, request.idempotency_key, request.request_hash));
    if (replay) {
      ASSIGN_OR_RETURN(auto first, repo_.FindFeedback(uow, *replay));
      if (!first) return absl::InternalError("an idempotency key refers to missing feedback");
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "practice_log",
                                                 .target_id = absl::StrCat(first->log_id),
                                                 .detail = absl::StrCat("feedback ", first->id)}));
      return *first;
    }
    ASSIGN_OR_RETURN(auto log, repo_.FindLog(uow, request.log_id, false));
    if (!log || log->deleted_at) return absl::NotFoundError("log_id: no such practice log");
    absl::StatusOr<CohortRecord> c = directory_.RequireCohort(uow, me, log->cohort_id, "log_id");
    // Another organisation's log looks exactly like one that does not exist.
    if (c.status().code() == absl::StatusCode::kNotFound) return absl::NotFoundError("log_id: no such practice log");
    RETURN_IF_ERROR(c.status());
    Feedback f{.log_id = log->id, .author_user_id = me.user_id, .text = Trimmed(request.text), .created_at = now};
    ASSIGN_OR_RETURN(f.author_name, directory_.StaffName(uow, me.user_id));
    ASSIGN_OR_RETURN(f.id, repo_.InsertFeedback(uow, f));
    RETURN_IF_ERROR(idempotency_.Remember(uow, ctx, request.idempotency_key, request.request_hash, f.id, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "practice_log",
                                               .target_id = absl::StrCat(log->id),
                                               .detail = absl::StrCat("feedback ", f.id)}));
    return f;
  });
}

absl::StatusOr<AdherenceGrid> HomeworkService::GetAdherence(RequestContext& ctx, int64_t cohort_id) {
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<AdherenceGrid> {
    ASSIGN_OR_RETURN(CohortRecord c, directory_.RequireCohort(uow, ctx.caller(), cohort_id, "cohort_id"));
    ASSIGN_OR_RETURN(CohortCalendar calendar, directory_.Calendar(uow, c));
    ASSIGN_OR_RETURN(CohortHomework h,
                     LoadCohortHomework(uow, c, std::move(calendar), DistantPast(), DistantFuture()));
    AdherenceGrid grid = ComputeAdherence(h, now);
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return grid;
  });
}

absl::StatusOr<Digest> HomeworkService::GetFacilitatorDigest(RequestContext& ctx, int64_t cohort_id,
                                                             int64_t session_id) {
  if (session_id < 0) return InvalidField("session_id", "must be a session id, or 0 for the next session");
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Digest> {
    ASSIGN_OR_RETURN(CohortRecord c, directory_.RequireCohort(uow, ctx.caller(), cohort_id, "cohort_id"));
    // The window is known only once the sessions are: work it out from the
    // same calendar the digest then reads, so the totals match it.
    ASSIGN_OR_RETURN(CohortCalendar calendar, directory_.Calendar(uow, c));
    CohortHomework probe;
    probe.sessions = calendar.sessions;
    probe.time_zone = c.plan.time_zone;
    ASSIGN_OR_RETURN(Digest window, ComputeDigest(probe, session_id, now));
    ASSIGN_OR_RETURN(CohortHomework h, LoadCohortHomework(uow, c, std::move(calendar), window.since, window.until));
    ASSIGN_OR_RETURN(Digest digest, ComputeDigest(h, session_id, now));
    ASSIGN_OR_RETURN(OutcomeNotes notes, directory_.OutcomeNotesBetween(uow, c, digest.since, digest.until));
    digest.new_alerts = std::move(notes.alerts);
    digest.reliable_changes = std::move(notes.changes);
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return digest;
  });
}

absl::StatusOr<absl::Time> HomeworkService::RecordModuleOpened(RequestContext& ctx, int week_number) {
  const Principal& me = ctx.caller();
  if (week_number < 1 || week_number > kMaxWeekNumber) return InvalidField("week_number", "is required");
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<absl::Time> {
    ASSIGN_OR_RETURN(Place place, directory_.MyPlace(uow, me, now));
    ASSIGN_OR_RETURN(CohortCalendar calendar, directory_.Calendar(uow, place.cohort));
    const std::vector<WeekWindow> schedule = BuildSchedule(calendar.sessions, calendar.release_mode, place.cohort.status);
    if (week_number > static_cast<int>(schedule.size())) {
      return InvalidField("week_number", absl::StrCat("the programme has ", schedule.size(), " weeks"));
    }
    if (!Released(schedule, week_number, now)) {
      return absl::FailedPreconditionError(absl::StrCat("week_number: week ", week_number, " has not been released yet"));
    }
    ASSIGN_OR_RETURN(absl::Time first, repo_.RecordModuleOpened(uow, place.cohort.id, place.enrolment.id, week_number, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment",
                                               .target_id = absl::StrCat(place.enrolment.id),
                                               .detail = absl::StrCat("opened week ", week_number)}));
    return first;
  });
}

}  // namespace cft::homework
