// The workloads of the benchmark, registered per area. Each Register function
// adds its RPCs and the ceilings they are compared to; bench_main.cc calls them
// in the order the table lists them.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <vector>

#include "bench/fixture.h"
#include "bench/raw_db.h"
#include "bench/workload.h"

namespace cft::bench {

// What workloads call: channels to cftd and to the bare echo server (each
// channel its own TCP connection; caller i uses channel i % size), the
// database cftd uses (for raw ceilings), and the data made through the RPCs.
struct BenchEnv {
  std::vector<std::shared_ptr<grpc::Channel>> cftd;
  std::vector<std::shared_ptr<grpc::Channel>> echo;
  DbTarget db;
  Fixture fixture;
};

// "echo": the transport ceiling (bare gRPC over TLS) every read is compared to.
void RegisterTransportCeiling(Registry& registry, const BenchEnv& env);
// WhoAmI, GetSchedule (a cohort of 12) and ListParticipants; measured again at scale.
void RegisterReads(Registry& registry, const BenchEnv& env);
// RecordAttendance beside its raw transaction ceiling.
void RegisterAttendance(Registry& registry, const BenchEnv& env);
// ExportOutcomes in each format beside a raw streaming scan (workloads_reports.cc).
void RegisterReports(Registry& registry, const BenchEnv& env);

}  // namespace cft::bench
