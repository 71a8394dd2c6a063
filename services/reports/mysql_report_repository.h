#pragma once

#include "services/reports/report_repository.h"

namespace cft::reports {

// Stateless; thread-safe.
class MySqlReportRepository final : public ReportRepository {
 public:
  absl::StatusOr<std::vector<ExportCohort>> ListCohorts(UnitOfWork& uow, int64_t organisation_id,
                                                        std::optional<int64_t> template_id) override;
  absl::StatusOr<bool> TemplateVisible(UnitOfWork& uow, int64_t template_id, int64_t organisation_id) override;
  absl::StatusOr<CohortCounts> Count(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<std::vector<InstrumentTimePoint>> InstrumentTimePoints(UnitOfWork& uow, int64_t cohort_id) override;
  absl::StatusOr<std::vector<ExportParticipant>> ParticipantsAfter(UnitOfWork& uow, int64_t cohort_id, int64_t after,
                                                                   int limit) override;
  absl::StatusOr<std::vector<ExportScoreRow>> Scores(UnitOfWork& uow, int64_t cohort_id, int64_t first,
                                                     int64_t last) override;
  absl::StatusOr<std::vector<ExportAnswerRow>> Answers(UnitOfWork& uow, int64_t cohort_id, int64_t first,
                                                       int64_t last) override;
};

}  // namespace cft::reports
