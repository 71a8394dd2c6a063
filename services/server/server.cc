#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>

#include "absl/strings/str_cat.h"
#include "services/auth/auth_handler.h"
#include "services/cohorts/calendar_handler.h"
#include "services/cohorts/cohort_handler.h"
#include "services/homework/homework_handler.h"
#include "services/measures/measure_handler.h"
#include "services/programme/programme_handler.h"
#include "services/reports/report_handler.h"
#include "services/common/log.h"
#include "services/rpc/parse_failure_interceptor.h"
#include "services/rpc/rpc_runtime.h"
#include "services/storage/sql.h"

namespace cft {

namespace {
constexpr storage::SqlStatement kPing{"Ping", "SELECT 1"};
// Services whose health is reported by name, besides the overall "" entry.
constexpr const char* kServiceNames[] = {"cft.v1.AuthService", "cft.v1.CalendarService", "cft.v1.CohortService",
                                         "cft.v1.ProgrammeService", "cft.v1.HomeworkService",
                                         "cft.v1.MeasureService", "cft.v1.ReportService"};
}  // namespace

struct CftServer::Services {
  explicit Services(App& app)
      : runtime(app.auth(), app.auditor()),
        auth(runtime, app.auth(), app.enrolment()),
        cohorts(runtime, app.cohorts(), app.enrolment()),
        calendar(runtime, app.calendar()),
        programme(runtime, app.templates()),
        homework(runtime, app.homework()),
        measures(runtime, app.measures()),
        reports(runtime, app.reports()) {}
  rpc::RpcRuntime runtime;
  auth::AuthHandler auth;
  cohorts::CohortHandler cohorts;
  cohorts::CalendarHandler calendar;
  programme::ProgrammeHandler programme;
  homework::HomeworkHandler homework;
  measures::MeasureHandler measures;
  reports::ReportHandler reports;
};

absl::StatusOr<std::unique_ptr<CftServer>> CftServer::Start(ServerOptions options, AppConfig app) {
  std::unique_ptr<CftServer> server(new CftServer());
  server->app_ = std::make_unique<App>(std::move(app));
  server->services_ = std::make_unique<Services>(*server->app_);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::shared_ptr<grpc::ServerCredentials> creds;
  if (options.plaintext) {
    creds = grpc::InsecureServerCredentials();
  } else {
    if (options.tls_cert_pem.empty() || options.tls_key_pem.empty()) {
      return absl::InvalidArgumentError(
          "TLS needs a certificate and key (plain text only with an explicit flag)");
    }
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({options.tls_key_pem, options.tls_cert_pem});
    creds = grpc::SslServerCredentials(ssl);
  }

  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, creds, &server->port_);
  builder.RegisterService(&server->services_->auth);
  builder.RegisterService(&server->services_->cohorts);
  builder.RegisterService(&server->services_->calendar);
  builder.RegisterService(&server->services_->programme);
  builder.RegisterService(&server->services_->homework);
  builder.RegisterService(&server->services_->measures);
  builder.RegisterService(&server->services_->reports);
  for (grpc::Service* extra : options.extra_services) builder.RegisterService(extra);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<rpc::ParseFailureInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  grpc::ResourceQuota quota("cftd");
  quota.SetMaxThreads(options.max_threads);
  builder.SetResourceQuota(quota);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("could not listen on ", options.listen_address));
  }
  // The session cache is trusted only once the feed has been read.
  if (absl::Status polled = server->app_->auth().PollRevocations(); !polled.ok()) {
    LogWarning("revocation feed unreadable at start-up (", absl::StatusCodeToString(polled.code()),
               "): sessions are checked in the database until it is");
  }
  if (options.revocation_interval != absl::InfiniteDuration()) {
    server->revocation_thread_ = std::thread(
        [s = server.get(), interval = options.revocation_interval] { s->RevocationLoop(interval); });
  }
  server->health_thread_ = std::thread([s = server.get(), interval = options.health_interval,
                                        maintenance = options.maintenance_interval] {
    s->HealthLoop(interval, maintenance);
  });
  return server;
}

void CftServer::HealthLoop(absl::Duration interval, absl::Duration maintenance_interval) {
  bool last = false;
  bool first = true;
  absl::Time last_maintenance = absl::Now();
  do {
    absl::Status ping = app_->transactions().Run([](UnitOfWork& uow) {
      return storage::Sql(uow).Query(kPing, {}, [](const storage::Row&) { return absl::OkStatus(); });
    });
    const bool serving = ping.ok();
    health_checks_.fetch_add(1);
    if (stopping_.HasBeenNotified()) break;
    if (first || serving != last) {
      auto* health = server_->GetHealthCheckService();
      health->SetServingStatus(serving);
      for (const char* name : kServiceNames) health->SetServingStatus(name, serving);
      if (serving) {
        LogInfo("database reachable: serving");
      } else {
        LogWarning("database unreachable: health NOT_SERVING (", absl::StatusCodeToString(ping.code()), ")");
      }
      last = serving;
      first = false;
    }
    if (serving && absl::Now() - last_maintenance >= maintenance_interval) {
      last_maintenance = absl::Now();
      absl::StatusOr<int64_t> purged = app_->auth().PurgeExpired();
      if (!purged.ok()) {
        LogWarning("housekeeping failed (", absl::StatusCodeToString(purged.status().code()), ")");
      } else if (*purged > 0) {
        LogInfo("housekeeping: removed ", *purged, " expired sign-in record(s)");
      }
      maintenance_runs_.fetch_add(1);
    }
  } while (!stopping_.WaitForNotificationWithTimeout(interval));
}

void CftServer::RevocationLoop(absl::Duration interval) {
  bool failing = false;
  while (!stopping_.WaitForNotificationWithTimeout(interval)) {
    absl::Status polled = app_->auth().PollRevocations();
    // Log changes of state only: a database outage is logged by the health loop too.
    if (!polled.ok() && !failing) {
      LogWarning("revocation feed unreadable (", absl::StatusCodeToString(polled.code()),
                 "): sessions are checked in the database until it is readable again");
    } else if (polled.ok() && failing) {
      LogInfo("revocation feed readable again");
    }
    failing = !polled.ok();
  }
}

rpc::RpcRuntime& CftServer::runtime() { return services_->runtime; }

std::shared_ptr<grpc::Channel> CftServer::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

void CftServer::Shutdown(absl::Duration drain_deadline) {
  if (shut_down_.exchange(true)) return;
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  if (health_thread_.joinable()) health_thread_.join();
  if (revocation_thread_.joinable()) revocation_thread_.join();
  // Tell load balancers first, then stop accepting and drain.
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(drain_deadline));
  // Every call has finished: write the reads' audit records still queued.
  if (audit::ReadAuditQueue* reads = app_->read_audit(); reads != nullptr && !reads->Drain(absl::Seconds(10))) {
    LogError("audit: ", reads->pending(), " read record(s) still unwritten at shutdown");
  }
}

void CftServer::Wait() { server_->Wait(); }

CftServer::~CftServer() {
  Shutdown(absl::ZeroDuration());
  server_->Wait();
}

}  // namespace cft
