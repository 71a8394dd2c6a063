// Persistence of homework: assignments, practice logs with their values and
// feedback, and module opens. Every method runs in the caller's unit of work.
// Implementations are stateless and thread-safe.
#pragma once

#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/common/unit_of_work.h"
#include "services/homework/homework_types.h"

namespace cft::homework {

struct LogFilter {
  // One of the two is set: a cohort's logs (staff) or one participant's.
  std::optional<int64_t> cohort_id;
  std::optional<int64_t> enrolment_id;
  // Only logs of that week's assignments.
  std::optional<int> week_number;
  // The participant's own words (note, text values) are read only when set,
  // and otherwise only from logs they shared: a private entry never leaves
  // the database for a staff view.
  bool include_private = false;
  // Keyset paging, newest practice first: rows strictly before this
  // (practised_at, id).
  std::optional<std::pair<absl::Time, int64_t>> before;
  int limit = 100;
};

class HomeworkRepository {
 public:
  virtual ~HomeworkRepository() = default;

  // The cohort's assignments in week order: one query. `latest` makes it a
  // locking read, which sees rows another transaction committed after this
  // one's snapshot began (needed right after copying the template in).
  virtual absl::StatusOr<std::vector<Assignment>> ListAssignments(UnitOfWork& uow, int64_t cohort_id,
                                                                  bool latest) = 0;
  virtual absl::StatusOr<std::optional<Assignment>> FindAssignment(UnitOfWork& uow, int64_t assignment_id) = 0;
  // Programme assignments, one statement; rows already there (same cohort,
  // week and code) are left as they are, so concurrent copies are harmless.
  virtual absl::Status InsertProgrammeAssignments(UnitOfWork& uow, const std::vector<Assignment>& rows) = 0;
  virtual absl::StatusOr<int64_t> InsertAssignment(UnitOfWork& uow, const Assignment& a) = 0;

  // The log this participant sent with this key, deleted or not (content and
  // values included). Looked up by the unique key, so a retry is one read.
  virtual absl::StatusOr<std::optional<PracticeLog>> FindLogByKey(UnitOfWork& uow, int64_t user_id,
                                                                  const std::string& key) = 0;
  // With its values and private content: callers decide who sees what.
  // `for_update` locks the row until commit.
  virtual absl::StatusOr<std::optional<PracticeLog>> FindLog(UnitOfWork& uow, int64_t log_id, bool for_update) = 0;
  // The row and its values. ALREADY_EXISTS when the (user, key) pair is taken.
  virtual absl::StatusOr<int64_t> InsertLog(UnitOfWork& uow, const PracticeLog& log) = 0;
  // Rewrites the content, the practice instant, updated_at and the values.
  virtual absl::Status UpdateLog(UnitOfWork& uow, const PracticeLog& log) = 0;
  // Marks the log deleted and erases its note and values; the row stays so
  // its idempotency key cannot be used to bring it back.
  virtual absl::Status DeleteLog(UnitOfWork& uow, int64_t log_id, absl::Time now) = 0;
  // Live logs, newest practice first, with values and feedback: three
  // queries whatever the page size.
  virtual absl::StatusOr<std::vector<PracticeLog>> ListLogs(UnitOfWork& uow, const LogFilter& filter) = 0;

  // Per participant and assignment over a cohort's live logs, one query; the
  // window counts logs practised in [window_from, window_to), and
  // last_practised_at is the latest practice before window_to.
  virtual absl::StatusOr<std::vector<LogTotals>> CohortTotals(UnitOfWork& uow, int64_t cohort_id,
                                                              absl::Time window_from, absl::Time window_to) = 0;
  // Per assignment over one participant's live logs, one query; the window
  // is in local wall-clock time (a participant's today).
  virtual absl::StatusOr<std::vector<LogTotals>> EnrolmentTotals(UnitOfWork& uow, int64_t enrolment_id,
                                                                 absl::CivilSecond window_from,
                                                                 absl::CivilSecond window_to) = 0;

  virtual absl::StatusOr<int64_t> InsertFeedback(UnitOfWork& uow, const Feedback& f) = 0;
  virtual absl::StatusOr<std::optional<Feedback>> FindFeedback(UnitOfWork& uow, int64_t feedback_id) = 0;

  // Counts an opening of a week's module; returns when it was first opened.
  virtual absl::StatusOr<absl::Time> RecordModuleOpened(UnitOfWork& uow, int64_t cohort_id, int64_t enrolment_id,
                                                        int week, absl::Time now) = 0;
  // (enrolment id, week) of every module opened in the cohort: one query.
  virtual absl::StatusOr<std::set<std::pair<int64_t, int>>> ModuleOpens(UnitOfWork& uow, int64_t cohort_id) = 0;
};

}  // namespace cft::homework
