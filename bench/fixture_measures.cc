#include "bench/fixture_measures.h"

#include <algorithm>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/channels.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/measure.grpc.pb.h"
#include "services/common/civil_time.h"
#include "services/common/status_macros.h"

namespace cft::bench {
namespace {

constexpr char kPhq9[] = "phq9";
// The server's limit (kMaxTimePoints): one baseline and eleven check-ins.
constexpr int kTimePoints = 12;
constexpr int kPerGroup = 12;
constexpr size_t kBuilders = 16;
constexpr const char* kZones[] = {"Europe/London", "America/New_York", "Australia/Sydney", "Europe/Berlin",
                                  "Asia/Kolkata"};

struct Stubs {
  explicit Stubs(const std::shared_ptr<grpc::Channel>& channel)
      : auth(v1::AuthService::NewStub(channel)),
        cohorts(v1::CohortService::NewStub(channel)),
        measures(v1::MeasureService::NewStub(channel)) {}
  std::unique_ptr<v1::AuthService::Stub> auth;
  std::unique_ptr<v1::CohortService::Stub> cohorts;
  std::unique_ptr<v1::MeasureService::Stub> measures;
};

std::mutex& RedeemMutex() {
  static std::mutex mu;
  return mu;
}

v1::UpdateMeasurementPlanRequest PlanFor(int64_t cohort_id) {
  v1::UpdateMeasurementPlanRequest plan;
  plan.set_cohort_id(cohort_id);
  for (int i = 0; i < kTimePoints; ++i) {
    v1::TimePointPlan* t = plan.add_time_points();
    t->set_key(i == 0 ? "baseline" : absl::StrCat("check-in-", i));
    t->set_label(i == 0 ? "Baseline" : absl::StrCat("Check-in ", i));
    t->set_kind(i == 0 ? v1::TIME_POINT_BASELINE : v1::TIME_POINT_MID);
    t->set_week(1);
    t->set_opens_days_before(7);
    t->set_closes_days_after(6);
    t->add_instrument_keys(kPhq9);
  }
  return plan;
}

struct Group {
  std::vector<MeasureParticipant> participants;
  std::vector<std::string> keys;
  std::vector<std::string> labels;
};

// Group g: planned by clinician g, session 1 three days from now; its plan
// saved, then `people` participants placed, invited and signed in by redeeming.
absl::StatusOr<Group> BuildGroup(Stubs& stubs, const Fixture& f, size_t g, int people, const std::string& password) {
  const std::string& token = f.clinician_tokens[g % f.clinician_tokens.size()];
  const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 3;
  v1::CreateCohortRequest create;
  create.set_name(absl::StrCat("Bench measures group ", g + 1));
  create.set_template_id(f.template_id);
  create.mutable_start_date()->set_year(static_cast<int32_t>(start.year()));
  create.mutable_start_date()->set_month(start.month());
  create.mutable_start_date()->set_day(start.day());
  create.set_weekday(static_cast<v1::Weekday>(IsoWeekday(start)));
  create.mutable_local_start_time()->set_hour(18);
  create.set_duration_minutes(120);
  create.set_time_zone(kZones[g % std::size(kZones)]);
  create.set_capacity(kPerGroup);
  create.set_group_type(v1::GROUP_CLOSED);
  create.set_idempotency_key(absl::StrCat("bench-measures-cohort-", g, "-", absl::ToUnixNanos(absl::Now())));
  v1::CreateCohortResponse created;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(Check(stubs.cohorts->CreateCohort(ctx.get(), create, &created), "CreateCohort (measures)"));
  }
  const int64_t cohort_id = created.cohort().id();
  v1::UpdateMeasurementPlanResponse plan;
  {
    auto ctx = NewContext(token);
    RETURN_IF_ERROR(
        Check(stubs.measures->UpdateMeasurementPlan(ctx.get(), PlanFor(cohort_id), &plan), "UpdateMeasurementPlan"));
  }
  Group out;
  int64_t session_id = 0;
  const absl::Time now = absl::Now();
  for (const v1::ScheduledTimePoint& t : plan.schedule()) {
    if (t.opens_at().seconds() > absl::ToUnixSeconds(now) || t.closes_at().seconds() <= absl::ToUnixSeconds(now)) {
      return absl::InternalError(absl::StrCat("time point ", t.key(), " of measures group ", g + 1, " is not open now"));
    }
    out.keys.push_back(t.key());
    out.labels.push_back(t.label());
    session_id = t.session_id();
  }
  if (out.keys.size() != kTimePoints || out.keys.front() != "baseline") {
    return absl::InternalError(absl::StrCat("measures group ", g + 1, ": the saved plan resolved to ", out.keys.size(),
                                            " time points, baseline not first"));
  }
  for (int j = 0; j < people; ++j) {
    v1::AddReferralRequest ref;
    ref.set_name(absl::StrCat("Bench Measures Participant ", g + 1, "-", j + 1));
    ref.set_contact_email(absl::StrCat("measures.", g + 1, ".", j + 1, "@bench.cft.example"));
    ref.set_source("GP referral");
    ref.set_screening_status(v1::SCREENING_SUITABLE);
    ref.set_screening_note("Screened by phone; ready for a group.");
    ref.set_idempotency_key(absl::StrCat("bench-measures-referral-", cohort_id, "-", j));
    v1::AddReferralResponse referral;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->AddReferral(ctx.get(), ref, &referral), "AddReferral (measures)"));
    }
    v1::AllocateToCohortRequest alloc;
    alloc.set_referral_id(referral.referral().id());
    alloc.set_cohort_id(cohort_id);
    v1::AllocateToCohortResponse place;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->AllocateToCohort(ctx.get(), alloc, &place), "AllocateToCohort (measures)"));
    }
    v1::CreateInviteRequest invite;
    invite.set_enrolment_id(place.participant().enrolment_id());
    v1::CreateInviteResponse invite_resp;
    {
      auto ctx = NewContext(token);
      RETURN_IF_ERROR(Check(stubs.cohorts->CreateInvite(ctx.get(), invite, &invite_resp), "CreateInvite (measures)"));
    }
    v1::RedeemInviteRequest redeem;
    redeem.set_code(invite_resp.code());
    redeem.set_new_password(password);
    v1::RedeemInviteResponse redeemed;
    {
      // One at a time (argon2id, 64 MiB each), as in fixture.cc.
      std::lock_guard<std::mutex> one_at_a_time(RedeemMutex());
      auto ctx = NewContext("");
      RETURN_IF_ERROR(Check(stubs.auth->RedeemInvite(ctx.get(), redeem, &redeemed), "RedeemInvite (measures)"));
    }
    out.participants.push_back(MeasureParticipant{.token = redeemed.token(),
                                                  .user_id = redeemed.user().id(),
                                                  .enrolment_id = place.participant().enrolment_id(),
                                                  .cohort_id = cohort_id,
                                                  .session_id = session_id});
  }
  return out;
}

}  // namespace

