#include "bench/fixture.h"

#include <algorithm>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/channels.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/homework.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "services/common/civil_time.h"
#include "services/common/status_macros.h"

namespace cft::bench {
namespace {

constexpr char kTemplateKey[] = "cft-group-8-week";
// The practice the homework participants log: the programme's most frequent
// one (weeks 1 to 5), with two numeric fields.
constexpr char kBreathingKind[] = "soothing-rhythm-breathing";
// Groups in several zones, so sessions are planned across different offsets
// and clock changes, as in a real multi-site service.
constexpr const char* kZones[] = {"Europe/London", "America/New_York", "Australia/Sydney", "Europe/Berlin",
                                  "Asia/Kolkata"};

v1::LocalDate ToProto(absl::CivilDay d) {
  v1::LocalDate out;
  out.set_year(static_cast<int32_t>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

struct Stubs {
  explicit Stubs(const std::shared_ptr<grpc::Channel>& channel)
      : auth(v1::AuthService::NewStub(channel)),
        cohorts(v1::CohortService::NewStub(channel)),
        calendar(v1::CalendarService::NewStub(channel)),
        programme(v1::ProgrammeService::NewStub(channel)),
        homework(v1::HomeworkService::NewStub(channel)) {}
  std::unique_ptr<v1::AuthService::Stub> auth;
  std::unique_ptr<v1::CohortService::Stub> cohorts;
  std::unique_ptr<v1::CalendarService::Stub> calendar;
  std::unique_ptr<v1::ProgrammeService::Stub> programme;
  std::unique_ptr<v1::HomeworkService::Stub> homework;
};

absl::StatusOr<std::pair<std::string, int64_t>> SignIn(Stubs& stubs, const std::string& email,
                                                       const std::string& password) {
  v1::LoginRequest req;
  req.set_email(email);
  req.set_password(password);
  v1::LoginResponse resp;
  auto ctx = NewContext("");
  RETURN_IF_ERROR(Check(stubs.auth->Login(ctx.get(), req, &resp), absl::StrCat("Login ", email)));
  return std::make_pair(resp.token(), resp.user().id());
}

// Cohort k: led by clinician k, co-led by clinician k+1, started ten weeks
// ago so every one of its eight sessions is over and can have a register.
absl::StatusOr<MeasuredCohort> BuildCohort(Stubs& stubs, const Fixture& f, size_t k, const FixtureOptions& options,
                                           const std::vector<int64_t>& user_ids) {
  MeasuredCohort out;
  out.lead_token = f.clinician_tokens[k];
  out.lead_user_id = user_ids[k];
  const std::string& token = out.lead_token;
  const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 70;

  v1::CreateCohortRequest create;
  create.set_name(absl::StrCat("Bench group ", k + 1));
  create.set_template_id(f.template_id);
  *create.mutable_start_date() = ToProto(start);
  create.set_weekday(static_cast<v1::Weekday>(IsoWeekday(start + static_cast<int>(k % 7))));
  create.mutable_local_start_time()->set_hour(18);
  create.set_duration_minutes(120);
  create.set_time_zone(kZones[k % std::size(kZones)]);
  create.set_capacity(options.participants_per_cohort);
  create.set_group_type(v1::GROUP_CLOSED);
  create.set_idempotency_key(absl::StrCat("bench-cohort-", k, "-", absl::ToUnixNanos(absl::Now())));
  v1::CreateCohortResponse created;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.cohorts->CreateCohort(ctx.get(), create, &created), "CreateCohort"));
  }
  out.id = created.cohort().id();

