// Measurement plans: when a cohort's questionnaires open, fall due and close.
// Time points are anchored at sessions and computed in the cohort's local
// civil time, so "opens at midnight a week before session 1" means local
// midnight on both sides of a clock change. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/measures/instrument_catalog.h"
#include "services/measures/measure_types.h"

namespace cft::measures {

inline constexpr size_t kMaxTimePoints = 12;
inline constexpr size_t kMaxInstrumentsPerTimePoint = 8;

// Baseline (opens 7 days before session 1), week 4, post (the last week) and a
// follow-up 12 weeks after the last session, with PHQ-9, GAD-7, CORE-10 and
// SCS-SF (week 4: the first three); the per-session monitor is off (PHQ-9 and
// GAD-7 when a facilitator turns it on). Only instruments whose text ships are
// in the default, since participants answer them in the app.
MeasurementPlan DefaultPlan();

// INVALID_ARGUMENT naming the field ("time_points[2].week"): keys, labels,
// kinds (exactly one baseline, at most one post, no session kind), anchors,
// windows, and instruments known to `catalog`.
absl::Status ValidatePlan(const MeasurementPlan& plan, const InstrumentCatalog& catalog);

// A live (not cancelled) session as the plan sees it.
struct PlanSession {
  int64_t session_id = 0;
  int week = 0;
  absl::CivilSecond local_start;  // in the cohort's zone
  absl::Time starts_at;
};

// The plan's time points as instants, in opening order. A time point whose
// anchor week has no live session is left out. The monitor adds one time
// point per live session ("session-3", "Session 3").
std::vector<ScheduledTimePoint> ResolvePlan(const MeasurementPlan& plan, const std::vector<PlanSession>& sessions,
                                            const absl::TimeZone& tz);

// The first time point of a kind, or null.
const ScheduledTimePoint* FindKind(const std::vector<ScheduledTimePoint>& schedule, TimePointKind kind);
const ScheduledTimePoint* FindKey(const std::vector<ScheduledTimePoint>& schedule, absl::string_view key);

}  // namespace cft::measures
