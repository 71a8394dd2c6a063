#include "services/programme/programme_types.h"

namespace cft::programme {

absl::string_view Name(PracticeGuide g) {
  switch (g) {
    case PracticeGuide::kNone: return "none";
    case PracticeGuide::kBreathingPacer: return "pacer";
    case PracticeGuide::kTimer: return "timer";
  }
  return "none";
}

absl::string_view Name(FieldType t) {
  switch (t) {
    case FieldType::kText: return "text";
    case FieldType::kNumber: return "number";
    case FieldType::kYesNo: return "yes_no";
    case FieldType::kChoice: return "choice";
    case FieldType::kStep: return "step";
  }
  return "text";
}

std::optional<PracticeGuide> PracticeGuideFromName(absl::string_view s) {
  for (PracticeGuide g : {PracticeGuide::kNone, PracticeGuide::kBreathingPacer, PracticeGuide::kTimer}) {
    if (Name(g) == s) return g;
  }
  return std::nullopt;
}

std::optional<FieldType> FieldTypeFromName(absl::string_view s) {
  for (FieldType t : {FieldType::kText, FieldType::kNumber, FieldType::kYesNo, FieldType::kChoice, FieldType::kStep}) {
    if (Name(t) == s) return t;
  }
  return std::nullopt;
}

const PracticeKind* FindKind(const std::vector<PracticeKind>& kinds, absl::string_view key) {
  for (const PracticeKind& k : kinds) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

}  // namespace cft::programme
