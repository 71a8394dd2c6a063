#include "services/cohorts/calendar_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/cohorts/calendar.h"
#include "services/cohorts/icalendar.h"
#include "services/common/civil_time.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::cohorts {
namespace {

constexpr size_t kMaxRegister = 40;

SessionView View(const Session& s, const std::vector<std::string>& titles, const absl::TimeZone& tz) {
  SessionView v;
  v.session = s;
  if (s.week_number >= 1 && s.week_number <= static_cast<int>(titles.size())) {
    v.week_title = titles[s.week_number - 1];
  }
  v.local_display = FormatLocalForPeople(s.starts_at, tz);
  return v;
}

absl::Status Editable(const CohortRecord& c) {
  if (c.status != CohortStatus::kPlanned && c.status != CohortStatus::kRunning) {
    return absl::FailedPreconditionError(absl::StrCat("the cohort is ", Name(c.status), "; its calendar is closed"));
  }
  return absl::OkStatus();
}

// Live sessions in time order must not overlap and must deliver the weeks in order.
absl::Status CheckOrder(std::vector<const Session*> live) {
  std::sort(live.begin(), live.end(), [](const Session* a, const Session* b) { return a->starts_at < b->starts_at; });
  for (size_t i = 1; i < live.size(); ++i) {
    if (EndOf(*live[i - 1]) > live[i]->starts_at) {
      return InvalidField("new_date", absl::StrCat("the sessions of weeks ", live[i - 1]->week_number, " and ",
                                                   live[i]->week_number, " would overlap"));
    }
    if (live[i - 1]->week_number > live[i]->week_number) {
      return InvalidField("new_date", absl::StrCat("week ", live[i]->week_number, " would come after week ",
                                                   live[i - 1]->week_number,
                                                   "; move the later sessions too (shift_following)"));
    }
  }
  return absl::OkStatus();
}

std::string Slug(absl::string_view name) {
  std::string out;
  for (char c : name) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "group" : out.substr(0, 60);
}

}  // namespace

absl::StatusOr<ScheduleView> CalendarService::LoadSchedule(UnitOfWork& uow, const CohortRecord& cohort) {
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", cohort.plan.time_zone));
  ASSIGN_OR_RETURN(std::vector<Session> sessions, sessions_.ListSessions(uow, cohort.id));
  ASSIGN_OR_RETURN(std::vector<std::string> titles, templates_.WeekTitles(uow, cohort.template_id));
  ScheduleView out{.time_zone = cohort.plan.time_zone};
  for (const Session& s : sessions) out.sessions.push_back(View(s, titles, tz));
  return out;
}

absl::StatusOr<std::pair<Session, CohortRecord>> CalendarService::RequireSession(UnitOfWork& uow,
                                                                                const Principal& caller,
                                                                                int64_t session_id) {
  if (session_id <= 0) return InvalidField("session_id", "is required");
  ASSIGN_OR_RETURN(auto s, sessions_.FindSession(uow, session_id));
  if (!s) return absl::NotFoundError("session_id: no such session");
  absl::StatusOr<CohortRecord> c = access_.Require(uow, caller, s->cohort_id, "session_id", true);
  // Another organisation's session looks exactly like one that does not exist.
  if (c.status().code() == absl::StatusCode::kNotFound) return absl::NotFoundError("session_id: no such session");
  if (!c.ok()) return c.status();
  // Read again under the cohort lock.
  ASSIGN_OR_RETURN(s, sessions_.FindSession(uow, session_id));
  if (!s) return absl::NotFoundError("session_id: no such session");
  return std::make_pair(*std::move(s), *std::move(c));
}

absl::StatusOr<ScheduleView> CalendarService::GetSchedule(RequestContext& ctx, int64_t cohort_id) {
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<ScheduleView> {
    ASSIGN_OR_RETURN(CohortRecord c, access_.Require(uow, ctx.caller(), cohort_id, "cohort_id", false));
    ASSIGN_OR_RETURN(ScheduleView view, LoadSchedule(uow, c));
    // The schedule carries each session's attendance: a read of clinical data.
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return view;
  });
}

