// Cohorts and their facilitators: creation with the session calendar,
// updates whose scope depends on status, status transitions, facilitators.
// Owns the transaction boundaries and the rules. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/auth/auth_service.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/cohort_repository.h"
#include "services/common/clock.h"
#include "services/idempotency/idempotency.h"
#include "services/programme/template_service.h"

namespace cft::cohorts {

inline constexpr int kDefaultCapacity = 12;
inline constexpr int kMaxCapacity = 20;

struct NewCohort {
  std::string name;
  int64_t template_id = 0;
  CohortPlan plan;  // duration 0: the template's session length
  int capacity = 0;  // 0: the default
  GroupType group_type = GroupType::kClosed;
  std::string idempotency_key;
  std::string request_hash;
};

// Fields to change; unset ones stay.
struct CohortChanges {
  std::optional<std::string> name;
  std::optional<int> capacity;
  std::optional<GroupType> group_type;
  std::optional<absl::CivilDay> start_date;
  std::optional<int> weekday;
  std::optional<int> start_minute;
  std::optional<int> duration_minutes;
  std::optional<std::string> time_zone;
  std::optional<int64_t> template_id;
};

struct CohortResult {
  CohortView cohort;
  std::vector<std::string> warnings;
};

class CohortService {
 public:
  CohortService(CohortRepository& cohorts, EnrolmentRepository& enrolments, SessionRepository& sessions,
                programme::TemplateService& templates, auth::AuthService& auth,
                idempotency::Idempotency& idempotency, TransactionRunner& tx, audit::Auditor& auditor,
                const Clock& clock);

  absl::StatusOr<CohortResult> CreateCohort(RequestContext& ctx, NewCohort request);
  absl::StatusOr<CohortView> GetCohort(RequestContext& ctx, int64_t cohort_id);
  absl::StatusOr<std::vector<CohortView>> ListCohorts(RequestContext& ctx,
                                                      std::vector<CohortStatus> statuses);
  absl::StatusOr<CohortResult> UpdateCohort(RequestContext& ctx, int64_t cohort_id, CohortChanges changes);
  absl::StatusOr<CohortView> SetCohortStatus(RequestContext& ctx, int64_t cohort_id,
                                             std::optional<CohortStatus> status, const std::string& reason);
  absl::StatusOr<CohortResult> AddFacilitator(RequestContext& ctx, int64_t cohort_id, int64_t user_id,
                                              std::optional<FacilitatorRole> role);
  absl::StatusOr<CohortResult> RemoveFacilitator(RequestContext& ctx, int64_t cohort_id, int64_t user_id);

 private:
  absl::StatusOr<CohortView> LoadView(UnitOfWork& uow, const Principal& caller, int64_t cohort_id);
  absl::StatusOr<CohortResult> WithWarnings(UnitOfWork& uow, const Principal& caller, int64_t cohort_id);
  // Brings a planned cohort's sessions in line with its plan. Returns a
  // warning for each session whose local time does not exist on its day.
  absl::StatusOr<std::vector<std::string>> Replan(UnitOfWork& uow, const CohortRecord& cohort, int weeks);

  CohortRepository& cohorts_;
  EnrolmentRepository& enrolments_;
  SessionRepository& sessions_;
  programme::TemplateService& templates_;
  auth::AuthService& auth_;
  idempotency::Idempotency& idempotency_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
  CohortAccess access_;
};

// Checks a plan's fields, naming the request field at fault.
absl::Status ValidatePlan(const CohortPlan& plan, absl::Time now);

}  // namespace cft::cohorts
