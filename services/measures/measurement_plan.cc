#include "services/measures/measurement_plan.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/civil_time.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::measures {
namespace {

bool IsKey(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!absl::ascii_islower(u) && !absl::ascii_isdigit(u) && c != '-') return false;
  }
  return true;
}

absl::Status ValidateInstruments(const std::vector<std::string>& keys, const std::string& field,
                                 const InstrumentCatalog& catalog, bool required) {
  if (required && keys.empty()) return InvalidField(field, "name at least one instrument");
  if (keys.size() > kMaxInstrumentsPerTimePoint) {
    return InvalidField(field, absl::StrCat("at most ", kMaxInstrumentsPerTimePoint, " instruments"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string p = absl::StrCat(field, "[", i, "]");
    if (catalog.Current(keys[i]) == nullptr) return InvalidField(p, "is not a known instrument");
    if (!seen.insert(keys[i]).second) return InvalidField(p, "is listed twice");
  }
  return absl::OkStatus();
}

// Local midnight `days` days after the day of `local`, as an instant.
absl::Time MidnightOffset(absl::CivilSecond local, int days, const absl::TimeZone& tz) {
  return LocalToUtc(absl::CivilSecond(absl::CivilDay(local) + days), tz);
}

}  // namespace

MeasurementPlan DefaultPlan() {
  const std::vector<std::string> full = {"phq9", "gad7", "core10", "scs-sf"};
  MeasurementPlan plan;
  plan.time_points = {
      TimePointPlan{.key = "baseline", .label = "Baseline", .kind = TimePointKind::kBaseline, .week = 1,
                    .opens_days_before = 7, .closes_days_after = 6, .instrument_keys = full},
      TimePointPlan{.key = "week-4", .label = "Week 4", .kind = TimePointKind::kMid, .week = 4,
                    .opens_days_before = 2, .closes_days_after = 6,
                    .instrument_keys = {"phq9", "gad7", "core10"}},
      TimePointPlan{.key = "post", .label = "End of programme", .kind = TimePointKind::kPost, .week = 0,
                    .opens_days_before = 2, .closes_days_after = 14, .instrument_keys = full},
      TimePointPlan{.key = "follow-up", .label = "12-week follow-up", .kind = TimePointKind::kFollowUp,
                    .weeks_after_last_session = 12, .opens_days_before = 7, .closes_days_after = 21,
                    .instrument_keys = full},
  };
  plan.session_monitor = SessionMonitorPlan{.enabled = false, .instrument_keys = {"phq9", "gad7"},
                                            .opens_days_before = 2};
  plan.is_default = true;
  return plan;
}

absl::Status ValidatePlan(const MeasurementPlan& plan, const InstrumentCatalog& catalog) {
  if (plan.time_points.empty() || plan.time_points.size() > kMaxTimePoints) {
    return InvalidField("time_points", absl::StrCat("must have between 1 and ", kMaxTimePoints, " time points"));
  }
  std::set<std::string> keys;
  int baselines = 0;
  int posts = 0;
  for (size_t i = 0; i < plan.time_points.size(); ++i) {
    const TimePointPlan& t = plan.time_points[i];
    const std::string p = absl::StrCat("time_points[", i, "]");
    if (!IsKey(t.key)) return InvalidField(p + ".key", "must be 1-64 lower-case letters, digits or dashes");
    // Session monitor keys are "session-<week>"; a time point may not take one.
    if (absl::StartsWith(t.key, "session-")) return InvalidField(p + ".key", "session-... keys belong to the session monitor");
    if (!keys.insert(t.key).second) return InvalidField(p + ".key", "is used twice");
    RETURN_IF_ERROR(ValidateText(p + ".label", t.label, 1, 60));
    switch (t.kind) {
      case TimePointKind::kBaseline:
        ++baselines;
        break;
      case TimePointKind::kPost:
        ++posts;
        break;
      case TimePointKind::kMid:
      case TimePointKind::kFollowUp:
        break;
      case TimePointKind::kSession:
      case TimePointKind::kUnspecified:
        return InvalidField(p + ".kind", "must be baseline, mid, post or follow-up");
    }
    if (t.week < 0 || t.week > 16) return InvalidField(p + ".week", "must be between 0 and 16");
    if (t.weeks_after_last_session < 0 || t.weeks_after_last_session > 52) {
      return InvalidField(p + ".weeks_after_last_session", "must be between 0 and 52");
    }
    if (t.weeks_after_last_session > 0 && t.week != 0) {
      return InvalidField(p + ".week", "must be 0 when the time point is anchored after the last session");
    }
    if (t.opens_days_before < 0 || t.opens_days_before > 28) {
      return InvalidField(p + ".opens_days_before", "must be between 0 and 28");
    }
    if (t.closes_days_after < 0 || t.closes_days_after > 56) {
      return InvalidField(p + ".closes_days_after", "must be between 0 and 56");
    }
    RETURN_IF_ERROR(ValidateInstruments(t.instrument_keys, p + ".instrument_keys", catalog, true));
  }
  if (baselines != 1) return InvalidField("time_points", "must have exactly one baseline");
  if (posts > 1) return InvalidField("time_points", "must have at most one post time point");
  const SessionMonitorPlan& m = plan.session_monitor;
  if (m.opens_days_before < 0 || m.opens_days_before > 6) {
    return InvalidField("session_monitor.opens_days_before", "must be between 0 and 6");
  }
  return ValidateInstruments(m.instrument_keys, "session_monitor.instrument_keys", catalog, m.enabled);
}

std::vector<ScheduledTimePoint> ResolvePlan(const MeasurementPlan& plan, const std::vector<PlanSession>& sessions,
                                            const absl::TimeZone& tz) {
  std::vector<ScheduledTimePoint> out;
  if (sessions.empty()) return out;
  const PlanSession* last = &sessions.front();
  for (const PlanSession& s : sessions) {
    if (s.week > last->week) last = &s;
  }
  auto of_week = [&](int week) -> const PlanSession* {
    for (const PlanSession& s : sessions) {
      if (s.week == week) return &s;
    }
    return nullptr;
  };
  for (const TimePointPlan& t : plan.time_points) {
    ScheduledTimePoint p{.key = t.key, .label = t.label, .kind = t.kind, .instrument_keys = t.instrument_keys};
    absl::CivilSecond anchor_local;
    if (t.weeks_after_last_session > 0) {
      // The same local time as the last session, weeks later.
      anchor_local = last->local_start + int64_t{t.weeks_after_last_session} * 7 * 24 * 3600;
      p.week = last->week;
      p.due_at = LocalToUtc(anchor_local, tz);
    } else {
      const PlanSession* s = t.week == 0 ? last : of_week(t.week);
      if (s == nullptr) continue;
      anchor_local = s->local_start;
      p.week = s->week;
      p.session_id = s->session_id;
      p.due_at = s->starts_at;
    }
    p.opens_at = MidnightOffset(anchor_local, -t.opens_days_before, tz);
    p.closes_at = MidnightOffset(anchor_local, t.closes_days_after + 1, tz);
    out.push_back(std::move(p));
  }
  if (plan.session_monitor.enabled) {
    for (const PlanSession& s : sessions) {
      out.push_back(ScheduledTimePoint{.key = absl::StrCat("session-", s.week),
                                       .label = absl::StrCat("Session ", s.week),
                                       .kind = TimePointKind::kSession,
                                       .week = s.week,
                                       .session_id = s.session_id,
                                       .opens_at = MidnightOffset(s.local_start, -plan.session_monitor.opens_days_before, tz),
                                       .due_at = s.starts_at,
                                       .closes_at = MidnightOffset(s.local_start, 1, tz),
                                       .instrument_keys = plan.session_monitor.instrument_keys});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ScheduledTimePoint& a, const ScheduledTimePoint& b) {
    return a.opens_at < b.opens_at;
  });
  return out;
}

const ScheduledTimePoint* FindKind(const std::vector<ScheduledTimePoint>& schedule, TimePointKind kind) {
  for (const ScheduledTimePoint& t : schedule) {
    if (t.kind == kind) return &t;
  }
  return nullptr;
}

const ScheduledTimePoint* FindKey(const std::vector<ScheduledTimePoint>& schedule, absl::string_view key) {
  for (const ScheduledTimePoint& t : schedule) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

}  // namespace cft::measures
