#include "client-shared/programme_mapping.h"

#include "client-shared/common_mapping.h"

namespace cft::client {

TemplateInfo fromProto(const v1::ProgrammeTemplateSummary& t) {
  // Built-in templates belong to no organisation.
  return TemplateInfo{t.id(), qs(t.title()), t.version(), t.week_count(), t.organisation_id() == 0};
}

PracticeInfo fromProto(const v1::Practice& p) {
  return PracticeInfo{qs(p.code()), qs(p.title()), qs(p.instructions()), qs(p.caution()), p.times_per_week(),
                      p.minutes()};
}

}  // namespace cft::client
