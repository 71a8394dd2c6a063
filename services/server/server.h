// cftd's gRPC server: every service, health checking and reflection over one
// App. Start() binds and serves; Shutdown() stops accepting, lets in-flight
// calls finish until a deadline, then cancels the rest. Thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "services/rpc/rpc_runtime.h"
#include "services/server/app.h"

namespace cft {

struct ServerOptions {
  std::string listen_address = "127.0.0.1:50051";
  // TLS unless `plaintext` is set explicitly.
  bool plaintext = false;
  std::string tls_cert_pem;
  std::string tls_key_pem;
  // Upper bound on threads serving calls; calls beyond it get RESOURCE_EXHAUSTED.
  int max_threads = 64;
  // How often the database is checked for the health service.
  absl::Duration health_interval = absl::Seconds(2);
  // How often expired sign-in state is cleaned up (by the health loop, while
  // the database answers).
  absl::Duration maintenance_interval = absl::Minutes(10);
  // How often the revocation feed is read (logouts and account changes made
  // through any replica reach this one's session cache within about this).
  absl::Duration revocation_interval = absl::Seconds(1);
  // Further services to host (tests register probes here). Not owned.
  std::vector<grpc::Service*> extra_services;
};

class CftServer {
 public:
  static absl::StatusOr<std::unique_ptr<CftServer>> Start(ServerOptions options, AppConfig app);
  ~CftServer();

  int port() const { return port_; }
  // Database health checks completed (tests wait for the first).
  int health_checks() const { return health_checks_.load(); }
  // Housekeeping rounds completed (tests wait for one).
  int maintenance_runs() const { return maintenance_runs_.load(); }
  App& app() { return *app_; }
  // The RPC edge shared by all handlers, for services hosted via extra_services.
  rpc::RpcRuntime& runtime();
  // A channel to this server that bypasses the network (for tests).
  std::shared_ptr<grpc::Channel> InProcessChannel();
  void Shutdown(absl::Duration drain_deadline);
  void Wait();

 private:
  CftServer() = default;
  void HealthLoop(absl::Duration interval, absl::Duration maintenance_interval);
  void RevocationLoop(absl::Duration interval);

  std::unique_ptr<App> app_;
  struct Services;
  std::unique_ptr<Services> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  absl::Notification stopping_;
  std::thread health_thread_;
  std::thread revocation_thread_;
  std::atomic<bool> shut_down_{false};
  std::atomic<int> health_checks_{0};
  std::atomic<int> maintenance_runs_{0};
};

}  // namespace cft
