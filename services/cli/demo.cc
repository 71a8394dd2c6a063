#include "services/cli/demo.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/common/status_macros.h"

namespace cft::cli {
namespace {

constexpr char kDemoOrganisation[] = "Demo Clinic (sample data)";
constexpr char kDemoCohort[] = "Tuesday evening CFT group";
constexpr char kBuiltinTemplateKey[] = "cft-group-8-week";

struct DemoAccount {
  const char* email;
  const char* name;
  Role role;
};

constexpr DemoAccount kStaff[] = {
    {"admin@demo.cft.example", "Dana Whitfield (admin)", Role::kAdmin},
    {"alex.morgan@demo.cft.example", "Dr Alex Morgan", Role::kClinician},
    {"sam.patel@demo.cft.example", "Sam Patel", Role::kClinician},
};

struct DemoPerson {
  const char* name;
  const char* email;
  bool joins;  // redeems the invite (others stay invited or waiting)
};

constexpr DemoPerson kParticipants[] = {
    {"Jordan Lee", "jordan.lee@demo.cft.example", true},
    {"Priya Shah", "priya.shah@demo.cft.example", true},
    {"Tom Evans", "tom.evans@demo.cft.example", true},
    {"Grace Okafor", "grace.okafor@demo.cft.example", true},
    {"Mia Novak", "mia.novak@demo.cft.example", false},
    {"Sean Byrne", "sean.byrne@demo.cft.example", false},
};
constexpr DemoPerson kWaiting[] = {
    {"Alex Reid", "alex.reid@demo.cft.example", false},
    {"Chloe Martin", "chloe.martin@demo.cft.example", false},
};

RequestContext Operator() {
  RequestContext ctx;
  ctx.method = "cftctl seed-demo";
  ctx.peer = "local";
  return ctx;
}

RequestContext As(const auth::Account& a) {
  RequestContext ctx = Operator();
  ctx.principal = Principal{.user_id = a.id, .organisation_id = a.organisation_id, .role = a.role};
  return ctx;
}

std::string NewPassword() { return RandomString(14, kPasswordAlphabet); }

// Creates the account, or gives the existing one `password`.
absl::StatusOr<auth::Account> EnsureAccount(App& app, int64_t org, const DemoAccount& a, const std::string& password) {
  RequestContext ctx = Operator();
  auto created = app.auth().CreateUser(ctx, org, a.role, a.email, a.name, password);
  if (created.ok()) return created->account;
  if (created.status().code() != absl::StatusCode::kAlreadyExists) return created.status();
  RETURN_IF_ERROR(app.auth().ResetPassword(ctx, a.email, password).status());
  RequestContext who = Operator();
  ASSIGN_OR_RETURN(auth::LoginResult login, app.auth().Login(who, a.email, password));
  return login.account;
}

// The demo cohort: started three weeks ago, so weeks 1-3 are released and
// have registers, and the rest are still to come.
absl::Status SeedCohort(App& app, const auth::Account& lead, const auth::Account& co, std::ostream& out) {
  RequestContext ctx = As(lead);
  ASSIGN_OR_RETURN(auto existing, app.cohorts().ListCohorts(ctx, {}));
  for (const auto& c : existing) {
    if (c.record.name == kDemoCohort) {
      out << "Demo cohort: " << kDemoCohort << " (id " << c.record.id << "), already seeded\n"
          << "Participant sign-ins (new passwords on every --demo run):\n";
      for (const DemoPerson& p : kParticipants) {
        if (!p.joins) continue;
        const std::string password = NewPassword();
        RequestContext op = Operator();
        RETURN_IF_ERROR(app.auth().ResetPassword(op, p.email, password).status());
        out << "  participant\t" << p.email << "\t" << password << "\n";
      }
      return absl::OkStatus();
    }
  }
  ASSIGN_OR_RETURN(auto templates, app.templates().List(ctx));
  int64_t template_id = 0;
  for (const auto& t : templates) {
    if (t.key == kBuiltinTemplateKey && t.owner_organisation_id == 0) template_id = t.id;
  }
  if (template_id == 0) return absl::NotFoundError("the built-in template is not loaded; run cftctl migrate");

  const absl::Time now = app.clock().Now();
  const absl::CivilDay start = absl::ToCivilDay(now, absl::UTCTimeZone()) - 20;
  cohorts::NewCohort n;
  n.name = kDemoCohort;
  n.template_id = template_id;
  n.plan = cohorts::CohortPlan{.start_date = start, .weekday = 2, .start_minute = 18 * 60, .duration_minutes = 150,
                               .time_zone = "Europe/London"};
  n.capacity = 10;
  n.group_type = cohorts::GroupType::kClosed;
  ASSIGN_OR_RETURN(cohorts::CohortResult created, app.cohorts().CreateCohort(ctx, n));
  const int64_t cohort_id = created.cohort.record.id;
  RETURN_IF_ERROR(app.cohorts().AddFacilitator(ctx, cohort_id, co.id, cohorts::FacilitatorRole::kCo).status());
  RETURN_IF_ERROR(app.cohorts().SetCohortStatus(ctx, cohort_id, cohorts::CohortStatus::kRunning, "").status());

  std::vector<int64_t> enrolments;
  out << "Demo cohort: " << kDemoCohort << " (id " << cohort_id << "), Tuesdays 18:00 Europe/London\n"
      << "Participant sign-ins:\n";
  for (const DemoPerson& p : kParticipants) {
    cohorts::NewReferral r{.name = p.name, .contact_email = p.email, .source = "GP referral",
                           .screening_status = cohorts::ScreeningStatus::kSuitable,
                           .screening_note = "Screened by phone; ready for a group."};
    ASSIGN_OR_RETURN(cohorts::Referral referral, app.enrolment().AddReferral(ctx, r));
    // The group started before the demo existed: allocate as a facilitator would, with the override.
    ASSIGN_OR_RETURN(cohorts::Enrolment e, app.enrolment().AllocateToCohort(ctx, referral.id, cohort_id, true));
    ASSIGN_OR_RETURN(cohorts::CreatedInvite invite, app.enrolment().CreateInvite(ctx, e.id));
    if (p.joins) {
      const std::string password = NewPassword();
      RequestContext joining = Operator();
      RETURN_IF_ERROR(app.enrolment().RedeemInvite(joining, invite.code, password).status());
      enrolments.push_back(e.id);
      out << "  participant\t" << p.email << "\t" << password << "\n";
    } else {
      out << "  invited\t" << p.name << "\tinvite code " << invite.code << "\n";
    }
  }
  for (const DemoPerson& p : kWaiting) {
    cohorts::NewReferral r{.name = p.name, .contact_email = p.email, .source = "Self-referral"};
    RETURN_IF_ERROR(app.enrolment().AddReferral(ctx, r).status());
  }

  // Registers for the sessions already held: Tom missed week 2.
  ASSIGN_OR_RETURN(cohorts::ScheduleView schedule, app.calendar().GetSchedule(ctx, cohort_id));
  for (const cohorts::SessionView& v : schedule.sessions) {
    if (v.session.starts_at > now) break;
    std::vector<cohorts::RegisterEntry> entries;
    for (size_t i = 0; i < enrolments.size(); ++i) {
      const bool missed = v.session.week_number == 2 && i == 2;
      entries.push_back({.enrolment_id = enrolments[i],
                         .status = missed ? cohorts::AttendanceStatus::kAbsent : cohorts::AttendanceStatus::kPresent});
    }
    RETURN_IF_ERROR(app.calendar().RecordAttendance(ctx, v.session.id, entries).status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SeedDemo(App& app, std::ostream& out) {
  RequestContext ctx = Operator();
  absl::StatusOr<int64_t> org = app.auth().FindOrganisationId(kDemoOrganisation);
  if (org.status().code() == absl::StatusCode::kNotFound) {
    org = app.auth().CreateOrganisation(ctx, kDemoOrganisation);
  }
  RETURN_IF_ERROR(org.status());

  out << "Demo organisation: " << kDemoOrganisation << " (id " << *org << ")\n"
      << "Staff sign-ins (new passwords on every --demo run):\n";
  std::vector<auth::Account> staff;
  for (const DemoAccount& a : kStaff) {
    const std::string password = NewPassword();
    ASSIGN_OR_RETURN(auth::Account account, EnsureAccount(app, *org, a, password));
    staff.push_back(account);
    out << "  " << RoleName(a.role) << "\t" << a.email << "\t" << password << "\n";
  }
  return SeedCohort(app, staff[1], staff[2], out);
}

}  // namespace cft::cli
