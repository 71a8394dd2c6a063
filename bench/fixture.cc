#include "bench/fixture.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/channels.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "services/common/civil_time.h"
#include "services/common/status_macros.h"

namespace cft::bench {
namespace {

constexpr char kTemplateKey[] = "cft-group-8-week";
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
        programme(v1::ProgrammeService::NewStub(channel)) {}
  std::unique_ptr<v1::AuthService::Stub> auth;
  std::unique_ptr<v1::CohortService::Stub> cohorts;
  std::unique_ptr<v1::CalendarService::Stub> calendar;
  std::unique_ptr<v1::ProgrammeService::Stub> programme;
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
  std::vector<absl::StatusOr<MeasuredCohort>> built(n, absl::UnknownError("not built"));
  std::vector<std::thread> threads;
  for (size_t k = 0; k < n; ++k) {
    threads.emplace_back([&, k] {
      Stubs own(channel);
      built[k] = BuildCohort(own, f, k, options, user_ids);
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t k = 0; k < n; ++k) {
    if (!built[k].ok()) {
      return absl::Status(built[k].status().code(), absl::StrCat("cohort ", k + 1, ": ", built[k].status().message()));
    }
    f.cohorts.push_back(*std::move(built[k]));
  }
  return f;
}

}  // namespace cft::bench
