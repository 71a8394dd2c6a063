#include "services/cli/demo.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/civil_time.h"
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

// How each joined participant practises, as a share of each week's dose, in
// weeks 1-4: some keen, Tom patchy (he missed week 2's session), Grace fading
// (and then missing sessions) so the digest's early warnings fire for her.
struct Habit {
  const char* email;
  double share[4];
  // The last week whose module they open.
  int opens_until_week;
  // Weeks whose session they missed (1-based).
  std::vector<int> missed;
  // Practises only in the first three days of week 2, then goes quiet.
  bool fades;
};
const Habit kHabits[] = {
    {"jordan.lee@demo.cft.example", {1.0, 1.0, 0.9, 1.0}, 4, {}, false},
    {"priya.shah@demo.cft.example", {0.8, 0.85, 0.8, 0.8}, 4, {}, false},
    {"tom.evans@demo.cft.example", {0.6, 0.3, 0.6, 0.5}, 4, {2}, false},
    {"grace.okafor@demo.cft.example", {0.9, 0.5, 0.0, 0.0}, 2, {3, 4}, true},
};

constexpr const char* kSharedNotes[] = {"Felt calmer before work.", "Hard to settle today, but I kept going.",
                                        "Used it on the bus before the meeting.", "Easier than last week."};

absl::TimeZone London() {
  absl::TimeZone tz;
  // The demo's zone is in every tz database; UTC only if one were broken.
  if (!absl::LoadTimeZone("Europe/London", &tz)) return absl::UTCTimeZone();
  return tz;
}

// The latest Tuesday 18:00 in London strictly before `now`: the demo's week 4
// session, so weeks 1-4 are out and week 5's session is still to come.
absl::Time LatestSessionBefore(absl::Time now, const absl::TimeZone& tz) {
  absl::CivilDay day = absl::ToCivilDay(now, tz);
  while (true) {
    if (IsoWeekday(day) == 2) {
      const absl::Time at = LocalToUtc(absl::CivilSecond(day) + 18 * 3600, tz);
      if (at < now) return at;
    }
    day -= 1;
  }
}

RequestContext Method(const auth::Account& a, absl::string_view rpc) {
  RequestContext ctx = As(a);
  ctx.method = absl::StrCat("cftctl seed-demo ", rpc);
  return ctx;
}

// `count` practices of `a` at waking hours spread over [from, to) (morning,
// midday and evening slots), logged as `who` once the clock stands at `to`.
absl::Status LogSpread(App& app, FakeClock& clock, const auth::Account& who, const homework::Assignment& a,
                       int count, absl::Time from, absl::Time to, int* serial) {
  if (count <= 0 || to <= from) return absl::OkStatus();
  const absl::TimeZone tz = London();
  std::vector<absl::Time> slots;
  for (absl::CivilDay day = absl::ToCivilDay(from, tz); day <= absl::ToCivilDay(to, tz); ++day) {
    for (int minute : {7 * 60 + 30, 13 * 60, 20 * 60 + 30}) {
      const absl::Time at = LocalToUtc(absl::CivilSecond(day) + minute * 60, tz);
      if (at >= from && at < to) slots.push_back(at);
    }
  }
  if (slots.empty()) return absl::OkStatus();
  clock.Set(to);
  count = std::min<int>(count, static_cast<int>(slots.size()));
  for (int i = 0; i < count; ++i) {
    const absl::Time at = slots[static_cast<size_t>((i + 0.5) * slots.size() / count)];
    const absl::CivilSecond local = absl::ToCivilSecond(at, tz);
    homework::NewLog log;
    log.assignment_id = a.id;
    log.entry.practised_on = absl::CivilDay(local);
    log.entry.practised_minute = local.hour() * 60 + local.minute();
    log.entry.minutes = a.minutes;
    log.entry.helpfulness = 5 + (*serial % 5);
    if (*serial % 3 == 0) log.entry.distress_before = 6 + (*serial % 3);
    if (*serial % 3 == 0) log.entry.distress_after = 3 + (*serial % 3);
    if (a.kind == "three-circles-diary") {
      static constexpr const char* kSystems[] = {"threat", "drive", "soothing"};
      log.entry.fields.push_back({.key = "strongest_system", .type = programme::FieldType::kChoice,
                                  .text = kSystems[*serial % 3]});
    }
    if (*serial % 4 == 1) {
      log.entry.note = kSharedNotes[*serial % 4];
      log.entry.shared = true;
    } else if (*serial % 4 == 2) {
      log.entry.note = "Something I am keeping to myself for now.";
    }
    log.idempotency_key = absl::StrCat("demo-", who.id, "-", (*serial)++);
    log.request_hash = log.idempotency_key;
    RequestContext ctx = Method(who, "LogPractice");
    RETURN_IF_ERROR(app.homework().LogPractice(ctx, std::move(log)).status());
  }
  return absl::OkStatus();
}

