// Session planning in local civil time: pure functions, no storage.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/cohorts/cohort_types.h"

namespace cft::cohorts {

// One session per week, week 1 on the first `plan.weekday` on or after
// `plan.start_date`, each at the same local wall-clock time in `tz` (so the
// UTC instant moves by an hour across a daylight-saving change).
std::vector<Session> PlanSessions(int64_t cohort_id, const CohortPlan& plan, int weeks,
                                  const absl::TimeZone& tz);

// Moves a session's local start to `local` and derives its instant again
// (a skipped local time becomes the reading an hour later).
void SetLocalStart(Session& s, absl::CivilSecond local, const absl::TimeZone& tz);

// One plain sentence per live session among `sessions` whose planned local
// time does not exist on its day and so starts later, saying which week and
// what time it starts instead.
std::vector<std::string> ClockChangeWarnings(const std::vector<Session>& sessions, const absl::TimeZone& tz);

// The live (not cancelled) session delivering `week`, if any.
const Session* LiveSessionOfWeek(const std::vector<Session>& sessions, int week);

absl::Time EndOf(const Session& s);

}  // namespace cft::cohorts