absl::StatusOr<ScheduleView> CalendarService::RescheduleSession(RequestContext& ctx, const RescheduleRequest& req) {
  if (req.start_minute < 0 || req.start_minute >= 24 * 60) return InvalidField("new_start_time", "must be a time of day");
  if (req.duration_minutes != 0 && (req.duration_minutes < 30 || req.duration_minutes > 300)) {
    return InvalidField("duration_minutes", "must be between 30 and 300");
  }
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<ScheduleView> {
    ASSIGN_OR_RETURN(auto found, RequireSession(uow, ctx.caller(), req.session_id));
    const CohortRecord& c = found.second;
    RETURN_IF_ERROR(Editable(c));
    ASSIGN_OR_RETURN(std::vector<Session> sessions, sessions_.ListSessions(uow, c.id));
    auto target = std::find_if(sessions.begin(), sessions.end(), [&](const Session& s) { return s.id == req.session_id; });
    if (target == sessions.end()) return absl::NotFoundError("session_id: no such session");
    if (target->status != SessionStatus::kScheduled) {
      return absl::FailedPreconditionError(absl::StrCat("session_id: a ", Name(target->status), " session cannot move"));
    }
    if (target->starts_at <= now) return absl::FailedPreconditionError("session_id: the session has already started");
    ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", target->time_zone));
    const absl::CivilSecond new_local = absl::CivilSecond(req.new_date) + req.start_minute * 60;
    if (LocalToUtc(new_local, tz) <= now) return InvalidField("new_date", "must be in the future");
    // Later sessions move by the same amount of local time, keeping their wall-clock hour.
    const int64_t delta = new_local - target->planned_local_start;
    const absl::Time original_start = target->starts_at;
    std::vector<Session> changed;
    for (Session& s : sessions) {
      const bool is_target = s.id == target->id;
      const bool follows = req.shift_following && s.status == SessionStatus::kScheduled && s.starts_at > original_start;
      if (!is_target && !follows) continue;
      SetLocalStart(s, s.planned_local_start + delta, tz);
      if (is_target && req.duration_minutes != 0) s.duration_minutes = req.duration_minutes;
      ++s.sequence;
      changed.push_back(s);
    }
    std::vector<const Session*> live;
    for (const Session& s : sessions) {
      if (s.status != SessionStatus::kCancelled) live.push_back(&s);
    }
    RETURN_IF_ERROR(CheckOrder(live));
    RETURN_IF_ERROR(sessions_.SaveSessions(uow, changed, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "session", .target_id = absl::StrCat(req.session_id)}));
    ASSIGN_OR_RETURN(ScheduleView view, LoadSchedule(uow, c));
    view.warnings = ClockChangeWarnings(changed, tz);
    return view;
  });
}

absl::StatusOr<ScheduleView> CalendarService::CancelSession(RequestContext& ctx, int64_t session_id,
                                                            const std::string& reason, bool extend_programme) {
  RETURN_IF_ERROR(ValidateText("reason", reason, 1, 500, true));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<ScheduleView> {
    ASSIGN_OR_RETURN(auto found, RequireSession(uow, ctx.caller(), session_id));
    const CohortRecord& c = found.second;
    RETURN_IF_ERROR(Editable(c));
    ASSIGN_OR_RETURN(std::vector<Session> sessions, sessions_.ListSessions(uow, c.id));
    auto target = std::find_if(sessions.begin(), sessions.end(), [&](const Session& s) { return s.id == session_id; });
    if (target == sessions.end()) return absl::NotFoundError("session_id: no such session");
    if (target->status != SessionStatus::kScheduled) {
      return absl::FailedPreconditionError(absl::StrCat("session_id: a ", Name(target->status), " session cannot be cancelled"));
    }
    ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", target->time_zone));
    const absl::Time original_start = target->starts_at;
    std::vector<Session> changed;
    Session replacement;
    if (extend_programme) {
      for (const Session& s : sessions) {
        if (s.starts_at > original_start && s.status == SessionStatus::kHeld) {
          return absl::FailedPreconditionError(
              "extend_programme: later sessions have already been held; cancel without extending");
        }
      }
      // The week moves to a new session a week later, and so does everything after it.
      replacement = *target;
      replacement.id = 0;
      replacement.sequence = 0;
      replacement.cancel_reason.clear();
      replacement.held_at.reset();
      SetLocalStart(replacement, target->planned_local_start + 7 * 24 * 3600, tz);
      // A session long past can be cancelled (it did not take place), but
      // its week cannot move to a time that has gone too.
      if (replacement.starts_at <= now) {
        return absl::FailedPreconditionError(absl::StrCat(
            "extend_programme: a week later (", FormatLocalForPeople(replacement.starts_at, tz),
            ") has already passed; cancel without extending, or move the session instead"));
      }
      for (Session& s : sessions) {
        if (s.id == target->id || s.status != SessionStatus::kScheduled || s.starts_at <= original_start) continue;
        SetLocalStart(s, s.planned_local_start + 7 * 24 * 3600, tz);
        ++s.sequence;
        changed.push_back(s);
      }
    }
    target->status = SessionStatus::kCancelled;
    target->cancel_reason = Trimmed(reason);
    ++target->sequence;
    changed.insert(changed.begin(), *target);
    if (extend_programme) changed.push_back(replacement);
    RETURN_IF_ERROR(sessions_.SaveSessions(uow, changed, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "session", .target_id = absl::StrCat(session_id)}));
    ASSIGN_OR_RETURN(ScheduleView view, LoadSchedule(uow, c));
    view.warnings = ClockChangeWarnings(changed, tz);
    return view;
  });
}

