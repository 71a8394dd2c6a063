#include "services/cohorts/cohort_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/cohorts/calendar.h"
#include "services/common/civil_time.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::cohorts {
namespace {

absl::Status ValidateCapacity(int capacity) {
  if (capacity < 1 || capacity > kMaxCapacity) {
    return InvalidField("capacity", absl::StrCat("must be between 1 and ", kMaxCapacity));
  }
  return absl::OkStatus();
}

bool Closed(CohortStatus s) { return s == CohortStatus::kCompleted || s == CohortStatus::kCancelled; }

absl::Status NotWhileClosed(const CohortRecord& c) {
  if (Closed(c.status)) {
    return absl::FailedPreconditionError(absl::StrCat("the cohort is ", Name(c.status), " and can no longer change"));
  }
  return absl::OkStatus();
}

std::string StaffWarning(size_t facilitators) {
  if (facilitators >= 2) return "";
  return absl::StrCat("This cohort has ", facilitators, facilitators == 1 ? " facilitator" : " facilitators",
                      "; groups are run by two, so one can step out with a participant in distress.");
}

}  // namespace

absl::Status ValidatePlan(const CohortPlan& plan, absl::Time now) {
  const absl::CivilDay today = absl::ToCivilDay(now, absl::UTCTimeZone());
  if (plan.start_date < today - 366 || plan.start_date > today + 731) {
    return InvalidField("start_date", "must be within a year before and two years after today");
  }
  if (plan.weekday < 1 || plan.weekday > 7) return InvalidField("weekday", "is required (Monday to Sunday)");
  if (plan.start_minute < 0 || plan.start_minute >= 24 * 60) {
    return InvalidField("local_start_time", "must be a time of day");
  }
  if (plan.duration_minutes < 30 || plan.duration_minutes > 300) {
    return InvalidField("duration_minutes", "must be between 30 and 300");
  }
  return LoadZone("time_zone", plan.time_zone).status();
}

CohortService::CohortService(CohortRepository& cohorts, EnrolmentRepository& enrolments,
                             SessionRepository& sessions, programme::TemplateService& templates,
                             auth::AuthService& auth, idempotency::Idempotency& idempotency,
                             TransactionRunner& tx, audit::Auditor& auditor, const Clock& clock)
    : cohorts_(cohorts), enrolments_(enrolments), sessions_(sessions), templates_(templates), auth_(auth),
      idempotency_(idempotency), tx_(tx), auditor_(auditor), clock_(clock), access_(cohorts) {}

absl::StatusOr<CohortView> CohortService::LoadView(UnitOfWork& uow, const Principal& caller,
                                                   int64_t cohort_id) {
  ASSIGN_OR_RETURN(auto views, cohorts_.LoadViews(uow, CohortFilter{.organisation_id = caller.organisation_id,
                                                                    .cohort_id = cohort_id}));
  if (views.empty()) return absl::NotFoundError("cohort_id: no such cohort");
  return std::move(views.front());
}

absl::StatusOr<CohortResult> CohortService::WithWarnings(UnitOfWork& uow, const Principal& caller,
                                                         int64_t cohort_id) {
  ASSIGN_OR_RETURN(CohortView view, LoadView(uow, caller, cohort_id));
  CohortResult result{.cohort = std::move(view)};
  if (std::string w = StaffWarning(result.cohort.facilitators.size()); !w.empty()) {
    result.warnings.push_back(std::move(w));
  }
  const auto& f = result.cohort.facilitators;
  if (!f.empty() && std::none_of(f.begin(), f.end(), [](const Facilitator& x) { return x.role == FacilitatorRole::kLead; })) {
    result.warnings.push_back("This cohort has no lead facilitator; make one of its facilitators the lead.");
  }
  return result;
}

