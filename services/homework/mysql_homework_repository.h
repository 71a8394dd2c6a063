#pragma once

#include "services/homework/homework_repository.h"

namespace cft::homework {

// Stateless; thread-safe.
class MySqlHomeworkRepository final : public HomeworkRepository {
 public:
  absl::StatusOr<std::vector<Assignment>> ListAssignments(UnitOfWork& uow, int64_t cohort_id, bool latest) override;
  absl::StatusOr<std::optional<Assignment>> FindAssignment(UnitOfWork& uow, int64_t assignment_id) override;
  absl::Status InsertProgrammeAssignments(UnitOfWork& uow, const std::vector<Assignment>& rows) override;
  absl::StatusOr<int64_t> InsertAssignment(UnitOfWork& uow, const Assignment& a) override;
  absl::StatusOr<std::optional<PracticeLog>> FindLogByKey(UnitOfWork& uow, int64_t user_id,
                                                          const std::string& key) override;
  absl::StatusOr<std::optional<PracticeLog>> FindLog(UnitOfWork& uow, int64_t log_id, bool for_update) override;
  absl::StatusOr<int64_t> InsertLog(UnitOfWork& uow, const PracticeLog& log) override;
  absl::Status UpdateLog(UnitOfWork& uow, const PracticeLog& log) override;
  absl::Status DeleteLog(UnitOfWork& uow, int64_t log_id, absl::Time now) override;
  absl::StatusOr<std::vector<PracticeLog>> ListLogs(UnitOfWork& uow, const LogFilter& filter) override;
  absl::StatusOr<std::vector<LogTotals>> CohortTotals(UnitOfWork& uow, int64_t cohort_id, absl::Time window_from,
                                                      absl::Time window_to) override;
  absl::StatusOr<std::vector<LogTotals>> EnrolmentTotals(UnitOfWork& uow, int64_t enrolment_id,
                                                         absl::CivilSecond window_from,
                                                         absl::CivilSecond window_to) override;
  absl::StatusOr<int64_t> InsertFeedback(UnitOfWork& uow, const Feedback& f) override;
  absl::StatusOr<std::optional<Feedback>> FindFeedback(UnitOfWork& uow, int64_t feedback_id) override;
  absl::StatusOr<absl::Time> RecordModuleOpened(UnitOfWork& uow, int64_t cohort_id, int64_t enrolment_id, int week,
                                                absl::Time now) override;
  absl::StatusOr<std::set<std::pair<int64_t, int>>> ModuleOpens(UnitOfWork& uow, int64_t cohort_id) override;
};

}  // namespace cft::homework
