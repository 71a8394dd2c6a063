// Domain types of programme templates: the weekly content a cohort follows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cft::programme {

// How the participant client guides a practice of a kind before its log.
enum class PracticeGuide { kNone, kBreathingPacer, kTimer };

// What one structured field of a practice log holds. Only kText is free text
// a participant writes; it follows the log's private/shared choice. The
// others (numbers, yes/no, a choice, a ladder step) are always visible to the
// facilitators, like minutes and ratings.
enum class FieldType { kText, kNumber, kYesNo, kChoice, kStep };

struct FieldOption {
  std::string key;
  std::string label;
};

struct PracticeField {
  // Stable within a template lineage: log values are stored by it.
  std::string key;
  std::string label;
  std::string help;
  FieldType type = FieldType::kText;
  bool required = false;
  // kNumber: the allowed range.
  int min = 0;
  int max = 0;
  // kText: characters at most.
  int max_length = 0;
  // kChoice.
  std::vector<FieldOption> options;
};

// A kind of practice (a thought record, soothing rhythm breathing) and the
// structured fields its log records. Kinds belong to a template version, so
// the fields a cohort's logs were recorded with never change under them.
struct PracticeKind {
  std::string key;
  std::string title;
  std::string description;
  PracticeGuide guide = PracticeGuide::kNone;
  // Distress before and after is part of this kind's record, not optional.
  bool distress_required = false;
  // An assignment of this kind carries ladder steps (set per participant by
  // a clinician), and its log says which step it was.
  bool uses_steps = false;
  std::vector<PracticeField> fields;
};

struct Practice {
  std::string code;
  std::string title;
  std::string instructions;
  std::string caution;
  int times_per_week = 0;
  int minutes = 0;
  // Key of one of the template's practice kinds; empty in templates stored
  // before kinds existed (their logs record the common fields only).
  std::string kind;
};

struct ProgrammeWeek {
  int number = 0;
  std::string title;
  std::vector<std::string> themes;
  std::vector<std::string> in_session;
  std::string module_text;
  std::vector<Practice> practices;
};

struct TemplateSummary {
  int64_t id = 0;
  std::string key;
  int version = 0;
  std::string title;
  std::string description;
  // 0 for built-in templates.
  int64_t owner_organisation_id = 0;
  std::optional<int64_t> based_on_template_id;
  int week_count = 0;
  int session_minutes = 0;
  std::string checksum;
  absl::Time created_at;
};

struct ProgrammeTemplate {
  TemplateSummary summary;
  std::vector<std::string> sources;
  std::vector<ProgrammeWeek> weeks;
  // The kinds its practices use and the ones clinicians may add as homework.
  std::vector<PracticeKind> practice_kinds;
};

// Names as stored in the database.
absl::string_view Name(PracticeGuide g);
absl::string_view Name(FieldType t);
std::optional<PracticeGuide> PracticeGuideFromName(absl::string_view s);
std::optional<FieldType> FieldTypeFromName(absl::string_view s);

// The kind with `key`, or null.
const PracticeKind* FindKind(const std::vector<PracticeKind>& kinds, absl::string_view key);

}  // namespace cft::programme