absl::StatusOr<std::vector<std::string>> CohortService::Replan(UnitOfWork& uow, const CohortRecord& cohort,
                                                               int weeks) {
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", cohort.plan.time_zone));
  ASSIGN_OR_RETURN(std::vector<Session> existing, sessions_.ListSessions(uow, cohort.id));
  // Sessions keep their ids (the iCalendar UIDs people imported) and move in
  // place with a higher SEQUENCE; weeks the plan no longer has are cancelled,
  // so calendars that imported them learn it.
  std::vector<Session> changed;
  for (Session& planned : PlanSessions(cohort.id, cohort.plan, weeks, tz)) {
    const Session* live = LiveSessionOfWeek(existing, planned.week_number);
    if (live == nullptr) {
      changed.push_back(std::move(planned));
      continue;
    }
    Session s = *live;
    if (s.planned_local_start == planned.planned_local_start && s.duration_minutes == planned.duration_minutes &&
        s.time_zone == planned.time_zone) {
      continue;
    }
    s.local_start = planned.local_start;
    s.planned_local_start = planned.planned_local_start;
    s.starts_at = planned.starts_at;
    s.time_zone = planned.time_zone;
    s.duration_minutes = planned.duration_minutes;
    ++s.sequence;
    changed.push_back(std::move(s));
  }
  for (const Session& old : existing) {
    if (old.week_number > weeks && old.status == SessionStatus::kScheduled) {
      Session s = old;
      s.status = SessionStatus::kCancelled;
      s.cancel_reason = "The programme changed.";
      ++s.sequence;
      changed.insert(changed.begin(), std::move(s));
    }
  }
  RETURN_IF_ERROR(sessions_.SaveSessions(uow, changed, clock_.Now()));
  return ClockChangeWarnings(changed, tz);
}

absl::StatusOr<CohortResult> CohortService::CreateCohort(RequestContext& ctx, NewCohort request) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  RETURN_IF_ERROR(ValidateText("name", request.name, 1, 200));
  if (request.template_id <= 0) return InvalidField("template_id", "is required");
  if (request.capacity == 0) request.capacity = kDefaultCapacity;
  RETURN_IF_ERROR(ValidateCapacity(request.capacity));
  if (request.plan.duration_minutes != 0) RETURN_IF_ERROR(ValidatePlan(request.plan, now));

  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortResult> {
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, request.idempotency_key, request.request_hash));
    if (replay) {
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(*replay)}));
      return WithWarnings(uow, me, *replay);
    }

    ASSIGN_OR_RETURN(programme::TemplateSummary tpl,
                     templates_.VisibleSummary(uow, me.organisation_id, request.template_id, "template_id"));
    CohortRecord c;
    c.organisation_id = me.organisation_id;
    c.name = Trimmed(request.name);
    c.template_id = tpl.id;
    c.status = CohortStatus::kPlanned;
    c.plan = request.plan;
    if (c.plan.duration_minutes == 0) c.plan.duration_minutes = tpl.session_minutes;
    RETURN_IF_ERROR(ValidatePlan(c.plan, now));
    c.capacity = request.capacity;
    c.group_type = request.group_type;
    c.created_at = now;
    c.created_by = me.user_id;
    c.updated_at = now;
    ASSIGN_OR_RETURN(c.id, cohorts_.Insert(uow, c));
    // Whoever plans a group as a clinician is going to run it.
    if (me.role == Role::kClinician) {
      RETURN_IF_ERROR(cohorts_.PutFacilitator(uow, c.id, me.user_id, FacilitatorRole::kLead, now));
    }
    ASSIGN_OR_RETURN(std::vector<std::string> moved, Replan(uow, c, tpl.week_count));
    RETURN_IF_ERROR(idempotency_.Remember(uow, ctx, request.idempotency_key, request.request_hash, c.id, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    ASSIGN_OR_RETURN(CohortResult result, WithWarnings(uow, me, c.id));
    result.warnings.insert(result.warnings.end(), moved.begin(), moved.end());
    return result;
  });
}

absl::StatusOr<CohortView> CohortService::GetCohort(RequestContext& ctx, int64_t cohort_id) {
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortView> {
    RETURN_IF_ERROR(access_.Require(uow, ctx.caller(), cohort_id, "cohort_id", false).status());
    return LoadView(uow, ctx.caller(), cohort_id);
  });
}

absl::StatusOr<std::vector<CohortView>> CohortService::ListCohorts(RequestContext& ctx,
                                                                   std::vector<CohortStatus> statuses) {
  const Principal& me = ctx.caller();
  CohortFilter filter{.organisation_id = me.organisation_id, .statuses = std::move(statuses)};
  if (me.role != Role::kAdmin) filter.facilitator_user_id = me.user_id;
  return InReadOnly(tx_, [&](UnitOfWork& uow) { return cohorts_.LoadViews(uow, filter); });
}