// Replays the group's first four weeks through the domain services, as they
// would have happened: registers after each session, modules opened, and
// practices logged against each week's assignments.
absl::Status SeedHistory(App& app, FakeClock& clock, const auth::Account& lead, int64_t cohort_id,
                         const std::map<std::string, std::pair<int64_t, auth::Account>>& joined, absl::Time real_now) {
  RequestContext staff = As(lead);
  ASSIGN_OR_RETURN(cohorts::ScheduleView schedule, app.calendar().GetSchedule(staff, cohort_id));
  std::vector<absl::Time> starts;
  std::vector<int64_t> session_ids;
  for (const cohorts::SessionView& v : schedule.sessions) {
    starts.push_back(v.session.starts_at);
    session_ids.push_back(v.session.id);
  }
  if (starts.size() < 5) return absl::InternalError("the demo programme has fewer than five sessions");
  std::map<std::string, int> serials;
  for (int week = 1; week <= 4; ++week) {
    const absl::Time session = starts[week - 1];
    // Week 4's session may have ended moments ago: nothing happens after now.
    clock.Set(std::min(session + absl::Hours(3), real_now));
    std::vector<cohorts::RegisterEntry> entries;
    for (const Habit& h : kHabits) {
      const bool missed = std::find(h.missed.begin(), h.missed.end(), week) != h.missed.end();
      entries.push_back({.enrolment_id = joined.at(h.email).first,
                         .status = missed ? cohorts::AttendanceStatus::kAbsent : cohorts::AttendanceStatus::kPresent});
    }
    RETURN_IF_ERROR(app.calendar().RecordAttendance(staff, session_ids[week - 1], entries).status());
    clock.Set(std::min(session + absl::Hours(20), real_now));
    for (const Habit& h : kHabits) {
      if (week > h.opens_until_week) continue;
      RequestContext ctx = Method(joined.at(h.email).second, "RecordModuleOpened");
      RETURN_IF_ERROR(app.homework().RecordModuleOpened(ctx, week).status());
    }
    // The week's practice runs to the next session, or to now for the week under way.
    const absl::Time from = session + absl::Hours(1);
    const absl::Time to = std::min(starts[week] - absl::Hours(1), real_now - absl::Minutes(5));
    const double elapsed = absl::ToDoubleHours(to - from) / absl::ToDoubleHours(starts[week] - absl::Hours(1) - from);
    for (const Habit& h : kHabits) {
      const auth::Account& who = joined.at(h.email).second;
      RequestContext ctx = Method(who, "ListMyAssignments");
      ASSIGN_OR_RETURN(homework::MyAssignments mine, app.homework().ListMyAssignments(ctx));
      for (const homework::AssignmentProgress& p : mine.assignments) {
        if (p.assignment.week_number != week) continue;
        const int count = static_cast<int>(h.share[week - 1] * p.assignment.times_per_week * elapsed + 0.5);
        const absl::Time until = week == 2 && h.fades ? std::min(to, from + absl::Hours(72)) : to;
        RETURN_IF_ERROR(LogSpread(app, clock, who, p.assignment, count, from, until, &serials[h.email]));
      }
    }
  }
  // A facilitator answers Jordan's latest shared log.
  clock.Set(real_now - absl::Minutes(1));
  RequestContext mine = Method(joined.at(kHabits[0].email).second, "ListPracticeLogs");
  ASSIGN_OR_RETURN(homework::LogPage page, app.homework().ListPracticeLogs(mine, homework::LogQuery{}));
  for (const homework::LogView& v : page.logs) {
    if (!v.log.entry.shared) continue;
    RequestContext fb = Method(lead, "AddFeedback");
    RETURN_IF_ERROR(app.homework()
                        .AddFeedback(fb, homework::NewFeedback{
                                             .log_id = v.log.id,
                                             .text = "Lovely to see you using the breathing before work. Keep going."})
                        .status());
    break;
  }
  return absl::OkStatus();
}

