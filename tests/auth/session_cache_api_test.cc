// Authentication off the database path: live sessions come from each cftd's
// in-memory cache, and a logout, password change or deactivation through any
// replica reaches the others through the revocation feed. Two servers in one
// process share the test database here, as two cftd replicas share one in
// production (tests/python/outside_client_test.py does it with two cftd
// processes and real time: refused on the second within 2 s).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::IsOk;
using ::cft::testing::TestServer;
using ::cft::testing::TestUser;
using grpc::StatusCode;

testing::TestServerOptions Replica(absl::Time now) {
  testing::TestServerOptions o = testing::DefaultTestServerOptions();
  o.start_time = now;
  return o;
}

class SessionCacheApiTest : public ::testing::Test {
 protected:
  SessionCacheApiTest() : a_(Replica(kNow)), b_(Replica(kNow)) {
    org_ = a_.CreateOrganisation();
    user_ = a_.CreateUser(org_, Role::kClinician);
  }

  static grpc::Status WhoAmI(TestServer& server, const std::string& token) {
    v1::WhoAmIResponse resp;
    auto ctx = TestServer::Context(token);
    return server.Stub<v1::AuthService>()->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &resp);
  }

  static grpc::Status Logout(TestServer& server, const std::string& token) {
    v1::LogoutResponse resp;
    auto ctx = TestServer::Context(token);
    return server.Stub<v1::AuthService>()->Logout(ctx.get(), v1::LogoutRequest(), &resp);
  }

  // Statements `server` sends while `call` runs.
  template <typename Call>
  static int64_t StatementsOf(TestServer& server, Call call) {
    const int64_t before = server.app().statements_sent();
    call();
    return server.app().statements_sent() - before;
  }

  static constexpr absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);
  TestServer a_;
  TestServer b_;
  int64_t org_ = 0;
  TestUser user_;
};

TEST_F(SessionCacheApiTest, ACachedAuthenticationRunsNoSqlStatement) {
  const std::string token = a_.Login(user_);
  // The first call reads the session (and its account) once...
  EXPECT_EQ(StatementsOf(a_, [&] { EXPECT_THAT(WhoAmI(a_, token), GrpcOk()); }), 1);
  // ...after which authenticating, and WhoAmI itself, cost no round trip.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(StatementsOf(a_, [&] { EXPECT_THAT(WhoAmI(a_, token), GrpcOk()); }), 0);
  }
  v1::WhoAmIResponse me;
  auto ctx = TestServer::Context(token);
  ASSERT_THAT(a_.Stub<v1::AuthService>()->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &me), GrpcOk());
  EXPECT_EQ(me.user().email(), user_.email);
  EXPECT_EQ(me.user().role(), v1::ROLE_CLINICIAN);
  EXPECT_FALSE(me.organisation_name().empty());
  EXPECT_EQ(me.session_expires_at().seconds(), absl::ToUnixSeconds(kNow + absl::Hours(12)));
}

TEST_F(SessionCacheApiTest, ALogoutIsRefusedAtOnceOnTheReplicaThatTookIt) {
  const std::string token = a_.Login(user_);
  ASSERT_THAT(WhoAmI(a_, token), GrpcOk());
  ASSERT_THAT(Logout(a_, token), GrpcOk());
  EXPECT_THAT(WhoAmI(a_, token), GrpcIs(StatusCode::UNAUTHENTICATED));
}

TEST_F(SessionCacheApiTest, ALogoutOnOneReplicaIsRefusedOnAnotherOnceItReadsTheFeed) {
  const std::string token = a_.Login(user_);
  ASSERT_THAT(WhoAmI(b_, token), GrpcOk());  // cached on b
  ASSERT_THAT(Logout(a_, token), GrpcOk());
  // Until b reads the feed (once a second in cftd) its cache still holds the
  // session: the window the README describes.
  EXPECT_THAT(WhoAmI(b_, token), GrpcOk());
  ASSERT_THAT(b_.app().auth().PollRevocations(), IsOk());
  EXPECT_THAT(WhoAmI(b_, token), GrpcIs(StatusCode::UNAUTHENTICATED));
}

TEST_F(SessionCacheApiTest, AReplicaThatCannotReadTheFeedStopsTrustingItsCache) {
  const std::string token = a_.Login(user_);
  ASSERT_THAT(WhoAmI(b_, token), GrpcOk());
  ASSERT_THAT(Logout(a_, token), GrpcOk());
  // b has not read the feed for more than two seconds: it asks the database.
  b_.clock().Advance(absl::Seconds(2) + absl::Milliseconds(1));
  EXPECT_THAT(WhoAmI(b_, token), GrpcIs(StatusCode::UNAUTHENTICATED));
}

