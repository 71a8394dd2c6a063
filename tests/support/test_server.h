// cftd's real wiring (CftServer over App) in the test process, listening on a
// loopback port chosen by the OS, backed by the binary's TestDatabase, with an
// injected clock and the cheapest Argon2id parameters.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/server/server.h"

namespace cft::testing {

struct TestUser {
  int64_t id = 0;
  int64_t organisation_id = 0;
  std::string email;
  std::string password;
  Role role = Role::kClinician;
};

struct TestServerOptions {
  AppConfig app;
  std::vector<grpc::Service*> extra_services;
  // Threads serving calls (cftd's --max_threads).
  int max_threads = 32;
  // Starts the clock here; real time by default.
  absl::Time start_time = absl::Now();
  // One health ping at start-up, then none during a test by default: tests
  // count the statements their calls send.
  absl::Duration health_interval = absl::Hours(1);
  absl::Duration maintenance_interval = absl::InfiniteDuration();
  // The revocation feed is read once at start-up and then only when a test
  // asks (app().auth().PollRevocations()), for the same reason. The session
  // cache is trusted until the fake clock moves two seconds past that read.
  absl::Duration revocation_interval = absl::InfiniteDuration();
  // 0: a port the OS chooses. A fixed one lets a test stop the server and
  // start another where clients expect it (the server "comes back").
  int port = 0;
};

TestServerOptions DefaultTestServerOptions();

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = DefaultTestServerOptions());
  ~TestServer();

  FakeClock& clock() { return clock_; }
  App& app() { return server_->app(); }
  CftServer& server() { return *server_; }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

  template <typename Service>
  auto Stub() const {
    return Service::NewStub(channel_);
  }

  // Data set-up through the domain services' operator paths (validated and
  // audited like everything else), not raw SQL.
  int64_t CreateOrganisation(const std::string& prefix = "Clinic");
  TestUser CreateUser(int64_t organisation_id, Role role);

  // Logs in over gRPC and returns the token; fails the test on error.
  std::string Login(const TestUser& user);

  // Waits until the reads' audit records queued so far are in the database
  // (they are written in batches off the request path).
  void FlushAudit();

  // A client context carrying `token` (none when empty) and a 30 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token = "");

 private:
  FakeClock clock_;
  std::unique_ptr<CftServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace cft::testing
