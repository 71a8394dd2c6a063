// Domain types of the reports context: what an export covers, in which form
// and mode, and the rows it is built from. Plain values; no proto, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/measures/measure_types.h"

namespace cft::reports {

enum class ScopeKind { kCohort, kOrganisation, kProgrammeTemplate };
enum class ExportFormat { kLongCsv, kWideCsv, kFhirBundle, kAttendanceCsv, kAdherenceCsv, kDataDictionary, kSummaryCsv };
enum class ExportMode { kIdentified, kDeidentified };

absl::string_view Name(ScopeKind v);
absl::string_view Name(ExportFormat v);
absl::string_view Name(ExportMode v);

struct ExportScope {
  ScopeKind kind = ScopeKind::kCohort;
  int64_t cohort_id = 0;              // kCohort
  int64_t programme_template_id = 0;  // kProgrammeTemplate
};

struct ExportRequest {
  ExportScope scope;
  ExportFormat format = ExportFormat::kLongCsv;
  ExportMode mode = ExportMode::kIdentified;
};

// A cohort in an export's scope.
struct ExportCohort {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string name;
  int64_t template_id = 0;
  std::string time_zone;  // IANA
  int week_count = 0;     // the template's
};

// One enrolment, as an export names it (the name only in identified mode).
struct ExportParticipant {
  int64_t enrolment_id = 0;
  std::string name;
  std::string status;  // cohorts' EnrolmentStatus name
};

// One stored score of one response, with the response's tags.
struct ExportScoreRow {
  int64_t response_id = 0;
  int64_t enrolment_id = 0;
  std::string instrument_key;
  int instrument_version = 0;
  std::string time_point_key;
  std::string time_point_label;
  measures::TimePointKind time_point_kind = measures::TimePointKind::kUnspecified;
  int week = 0;
  // The programme week of the session the response is tied to, when it is.
  std::optional<int> session_number;
  absl::Time completed_at;
  measures::EntryMode entry_mode = measures::EntryMode::kOnline;
  std::string score_key;
  std::optional<double> value;
  int items_answered = 0;
  int item_count = 0;
  bool prorated = false;
  std::string band_label;
};

// One answer of one response (for FHIR QuestionnaireResponses).
struct ExportAnswerRow {
  int64_t response_id = 0;
  std::string item_code;
  std::optional<int> value;
};

// The instruments and time points found in a cohort, for the wide table's
// columns and the Bundle's Questionnaires.
struct InstrumentTimePoint {
  std::string instrument_key;
  int instrument_version = 0;
  std::string time_point_key;
  measures::TimePointKind time_point_kind = measures::TimePointKind::kUnspecified;
  int week = 0;
};

// What an export of a cohort will read, for the progress estimate.
struct CohortCounts {
  int64_t participants = 0;
  int64_t responses = 0;
  int64_t scores = 0;
};

}  // namespace cft::reports
