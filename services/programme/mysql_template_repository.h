#pragma once

#include "services/programme/template_repository.h"

namespace cft::programme {

// Stateless; thread-safe.
class MySqlTemplateRepository final : public TemplateRepository {
 public:
  absl::StatusOr<std::optional<TemplateSummary>> FindSummary(UnitOfWork& uow, int64_t id) override;
  absl::StatusOr<std::optional<ProgrammeTemplate>> Find(UnitOfWork& uow, int64_t id) override;
  absl::StatusOr<std::optional<TemplateSummary>> FindVersion(UnitOfWork& uow, int64_t owner,
                                                             const std::string& key,
                                                             int version) override;
  absl::StatusOr<int> LockLatestVersion(UnitOfWork& uow, int64_t owner,
                                        const std::string& key) override;
  absl::StatusOr<std::vector<std::string>> ListWeekTitles(UnitOfWork& uow, int64_t template_id) override;
  absl::StatusOr<std::vector<PracticeKind>> ListPracticeKinds(UnitOfWork& uow, int64_t template_id) override;
  absl::StatusOr<std::vector<TemplateSummary>> ListVisible(UnitOfWork& uow,
                                                           int64_t organisation_id) override;
  absl::StatusOr<int64_t> Insert(UnitOfWork& uow, const ProgrammeTemplate& t,
                                 std::optional<int64_t> created_by) override;
};

}  // namespace cft::programme