absl::StatusOr<CohortResult> CohortService::UpdateCohort(RequestContext& ctx, int64_t cohort_id,
                                                         CohortChanges changes) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  if (changes.name) RETURN_IF_ERROR(ValidateText("name", *changes.name, 1, 200));
  if (changes.capacity) RETURN_IF_ERROR(ValidateCapacity(*changes.capacity));
  if (changes.template_id && *changes.template_id <= 0) return InvalidField("template_id", "is required");
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortResult> {
    ASSIGN_OR_RETURN(CohortRecord c, access_.Require(uow, me, cohort_id, "cohort_id", true));
    RETURN_IF_ERROR(NotWhileClosed(c));
    const bool schedule_change = changes.start_date || changes.weekday || changes.start_minute ||
                                 changes.duration_minutes || changes.time_zone || changes.template_id;
    if (schedule_change && c.status != CohortStatus::kPlanned) {
      const char* field = changes.template_id ? "template_id"
                          : changes.start_date ? "start_date"
                          : changes.weekday   ? "weekday"
                          : changes.start_minute ? "local_start_time"
                          : changes.duration_minutes ? "duration_minutes"
                                                     : "time_zone";
      return absl::FailedPreconditionError(absl::StrCat(
          field, ": cannot change once the cohort is running; reschedule single sessions instead"));
    }
    if (changes.name) c.name = Trimmed(*changes.name);
    if (changes.group_type) c.group_type = *changes.group_type;
    if (changes.capacity) {
      ASSIGN_OR_RETURN(int places, enrolments_.CountPlaces(uow, c.id));
      if (*changes.capacity < places) {
        return absl::FailedPreconditionError(
            absl::StrCat("capacity: ", places, " people already hold places in this cohort"));
      }
      c.capacity = *changes.capacity;
    }
    std::vector<std::string> moved;
    if (schedule_change) {
      if (changes.start_date) c.plan.start_date = *changes.start_date;
      if (changes.weekday) c.plan.weekday = *changes.weekday;
      if (changes.start_minute) c.plan.start_minute = *changes.start_minute;
      if (changes.duration_minutes) c.plan.duration_minutes = *changes.duration_minutes;
      if (changes.time_zone) c.plan.time_zone = *changes.time_zone;
      RETURN_IF_ERROR(ValidatePlan(c.plan, now));
      if (changes.template_id) c.template_id = *changes.template_id;
      ASSIGN_OR_RETURN(programme::TemplateSummary tpl,
                       templates_.VisibleSummary(uow, me.organisation_id, c.template_id, "template_id"));
      ASSIGN_OR_RETURN(moved, Replan(uow, c, tpl.week_count));
    }
    c.updated_at = now;
    RETURN_IF_ERROR(cohorts_.Update(uow, c));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    ASSIGN_OR_RETURN(CohortResult result, WithWarnings(uow, me, c.id));
    result.warnings.insert(result.warnings.end(), moved.begin(), moved.end());
    return result;
  });
}

