// The cohorts context's three domain services over in-memory fakes, with the
// real template, account and idempotency services beside them and a clock
// that moves only when a test moves it. Two organisations: Riverside (an
// admin, two clinicians, a clinician who facilitates nothing and one whose
// account is disabled) and Elsewhere (an admin and a clinician); the
// built-in eight-week programme, Riverside's own six-week version and
// Elsewhere's own copy. Helpers build the usual steps (plan a cohort, place,
// invite and enrol someone) and fail the test when a step does.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/audit/audit.h"
#include "services/auth/auth_service.h"
#include "services/auth/password_hasher.h"
#include "services/cohorts/calendar_service.h"
#include "services/cohorts/cohort_service.h"
#include "services/cohorts/enrolment_service.h"
#include "services/common/clock.h"
#include "services/idempotency/idempotency.h"
#include "services/programme/template_service.h"
#include "tests/auth/fake_auth_repository.h"
#include "tests/cohorts/fake_cohort_repositories.h"
#include "tests/programme/fake_template_repository.h"
#include "tests/support/fake_idempotency_repository.h"
#include "tests/support/fakes.h"
#include "tests/support/status_matchers.h"

namespace cft::cohorts::unit {

inline absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

// Wednesday 30 September 2026, a week before the usual cohort's first session.
inline const absl::Time kStart = Utc(2026, 9, 30, 12, 0);

// The built-in programme's week titles (docs: shared/domain/programme.md).
inline const std::vector<std::string>& BuiltinWeekTitles() {
  static const auto* titles = new std::vector<std::string>{
      "Safeness and what compassion is",
      "Our tricky brain",
      "Three emotion-regulation systems",
      "Building the soothing system",
      "The compassionate self",
      "The compassionate other and the three flows",
      "Self-criticism and compassionate self-correction",
      "Compassionate action and keeping going"};
  return *titles;
}

inline std::string Method(absl::string_view service, absl::string_view rpc) {
  return absl::StrCat("/cft.v1.", service, "/", rpc);
}

class CohortUnitTest : public ::testing::Test {
 protected:
  CohortUnitTest();

  // A context for `user` calling `method`, as the RPC layer builds it after
  // authenticating. Kept in `ctx_` so tests can look at it after the call.
  RequestContext& As(int64_t user_id, absl::string_view service, absl::string_view rpc);

  // Tuesdays at 18:00 in London from Tuesday 6 October 2026: eight sessions,
  // 17:00 UTC until the clocks go back on 25 October, 18:00 UTC after.
  static NewCohort TuesdayEvenings(std::string name = "Tuesday evening group");
  // Planned by `by` (a clinician leads it); 0 on failure (the test fails).
  int64_t Plan(NewCohort request, int64_t by = 0);
  int64_t PlanTuesdayGroup(int capacity = 0, GroupType type = GroupType::kClosed);
  void Start(int64_t cohort_id);
  void SetStatus(int64_t cohort_id, CohortStatus status, const std::string& reason = "");

  // A referral screened suitable; a fresh address unless one is given.
  int64_t SuitableReferral(const std::string& name, const std::string& email = "");
  // A place for a new suitable referral (invited, no code yet).
  int64_t Place(int64_t cohort_id, const std::string& name, bool override_closed_group = false);
  // The invite code for a place.
  std::string Invite(int64_t enrolment_id);
  absl::StatusOr<auth::LoginResult> Redeem(const std::string& code,
                                           const std::string& password = "a participant's own passphrase",
                                           const std::string& peer = "10.1.1.1");
  // Placed (overriding a closed group's start), invited and joined. Returns
  // the enrolment; the participant's account id goes to `*user_id`.
  int64_t Enrol(int64_t cohort_id, const std::string& name, int64_t* user_id = nullptr);

  std::vector<Session> Sessions(int64_t cohort_id);
  CohortView View(int64_t cohort_id);
  Enrolment EnrolmentOf(int64_t enrolment_id);
  // Records one line of a register as the lead, at the current time.
  void Mark(int64_t session_id, int64_t enrolment_id, AttendanceStatus status);

  // The audit records of `rpc` written by the domain services.
  std::vector<audit::AuditRecord> AuditsOf(absl::string_view service, absl::string_view rpc) const;

  FakeClock clock_{kStart};
  auth::PasswordHasher hasher_{auth::HashParams::Minimum()};
  cft::testing::FakeTransactionRunner tx_;
  cft::testing::FakeAuthRepository auth_repo_;
  cft::testing::FakeAuditRepository audit_repo_;
  cft::testing::FakeTemplateRepository template_repo_;
  cft::testing::FakeIdempotencyRepository idempotency_repo_;
  cft::testing::FakeCohortStores stores_{auth_repo_, template_repo_};
  audit::Auditor auditor_{audit_repo_, tx_, clock_};
  auth::AuthService auth_{auth_repo_, tx_, auditor_, hasher_, clock_, auth::AuthConfig()};
  programme::TemplateService templates_{template_repo_, tx_, auditor_, clock_};
  idempotency::Idempotency idempotency_{idempotency_repo_};
  CohortService cohorts_{stores_.cohorts, stores_.enrolments, stores_.sessions, templates_, auth_,
                         idempotency_,    tx_,                 auditor_,        clock_};
  EnrolmentService enrolment_{stores_.cohorts, stores_.enrolments, stores_.sessions, auth_, idempotency_,
                              tx_,             auditor_,           clock_};
  CalendarService calendar_{stores_.cohorts, stores_.enrolments, stores_.sessions, templates_,
                            tx_,             auditor_,           clock_};

  RequestContext ctx_;
  int64_t org_ = 0;
  int64_t other_org_ = 0;
  int64_t admin_ = 0;
  int64_t lead_ = 0;       // Riverside clinician who plans the cohorts
  int64_t co_ = 0;         // Riverside clinician
  int64_t bystander_ = 0;  // Riverside clinician who facilitates nothing
  int64_t disabled_ = 0;   // Riverside clinician whose account is disabled
  int64_t other_admin_ = 0;
  int64_t other_clinician_ = 0;
  int64_t builtin_template_ = 0;     // eight weeks, 150-minute sessions
  int64_t six_week_template_ = 0;    // Riverside's own
  int64_t elsewhere_template_ = 0;   // Elsewhere's own
  int next_referral_ = 0;
};

}  // namespace cft::cohorts::unit
