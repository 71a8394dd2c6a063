// Persistence of the reports context: read-only queries over the cohorts and
// measures tables in key order, a bounded page at a time, so that an export
// never holds more than one page of participants. Every method runs in the
// caller's unit of work. Implementations are stateless and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/unit_of_work.h"
#include "services/reports/report_types.h"

namespace cft::reports {

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;

  // The organisation's cohorts in id order, all of them or those run on one
  // programme template version.
  virtual absl::StatusOr<std::vector<ExportCohort>> ListCohorts(UnitOfWork& uow, int64_t organisation_id,
                                                                std::optional<int64_t> template_id) = 0;
  // Whether the template version exists and the organisation may use it
  // (built-in or its own).
  virtual absl::StatusOr<bool> TemplateVisible(UnitOfWork& uow, int64_t template_id, int64_t organisation_id) = 0;
  // Counts of one cohort: one query.
  virtual absl::StatusOr<CohortCounts> Count(UnitOfWork& uow, int64_t cohort_id) = 0;
  // Distinct (instrument, version, time point) of a cohort's responses.
  virtual absl::StatusOr<std::vector<InstrumentTimePoint>> InstrumentTimePoints(UnitOfWork& uow,
                                                                                int64_t cohort_id) = 0;
  // Up to `limit` enrolments of the cohort with ids above `after`, in id order.
  virtual absl::StatusOr<std::vector<ExportParticipant>> ParticipantsAfter(UnitOfWork& uow, int64_t cohort_id,
                                                                           int64_t after, int limit) = 0;
  // Every score of the cohort's responses of enrolments first..last
  // (inclusive), by enrolment, response and score position.
  virtual absl::StatusOr<std::vector<ExportScoreRow>> Scores(UnitOfWork& uow, int64_t cohort_id, int64_t first,
                                                             int64_t last) = 0;
  // Every answer of the same responses, by enrolment, response and position.
  virtual absl::StatusOr<std::vector<ExportAnswerRow>> Answers(UnitOfWork& uow, int64_t cohort_id, int64_t first,
                                                               int64_t last) = 0;
};

}  // namespace cft::reports
