// cft.v1 programme messages <-> domain types. Used by the gRPC handler and by
// the loader of the built-in template files (which are text-format protos).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "cft/v1/programme.pb.h"
#include "services/programme/programme_types.h"
#include "services/programme/template_service.h"

namespace cft::programme {

// INVALID_ARGUMENT naming the field when an enum holds a value it does not know.
absl::StatusOr<ProgrammeTemplate> FromProto(const v1::ProgrammeTemplate& p);
absl::StatusOr<PracticeKind> FromProto(const v1::PracticeKind& p, absl::string_view field);
void ToProto(const PracticeKind& k, v1::PracticeKind* out);
void ToProto(const ProgrammeTemplate& t, v1::ProgrammeTemplate* out);
void ToProto(const ProgrammeWeek& w, v1::ProgrammeWeek* out);
void ToProto(const TemplateSummary& s, v1::ProgrammeTemplateSummary* out);

// Loads every *.textproto file in `dir` (a cft.v1.ProgrammeTemplate each) as
// a built-in template. Returns how many versions were newly stored; files
// already loaded with the same content are skipped.
absl::StatusOr<int> ImportTemplateFiles(TemplateService& service, RequestContext& ctx,
                                        const std::string& dir);

}  // namespace cft::programme
