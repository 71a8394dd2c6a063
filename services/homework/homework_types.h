// Domain types of homework: assignments, practice logs with their structured
// values, feedback, and the read models built from them (progress, the
// adherence grid, the facilitator digest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/cohorts/cohort_types.h"
#include "services/programme/programme_types.h"

namespace cft::homework {

// Where an assignment came from: the cohort's programme template (one per
// week and practice), or a clinician for the whole cohort or one participant.
enum class AssignmentSource { kProgramme, kCohort, kParticipant };

absl::string_view Name(AssignmentSource s);
std::optional<AssignmentSource> AssignmentSourceFromName(absl::string_view s);

// One rung of a graded exposure ladder.
struct LadderStep {
  std::string description;
  int target_minutes = 0;
};

struct Assignment {
  int64_t id = 0;
  int64_t cohort_id = 0;
  int week_number = 0;
  AssignmentSource source = AssignmentSource::kProgramme;
  // Set for an assignment of one participant.
  std::optional<int64_t> enrolment_id;
  // The template practice's code, for programme assignments.
  std::string practice_code;
  // A practice kind of the cohort's template; empty: the common fields only.
  std::string kind;
  std::string title;
  std::string instructions;
  std::string caution;
  int times_per_week = 0;
  int minutes = 0;
  std::vector<LadderStep> steps;
  absl::Time created_at;
  std::optional<int64_t> created_by;
};

// One structured field of a log. `type` says which member holds the value:
// `text` for kText and kChoice (the option key), `number` for kNumber,
// kYesNo (0 or 1) and kStep (the 1-based step).
struct FieldValue {
  std::string key;
  programme::FieldType type = programme::FieldType::kText;
  std::string text;
  int number = 0;

