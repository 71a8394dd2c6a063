// Domain types of programme templates: the weekly content a cohort follows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace cft::programme {

struct Practice {
  std::string code;
  std::string title;
  std::string instructions;
  std::string caution;
  int times_per_week = 0;
  int minutes = 0;
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
};

}  // namespace cft::programme
