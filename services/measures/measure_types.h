// Domain types of outcome measures: instrument definitions (the C++ form of
// cft.v1.InstrumentDefinition, so domain code never sees protos), measurement
// plans, responses with their scores, and risk alerts. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cft::measures {

// Enums carry an "unspecified" value only where a definition file can leave
// the field unset; validation refuses it there.
enum class ItemTextPolicy { kUnspecified, kShipped, kLicensedOnly };
enum class ScoringRule { kUnspecified, kSum, kMean };
enum class Polarity { kUnspecified, kHigherIsWorse, kHigherIsBetter };
enum class ReliabilityType { kUnspecified, kInternalConsistency, kTestRetest };
enum class RiskTier { kUnspecified, kAmber, kRed };
enum class PaperValueMode { kUnspecified, kBoxPosition, kPrintedScore };
enum class TimePointKind { kUnspecified, kBaseline, kMid, kPost, kFollowUp, kSession };
enum class EntryMode { kOnline, kPaper };
enum class Classification { kRecovered, kImproved, kUnchanged, kDeteriorated, kNotAvailable };
enum class AlertStatus { kOpen, kAcknowledged, kResolved };

// Names as stored in the database.
absl::string_view Name(RiskTier v);
absl::string_view Name(PaperValueMode v);
absl::string_view Name(TimePointKind v);
absl::string_view Name(EntryMode v);
absl::string_view Name(ReliabilityType v);
std::optional<RiskTier> RiskTierFromName(absl::string_view s);
std::optional<PaperValueMode> PaperValueModeFromName(absl::string_view s);
std::optional<TimePointKind> TimePointKindFromName(absl::string_view s);
std::optional<EntryMode> EntryModeFromName(absl::string_view s);
std::optional<ReliabilityType> ReliabilityTypeFromName(absl::string_view s);

// ---------------------------------------------------------------------------
// Instrument definitions (see proto/cft/v1/instrument.proto for each field).

struct Licence {
  std::string licence;
  std::string licence_source;
  std::string copyright_line;
  ItemTextPolicy item_text = ItemTextPolicy::kUnspecified;
};

struct ResponseOption {
  int value = 0;
  std::string label;
  std::string loinc_answer_code;
};

struct OptionSet {
  std::string key;
  std::vector<ResponseOption> options;  // box order
  int MinValue() const;
  int MaxValue() const;
  // The option with this value, or null.
  const ResponseOption* Find(int value) const;
};

struct Section {
  std::string key;
  std::string title;
  std::string instructions;
  bool optional = false;
};

struct Item {
  std::string code;
  int number = 0;
  std::string text;
  std::string option_set;
  bool reverse_keyed = false;
  bool unscored = false;
  std::string section;
  std::string loinc_code;
};

struct MissingItemRule {
  int max_prorated = 0;
  bool accept_without_score = false;
};

struct Band {
  double min = 0;
  double max = 0;
  std::string label;
  int severity = 0;
};

struct ReliableChangeDef {
  std::optional<double> threshold;
  std::optional<double> sd;
  std::optional<double> reliability;
  ReliabilityType reliability_type = ReliabilityType::kUnspecified;
  double z = 0;  // 0: 1.96
  std::string source;
  bool set_by_organisation = false;
};

struct Norms {
  double mean = 0;
  double sd = 0;
  std::string source;
};

struct ScoreDef {
  std::string key;
  std::string title;
  std::vector<std::string> item_codes;
  ScoringRule rule = ScoringRule::kUnspecified;
  double multiplier = 1;
  MissingItemRule missing;
  int decimals = 0;
  Polarity polarity = Polarity::kUnspecified;
  std::vector<Band> bands;
  std::optional<double> caseness_cutoff;
  std::string caseness_source;
  ReliableChangeDef reliable_change;
  std::optional<Norms> clinical_norms;
  std::optional<Norms> functional_norms;
  bool primary = false;
  std::string loinc_code;
};

struct RiskRule {
  enum class Kind { kUnspecified, kItem, kScore, kDeterioration };
  std::string key;
  RiskTier tier = RiskTier::kUnspecified;
  Kind kind = Kind::kUnspecified;
  std::string item_code;  // kItem
  int min_value = 0;
  int max_value = 0;
  std::string score_key;  // kScore, kDeterioration
  double at_least = 0;    // kScore
  std::string description;
};

struct PaperForm {
  PaperValueMode keyed_value = PaperValueMode::kUnspecified;
  std::vector<std::string> printed_reversed_items;
  std::string form_source;
};

struct Instrument {
  std::string key;
  int version = 0;
  std::string short_name;
  std::string title;
  std::string instructions;
  std::string recall_period;
  Licence licence;
  std::vector<OptionSet> option_sets;
  std::vector<Section> sections;
  std::vector<Item> items;
  std::vector<ScoreDef> scores;
  std::vector<RiskRule> risk_rules;
  PaperForm paper_form;
  std::string loinc_panel_code;
  std::vector<std::string> sources;
  std::vector<std::string> notes;