absl::StatusOr<RegisterView> CalendarService::RecordAttendance(RequestContext& ctx, int64_t session_id,
                                                               const std::vector<RegisterEntry>& entries) {
  if (entries.empty()) return InvalidField("entries", "must list at least one participant");
  if (entries.size() > kMaxRegister) return InvalidField("entries", absl::StrCat("at most ", kMaxRegister, " entries"));
  std::set<int64_t> seen;
  std::vector<AttendanceRecord> records;
  for (size_t i = 0; i < entries.size(); ++i) {
    const RegisterEntry& e = entries[i];
    const std::string field = absl::StrCat("entries[", i, "]");
    if (e.enrolment_id <= 0) return InvalidField(field + ".enrolment_id", "is required");
    if (!seen.insert(e.enrolment_id).second) return InvalidField(field + ".enrolment_id", "is listed twice");
    if (!e.status) return InvalidField(field + ".status", "is required");
    RETURN_IF_ERROR(ValidateText(field + ".note", e.note, 0, 500, true));
    records.push_back(AttendanceRecord{.enrolment_id = e.enrolment_id, .status = *e.status, .note = Trimmed(e.note)});
  }
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<RegisterView> {
    ASSIGN_OR_RETURN(auto found, RequireSession(uow, ctx.caller(), session_id));
    auto& [session, c] = found;
    // A cancelled cohort may have held sessions before it stopped; their
    // registers can still be entered.
    if (c.status == CohortStatus::kPlanned) {
      return absl::FailedPreconditionError("session_id: the cohort is planned; start it before recording attendance");
    }
    if (session.status == SessionStatus::kCancelled) {
      return absl::FailedPreconditionError("session_id: the session was cancelled");
    }
    ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", session.time_zone));
    if (now < session.starts_at) {
      return absl::FailedPreconditionError(absl::StrCat("session_id: attendance can be recorded once the session starts (",
                                                        FormatLocalForPeople(session.starts_at, tz), ")"));
    }
    // Anyone who holds or held a place may be on a register, including a
    // register entered after the fact for a group that began on paper.
    ASSIGN_OR_RETURN(std::vector<Enrolment> enrolled, enrolments_.ListEnrolments(uow, c.id, now));
    std::map<int64_t, const Enrolment*> by_id;
    for (const Enrolment& e : enrolled) by_id[e.id] = &e;
    for (size_t i = 0; i < records.size(); ++i) {
      auto it = by_id.find(records[i].enrolment_id);
      if (it == by_id.end()) {
        return InvalidField(absl::StrCat("entries[", i, "].enrolment_id"), "is not a participant of this cohort");
      }
    }
    RETURN_IF_ERROR(sessions_.PutAttendance(uow, session.id, records, now, ctx.caller().user_id));
    if (session.status != SessionStatus::kHeld) {
      session.status = SessionStatus::kHeld;
      session.held_at = now;
      RETURN_IF_ERROR(sessions_.SaveSessions(uow, {session}, now));
    }
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "session", .target_id = absl::StrCat(session.id)}));
    RegisterView out;
    ASSIGN_OR_RETURN(out.entries, sessions_.ListAttendance(uow, session.id));
    ASSIGN_OR_RETURN(std::vector<std::string> titles, templates_.WeekTitles(uow, c.template_id));
    AttendanceCounts counts;
    for (const AttendanceRecord& a : out.entries) {
      switch (a.status) {
        case AttendanceStatus::kPresent: ++counts.present; break;
        case AttendanceStatus::kLate: ++counts.late; break;
        case AttendanceStatus::kAbsent: ++counts.absent; break;
        case AttendanceStatus::kExcused: ++counts.excused; break;
      }
    }
    session.attendance = counts;
    out.session = View(session, titles, tz);
    return out;
  });
}

absl::StatusOr<Place> CalendarService::MyPlace(UnitOfWork& uow, const Principal& me) {
  return RequireOwnPlace(uow, enrolments_, me, clock_.Now());
}