// The demo cohort: four weeks in, its history replayed on `clock` from two
// days before the first session (registers, modules opened, practice logs),
// and the clock left where it started.
absl::Status SeedCohort(App& app, FakeClock& clock, const auth::Account& lead, const auth::Account& co,
                        std::ostream& out) {
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
    // Newest version first within a lineage: the first match is the latest.
    if (t.key == kBuiltinTemplateKey && t.owner_organisation_id == 0 && template_id == 0) template_id = t.id;
  }
  if (template_id == 0) return absl::NotFoundError("the built-in template is not loaded; run cftctl migrate");

  const absl::Time real_now = clock.Now();
  const absl::TimeZone tz = London();
  const absl::Time first_session = LatestSessionBefore(real_now, tz) - absl::Hours(21 * 24);
  const absl::CivilDay start = absl::ToCivilDay(first_session, tz);
  clock.Set(first_session - absl::Hours(48));
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

  std::map<std::string, std::pair<int64_t, auth::Account>> joined;  // email -> enrolment, account
  std::vector<std::pair<const DemoPerson*, int64_t>> to_invite;
  out << "Demo cohort: " << kDemoCohort << " (id " << cohort_id << "), Tuesdays 18:00 Europe/London\n"
      << "Participant sign-ins:\n";
  for (const DemoPerson& p : kParticipants) {
    cohorts::NewReferral r{.name = p.name, .contact_email = p.email, .source = "GP referral",
                           .screening_status = cohorts::ScreeningStatus::kSuitable,
                           .screening_note = "Screened by phone; ready for a group."};
    ASSIGN_OR_RETURN(cohorts::Referral referral, app.enrolment().AddReferral(ctx, r));
    ASSIGN_OR_RETURN(cohorts::Enrolment e, app.enrolment().AllocateToCohort(ctx, referral.id, cohort_id, true));
    if (!p.joins) {
      // Invites expire: the ones still open are sent today.
      to_invite.emplace_back(&p, e.id);
      continue;
    }
    ASSIGN_OR_RETURN(cohorts::CreatedInvite invite, app.enrolment().CreateInvite(ctx, e.id));
    const std::string password = NewPassword();
    RequestContext joining = Operator();
    ASSIGN_OR_RETURN(auth::LoginResult login, app.enrolment().RedeemInvite(joining, invite.code, password));
    joined[p.email] = {e.id, login.account};
    out << "  participant\t" << p.email << "\t" << password << "\n";
  }
  for (const DemoPerson& p : kWaiting) {
    cohorts::NewReferral r{.name = p.name, .contact_email = p.email, .source = "Self-referral"};
    RETURN_IF_ERROR(app.enrolment().AddReferral(ctx, r).status());
  }

  absl::Status history = SeedHistory(app, clock, lead, cohort_id, joined, real_now);
  clock.Set(real_now);
  RETURN_IF_ERROR(history);
  for (const auto& [p, enrolment_id] : to_invite) {
    ASSIGN_OR_RETURN(cohorts::CreatedInvite invite, app.enrolment().CreateInvite(ctx, enrolment_id));
    out << "  invited\t" << p->name << "\tinvite code " << invite.code << "\n";
  }
  // Questionnaires in the order the participants are listed (the demo's
  // answers are given in that order).
  std::vector<std::pair<int64_t, auth::Account>> in_order;
  for (const DemoPerson& p : kParticipants) {
    if (auto it = joined.find(p.email); it != joined.end()) in_order.push_back(it->second);
  }
  return SeedMeasures(app, ctx, cohort_id, absl::ToCivilDay(first_session, tz), in_order, out);
}

}  // namespace

absl::Status SeedDemo(App& app, FakeClock& clock, std::ostream& out) {
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
  return SeedCohort(app, clock, staff[1], staff[2], out);
}

}  // namespace cft::cli
