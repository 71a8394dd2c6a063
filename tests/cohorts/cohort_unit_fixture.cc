#include "tests/cohorts/cohort_unit_fixture.h"

#include "absl/strings/str_cat.h"

namespace cft::cohorts::unit {
namespace {

using ::cft::testing::IsOk;

RequestContext Operator(std::string method) {
  RequestContext ctx;
  ctx.method = std::move(method);
  return ctx;
}

programme::ProgrammeTemplate BuiltinProgramme() {
  programme::ProgrammeTemplate t;
  t.summary.key = "cft-8-week";
  t.summary.version = 1;
  t.summary.title = "Compassion-Focused Therapy, eight weeks";
  t.summary.description = "The default group programme.";
  t.summary.session_minutes = 150;
  t.sources = {"Irons & Heriot-Maitland 2021"};
  const auto& titles = BuiltinWeekTitles();
  for (size_t i = 0; i < titles.size(); ++i) {
    programme::ProgrammeWeek w;
    w.number = static_cast<int>(i) + 1;
    w.title = titles[i];
    w.themes = {"a theme of week " + std::to_string(i + 1)};
    w.module_text = "What this week is about.\n\nAnd a practice.";
    w.practices.push_back(programme::Practice{.code = "B",
                                              .title = "Soothing rhythm breathing",
                                              .instructions = "In for 4, out for 6.",
                                              .caution = "Find your own comfortable rhythm.",
                                              .times_per_week = 14,
                                              .minutes = 5});
    t.weeks.push_back(std::move(w));
  }
  return t;
}

}  // namespace

CohortUnitTest::CohortUnitTest() {
  tx_.Register(&auth_repo_);
  tx_.Register(&audit_repo_);
  tx_.Register(&template_repo_);
  tx_.Register(&idempotency_repo_);
  stores_.RegisterWith(tx_);

  RequestContext op = Operator("cftctl create-org");
  org_ = *auth_.CreateOrganisation(op, "Riverside Wellbeing");
  other_org_ = *auth_.CreateOrganisation(op, "Elsewhere Health");
  auto user = [&](int64_t org, Role role, const std::string& email, const std::string& name) -> int64_t {
    RequestContext u = Operator("cftctl create-user");
    auto created = auth_.CreateUser(u, org, role, email, name, std::string("a long password 1"));
    EXPECT_THAT(created, IsOk()) << email;
    return created.ok() ? created->account.id : 0;
  };
  admin_ = user(org_, Role::kAdmin, "admin@riverside.example", "Ada Admin");
  lead_ = user(org_, Role::kClinician, "lena@riverside.example", "Dr Lena Lead");
  co_ = user(org_, Role::kClinician, "colm@riverside.example", "Colm Co");
  bystander_ = user(org_, Role::kClinician, "bea@riverside.example", "Bea Bystander");
  disabled_ = user(org_, Role::kClinician, "dora@riverside.example", "Dora Disabled");
  auth_repo_.state().users.at(disabled_).active = false;
  other_admin_ = user(other_org_, Role::kAdmin, "admin@elsewhere.example", "Eli Admin");
  other_clinician_ = user(other_org_, Role::kClinician, "olga@elsewhere.example", "Olga Outside");

  RequestContext load = Operator("cftctl load-templates");
  EXPECT_THAT(templates_.ImportBuiltin(load, BuiltinProgramme()), IsOk());
  builtin_template_ = template_repo_.state().templates.begin()->first;

  programme::ProgrammeTemplate six = BuiltinProgramme();
  six.summary.key = "";
  six.summary.title = "Riverside 6-week CFT";
  six.weeks.resize(6);
  auto saved = templates_.Save(As(admin_, "ProgrammeService", "SaveProgrammeTemplate"), builtin_template_, six);
  EXPECT_THAT(saved, IsOk());
  if (saved.ok()) six_week_template_ = saved->summary.id;
  programme::ProgrammeTemplate theirs = BuiltinProgramme();
  theirs.summary.key = "";
  theirs.summary.title = "Elsewhere's CFT";
  saved = templates_.Save(As(other_admin_, "ProgrammeService", "SaveProgrammeTemplate"), builtin_template_, theirs);
  EXPECT_THAT(saved, IsOk());
  if (saved.ok()) elsewhere_template_ = saved->summary.id;
  audit_repo_ = cft::testing::FakeAuditRepository();
}

RequestContext& CohortUnitTest::As(int64_t user_id, absl::string_view service, absl::string_view rpc) {
  const auth::UserRecord& u = auth_repo_.state().users.at(user_id);
  ctx_ = RequestContext();
  ctx_.method = Method(service, rpc);
  ctx_.peer = "10.0.0.7";
  ctx_.principal = Principal{.user_id = u.id,
                             .organisation_id = u.organisation_id,
                             .role = u.role,
                             .session_id = 1,
                             .session_expires_at = clock_.Now() + absl::Hours(12)};
  return ctx_;
}

NewCohort CohortUnitTest::TuesdayEvenings(std::string name) {
  NewCohort r;
  r.name = std::move(name);
  r.plan = CohortPlan{.start_date = absl::CivilDay(2026, 10, 6),
                      .weekday = 2,
                      .start_minute = 18 * 60,
                      .duration_minutes = 0,
                      .time_zone = "Europe/London"};
  return r;
}

int64_t CohortUnitTest::Plan(NewCohort request, int64_t by) {
  if (request.template_id == 0) request.template_id = builtin_template_;
  auto created = cohorts_.CreateCohort(As(by == 0 ? lead_ : by, "CohortService", "CreateCohort"), request);
  EXPECT_THAT(created, IsOk());
  return created.ok() ? created->cohort.record.id : 0;
}

int64_t CohortUnitTest::PlanTuesdayGroup(int capacity, GroupType type) {
  NewCohort r = TuesdayEvenings();
  r.capacity = capacity;
  r.group_type = type;
  return Plan(r);
}

void CohortUnitTest::SetStatus(int64_t cohort_id, CohortStatus status, const std::string& reason) {
  EXPECT_THAT(cohorts_.SetCohortStatus(As(lead_, "CohortService", "SetCohortStatus"), cohort_id, status, reason),
              IsOk());
}

void CohortUnitTest::Start(int64_t cohort_id) { SetStatus(cohort_id, CohortStatus::kRunning); }

int64_t CohortUnitTest::SuitableReferral(const std::string& name, const std::string& email) {
  NewReferral r;
  r.name = name;
  r.contact_email = email.empty() ? absl::StrCat("person", ++next_referral_, "@people.example") : email;
  r.source = "GP referral";
  r.screening_status = ScreeningStatus::kSuitable;
  auto added = enrolment_.AddReferral(As(lead_, "CohortService", "AddReferral"), r);
  EXPECT_THAT(added, IsOk()) << name;
  return added.ok() ? added->id : 0;
}

int64_t CohortUnitTest::Place(int64_t cohort_id, const std::string& name, bool override_closed_group) {
  const int64_t referral = SuitableReferral(name);
  auto placed = enrolment_.AllocateToCohort(As(lead_, "CohortService", "AllocateToCohort"), referral, cohort_id,
                                            override_closed_group);
  EXPECT_THAT(placed, IsOk()) << name;
  return placed.ok() ? placed->id : 0;
}

std::string CohortUnitTest::Invite(int64_t enrolment_id) {
  auto invite = enrolment_.CreateInvite(As(lead_, "CohortService", "CreateInvite"), enrolment_id);
  EXPECT_THAT(invite, IsOk());
  return invite.ok() ? invite->code : "";
}

absl::StatusOr<auth::LoginResult> CohortUnitTest::Redeem(const std::string& code, const std::string& password,
                                                        const std::string& peer) {
  ctx_ = RequestContext();
  ctx_.method = Method("AuthService", "RedeemInvite");
  ctx_.peer = peer;
  return enrolment_.RedeemInvite(ctx_, code, password);
}

int64_t CohortUnitTest::Enrol(int64_t cohort_id, const std::string& name, int64_t* user_id) {
  const int64_t enrolment = Place(cohort_id, name, true);
  auto joined = Redeem(Invite(enrolment));
  EXPECT_THAT(joined, IsOk()) << name;
  if (user_id != nullptr) *user_id = joined.ok() ? joined->account.id : 0;
  return enrolment;
}

std::vector<Session> CohortUnitTest::Sessions(int64_t cohort_id) {
  UnitOfWork uow;
  auto sessions = stores_.sessions.ListSessions(uow, cohort_id);
  EXPECT_THAT(sessions, IsOk());
  return sessions.ok() ? *sessions : std::vector<Session>{};
}

CohortView CohortUnitTest::View(int64_t cohort_id) {
  UnitOfWork uow;
  auto views = stores_.cohorts.LoadViews(uow, CohortFilter{.organisation_id = org_, .cohort_id = cohort_id});
  EXPECT_THAT(views, IsOk());
  if (!views.ok() || views->empty()) {
    ADD_FAILURE() << "no cohort " << cohort_id;
    return CohortView{};
  }
  return views->front();
}

Enrolment CohortUnitTest::EnrolmentOf(int64_t enrolment_id) {
  UnitOfWork uow;
  auto e = stores_.enrolments.FindEnrolment(uow, enrolment_id, clock_.Now(), false);
  EXPECT_THAT(e, IsOk());
  if (!e.ok() || !*e) {
    ADD_FAILURE() << "no enrolment " << enrolment_id;
    return Enrolment{};
  }
  return **e;
}

void CohortUnitTest::Mark(int64_t session_id, int64_t enrolment_id, AttendanceStatus status) {
  EXPECT_THAT(calendar_.RecordAttendance(As(lead_, "CalendarService", "RecordAttendance"), session_id,
                                         {RegisterEntry{.enrolment_id = enrolment_id, .status = status}}),
              IsOk());
}

std::vector<audit::AuditRecord> CohortUnitTest::AuditsOf(absl::string_view service, absl::string_view rpc) const {
  std::vector<audit::AuditRecord> out;
  const std::string method = Method(service, rpc);
  for (const audit::AuditRecord& r : audit_repo_.records()) {
    if (r.method == method) out.push_back(r);
  }
  return out;
}

}  // namespace cft::cohorts::unit
