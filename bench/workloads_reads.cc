#include "bench/unary_caller.h"
#include "bench/workloads.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"

namespace cft::bench {
namespace {

// Caller i works as the lead of cohort i % cohorts, over channel i % channels:
// every cohort and every connection carries load at once.
const MeasuredCohort& CohortOf(const BenchEnv& env, int caller) {
  return env.fixture.cohorts[static_cast<size_t>(caller) % env.fixture.cohorts.size()];
}

const std::shared_ptr<grpc::Channel>& ChannelOf(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                                int caller) {
  return channels[static_cast<size_t>(caller) % channels.size()];
}

}  // namespace

void RegisterTransportCeiling(Registry& registry, const BenchEnv& env) {
  registry.Add(Workload{
      .name = "echo",
      .side = Side::kCeiling,
      .make_caller = [&env](const CallerSlot& slot) -> absl::StatusOr<std::unique_ptr<Caller>> {
        // The same call cftd's WhoAmI gets, token and all; the server just answers.
        return MakeUnaryCaller<v1::AuthService>(ChannelOf(env.echo, slot.index), &v1::AuthService::Stub::WhoAmI,
                                                CohortOf(env, slot.index).lead_token, v1::WhoAmIRequest(),
                                                [](const v1::WhoAmIResponse& r) { return r.user().id() != 0; });
      },
  });
}

void RegisterReads(Registry& registry, const BenchEnv& env) {
  registry.Add(Workload{
      .name = "WhoAmI",
      .ceiling = "echo",
      .target_ratio = 0.60,
      .at_scale = true,
      .make_caller = [&env](const CallerSlot& slot) -> absl::StatusOr<std::unique_ptr<Caller>> {
        const MeasuredCohort& c = CohortOf(env, slot.index);
        const int64_t me = c.lead_user_id;
        return MakeUnaryCaller<v1::AuthService>(ChannelOf(env.cftd, slot.index), &v1::AuthService::Stub::WhoAmI,
                                                c.lead_token, v1::WhoAmIRequest(),
                                                [me](const v1::WhoAmIResponse& r) { return r.user().id() == me; });
      },
  });
  registry.Add(Workload{
      .name = "GetSchedule",
      .ceiling = "echo",
      .target_ratio = 0.40,
      .at_scale = true,
      .make_caller = [&env](const CallerSlot& slot) -> absl::StatusOr<std::unique_ptr<Caller>> {
        const MeasuredCohort& c = CohortOf(env, slot.index);
        v1::GetScheduleRequest req;
        req.set_cohort_id(c.id);
        const int sessions = static_cast<int>(c.session_ids.size());
        return MakeUnaryCaller<v1::CalendarService>(
            ChannelOf(env.cftd, slot.index), &v1::CalendarService::Stub::GetSchedule, c.lead_token, req,
            [sessions](const v1::GetScheduleResponse& r) { return r.sessions_size() == sessions; });
      },
  });
  registry.Add(Workload{
      .name = "ListParticipants",
      .ceiling = "echo",
      .target_ratio = 0.40,
      .at_scale = true,
      .make_caller = [&env](const CallerSlot& slot) -> absl::StatusOr<std::unique_ptr<Caller>> {
        const MeasuredCohort& c = CohortOf(env, slot.index);
        v1::ListParticipantsRequest req;
        req.set_cohort_id(c.id);
        const int people = static_cast<int>(c.enrolment_ids.size());
        return MakeUnaryCaller<v1::CohortService>(
            ChannelOf(env.cftd, slot.index), &v1::CohortService::Stub::ListParticipants, c.lead_token, req,
            [people](const v1::ListParticipantsResponse& r) { return r.participants_size() == people; });
      },
  });
}

}  // namespace cft::bench
