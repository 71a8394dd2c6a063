#include "services/homework/homework_types.h"

namespace cft::homework {

absl::string_view Name(AssignmentSource s) {
  switch (s) {
    case AssignmentSource::kProgramme: return "programme";
    case AssignmentSource::kCohort: return "cohort";
    case AssignmentSource::kParticipant: return "participant";
  }
  return "programme";
}

std::optional<AssignmentSource> AssignmentSourceFromName(absl::string_view s) {
  for (AssignmentSource x : {AssignmentSource::kProgramme, AssignmentSource::kCohort, AssignmentSource::kParticipant}) {
    if (Name(x) == s) return x;
  }
  return std::nullopt;
}

}  // namespace cft::homework