TEST_F(SessionCacheApiTest, APasswordChangeEndsTheOtherSessionsOnEveryReplica) {
  const std::string first = a_.Login(user_);
  const std::string second = b_.Login(user_);
  ASSERT_THAT(WhoAmI(b_, first), GrpcOk());
  ASSERT_THAT(WhoAmI(b_, second), GrpcOk());
  v1::ChangePasswordRequest req;
  req.set_current_password(user_.password);
  req.set_new_password("a brand new passphrase");
  v1::ChangePasswordResponse resp;
  auto ctx = TestServer::Context(first);
  ASSERT_THAT(a_.Stub<v1::AuthService>()->ChangePassword(ctx.get(), req, &resp), GrpcOk());
  ASSERT_THAT(b_.app().auth().PollRevocations(), IsOk());
  EXPECT_THAT(WhoAmI(b_, second), GrpcIs(StatusCode::UNAUTHENTICATED));
  // The session that changed it carries on (read again, not refused).
  EXPECT_THAT(WhoAmI(b_, first), GrpcOk());
  EXPECT_THAT(WhoAmI(a_, first), GrpcOk());
}

TEST_F(SessionCacheApiTest, ACachedSessionExpiresToTheSecond) {
  testing::TestServerOptions o = Replica(kNow);
  o.app.auth.token_lifetime = absl::Seconds(1);
  TestServer short_lived(o);
  const std::string token = short_lived.Login(user_);
  ASSERT_THAT(WhoAmI(short_lived, token), GrpcOk());
  short_lived.clock().Advance(absl::Milliseconds(999));
  EXPECT_EQ(StatementsOf(short_lived, [&] { EXPECT_THAT(WhoAmI(short_lived, token), GrpcOk()); }), 0);
  short_lived.clock().Advance(absl::Milliseconds(1));
  // Refused by the cache itself at the instant of expiry: the one statement
  // is the refusal's own audit record, not a read of the session.
  const std::string refusals =
      "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.AuthService/WhoAmI' AND status_code = 16";
  const std::string before = testing::TestDatabase::Get().Scalar(refusals);
  EXPECT_EQ(StatementsOf(short_lived,
                         [&] { EXPECT_THAT(WhoAmI(short_lived, token), GrpcIs(StatusCode::UNAUTHENTICATED)); }),
            1);
  EXPECT_EQ(std::stoi(testing::TestDatabase::Get().Scalar(refusals)), std::stoi(before) + 1);
}

TEST_F(SessionCacheApiTest, AWithdrawnParticipantIsSignedOutOnEveryReplica) {
  testing::CohortWorld world = testing::BuildCohortWorld(
      a_, {.label = "Replica", .start_date = absl::CivilDay(2027, 2, 2), .start_running = false});
  ASSERT_THAT(WhoAmI(b_, world.participant_token), GrpcOk());
  v1::WithdrawParticipantRequest req;
  req.set_enrolment_id(world.enrolment_id);
  req.set_reason("Moved away");
  v1::WithdrawParticipantResponse resp;
  auto ctx = TestServer::Context(world.clinician_token);
  ASSERT_THAT(a_.Stub<v1::CohortService>()->WithdrawParticipant(ctx.get(), req, &resp), GrpcOk());
  ASSERT_THAT(b_.app().auth().PollRevocations(), IsOk());
  EXPECT_THAT(WhoAmI(b_, world.participant_token), GrpcIs(StatusCode::UNAUTHENTICATED));
}

TEST_F(SessionCacheApiTest, TheCacheHoldsAtMostItsSize) {
  testing::TestServerOptions o = Replica(kNow);
  o.app.auth.session_cache_size = 2;
  TestServer small(o);
  std::vector<std::string> tokens;
  for (int i = 0; i < 3; ++i) {
    tokens.push_back(small.Login(user_));
    ASSERT_THAT(WhoAmI(small, tokens.back()), GrpcOk());
  }
  EXPECT_EQ(small.app().auth().session_cache().size(), 2u);
  // The least recently used went; it is read from the database again.
  EXPECT_EQ(StatementsOf(small, [&] { EXPECT_THAT(WhoAmI(small, tokens[0]), GrpcOk()); }), 1);
  EXPECT_EQ(StatementsOf(small, [&] { EXPECT_THAT(WhoAmI(small, tokens[2]), GrpcOk()); }), 0);
}

}  // namespace
}  // namespace cft