absl::StatusOr<MyProgramme> CalendarService::GetMyProgramme(RequestContext& ctx) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<MyProgramme> {
    ASSIGN_OR_RETURN(auto place, MyPlace(uow, me));
    const auto& [enrolment, c] = place;
    ASSIGN_OR_RETURN(ModuleRelease mode, cohorts_.FindModuleRelease(uow, c.organisation_id));
    ASSIGN_OR_RETURN(std::vector<Session> sessions, sessions_.ListSessions(uow, c.id));
    ASSIGN_OR_RETURN(programme::ProgrammeTemplate tpl,
                     templates_.VisibleTemplate(uow, c.organisation_id, c.template_id, "template_id"));
    ASSIGN_OR_RETURN(auto attendance, sessions_.AttendanceOf(uow, enrolment.id));
    ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", c.plan.time_zone));
    std::vector<std::string> titles;
    for (const auto& w : tpl.weeks) titles.push_back(w.title);

    MyProgramme out;
    out.cohort_name = c.name;
    out.programme_title = tpl.summary.title;
    out.week_count = static_cast<int>(tpl.weeks.size());
    for (const programme::ProgrammeWeek& week : tpl.weeks) {
      const std::optional<absl::Time> released = WeekReleaseTime(sessions, week.number, mode, c.status);
      if (!released || *released > now) continue;
      const Session* s = ReleasingSessionOfWeek(sessions, week.number);
      MyWeek mine{.week = week, .released_at = *released};
      if (auto it = attendance.find(s->id); it != attendance.end()) mine.attendance = it->second;
      // Missed the session, or joined after it: this week is their catch-up
      // pack. A register, when there is one, is the authority; someone it
      // leaves out was not recorded as there, so they get the pack too.
      mine.catch_up = mine.attendance ? (*mine.attendance == AttendanceStatus::kAbsent ||
                                         *mine.attendance == AttendanceStatus::kExcused)
                                      : s->starts_at < enrolment.allocated_at || s->held_at.has_value();
      out.current_week = week.number;
      out.weeks.push_back(std::move(mine));
    }
    for (Session s : sessions) {
      // The group's register and the facilitators' reasons are not the
      // participant's to read.
      s.attendance = AttendanceCounts{};
      s.cancel_reason.clear();
      out.sessions.push_back(View(s, titles, tz));
      if (!out.next_session && s.status == SessionStatus::kScheduled && s.starts_at > now) {
        out.next_session = View(s, titles, tz);
      }
    }
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(enrolment.id)}));
    return out;
  });
}

absl::StatusOr<CalendarFile> CalendarService::ExportCalendar(RequestContext& ctx, int64_t cohort_id) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CalendarFile> {
    CohortRecord c;
    const bool participant = me.role == Role::kParticipant;
    if (participant) {
      ASSIGN_OR_RETURN(auto place, MyPlace(uow, me));
      if (cohort_id != 0 && cohort_id != place.cohort.id) {
        return absl::PermissionDeniedError("you can only export your own group's calendar");
      }
      c = place.cohort;
    } else {
      ASSIGN_OR_RETURN(c, access_.Require(uow, me, cohort_id, "cohort_id", false));
    }
    ASSIGN_OR_RETURN(ScheduleView schedule, LoadSchedule(uow, c));
    ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", c.plan.time_zone));
    std::vector<CalendarEvent> events;
    for (const SessionView& v : schedule.sessions) {
      const Session& s = v.session;
      CalendarEvent e;
      e.uid = absl::StrCat("cft-session-", s.id, "@cft-groups");
      e.sequence = s.sequence;
      e.starts_at = s.starts_at;
      e.ends_at = EndOf(s);
      e.cancelled = s.status == SessionStatus::kCancelled;
      e.last_modified = s.updated_at;
      // A participant's calendar may sync to a work or family account: keep
      // its words neutral.
      if (participant) {
        e.summary = absl::StrCat("Group session (week ", s.week_number, ")");
      } else {
        e.summary = absl::StrCat(c.name, " — week ", s.week_number, ": ", v.week_title);
        e.description = absl::StrCat("Programme week ", s.week_number, ".");
        if (e.cancelled && !s.cancel_reason.empty()) absl::StrAppend(&e.description, " Cancelled: ", s.cancel_reason);
      }
      events.push_back(std::move(e));
    }
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return CalendarFile{.filename = absl::StrCat(participant ? "my-group" : Slug(c.name), ".ics"),
                        .ics = BuildCalendar(participant ? "My group sessions" : c.name, c.plan.time_zone, tz,
                                             events, now)};
  });
}

}  // namespace cft::cohorts
