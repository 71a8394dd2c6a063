// The rules of homework as pure functions, without storage: what a practice
// log may contain, when a week's practice starts and ends, whom an
// assignment applies to, and how adherence and the facilitator digest are
// computed. HomeworkService applies them inside its transactions; the unit
// tests exercise them directly.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/cohorts/cohort_types.h"
#include "services/homework/homework_types.h"
#include "services/programme/programme_types.h"

namespace cft::homework {

inline constexpr int kMaxPracticeMinutes = 180;
inline constexpr int kMaxNoteChars = 2000;
inline constexpr int kMaxFeedbackChars = 2000;
inline constexpr int kMaxSteps = 10;
// A participant may change or delete their own log for this long after logging it.
inline constexpr absl::Duration kEditWindow = absl::Hours(7 * 24);
// How far ahead of the server's clock a practice time may be: a device whose
// clock runs a little fast must not have its logs refused.
inline constexpr absl::Duration kClockAllowance = absl::Minutes(5);
// The digest's early warnings.
inline constexpr absl::Duration kNoPracticeWarning = absl::Hours(10 * 24);

// Minutes, ratings, the note and the field keys: everything that can be
// checked before anything is read. INVALID_ARGUMENT names the field.
absl::Status ValidateEntryShape(const PracticeEntry& e);

// The entry's structured fields against its assignment's kind (null for a
// practice without a kind, which takes none): every key a field of the kind,
// each value of the field's type and within its limits, required ones
// present, distress given when the kind requires it. Trims text values and
// drops empty optional ones, so what is validated is what is stored.
absl::Status ValidateEntryFields(PracticeEntry& e, const programme::PracticeKind* kind, const Assignment& a);

// The instant the practice took place, from its wall-clock time in `tz`.
// INVALID_ARGUMENT naming the field when it lies in the future (beyond the
// clock allowance) or before `earliest_day`, the day the participant's place began.
absl::StatusOr<absl::Time> PractisedInstant(const PracticeEntry& e, const absl::TimeZone& tz,
                                            absl::CivilDay earliest_day, absl::Time now);

// The request field names whose values differ ("minutes", "fields.situation",
// "note", "shared"): what an update's audit record says, never the values.
std::vector<std::string> ChangedFields(const PracticeEntry& before, const PracticeEntry& after);

// The log as staff may see it: unless the participant shared it, the note and
// every text field are removed (and private_withheld set when there were any).
PracticeLog ForStaff(PracticeLog log);

// Weeks 1..N of a cohort (N: the highest week its sessions deliver).
std::vector<WeekWindow> BuildSchedule(const std::vector<cohorts::Session>& sessions, cohorts::ModuleRelease mode,
                                      cohorts::CohortStatus status);
const WeekWindow* FindWeek(const std::vector<WeekWindow>& schedule, int week);
bool Released(const std::vector<WeekWindow>& schedule, int week, absl::Time now);
// The latest released week, 0 before the first.
int CurrentWeek(const std::vector<WeekWindow>& schedule, absl::Time now);

// When a participant's place counts from for homework: when they joined (the
// invite redeemed), else when they were allocated.
absl::Time PlaceStart(const cohorts::Enrolment& e);

// Whether `a` (of week `w`) is part of this participant's homework: an
// assignment of another participant is not; nor is a week whose practice
// week was over before they joined, or that was released after they left.
bool AppliesTo(const Assignment& a, const cohorts::Enrolment& e, const WeekWindow& w);

// logged / dose as a whole percentage, rounded; 0 without a dose.
int Percent(int logged, int dose);

// Everything the cohort-wide read models are computed from, read in a
// constant number of queries.
struct CohortHomework {
  std::vector<cohorts::Session> sessions;
  std::vector<WeekWindow> schedule;
  std::vector<std::string> week_titles;
  std::string time_zone;
  std::vector<cohorts::Enrolment> enrolments;
  std::vector<Assignment> assignments;
  std::vector<LogTotals> totals;
  // session id -> enrolment id -> status
  std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>> attendance;
  // (enrolment id, week)
  std::set<std::pair<int64_t, int>> module_opens;
};

// Participants x released weeks. Rows are the people who took part (joined,
// whether still active, completed or withdrawn since), by name.
AdherenceGrid ComputeAdherence(const CohortHomework& h, absl::Time now);

// The digest for session `session_id` (0: the next session): since the
// previous session, who practised and how much against the dose set then;
// who has not opened the module released by then; who missed the previous
// session; and the early warnings (two sessions missed in a row, no practice
// for ten days, adherence falling two weeks running over weeks already
// complete). Participants are those with a current place (active, or
// completed once the group ends). NOT_FOUND / FAILED_PRECONDITION naming
// session_id when the session is not the cohort's, is cancelled, or there is
// no session ahead.
absl::StatusOr<Digest> ComputeDigest(const CohortHomework& h, int64_t session_id, absl::Time now);

}  // namespace cft::homework
