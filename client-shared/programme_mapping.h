// cft.v1.ProgrammeService messages <-> the value types of programme_types.h. Core only.
#pragma once

#include "cft/v1/programme.pb.h"
#include "client-shared/programme_types.h"

namespace cft::client {

TemplateInfo fromProto(const v1::ProgrammeTemplateSummary& t);
PracticeInfo fromProto(const v1::Practice& p);
PracticeGuide fromProto(v1::PracticeGuide g);
FieldType fromProto(v1::PracticeFieldType t);
PracticeFieldDef fromProto(const v1::PracticeField& f);
PracticeKindInfo fromProto(const v1::PracticeKind& k);

}  // namespace cft::client
