// Programme templates: listing, reading, saving edited copies as new
// organisation-owned versions, and loading the built-in ones from data files.
// Stored versions never change, so a cohort that pinned one is never affected
// by later edits. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "absl/synchronization/mutex.h"

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/unit_of_work.h"
#include "services/programme/template_repository.h"

namespace cft::programme {

inline constexpr int kMaxWeeks = 16;

// Trims every text field, so what is validated is what is stored.
void NormalizeTemplate(ProgrammeTemplate& t);

// INVALID_ARGUMENT naming the offending field under `prefix`
// ("template.weeks[2].practices[0].minutes").
absl::Status ValidateTemplate(const ProgrammeTemplate& t, absl::string_view prefix);

// Hex SHA-256 over a canonical encoding of the content (not ids or dates).
std::string ContentChecksum(const ProgrammeTemplate& t);

class TemplateService {
 public:
  TemplateService(TemplateRepository& repo, TransactionRunner& tx, audit::Auditor& auditor,
                  const Clock& clock)
      : repo_(repo), tx_(tx), auditor_(auditor), clock_(clock) {}

  absl::StatusOr<std::vector<TemplateSummary>> List(RequestContext& ctx);
  absl::StatusOr<ProgrammeTemplate> Get(RequestContext& ctx, int64_t template_id);
  absl::StatusOr<ProgrammeTemplate> Save(RequestContext& ctx, int64_t base_template_id,
                                         ProgrammeTemplate edited);
  // Operator: stores a built-in version. Returns false when that version is
  // already stored with the same content; FAILED_PRECONDITION when it is
  // stored with different content.
  absl::StatusOr<bool> ImportBuiltin(RequestContext& ctx, ProgrammeTemplate t);

  // For other domain services, inside their unit of work: the template when
  // `organisation_id` may use it, else NOT_FOUND naming `field`.
  absl::StatusOr<TemplateSummary> VisibleSummary(UnitOfWork& uow, int64_t organisation_id,
                                                 int64_t template_id, absl::string_view field);
  // Week titles of a template the caller already reached through a cohort.
  // Stored versions never change, so they are read once per process.
  absl::StatusOr<std::vector<std::string>> WeekTitles(UnitOfWork& uow, int64_t template_id);
  // Also read once per version and process (they never change).
  absl::StatusOr<ProgrammeTemplate> VisibleTemplate(UnitOfWork& uow, int64_t organisation_id,
                                                    int64_t template_id, absl::string_view field);
  // The practice kinds of a template the caller already reached through a
  // cohort, with their fields. Read once per version and process like the
  // week titles: every LogPractice validates against its kind, and the query
  // (a join sorted across rows carrying TEXT) needs an on-disk temporary table.
  absl::StatusOr<std::vector<PracticeKind>> PracticeKinds(UnitOfWork& uow, int64_t template_id);
  // One of them; INVALID_ARGUMENT naming `field` when the template has no such kind.
  absl::StatusOr<PracticeKind> Kind(UnitOfWork& uow, int64_t template_id, absl::string_view key,
                                    absl::string_view field);

 private:
  TemplateRepository& repo_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
  // Stored template versions by id: immutable, so never invalidated. Bounded
  // by the number of versions a database holds (tens).
  absl::Mutex cache_mu_;
  std::map<int64_t, std::shared_ptr<const std::vector<std::string>>> titles_ ABSL_GUARDED_BY(cache_mu_);
  std::map<int64_t, std::shared_ptr<const ProgrammeTemplate>> templates_ ABSL_GUARDED_BY(cache_mu_);
  std::map<int64_t, std::shared_ptr<const std::vector<PracticeKind>>> kinds_ ABSL_GUARDED_BY(cache_mu_);
};

}  // namespace cft::programme