  const Item* FindItem(absl::string_view code) const;
  const OptionSet* FindOptionSet(absl::string_view key) const;
  const OptionSet* OptionSetOf(const Item& item) const { return FindOptionSet(item.option_set); }
  const ScoreDef* FindScore(absl::string_view key) const;
  const Section* FindSection(absl::string_view key) const;
  int ItemIndex(absl::string_view code) const;  // -1 when absent
};

// ---------------------------------------------------------------------------
// Answers and scores.

// One answer: the option value as given (never reverse keyed), or none.
struct AnswerValue {
  std::string item_code;
  std::optional<int> value;
  // For paper entry: the number keyed in, as the form printed it.
  std::optional<int> keyed_value;
};

struct ScoreValue {
  std::string key;
  std::optional<double> value;  // rounded to the score's decimals
  int items_answered = 0;
  int item_count = 0;
  bool prorated = false;
  std::string band_label;
  int band_severity = 0;
  std::optional<bool> caseness;
};

// ---------------------------------------------------------------------------
// Measurement plans.

struct TimePointPlan {
  std::string key;
  std::string label;
  TimePointKind kind = TimePointKind::kUnspecified;
  int week = 0;  // 0: the last week (unless weeks_after_last_session)
  int weeks_after_last_session = 0;
  int opens_days_before = 0;
  int closes_days_after = 0;
  std::vector<std::string> instrument_keys;
};

struct SessionMonitorPlan {
  bool enabled = false;
  std::vector<std::string> instrument_keys;
  int opens_days_before = 0;
};

struct MeasurementPlan {
  std::vector<TimePointPlan> time_points;
  SessionMonitorPlan session_monitor;
  bool is_default = true;
};

struct ScheduledTimePoint {
  std::string key;
  std::string label;
  TimePointKind kind = TimePointKind::kUnspecified;
  int week = 0;
  std::optional<int64_t> session_id;
  absl::Time opens_at;
  absl::Time due_at;
  absl::Time closes_at;
  std::vector<std::string> instrument_keys;
};

// ---------------------------------------------------------------------------
// Stored responses and alerts.

struct StoredResponse {
  int64_t id = 0;
  int64_t organisation_id = 0;
  int64_t cohort_id = 0;
  int64_t enrolment_id = 0;
  std::string instrument_key;
  int instrument_version = 0;
  std::string definition_checksum;
  std::string time_point_key;
  std::string time_point_label;
  TimePointKind time_point_kind = TimePointKind::kUnspecified;
  int week = 0;
  std::optional<int64_t> session_id;
  absl::Time completed_at;
  absl::Time submitted_at;
  EntryMode entry_mode = EntryMode::kOnline;
  int64_t entered_by = 0;
  std::optional<PaperValueMode> keyed_as;
  std::vector<AnswerValue> answers;  // form order
  std::vector<ScoreValue> scores;    // definition order
};

struct NewAlert {
  int64_t organisation_id = 0;
  int64_t cohort_id = 0;
  int64_t enrolment_id = 0;
  int64_t response_id = 0;
  RiskTier tier = RiskTier::kAmber;
  std::vector<std::string> rule_keys;
  std::vector<std::string> reasons;
  absl::Time created_at;
  absl::Time due_at;
};

struct AlertRecord {
  int64_t id = 0;
  int64_t organisation_id = 0;
  int64_t cohort_id = 0;
  std::string cohort_name;
  int64_t enrolment_id = 0;
  std::string participant_name;
  int64_t response_id = 0;
  std::string instrument_key;
  std::string instrument_short_name;  // from the catalog, not stored
  std::string time_point_label;
  RiskTier tier = RiskTier::kAmber;
  std::vector<std::string> rule_keys;
  std::vector<std::string> reasons;
  absl::Time created_at;
  absl::Time due_at;
  std::optional<absl::Time> acknowledged_at;
  std::optional<int64_t> acknowledged_by;
  std::string acknowledged_by_name;
  std::string acknowledge_note;
  std::optional<absl::Time> resolved_at;
  std::optional<int64_t> resolved_by;
  std::string resolved_by_name;
  std::string resolve_note;

  AlertStatus status() const {
    if (resolved_at) return AlertStatus::kResolved;
    if (acknowledged_at) return AlertStatus::kAcknowledged;
    return AlertStatus::kOpen;
  }
  bool OverdueAt(absl::Time now) const { return !resolved_at && !acknowledged_at && now > due_at; }
};

struct AlertCounts {
  int red = 0;
  int amber = 0;
  int overdue = 0;
};

// An organisation's settings for measures.
struct MeasureSettings {
  std::string crisis_text;
  int red_response_minutes = 0;
  int amber_response_minutes = 0;
  bool defaults = true;
};

// SD and reliability an organisation set for a score without published ones.
struct OrgReliableChange {
  std::string instrument_key;
  std::string score_key;
  double sd = 0;
  double reliability = 0;
  ReliabilityType reliability_type = ReliabilityType::kUnspecified;
  double z = 0;
  std::string source;
};

}  // namespace cft::measures
