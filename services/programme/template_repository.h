// Persistence of programme templates. Versions are immutable once stored.
// Implementations are stateless and thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/unit_of_work.h"
#include "services/programme/programme_types.h"

namespace cft::programme {

class TemplateRepository {
 public:
  virtual ~TemplateRepository() = default;

  virtual absl::StatusOr<std::optional<TemplateSummary>> FindSummary(UnitOfWork& uow, int64_t id) = 0;
  // The whole template: summary, weeks, practices and practice kinds.
  virtual absl::StatusOr<std::optional<ProgrammeTemplate>> Find(UnitOfWork& uow, int64_t id) = 0;
  virtual absl::StatusOr<std::optional<TemplateSummary>> FindVersion(UnitOfWork& uow,
                                                                     int64_t owner_organisation_id,
                                                                     const std::string& key,
                                                                     int version) = 0;
  // Highest version of a lineage (0 when none), locking the lineage's rows so
  // two concurrent saves cannot take the same number.
  virtual absl::StatusOr<int> LockLatestVersion(UnitOfWork& uow, int64_t owner_organisation_id,
                                                const std::string& key) = 0;
  // Titles of the weeks, in order (without the content).
  virtual absl::StatusOr<std::vector<std::string>> ListWeekTitles(UnitOfWork& uow, int64_t template_id) = 0;
  // The template's practice kinds with their fields, in file order (none for
  // a template that does not exist). The MySQL repository reads only the
  // kinds; this default (for fakes) reads the whole template.
  virtual absl::StatusOr<std::vector<PracticeKind>> ListPracticeKinds(UnitOfWork& uow, int64_t template_id) {
    absl::StatusOr<std::optional<ProgrammeTemplate>> t = Find(uow, template_id);
    if (!t.ok()) return t.status();
    if (!*t) return std::vector<PracticeKind>{};
    return std::move((*t)->practice_kinds);
  }
  // Built-in templates and `organisation_id`'s own.
  virtual absl::StatusOr<std::vector<TemplateSummary>> ListVisible(UnitOfWork& uow,
                                                                   int64_t organisation_id) = 0;
  virtual absl::StatusOr<int64_t> Insert(UnitOfWork& uow, const ProgrammeTemplate& t,
                                         std::optional<int64_t> created_by) = 0;
};

}  // namespace cft::programme
