#include "tests/support/test_server.h"

#include <cstdlib>

#include "absl/time/clock.h"
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cft/v1/auth.grpc.pb.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/measures/instrument_files.h"
#include "services/rpc/rpc_runtime.h"
#include "tests/support/test_database.h"

namespace cft::testing {
namespace {

// Set-up failures end the test binary with a message: the support library is
// shared by GoogleTest and Qt Test suites, so it cannot use either's asserts.
void SetupCheck(bool ok, const std::string& what) {
  if (ok) return;
  std::cerr << "FATAL: test set-up failed: " << what << "\n";
  std::abort();
}

}  // namespace

TestServerOptions DefaultTestServerOptions() {
  TestServerOptions o;
  o.app.db = TestDatabase::Get().app();
  o.app.hash = auth::HashParams::Minimum();
  // Every test in a binary connects from 127.0.0.1; only the tests of the
  // per-address limit lower it.
  o.app.auth.peer_throttle.max_failures = 10000;
  static const auto instruments = [] {
    auto loaded = measures::LoadInstrumentDirectory(SourceDir() + "/deploy/instruments");
    SetupCheck(loaded.ok(), "instruments: " + loaded.status().ToString());
    return *loaded;
  }();
  o.app.instruments = instruments;
  return o;
}

TestServer::TestServer(TestServerOptions options) : clock_(options.start_time) {
  options.app.clock = &clock_;
  ServerOptions server_options;
  server_options.listen_address = absl::StrCat("127.0.0.1:", options.port);
  server_options.plaintext = true;
  server_options.max_threads = options.max_threads;
  server_options.extra_services = options.extra_services;
  server_options.health_interval = options.health_interval;
  server_options.maintenance_interval = options.maintenance_interval;
  server_options.revocation_interval = options.revocation_interval;
  auto server = CftServer::Start(server_options, options.app);
  SetupCheck(server.ok(), "server did not start: " + server.status().ToString());
  server_ = *std::move(server);
  while (server_->health_checks() == 0) absl::SleepFor(absl::Milliseconds(1));
  grpc::ChannelArguments args;
  // A connection of its own, not shared with other TestServers' channels.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  channel_ = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                       grpc::InsecureChannelCredentials(), args);
}

TestServer::~TestServer() {
  channel_.reset();
  server_->Shutdown(absl::Seconds(1));
  SetupCheck(rpc::MissingAuditRecords() == 0,
             "an audited RPC succeeded without its domain service writing an audit record (see the log)");
}

int64_t TestServer::CreateOrganisation(const std::string& prefix) {
  RequestContext ctx;
  ctx.method = "cftctl test-setup";
  auto id = app().auth().CreateOrganisation(ctx, absl::StrCat(prefix, " ", UniqueSuffix()));
  SetupCheck(id.ok(), "create organisation: " + id.status().ToString());
  return *id;
}

TestUser TestServer::CreateUser(int64_t organisation_id, Role role) {
  RequestContext ctx;
  ctx.method = "cftctl test-setup";
  TestUser u;
  u.organisation_id = organisation_id;
  u.role = role;
  u.email = absl::StrCat(RoleName(role), ".", UniqueSuffix(), "@test.example");
  u.password = RandomString(16, kPasswordAlphabet);
  auto created = app().auth().CreateUser(ctx, organisation_id, role, u.email,
                                         absl::StrCat("Test ", RoleName(role), " ", u.email), u.password);
  SetupCheck(created.ok(), "create user: " + created.status().ToString());
  u.id = created->account.id;
  return u;
}

std::string TestServer::Login(const TestUser& user) {
  auto stub = Stub<v1::AuthService>();
  v1::LoginRequest req;
  req.set_email(user.email);
  req.set_password(user.password);
  v1::LoginResponse resp;
  auto ctx = Context();
  grpc::Status s = stub->Login(ctx.get(), req, &resp);
  SetupCheck(s.ok(), "login of " + user.email + ": " + s.error_message());
  return resp.token();
}

std::unique_ptr<grpc::ClientContext> TestServer::Context(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

void TestServer::FlushAudit() {
  audit::ReadAuditQueue* reads = app().read_audit();
  SetupCheck(reads == nullptr || reads->Drain(absl::Seconds(30)), "the read audit queue did not drain");
}

}  // namespace cft::testing
