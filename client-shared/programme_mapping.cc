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

PracticeGuide fromProto(v1::PracticeGuide g) {
  switch (g) {
    case v1::PRACTICE_GUIDE_BREATHING_PACER: return PracticeGuide::BreathingPacer;
    case v1::PRACTICE_GUIDE_TIMER: return PracticeGuide::Timer;
    default: return PracticeGuide::None;
  }
}

FieldType fromProto(v1::PracticeFieldType t) {
  switch (t) {
    case v1::PRACTICE_FIELD_TEXT: return FieldType::Text;
    case v1::PRACTICE_FIELD_NUMBER: return FieldType::Number;
    case v1::PRACTICE_FIELD_YES_NO: return FieldType::YesNo;
    case v1::PRACTICE_FIELD_CHOICE: return FieldType::Choice;
    case v1::PRACTICE_FIELD_STEP: return FieldType::Step;
    default: return FieldType::Unknown;
  }
}

PracticeFieldDef fromProto(const v1::PracticeField& f) {
  PracticeFieldDef d;
  d.key = qs(f.key());
  d.label = qs(f.label());
  d.help = qs(f.help());
  d.type = fromProto(f.type());
  d.required = f.required();
  d.min = f.min();
  d.max = f.max();
  d.maxLength = f.max_length();
  for (const auto& o : f.options()) d.options.append(FieldOption{qs(o.key()), qs(o.label())});
  return d;
}

PracticeKindInfo fromProto(const v1::PracticeKind& k) {
  PracticeKindInfo kind;
  kind.key = qs(k.key());
  kind.title = qs(k.title());
  kind.description = qs(k.description());
  kind.guide = fromProto(k.guide());
  kind.distressRequired = k.distress_required();
  kind.usesSteps = k.uses_steps();
  for (const auto& f : k.fields()) kind.fields.append(fromProto(f));
  return kind;
}

}  // namespace cft::client