  v1::AddFacilitatorRequest co;
  co.set_cohort_id(out.id);
  co.set_user_id(user_ids[(k + 1) % user_ids.size()]);
  co.set_role(v1::FACILITATOR_CO);
  v1::AddFacilitatorResponse co_resp;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.cohorts->AddFacilitator(ctx.get(), co, &co_resp), "AddFacilitator"));
  }

  v1::SetCohortStatusRequest run;
  run.set_cohort_id(out.id);
  run.set_status(v1::COHORT_RUNNING);
  v1::SetCohortStatusResponse run_resp;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.cohorts->SetCohortStatus(ctx.get(), run, &run_resp), "SetCohortStatus"));
  }

  for (int j = 0; j < options.participants_per_cohort; ++j) {
    v1::AddReferralRequest ref;
    ref.set_name(absl::StrCat("Bench Participant ", k + 1, "-", j + 1));
    ref.set_contact_email(absl::StrCat("participant.", k + 1, ".", j + 1, "@bench.cft.example"));
    ref.set_source("GP referral");
    ref.set_screening_status(v1::SCREENING_SUITABLE);
    ref.set_screening_note("Screened by phone; ready for a group.");
    ref.set_idempotency_key(absl::StrCat("bench-referral-", out.id, "-", j));
    v1::AddReferralResponse referral;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->AddReferral(ctx.get(), ref, &referral), "AddReferral"));
    }
    // The group has started: a closed group takes them only with the override.
    v1::AllocateToCohortRequest alloc;
    alloc.set_referral_id(referral.referral().id());
    alloc.set_cohort_id(out.id);
    alloc.set_override_closed_group(true);
    v1::AllocateToCohortResponse place;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->AllocateToCohort(ctx.get(), alloc, &place), "AllocateToCohort"));
    }
    out.enrolment_ids.push_back(place.participant().enrolment_id());
    v1::CreateInviteRequest invite;
    invite.set_enrolment_id(place.participant().enrolment_id());
    v1::CreateInviteResponse invite_resp;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->CreateInvite(ctx.get(), invite, &invite_resp), "CreateInvite"));
    }
  }

  v1::GetScheduleRequest sched;
  sched.set_cohort_id(out.id);
  v1::GetScheduleResponse schedule;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.calendar->GetSchedule(ctx.get(), sched, &schedule), "GetSchedule"));
  }
  for (const v1::ScheduledSession& s : schedule.sessions()) out.session_ids.push_back(s.id());
  if (out.session_ids.empty()) return absl::InternalError("the new cohort has no sessions");

  for (size_t i = 0; i < out.session_ids.size(); ++i) {
    v1::RecordAttendanceResponse resp;
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.calendar->RecordAttendance(ctx.get(), RegisterFor(out, i), &resp),
                          absl::StrCat("RecordAttendance week ", i + 1)));
  }
  return out;
}

std::mutex& RedeemMutex() {
  static std::mutex mu;
  return mu;
}

