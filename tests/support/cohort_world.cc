#include "tests/support/cohort_world.h"

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "tests/support/test_database.h"

namespace cft::testing {
namespace {

void Ok(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return;
  std::cerr << "FATAL: world set-up: " << what << ": " << s.error_code() << " " << s.error_message() << "\n";
  std::abort();
}

}  // namespace

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

std::string Iso(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos()),
                          absl::UTCTimeZone());
}

TestServerOptions At(absl::Time now) {
  auto o = DefaultTestServerOptions();
  o.start_time = now;
  return o;
}

void SetDate(v1::LocalDate* out, absl::CivilDay day) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

int64_t AddSuitableReferral(TestServer& server, const std::string& token, const std::string& name,
                            const std::string& email) {
  auto stub = server.Stub<v1::CohortService>();
  v1::AddReferralRequest req;
  req.set_name(name);
  req.set_contact_email(email.empty() ? absl::StrCat("p.", UniqueSuffix(), "@people.example") : email);
  req.set_source("GP referral");
  req.set_screening_status(v1::SCREENING_SUITABLE);
  v1::AddReferralResponse resp;
  auto ctx = TestServer::Context(token);
  Ok(stub->AddReferral(ctx.get(), req, &resp), "AddReferral");
  return resp.referral().id();
}

TestUser EnrolParticipant(TestServer& server, const std::string& staff_token, int64_t cohort_id,
                          int64_t referral_id, int64_t* enrolment_id, std::string* token) {
  auto cohorts = server.Stub<v1::CohortService>();
  v1::AllocateToCohortRequest alloc;
  alloc.set_referral_id(referral_id);
  alloc.set_cohort_id(cohort_id);
  alloc.set_override_closed_group(true);
  v1::AllocateToCohortResponse allocated;
  auto c1 = TestServer::Context(staff_token);
  Ok(cohorts->AllocateToCohort(c1.get(), alloc, &allocated), "AllocateToCohort");
  *enrolment_id = allocated.participant().enrolment_id();

  v1::CreateInviteRequest invite;
  invite.set_enrolment_id(*enrolment_id);
  v1::CreateInviteResponse code;
  auto c2 = TestServer::Context(staff_token);
  Ok(cohorts->CreateInvite(c2.get(), invite, &code), "CreateInvite");

  auto auth = server.Stub<v1::AuthService>();
  v1::RedeemInviteRequest redeem;
  redeem.set_code(code.code());
  redeem.set_new_password("a participant's own passphrase");
  v1::RedeemInviteResponse joined;
  auto c3 = TestServer::Context();
  Ok(auth->RedeemInvite(c3.get(), redeem, &joined), "RedeemInvite");
  *token = joined.token();
  TestUser u;
  u.id = joined.user().id();
  u.organisation_id = joined.user().organisation_id();
  u.email = joined.user().email();
  u.password = redeem.new_password();
  u.role = Role::kParticipant;
  return u;
}

CohortWorld BuildCohortWorld(TestServer& server, const WorldOptions& o) {
  CohortWorld w;
  w.organisation_id = server.CreateOrganisation(o.label);
  w.admin = server.CreateUser(w.organisation_id, Role::kAdmin);
  w.clinician = server.CreateUser(w.organisation_id, Role::kClinician);
  w.clinician2 = server.CreateUser(w.organisation_id, Role::kClinician);
  w.admin_token = server.Login(w.admin);
  w.clinician_token = server.Login(w.clinician);
  w.clinician2_token = server.Login(w.clinician2);

  auto programme = server.Stub<v1::ProgrammeService>();
  auto calendar = server.Stub<v1::CalendarService>();
  v1::ListProgrammeTemplatesResponse templates;
  auto c0 = TestServer::Context(w.clinician_token);
  Ok(programme->ListProgrammeTemplates(c0.get(), v1::ListProgrammeTemplatesRequest(), &templates),
     "ListProgrammeTemplates");
  for (const auto& t : templates.templates()) {
    if (t.key() == "cft-group-8-week" && t.organisation_id() == 0) w.builtin_template_id = t.id();
  }
  if (w.builtin_template_id == 0) Ok(grpc::Status(grpc::StatusCode::NOT_FOUND, "no built-in template"), "template");

  auto cohorts = server.Stub<v1::CohortService>();
  v1::CreateCohortRequest create;
  create.set_name(absl::StrCat(o.label, " Tuesday group ", UniqueSuffix()));
  create.set_template_id(w.builtin_template_id);
  create.mutable_start_date()->set_year(static_cast<int32_t>(o.start_date.year()));
  create.mutable_start_date()->set_month(o.start_date.month());
  create.mutable_start_date()->set_day(o.start_date.day());
  create.set_weekday(static_cast<v1::Weekday>(o.weekday));
  create.mutable_local_start_time()->set_hour(o.start_hour);
  create.set_time_zone(o.time_zone);
  create.set_group_type(o.open_group ? v1::GROUP_OPEN : v1::GROUP_CLOSED);
  v1::CreateCohortResponse created;
  auto c1 = TestServer::Context(w.clinician_token);
  Ok(cohorts->CreateCohort(c1.get(), create, &created), "CreateCohort");
  w.cohort_id = created.cohort().id();

  if (o.start_running) {
    v1::SetCohortStatusRequest run;
    run.set_cohort_id(w.cohort_id);
    run.set_status(v1::COHORT_RUNNING);
    v1::SetCohortStatusResponse running;
    auto c2 = TestServer::Context(w.clinician_token);
    Ok(cohorts->SetCohortStatus(c2.get(), run, &running), "SetCohortStatus");
  }

  v1::GetScheduleRequest sched;
  sched.set_cohort_id(w.cohort_id);
  v1::GetScheduleResponse schedule;
  auto c3 = TestServer::Context(w.clinician_token);
  Ok(calendar->GetSchedule(c3.get(), sched, &schedule), "GetSchedule");
  for (const auto& s : schedule.sessions()) w.session_ids.push_back(s.id());

  w.referral_id = AddSuitableReferral(server, w.clinician_token, "Robin Participant");
  w.participant = EnrolParticipant(server, w.clinician_token, w.cohort_id, w.referral_id, &w.enrolment_id,
                                   &w.participant_token);
  return w;
}

}  // namespace cft::testing
