#include "services/cli/demo.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/common/status_macros.h"
#include "services/measures/scoring.h"

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

// Questionnaire answers (values in item order) of the participants who joined.
struct DemoAnswers {
  const char* instrument;
  std::vector<int> values;
};
struct DemoMeasures {
  std::vector<DemoAnswers> baseline;  // keyed from the paper forms of session 1
  std::vector<DemoAnswers> week4;     // answered in the app; empty: not yet
};
// In kParticipants order (those who join). Priya's week-4 PHQ-9 answers item 9
// with "Several days": the demo's one amber alert. Grace's PHQ-9 falls by 7
// from 15: a reliable improvement to below the cut-off.
const DemoMeasures kDemoMeasures[] = {
    {{{"phq9", {2, 2, 1, 2, 1, 2, 1, 0, 0}}, {"gad7", {2, 2, 2, 1, 1, 2, 1}}, {"core10", {3, 1, 2, 2, 1, 0, 2, 2, 3, 2}}},
     {{"phq9", {1, 1, 1, 1, 1, 1, 1, 0, 0}}, {"gad7", {1, 1, 1, 1, 1, 1, 0}}}},
    {{{"phq9", {2, 3, 2, 2, 1, 2, 2, 1, 0}}, {"gad7", {3, 2, 3, 2, 1, 2, 2}}, {"core10", {3, 1, 1, 3, 2, 0, 3, 3, 3, 2}}},
     {{"phq9", {2, 2, 2, 2, 1, 2, 1, 1, 1}}, {"gad7", {2, 2, 2, 2, 1, 2, 1}}}},
    {{{"phq9", {1, 2, 2, 1, 1, 1, 1, 0, 0}}, {"gad7", {2, 1, 2, 2, 1, 1, 1}}, {"core10", {2, 2, 2, 2, 1, 0, 2, 2, 2, 1}}},
     {}},
    {{{"phq9", {2, 2, 2, 3, 2, 2, 1, 1, 0}}, {"gad7", {2, 2, 2, 2, 2, 2, 1}}, {"core10", {3, 1, 2, 2, 2, 0, 2, 3, 3, 2}}},
     {{"phq9", {1, 1, 1, 2, 1, 1, 1, 0, 0}}, {"gad7", {1, 1, 1, 1, 1, 1, 1}}}},
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

// The numbers a facilitator keys from a paper form with these answers ticked.
std::vector<measures::AnswerValue> Keyed(const measures::Instrument& in, const std::vector<int>& values) {
  std::vector<measures::AnswerValue> out;
  for (size_t i = 0; i < values.size() && i < in.items.size(); ++i) {
    const measures::OptionSet* set = in.OptionSetOf(in.items[i]);
    for (size_t pos = 0; set != nullptr && pos < set->options.size(); ++pos) {
      if (set->options[pos].value == values[i]) {
        out.push_back({.item_code = in.items[i].code,
                       .keyed_value = measures::KeyedValueOfBox(in, in.items[i], static_cast<int>(pos))});
      }
    }
  }
  return out;
}

// Baseline forms filled in on paper at session 1 and keyed in by the lead
// facilitator; week 4 answered in the app. Week 4 opens a week before its
// session here (the facilitators edited the plan), so its questionnaires are
// open while the demo runs.
absl::Status SeedMeasures(App& app, RequestContext& lead, int64_t cohort_id, absl::CivilDay first_session,
                          const std::vector<std::pair<int64_t, auth::Account>>& joined, std::ostream& out) {
  measures::MeasurementPlan plan = measures::DefaultPlan();
  for (measures::TimePointPlan& t : plan.time_points) {
    if (t.key == "week-4") t.opens_days_before = 7;
  }
  RETURN_IF_ERROR(app.measures().UpdatePlan(lead, cohort_id, plan).status());
  int paper = 0;
  int online = 0;
  for (size_t i = 0; i < joined.size() && i < std::size(kDemoMeasures); ++i) {
    const auto& [enrolment_id, account] = joined[i];
    for (const DemoAnswers& a : kDemoMeasures[i].baseline) {
      const measures::Instrument* in = app.measures().catalog().Current(a.instrument);
      if (in == nullptr) return absl::NotFoundError(absl::StrCat("instrument ", a.instrument, " is not loaded"));
      measures::PaperRequest request{.enrolment_id = enrolment_id,
                                     .instrument_key = a.instrument,
                                     .time_point_key = "baseline",
                                     .keyed_as = in->paper_form.keyed_value,
                                     .keyed = Keyed(*in, a.values),
                                     .completed_on = first_session};
      RETURN_IF_ERROR(app.measures().EnterOnBehalf(lead, request).status());
      ++paper;
    }
    RequestContext participant = As(account);
    for (const DemoAnswers& a : kDemoMeasures[i].week4) {
      measures::SubmitRequest request{.instrument_key = a.instrument, .time_point_key = "week-4"};
      const measures::Instrument* in = app.measures().catalog().Current(a.instrument);
      for (size_t item = 0; in != nullptr && item < a.values.size(); ++item) {
        request.answers.push_back({.item_code = in->items[item].code, .value = a.values[item]});
      }
      RETURN_IF_ERROR(app.measures().Submit(participant, request).status());
      ++online;
    }
  }
  out << "Questionnaires: " << paper << " baseline forms keyed from paper, " << online
      << " week-4 questionnaires answered in the app; one amber risk alert (Priya Shah, PHQ-9 item 9) is waiting in "
         "the facilitators' inbox\n";
  return absl::OkStatus();
}

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
  std::vector<std::pair<int64_t, auth::Account>> joined;
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
      ASSIGN_OR_RETURN(auth::LoginResult redeemed, app.enrolment().RedeemInvite(joining, invite.code, password));
      enrolments.push_back(e.id);
      joined.emplace_back(e.id, redeemed.account);
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
  const absl::CivilDay first_session = absl::ToCivilDay(schedule.sessions.front().session.starts_at,
                                                        absl::UTCTimeZone());
  return SeedMeasures(app, ctx, cohort_id, first_session, joined, out);
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
