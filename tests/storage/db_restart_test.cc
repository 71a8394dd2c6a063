// cftd survives a database restart: while MariaDB is down calls fail
// UNAVAILABLE, and once it is back they succeed without restarting the server.
// Uses a MariaDB of its own (deploy/mariadb.sh), since stopping the shared one
// would break the other suites running in parallel.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "cft/v1/auth.grpc.pb.h"
#include "services/storage/connection_pool.h"
#include "services/storage/migrations.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/generic_call.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::TestServer;

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class PrivateMariaDb {
 public:
  PrivateMariaDb() {
    const char* tmp = std::getenv("CFT_TEST_TMPDIR");
    dir_ = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/restart-", testing::UniqueSuffix());
    port_ = FreePort();
  }
  ~PrivateMariaDb() {
    Stop();
    std::filesystem::remove_all(dir_);
  }
  bool Start() { return Run(absl::StrCat(Script(), " start ", dir_, " ", port_)); }
  bool Stop() { return Run(absl::StrCat(Script(), " stop ", dir_)); }
  bool Sql(const std::string& sql) {
    FILE* p = popen(absl::StrCat(Script(), " sql ", dir_).c_str(), "w");
    if (p == nullptr) return false;
    fputs(sql.c_str(), p);
    return pclose(p) == 0;
  }
  int port() const { return port_; }

 private:
  static std::string Script() { return testing::SourceDir() + "/deploy/mariadb.sh"; }
  static bool Run(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }
  std::string dir_;
  int port_;
};

TEST(DatabaseRestart, CallsFailUnavailableWhileDownAndRecoverWithoutRestartingTheServer) {
  PrivateMariaDb db;
  ASSERT_TRUE(db.Start());
  ASSERT_TRUE(db.Sql(
      "CREATE DATABASE cft;"
      "CREATE USER 'owner'@'%' IDENTIFIED BY 'owner-pw-123';"
      "GRANT ALL PRIVILEGES ON cft.* TO 'owner'@'%' WITH GRANT OPTION;"
      "CREATE USER 'app'@'%' IDENTIFIED BY 'app-pw-123';"));
  storage::DbConfig owner;
  owner.host = "127.0.0.1";
  owner.port = db.port();
  owner.user = "owner";
  owner.password = "owner-pw-123";
  owner.database = "cft";
  {
    storage::ConnectionPool pool(owner);
    auto migrations = storage::LoadMigrations(testing::SourceDir() + "/deploy/mysql/migrations");
    ASSERT_TRUE(migrations.ok());
    ASSERT_TRUE(storage::ApplyMigrations(pool, *migrations).ok());
    ASSERT_TRUE(storage::GrantAppAccess(pool, "cft", "app", "%").ok());
  }

  testing::TestServerOptions options;
  options.app.db = owner;
  options.app.db.user = "app";
  options.app.db.password = "app-pw-123";
  options.app.db.pool_size = 4;
  options.app.db.acquire_timeout = absl::Seconds(2);
  options.app.db.connect_timeout = absl::Seconds(1);
  options.app.hash = auth::HashParams::Minimum();
  options.health_interval = absl::Milliseconds(100);
  TestServer server(options);
  const int64_t org = server.CreateOrganisation();
  const auto user = server.CreateUser(org, Role::kClinician);
  const std::string token = server.Login(user);
  auto stub = server.Stub<v1::AuthService>();
  auto who = [&] {
    v1::WhoAmIResponse resp;
    auto ctx = TestServer::Context(token);
    return stub->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &resp);
  };
  ASSERT_THAT(who(), GrpcOk());
  EXPECT_EQ(testing::HealthStatus(server.channel()), 1);  // SERVING
  // The health loop pings every 100 ms; give it a few rounds to notice.
  auto health_becomes = [&](int want) {
    for (int i = 0; i < 100; ++i) {
      if (testing::HealthStatus(server.channel()) == want) return true;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  };

  auto staff = [&] {
    v1::ListStaffResponse resp;
    auto ctx = TestServer::Context(token);
    return stub->ListStaff(ctx.get(), v1::ListStaffRequest(), &resp);
  };
  ASSERT_THAT(staff(), GrpcOk());

  ASSERT_TRUE(db.Stop());
  EXPECT_THAT(staff(), GrpcIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_THAT(staff(), GrpcIs(grpc::StatusCode::UNAVAILABLE));
  // WhoAmI needs nothing but the session, which is cached; the cache is
  // trusted only while the revocation feed is fresh, and the feed cannot be
  // read now, so two seconds on the session is checked in the database again.
  EXPECT_THAT(who(), GrpcOk());
  server.clock().Advance(absl::Seconds(3));
  EXPECT_THAT(who(), GrpcIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_THAT(who(), GrpcIs(grpc::StatusCode::UNAVAILABLE));
  // A load balancer stops sending calls here.
  EXPECT_TRUE(health_becomes(2)) << "health did not turn NOT_SERVING";

  ASSERT_TRUE(db.Start());
  EXPECT_TRUE(health_becomes(1)) << "health did not return to SERVING";
  EXPECT_THAT(who(), GrpcOk());
  EXPECT_THAT(staff(), GrpcOk());
  // And writes work again too (a fresh login is a session insert plus audit).
  EXPECT_FALSE(server.Login(user).empty());
}

}  // namespace
}  // namespace cft