absl::StatusOr<MeasureFixture> BuildMeasureFixture(const std::shared_ptr<grpc::Channel>& channel,
                                                   const Fixture& fixture, int participants, int raw_participants,
                                                   const std::string& password) {
  MeasureFixture out;
  out.organisation_id = fixture.organisation_id;
  if (participants <= 0) return out;
  const int total = participants + std::max(0, raw_participants);
  if (fixture.clinician_tokens.empty()) return absl::InvalidArgumentError("no clinicians signed in");
  Stubs stubs(channel);
  {
    v1::GetInstrumentRequest req;
    req.set_instrument_key(kPhq9);
    v1::GetInstrumentResponse resp;
    auto ctx = NewContext(fixture.clinician_tokens[0]);
    RETURN_IF_ERROR(Check(stubs.measures->GetInstrument(ctx.get(), req, &resp), "GetInstrument phq9"));
    out.phq9_version = resp.instrument().version();
  }
  const size_t groups = static_cast<size_t>((total + kPerGroup - 1) / kPerGroup);
  std::vector<absl::StatusOr<Group>> built(groups, absl::UnknownError("not built"));
  // Groups side by side, but fewer at once than cftd's --max_threads (64 in
  // the bench): beyond it the sync server refuses calls (RESOURCE_EXHAUSTED).
  const size_t workers = std::min<size_t>(groups, kBuilders);
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      Stubs own(channel);
      for (size_t g = w; g < groups; g += workers) {
        built[g] = BuildGroup(own, fixture, g, std::min(kPerGroup, total - static_cast<int>(g) * kPerGroup), password);
        if (!built[g].ok()) return;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t g = 0; g < groups; ++g) {
    if (!built[g].ok()) {
      return absl::Status(built[g].status().code(),
                          absl::StrCat("measures group ", g + 1, ": ", built[g].status().message()));
    }
    if (out.time_point_keys.empty()) {
      out.time_point_keys = built[g]->keys;
      out.time_point_labels = built[g]->labels;
    }
    for (MeasureParticipant& p : built[g]->participants) {
      auto& to = static_cast<int>(out.participants.size()) < participants ? out.participants : out.raw_participants;
      to.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace cft::bench