  bool operator==(const FieldValue&) const = default;
};

// What a participant records about one practice. Times are wall-clock times
// in the cohort's zone.
struct PracticeEntry {
  absl::CivilDay practised_on;
  int practised_minute = 0;  // after local midnight
  int minutes = 0;
  std::optional<int> distress_before;
  std::optional<int> distress_after;
  std::optional<int> helpfulness;
  std::vector<FieldValue> fields;
  std::string note;
  // Shares the note and the text fields with the facilitators. Everything
  // else in a log is always visible to them.
  bool shared = false;
};

struct Feedback {
  int64_t id = 0;
  int64_t log_id = 0;
  int64_t author_user_id = 0;
  std::string author_name;
  std::string text;
  absl::Time created_at;
};

struct PracticeLog {
  int64_t id = 0;
  int64_t assignment_id = 0;
  int64_t cohort_id = 0;
  int64_t enrolment_id = 0;
  int64_t user_id = 0;
  std::string idempotency_key;
  std::string request_hash;
  PracticeEntry entry;
  absl::Time practised_at;
  absl::Time created_at;
  absl::Time updated_at;
  std::optional<absl::Time> deleted_at;
  // Set in views for staff when the participant kept words private and
  // they were left out.
  bool private_withheld = false;
  std::vector<Feedback> feedback;
};

// Practice totals of one participant against one assignment.
struct LogTotals {
  int64_t enrolment_id = 0;
  int64_t assignment_id = 0;
  int logs = 0;
  int minutes = 0;
  int helpfulness_sum = 0;
  std::optional<absl::Time> last_practised_at;
  // Within the window the query was given (the digest's "since the previous
  // session", a participant's today).
  int logs_in_window = 0;
  int minutes_in_window = 0;
};

// How a cohort's weeks run for homework: when each week's module is
// released and when its practice week ends (the next week's release).
struct WeekWindow {
  int week = 0;
  std::optional<absl::Time> released_at;
  // The next week's release; for the last week, seven days after its own.
  // Nullopt while unknown (the next session not yet held).
  std::optional<absl::Time> ends_at;
  // The session that releases the week (its live one, else its cancelled one); 0 if none.
  int64_t session_id = 0;
};

struct AssignmentProgress {
  Assignment assignment;
  absl::Time released_at;
  bool this_week = false;
  int logged = 0;
  int minutes_logged = 0;
  int logged_today = 0;
  // Logged against the dose, at most 100.
  int percent_of_dose = 0;
};

struct MyAssignments {
  int current_week = 0;
  std::string time_zone;
  absl::CivilDay earliest_practice_day;
  // This week's first, then earlier weeks, newest first.
  std::vector<AssignmentProgress> assignments;
  // The kinds those assignments use.
  std::vector<programme::PracticeKind> kinds;
};

struct WeekSummary {
  int week_number = 0;
  int logs = 0;
  int minutes = 0;
  std::optional<double> mean_helpfulness;
};

// A log as a list shows it, with what it answers.
struct LogView {
  PracticeLog log;
  int week_number = 0;
  std::string assignment_title;
  std::string kind;
  std::string participant_name;  // staff views
  std::optional<absl::Time> editable_until;  // the participant's own views
};

struct LogPage {
  std::vector<LogView> logs;
  std::string next_page_token;
  std::vector<WeekSummary> weeks;
};

struct AdherenceWeek {
  int week_number = 0;
  std::string title;
  absl::Time released_at;
  // The practice week is over (the next week's module is out), so the
  // numbers will not grow.
  bool complete = false;
  int64_t session_id = 0;
};

struct AdherenceCell {
  int week_number = 0;
  // False for weeks before the participant joined or after they left.
  bool applies = false;
  int dose = 0;
  // Practices logged, each assignment counted up to its dose.
  int logged = 0;
  int percent = 0;
  int logs = 0;
  int minutes = 0;
  std::optional<double> mean_helpfulness;
  std::optional<cohorts::AttendanceStatus> attendance;
  bool module_opened = false;
};

struct AdherenceRow {
  int64_t enrolment_id = 0;
  std::string participant_name;
  cohorts::EnrolmentStatus status = cohorts::EnrolmentStatus::kActive;
  std::vector<AdherenceCell> weeks;
};

struct AdherenceGrid {
  std::vector<AdherenceWeek> weeks;
  std::vector<AdherenceRow> participants;
};

struct DigestSession {
  int64_t session_id = 0;
  int week_number = 0;
  std::string week_title;
  absl::Time starts_at;
  std::string local_display;
};

struct DigestPractice {
  int64_t enrolment_id = 0;
  std::string participant_name;
  int logs = 0;
  int minutes = 0;
  // Against the homework set at the previous session.
  int dose = 0;
  int logged_against_dose = 0;
  int percent_of_dose = 0;
};

struct DigestPerson {
  int64_t enrolment_id = 0;
  std::string participant_name;
  std::optional<cohorts::AttendanceStatus> attendance;
};

enum class WarningReason { kMissedTwoSessions, kNoPracticeForTenDays, kAdherenceFalling };

struct EarlyWarning {
  int64_t enrolment_id = 0;
  std::string participant_name;
  WarningReason reason = WarningReason::kMissedTwoSessions;
  std::string explanation;
};

// What the digest shows of the measures context's alerts and score changes.
enum class AlertTier { kAmber, kRed };
enum class AlertState { kOpen, kAcknowledged, kResolved };

struct DigestAlert {
  int64_t alert_id = 0;
  int64_t enrolment_id = 0;
  std::string participant_name;
  AlertTier tier = AlertTier::kAmber;
  std::string instrument;
  std::string time_point_label;
  absl::Time raised_at;
  AlertState state = AlertState::kOpen;
};

enum class ChangeDirection { kRecovered, kImproved, kDeteriorated };

struct DigestChange {
  int64_t enrolment_id = 0;
  std::string participant_name;
  std::string instrument;
  std::string score_title;
  std::string time_point_label;
  double baseline = 0;
  double score = 0;
  ChangeDirection direction = ChangeDirection::kImproved;
  absl::Time submitted_at;
};

struct OutcomeNotes {
  std::vector<DigestAlert> alerts;
  std::vector<DigestChange> changes;
};

struct Digest {
  DigestSession session;
  std::optional<DigestSession> previous_session;
  absl::Time since;
  absl::Time until;
  int module_week = 0;
  std::vector<DigestPractice> practised;
  std::vector<DigestPerson> module_not_opened;
  std::vector<DigestPerson> missed_last_session;
  std::vector<EarlyWarning> early_warnings;
  std::vector<DigestAlert> new_alerts;
  std::vector<DigestChange> reliable_changes;
};

}  // namespace cft::homework