// Homework group h: led by clinician h, started 17 days ago with its first
// session on the start day, so weeks 1-3 are released (modules are released
// at each session's start, the organisation's default) and week 3 runs until
// the fourth session, four days ahead. Each of its `people` participants is
// placed, invited, redeems the invite (which makes their account and signs
// them in) and reads their assignments; a participant who joins today has
// only the current week's.
absl::StatusOr<std::vector<HomeworkParticipant>> BuildHomeworkCohort(Stubs& stubs, const Fixture& f, size_t h,
                                                                     int people, const FixtureOptions& options) {
  const std::string& token = f.clinician_tokens[h % f.clinician_tokens.size()];
  const std::string zone = kZones[h % std::size(kZones)];
  const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 17;

  v1::CreateCohortRequest create;
  create.set_name(absl::StrCat("Bench homework group ", h + 1));
  create.set_template_id(f.template_id);
  *create.mutable_start_date() = ToProto(start);
  create.set_weekday(static_cast<v1::Weekday>(IsoWeekday(start)));
  create.mutable_local_start_time()->set_hour(18);
  create.set_duration_minutes(120);
  create.set_time_zone(zone);
  create.set_capacity(options.participants_per_cohort);
  create.set_group_type(v1::GROUP_CLOSED);
  create.set_idempotency_key(absl::StrCat("bench-homework-cohort-", h, "-", absl::ToUnixNanos(absl::Now())));
  v1::CreateCohortResponse created;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.cohorts->CreateCohort(ctx.get(), create, &created), "CreateCohort (homework)"));
  }
  const int64_t cohort_id = created.cohort().id();
  v1::SetCohortStatusRequest run;
  run.set_cohort_id(cohort_id);
  run.set_status(v1::COHORT_RUNNING);
  v1::SetCohortStatusResponse run_resp;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.cohorts->SetCohortStatus(ctx.get(), run, &run_resp), "SetCohortStatus (homework)"));
  }

  std::vector<HomeworkParticipant> out;
  for (int j = 0; j < people; ++j) {
    v1::AddReferralRequest ref;
    ref.set_name(absl::StrCat("Bench Homework Participant ", h + 1, "-", j + 1));
    ref.set_contact_email(absl::StrCat("homework.", h + 1, ".", j + 1, "@bench.cft.example"));
    ref.set_source("GP referral");
    ref.set_screening_status(v1::SCREENING_SUITABLE);
    ref.set_screening_note("Screened by phone; ready for a group.");
    ref.set_idempotency_key(absl::StrCat("bench-homework-referral-", cohort_id, "-", j));
    v1::AddReferralResponse referral;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->AddReferral(ctx.get(), ref, &referral), "AddReferral (homework)"));
    }
    v1::AllocateToCohortRequest alloc;
    alloc.set_referral_id(referral.referral().id());
    alloc.set_cohort_id(cohort_id);
    alloc.set_override_closed_group(true);
    v1::AllocateToCohortResponse place;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->AllocateToCohort(ctx.get(), alloc, &place), "AllocateToCohort (homework)"));
    }
    v1::CreateInviteRequest invite;
    invite.set_enrolment_id(place.participant().enrolment_id());
    v1::CreateInviteResponse invite_resp;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->CreateInvite(ctx.get(), invite, &invite_resp), "CreateInvite (homework)"));
    }
    v1::RedeemInviteRequest redeem;
    redeem.set_code(invite_resp.code());
    redeem.set_new_password(options.password);
    v1::RedeemInviteResponse redeemed;
    {
      // One at a time, as people joining a group do: each redemption hashes
      // a password with argon2id (64 MiB), and side by side they would set
      // cftd's peak memory for the whole run.
      std::lock_guard<std::mutex> one_at_a_time(RedeemMutex());
      auto ctx = NewContext("");
      RETURN_IF_ERROR(Check(stubs.auth->RedeemInvite(ctx.get(), redeem, &redeemed), "RedeemInvite"));
    }
    HomeworkParticipant p{.token = redeemed.token(),
                          .user_id = redeemed.user().id(),
                          .enrolment_id = place.participant().enrolment_id(),
                          .cohort_id = cohort_id};
    v1::ListMyAssignmentsResponse mine;
    {
      auto ctx = NewContext(p.token);
      RETURN_IF_ERROR(Check(stubs.homework->ListMyAssignments(ctx.get(), v1::ListMyAssignmentsRequest(), &mine),
                            "ListMyAssignments"));
    }
    p.time_zone = mine.time_zone();
    for (const v1::AssignmentProgress& a : mine.assignments()) {
      if (a.this_week() && a.assignment().kind() == kBreathingKind) {
        p.assignment_id = a.assignment().id();
        p.dose_minutes = a.assignment().dose().minutes();
      }
    }
    if (p.assignment_id == 0) {
      return absl::InternalError(absl::StrCat("participant ", j + 1, " of homework group ", h + 1,
                                              " has no soothing rhythm breathing this week (current week ",
                                              mine.current_week(), ", ", mine.assignments_size(), " assignments)"));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

v1::RecordAttendanceRequest RegisterFor(const MeasuredCohort& cohort, size_t session_index) {
  v1::RecordAttendanceRequest req;
  req.set_session_id(cohort.session_ids[session_index]);
  for (size_t j = 0; j < cohort.enrolment_ids.size(); ++j) {
    v1::AttendanceEntry* e = req.add_entries();
    e->set_enrolment_id(cohort.enrolment_ids[j]);
    // One person missed each week; a different one each time.
    const bool missed = (j + session_index) % cohort.enrolment_ids.size() == 0;
    e->set_status(missed ? v1::ATTENDANCE_ABSENT : v1::ATTENDANCE_PRESENT);
    if (missed) e->set_note("Sent apologies.");
  }
  return req;
}

absl::StatusOr<Fixture> BuildFixture(const std::shared_ptr<grpc::Channel>& channel, const FixtureOptions& options) {
  if (options.clinician_emails.size() < 2) return absl::InvalidArgumentError("need at least two clinicians");
  Stubs stubs(channel);
  Fixture f;
  std::vector<int64_t> user_ids;
  for (const std::string& email : options.clinician_emails) {
    ASSIGN_OR_RETURN(auto signed_in, SignIn(stubs, email, options.password));
    f.clinician_tokens.push_back(signed_in.first);
    user_ids.push_back(signed_in.second);
  }
  {
    v1::WhoAmIResponse me;
    auto ctx = NewContext(f.clinician_tokens[0]);
    RETURN_IF_ERROR(Check(stubs.auth->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &me), "WhoAmI"));
    f.organisation_id = me.user().organisation_id();
  }
  {
    v1::ListProgrammeTemplatesResponse templates;
    auto ctx = NewContext(f.clinician_tokens[0]);
    RETURN_IF_ERROR(Check(stubs.programme->ListProgrammeTemplates(ctx.get(), v1::ListProgrammeTemplatesRequest(),
                                                                 &templates),
                          "ListProgrammeTemplates"));
    int32_t best_version = 0;
    for (const auto& t : templates.templates()) {
      if (t.key() == kTemplateKey && t.organisation_id() == 0 && t.version() > best_version) {
        f.template_id = t.id();
        best_version = t.version();
      }
    }
    if (f.template_id == 0) return absl::NotFoundError("the built-in 8-week template is not loaded");
  }

  // The cohorts are independent: build them side by side.
  const size_t n = options.clinician_emails.size();
  const int per_group = std::max(1, options.participants_per_cohort);
  const int people = std::max(0, options.homework_participants);
  const size_t groups = static_cast<size_t>((people + per_group - 1) / per_group);
  std::vector<absl::StatusOr<MeasuredCohort>> built(n, absl::UnknownError("not built"));
  std::vector<absl::StatusOr<std::vector<HomeworkParticipant>>> homework(groups, absl::UnknownError("not built"));
  std::vector<std::thread> threads;
  for (size_t k = 0; k < n; ++k) {
    threads.emplace_back([&, k] {
      Stubs own(channel);
      built[k] = BuildCohort(own, f, k, options, user_ids);
    });
  }
  for (size_t h = 0; h < groups; ++h) {
    threads.emplace_back([&, h] {
      Stubs own(channel);
      homework[h] = BuildHomeworkCohort(own, f, h, std::min(per_group, people - static_cast<int>(h) * per_group),
                                        options);
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t k = 0; k < n; ++k) {
    if (!built[k].ok()) {
      return absl::Status(built[k].status().code(), absl::StrCat("cohort ", k + 1, ": ", built[k].status().message()));
    }
    f.cohorts.push_back(*std::move(built[k]));
  }
  for (size_t h = 0; h < groups; ++h) {
    if (!homework[h].ok()) {
      return absl::Status(homework[h].status().code(),
                          absl::StrCat("homework group ", h + 1, ": ", homework[h].status().message()));
    }
    f.homework_cohort_ids.push_back(homework[h]->front().cohort_id);
    for (HomeworkParticipant& p : *homework[h]) f.homework.push_back(std::move(p));
  }
  return f;
}

}  // namespace cft::bench
