#include "services/cohorts/calendar.h"

#include "absl/strings/str_format.h"
#include "services/common/civil_time.h"

namespace cft::cohorts {

void SetLocalStart(Session& s, absl::CivilSecond local, const absl::TimeZone& tz) {
  s.planned_local_start = local;
  s.starts_at = LocalToUtc(local, tz);
  // A time the clocks skip (01:30 when they jump from 01:00 to 02:00) is kept
  // as the reading the instant really has (02:30), so the two never disagree.
  s.local_start = tz.At(s.starts_at).cs;
}

std::vector<std::string> ClockChangeWarnings(const std::vector<Session>& sessions, const absl::TimeZone& tz) {
  std::vector<std::string> out;
  for (const Session& s : sessions) {
    if (s.status == SessionStatus::kCancelled || s.planned_local_start == s.local_start) continue;
    out.push_back(absl::StrFormat(
        "Week %d: %02d:%02d does not exist that day in %s (the clocks go forward), so the session starts at %s.",
        s.week_number, s.planned_local_start.hour(), s.planned_local_start.minute(), tz.name(),
        FormatLocalForPeople(s.starts_at, tz)));
  }
  return out;
}

std::vector<Session> PlanSessions(int64_t cohort_id, const CohortPlan& plan, int weeks,
                                  const absl::TimeZone& tz) {
  std::vector<Session> out;
  const absl::CivilDay first = FirstOnOrAfter(plan.start_date, plan.weekday);
  for (int w = 1; w <= weeks; ++w) {
    const absl::CivilDay day = first + 7 * (w - 1);
    Session s;
    s.cohort_id = cohort_id;
    s.week_number = w;
    s.time_zone = plan.time_zone;
    s.duration_minutes = plan.duration_minutes;
    s.status = SessionStatus::kScheduled;
    SetLocalStart(s, absl::CivilSecond(day) + plan.start_minute * 60, tz);
    out.push_back(std::move(s));
  }
  return out;
}

const Session* LiveSessionOfWeek(const std::vector<Session>& sessions, int week) {
  for (const Session& s : sessions) {
    if (s.week_number == week && s.status != SessionStatus::kCancelled) return &s;
  }
  return nullptr;
}

absl::Time EndOf(const Session& s) { return s.starts_at + absl::Minutes(s.duration_minutes); }

const Session* ReleasingSessionOfWeek(const std::vector<Session>& sessions, int week) {
  const Session* s = LiveSessionOfWeek(sessions, week);
  if (s != nullptr) return s;
  for (const Session& x : sessions) {
    if (x.week_number == week) s = &x;
  }
  return s;
}

std::optional<absl::Time> WeekReleaseTime(const std::vector<Session>& sessions, int week, ModuleRelease mode,
                                          CohortStatus cohort_status) {
  // A cancelled cohort keeps what its participants already had (the weeks
  // of sessions that took place or started) and releases nothing more.
  const bool cancelled = cohort_status == CohortStatus::kCancelled;
  if (cohort_status != CohortStatus::kRunning && cohort_status != CohortStatus::kCompleted && !cancelled) {
    return std::nullopt;
  }
  const Session* s = ReleasingSessionOfWeek(sessions, week);
  if (s == nullptr) return std::nullopt;
  if (cancelled && s->status == SessionStatus::kCancelled) return std::nullopt;
  if (s->status == SessionStatus::kCancelled || mode == ModuleRelease::kAtSessionStart) return s->starts_at;
  return s->held_at;
}

}  // namespace cft::cohorts
