// Homework: a cohort's assignments (the template's practices of each released
// week plus the clinicians' own), participants' practice logs, feedback, and
// the adherence grid and facilitator digest. Owns the transaction
// boundaries, who may read or change what, and the audit records; the rules
// themselves are in homework_rules.h. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/homework/directory.h"
#include "services/homework/homework_repository.h"
#include "services/homework/homework_rules.h"
#include "services/homework/homework_types.h"
#include "services/idempotency/idempotency.h"

namespace cft::homework {

struct NewAssignment {
  int64_t cohort_id = 0;
  // 0: every participant of the cohort.
  int64_t enrolment_id = 0;
  int week_number = 0;
  std::string kind;
  std::string title;
  std::string instructions;
  std::string caution;
  int times_per_week = 0;
  int minutes = 0;
  std::vector<LadderStep> steps;
  std::string idempotency_key;
  std::string request_hash;
};

struct NewLog {
  int64_t assignment_id = 0;
  PracticeEntry entry;
  std::string idempotency_key;
  std::string request_hash;
};

struct LoggedPractice {
  LogView log;
  // The key had been used with the same content: this is the first call's log.
  bool replayed = false;
};

struct UpdatedLog {
  LogView log;
  std::vector<std::string> changed_fields;
};

struct LogQuery {
  int64_t cohort_id = 0;
  int64_t enrolment_id = 0;
  int week_number = 0;
  int page_size = 0;
  std::string page_token;
};

struct NewFeedback {
  int64_t log_id = 0;
  std::string text;
  std::string idempotency_key;
  std::string request_hash;
};

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 500;

class HomeworkService {
 public:
  HomeworkService(HomeworkRepository& repo, Directory& directory, idempotency::Idempotency& idempotency,
                  TransactionRunner& tx, audit::Auditor& auditor, const Clock& clock)
      : repo_(repo), directory_(directory), idempotency_(idempotency), tx_(tx), auditor_(auditor), clock_(clock) {}

  absl::StatusOr<MyAssignments> ListMyAssignments(RequestContext& ctx);
  absl::StatusOr<Assignment> CreateAssignment(RequestContext& ctx, NewAssignment request);
  absl::StatusOr<LoggedPractice> LogPractice(RequestContext& ctx, NewLog request);
  absl::StatusOr<UpdatedLog> UpdatePracticeLog(RequestContext& ctx, int64_t log_id, PracticeEntry entry);
  absl::Status DeletePracticeLog(RequestContext& ctx, int64_t log_id);
  absl::StatusOr<LogPage> ListPracticeLogs(RequestContext& ctx, const LogQuery& query);
  absl::StatusOr<Feedback> AddFeedback(RequestContext& ctx, NewFeedback request);
  absl::StatusOr<AdherenceGrid> GetAdherence(RequestContext& ctx, int64_t cohort_id);
  absl::StatusOr<Digest> GetFacilitatorDigest(RequestContext& ctx, int64_t cohort_id, int64_t session_id);
  // Returns when the participant first opened that week's module.
  absl::StatusOr<absl::Time> RecordModuleOpened(RequestContext& ctx, int week_number);

 private:
  // The cohort's assignments, with the template's practices copied in the
  // first time they are needed once the cohort runs (its template can no
  // longer change then).
  absl::StatusOr<std::vector<Assignment>> CohortAssignments(UnitOfWork& uow, const cohorts::CohortRecord& cohort);
  // Everything the adherence grid and the digest are computed from.
  absl::StatusOr<CohortHomework> LoadCohortHomework(UnitOfWork& uow, const cohorts::CohortRecord& cohort,
                                                    CohortCalendar calendar, absl::Time window_from,
                                                    absl::Time window_to);
  // The caller's own log, checked for ownership, the edit window and the place it belongs to.
  absl::StatusOr<PracticeLog> OwnEditableLog(UnitOfWork& uow, const Place& place, const Principal& me, int64_t log_id,
                                             absl::Time now);
  // Validates an entry for `a` in the participant's cohort; returns the practice instant.
  absl::StatusOr<absl::Time> CheckEntry(UnitOfWork& uow, const Place& place, const Assignment& a,
                                        PracticeEntry& entry, absl::Time now);
  absl::StatusOr<LogView> OwnView(UnitOfWork& uow, const PracticeLog& log);

  HomeworkRepository& repo_;
  Directory& directory_;
  idempotency::Idempotency& idempotency_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
};

}  // namespace cft::homework