absl::StatusOr<CohortView> CohortService::SetCohortStatus(RequestContext& ctx, int64_t cohort_id,
                                                          std::optional<CohortStatus> status,
                                                          const std::string& reason) {
  const Principal& me = ctx.caller();
  if (!status) return InvalidField("status", "is required");
  if (*status == CohortStatus::kCancelled) RETURN_IF_ERROR(ValidateText("reason", reason, 1, 500, true));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortView> {
    ASSIGN_OR_RETURN(CohortRecord c, access_.Require(uow, me, cohort_id, "cohort_id", true));
    if (c.status == *status) {
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
      return LoadView(uow, me, c.id);
    }
    const bool allowed =
        (c.status == CohortStatus::kPlanned && (*status == CohortStatus::kRunning || *status == CohortStatus::kCancelled)) ||
        (c.status == CohortStatus::kRunning && (*status == CohortStatus::kCompleted || *status == CohortStatus::kCancelled));
    if (!allowed) {
      return absl::FailedPreconditionError(
          absl::StrCat("status: a ", Name(c.status), " cohort cannot become ", Name(*status)));
    }
    if (*status == CohortStatus::kRunning) {
      ASSIGN_OR_RETURN(int facilitators, cohorts_.CountFacilitators(uow, c.id));
      if (facilitators == 0) {
        return absl::FailedPreconditionError("status: add a facilitator before starting the cohort");
      }
    }
    if (*status == CohortStatus::kCompleted || *status == CohortStatus::kCancelled) {
      const bool completed = *status == CohortStatus::kCompleted;
      if (completed) RETURN_IF_ERROR(enrolments_.CompleteActive(uow, c.id, now));
      if (!completed) c.cancel_reason = Trimmed(reason);
      // Nobody can join a group that is over, so unused invites stop holding places.
      RETURN_IF_ERROR(enrolments_.WithdrawInvited(
          uow, c.id, now, completed ? "The group ended before the invite was used." : "The group was cancelled."));
      // Sessions still ahead are off, and calendars that imported them learn
      // it. Past sessions stay as they are: a register kept on paper for one
      // that did take place can still be entered.
      ASSIGN_OR_RETURN(std::vector<Session> sessions, sessions_.ListSessions(uow, c.id));
      std::vector<Session> changed;
      for (Session& s : sessions) {
        if (s.status != SessionStatus::kScheduled || s.starts_at <= now) continue;
        s.status = SessionStatus::kCancelled;
        s.cancel_reason = completed ? "The group ended early." : "The group was cancelled.";
        ++s.sequence;
        changed.push_back(s);
      }
      RETURN_IF_ERROR(sessions_.SaveSessions(uow, changed, now));
    }
    c.status = *status;
    c.updated_at = now;
    RETURN_IF_ERROR(cohorts_.Update(uow, c));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return LoadView(uow, me, c.id);
  });
}

absl::StatusOr<CohortResult> CohortService::AddFacilitator(RequestContext& ctx, int64_t cohort_id,
                                                           int64_t user_id,
                                                           std::optional<FacilitatorRole> role) {
  const Principal& me = ctx.caller();
  if (user_id <= 0) return InvalidField("user_id", "is required");
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortResult> {
    ASSIGN_OR_RETURN(CohortRecord c, access_.Require(uow, me, cohort_id, "cohort_id", true));
    RETURN_IF_ERROR(NotWhileClosed(c));
    ASSIGN_OR_RETURN(auto account, auth_.FindAccount(uow, user_id));
    if (!account || account->organisation_id != me.organisation_id) {
      return absl::NotFoundError("user_id: no such staff member");
    }
    if (account->role != Role::kClinician) {
      return InvalidField("user_id", "only clinicians can facilitate a group");
    }
    if (!account->active) return absl::FailedPreconditionError("user_id: the account is disabled");
    // Without a role, someone already facilitating keeps theirs (adding the
    // lead again must not silently leave the group without one).
    ASSIGN_OR_RETURN(std::optional<FacilitatorRole> current, cohorts_.FacilitatorRoleOf(uow, c.id, user_id));
    const FacilitatorRole r = role.value_or(current.value_or(FacilitatorRole::kCo));
    if (r == FacilitatorRole::kLead) RETURN_IF_ERROR(cohorts_.DemoteLead(uow, c.id));
    RETURN_IF_ERROR(cohorts_.PutFacilitator(uow, c.id, user_id, r, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return WithWarnings(uow, me, c.id);
  });
}

absl::StatusOr<CohortResult> CohortService::RemoveFacilitator(RequestContext& ctx, int64_t cohort_id,
                                                              int64_t user_id) {
  const Principal& me = ctx.caller();
  if (user_id <= 0) return InvalidField("user_id", "is required");
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CohortResult> {
    ASSIGN_OR_RETURN(CohortRecord c, access_.Require(uow, me, cohort_id, "cohort_id", true));
    RETURN_IF_ERROR(NotWhileClosed(c));
    ASSIGN_OR_RETURN(std::optional<FacilitatorRole> current, cohorts_.FacilitatorRoleOf(uow, c.id, user_id));
    if (!current) return absl::NotFoundError("user_id: is not a facilitator of this cohort");
    ASSIGN_OR_RETURN(int count, cohorts_.CountFacilitators(uow, c.id));
    if (count == 1 && c.status == CohortStatus::kRunning) {
      return absl::FailedPreconditionError("user_id: a running cohort needs at least one facilitator");
    }
    RETURN_IF_ERROR(cohorts_.RemoveFacilitator(uow, c.id, user_id).status());
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(c.id)}));
    return WithWarnings(uow, me, c.id);
  });
}

}  // namespace cft::cohorts
