// AuthService through gRPC against the real MariaDB, as clients see it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "cft/v1/auth.grpc.pb.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/rpc/rpc_runtime.h"
#include "services/storage/sql_errors.h"
#include "tests/support/generic_call.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::IsOk;
using ::cft::testing::GrpcOk;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using ::cft::testing::TestUser;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using grpc::StatusCode;

class AuthApiTest : public ::testing::Test {
 protected:
  AuthApiTest() : stub_(server_.Stub<v1::AuthService>()) {
    org_ = server_.CreateOrganisation();
    admin_ = server_.CreateUser(org_, Role::kAdmin);
  }

  grpc::Status Login(const std::string& email, const std::string& password,
                     v1::LoginResponse* out = nullptr) {
    v1::LoginRequest req;
    req.set_email(email);
    req.set_password(password);
    v1::LoginResponse resp;
    auto ctx = TestServer::Context();
    grpc::Status s = stub_->Login(ctx.get(), req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  grpc::Status WhoAmI(const std::string& token, v1::WhoAmIResponse* out = nullptr) {
    v1::WhoAmIResponse resp;
    auto ctx = TestServer::Context(token);
    grpc::Status s = stub_->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  std::string Db(const std::string& sql) { return TestDatabase::Get().Scalar(sql); }

  TestServer server_;
  std::unique_ptr<v1::AuthService::Stub> stub_;
  int64_t org_ = 0;
  TestUser admin_;
};

TEST_F(AuthApiTest, LoginWhoAmILogout) {
  v1::LoginResponse login;
  ASSERT_THAT(Login(admin_.email, admin_.password, &login), GrpcOk());
  EXPECT_EQ(login.user().id(), admin_.id);
  EXPECT_EQ(login.user().role(), v1::ROLE_ADMIN);
  EXPECT_EQ(login.expires_at().seconds(),
            absl::ToUnixSeconds(server_.clock().Now() + absl::Hours(12)));

  v1::WhoAmIResponse me;
  ASSERT_THAT(WhoAmI(login.token(), &me), GrpcOk());
  EXPECT_EQ(me.user().email(), admin_.email);
  EXPECT_THAT(me.organisation_name(), StartsWith("Clinic "));

  v1::LogoutResponse out;
  auto ctx = TestServer::Context(login.token());
  ASSERT_THAT(stub_->Logout(ctx.get(), v1::LogoutRequest(), &out), GrpcOk());
  EXPECT_THAT(WhoAmI(login.token()), GrpcIs(StatusCode::UNAUTHENTICATED, HasSubstr("sign in again")));
}

// The sentence every error carries for people (google.rpc.LocalizedMessage):
// the problem, with the field named only where it is not an id or a path.
TEST(PlainSentence, TellsTheProblemAndNamesOnlyFieldsPeopleKnow) {
  using absl::StatusCode;
  EXPECT_EQ(rpc::PlainSentence(StatusCode::kFailedPrecondition, "session_id: the session has already started"),
            "The session has already started.");
  EXPECT_EQ(rpc::PlainSentence(StatusCode::kFailedPrecondition, "capacity: 3 people already hold places"),
            "Capacity: 3 people already hold places.");
  EXPECT_EQ(rpc::PlainSentence(StatusCode::kInvalidArgument, "display_name: is required"), "Display name is required.");
  EXPECT_EQ(rpc::PlainSentence(StatusCode::kInvalidArgument, "entries[3].status: is required"), "Status is required.");
  EXPECT_EQ(rpc::PlainSentence(StatusCode::kNotFound, "you do not have a place in a group yet"),
            "You do not have a place in a group yet.");
}

// A string field that is not valid UTF-8 cannot be parsed, so no handler
// runs; the caller still gets a plain INVALID_ARGUMENT and operators a log line.
TEST_F(AuthApiTest, AnUnparseableRequestIsInvalidArgumentAndLogged) {
  // LoginRequest{email: "\xC3(", password: "x"}: field 1, a broken two-byte sequence.
  const std::string bytes("\x0a\x02\xc3\x28\x12\x01x", 7);
  ::testing::internal::CaptureStderr();
  const grpc::Status status = testing::CallRaw(server_.channel(), "/cft.v1.AuthService/Login", bytes, "");
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(status, GrpcIs(StatusCode::INVALID_ARGUMENT, HasSubstr("not valid UTF-8")));
  EXPECT_THAT(log, HasSubstr("rpc failed method=/cft.v1.AuthService/Login code=INVALID_ARGUMENT"));
  EXPECT_THAT(log, HasSubstr("request could not be parsed"));
}

TEST_F(AuthApiTest, TokensExpireAtTheirLifetime) {
  v1::LoginResponse login;
  ASSERT_THAT(Login(admin_.email, admin_.password, &login), GrpcOk());
  server_.clock().Advance(absl::Hours(12) - absl::Seconds(1));
  EXPECT_THAT(WhoAmI(login.token()), GrpcOk());
  server_.clock().Advance(absl::Seconds(1));
  EXPECT_THAT(WhoAmI(login.token()), GrpcIs(StatusCode::UNAUTHENTICATED));
}

TEST_F(AuthApiTest, WrongPasswordAndUnknownAccountGiveTheSameAnswer) {
  grpc::Status wrong = Login(admin_.email, "definitely wrong");
  grpc::Status unknown = Login("nobody." + testing::UniqueSuffix() + "@test.example", "definitely wrong");
  EXPECT_THAT(wrong, GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(unknown, GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_EQ(wrong.error_message(), unknown.error_message());
  EXPECT_EQ(wrong.error_message(), "incorrect e-mail address or password");
}

// The account lookup compares addresses by the column's collation, so other
// spellings of an address find the same account; their failures must count
// against the same cool-down, or they would be a way around it.
TEST(SignInCoolDown, EverySpellingThatFindsTheAccountCountsAgainstIt) {
  testing::TestServerOptions options = testing::DefaultTestServerOptions();
  options.app.auth.peer_throttle.max_failures = 1000;  // only the account's own limit is under test
  TestServer server(options);
  auto stub = server.Stub<v1::AuthService>();
  auto login = [&](const std::string& email, const std::string& password) {
    v1::LoginRequest req;
    req.set_email(email);
    req.set_password(password);
    v1::LoginResponse resp;
    auto ctx = TestServer::Context();
    return stub->Login(ctx.get(), req, &resp);
  };
  const int64_t org = server.CreateOrganisation();
  struct Spelling {
    const char* what;
    std::string stored;  // local part as the account was created
    std::string typed;   // another spelling of it
  };
  const std::vector<Spelling> spellings = {
      {"an accent", "elodie", "\u00e9lodie"},                            // é for e
      {"case beyond ASCII", "\u00e9lodie", "\u00c9LODIE"},               // É for é
      {"full-width letters", "elodie", "\uff45\uff4c\uff4f\uff44\uff49\uff45"},  // ｅｌｏｄｉｅ
      {"a zero-width space", "elodie", "elo\u200bdie"},
  };
  for (const Spelling& sp : spellings) {
    const std::string domain = "." + testing::UniqueSuffix() + "@test.example";
    const std::string password = "the right passphrase";
    RequestContext op;
    op.method = "cftctl test-setup";
    ASSERT_THAT(server.app().auth().CreateUser(op, org, Role::kClinician, sp.stored + domain, "Elodie", password),
                IsOk());
    for (int i = 0; i < 4; ++i) {
      EXPECT_THAT(login(sp.stored + domain, "wrong " + std::to_string(i)), GrpcIs(StatusCode::UNAUTHENTICATED));
    }
    // The fifth failure, under another spelling, completes the five...
    EXPECT_THAT(login(sp.typed + domain, "wrong again"), GrpcIs(StatusCode::UNAUTHENTICATED)) << sp.what;
    // ...so even the right password is now refused, under either spelling.
    EXPECT_THAT(login(sp.stored + domain, password), GrpcIs(StatusCode::RESOURCE_EXHAUSTED)) << sp.what;
    EXPECT_THAT(login(sp.typed + domain, password), GrpcIs(StatusCode::RESOURCE_EXHAUSTED)) << sp.what;
  }
}

// Addresses are stored without invisible characters and with full-width
// letters made ASCII, so two accounts cannot differ only by them.
TEST_F(AuthApiTest, StaffAddressesAreStoredInTheirPlainForm) {
  const std::string token = server_.Login(admin_);
  const std::string suffix = testing::UniqueSuffix();
  v1::CreateStaffAccountRequest req;
  req.set_email("\uff2a\uff4f\uff45.\u200b" + suffix + "@Test.example");  // "Ｊｏｅ." + zero-width space
  req.set_display_name("Joe");
  req.set_role(v1::ROLE_CLINICIAN);
  v1::CreateStaffAccountResponse resp;
  auto ctx = TestServer::Context(token);
  ASSERT_THAT(stub_->CreateStaffAccount(ctx.get(), req, &resp), GrpcOk());
  EXPECT_EQ(resp.user().email(), "joe." + suffix + "@test.example");
  // The plain spelling is the same address: taken.
  req.set_email("joe." + suffix + "@test.example");
  auto ctx2 = TestServer::Context(token);
  EXPECT_THAT(stub_->CreateStaffAccount(ctx2.get(), req, &resp), GrpcIs(StatusCode::ALREADY_EXISTS));
}

TEST_F(AuthApiTest, RapidFailuresAreThrottledThenCoolDown) {
  const std::string throttled_sql =
      "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.AuthService/Login' AND status_code = 8";
  const int throttled_before = std::stoi(Db(throttled_sql));
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Login(admin_.email, "guess " + std::to_string(i)), GrpcIs(StatusCode::UNAUTHENTICATED));
  }
  EXPECT_THAT(Login(admin_.email, admin_.password), GrpcIs(StatusCode::RESOURCE_EXHAUSTED));
  server_.clock().Advance(absl::Minutes(1));
  EXPECT_THAT(Login(admin_.email, admin_.password), GrpcOk());
  EXPECT_EQ(Db("SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.AuthService/Login' "
               "AND status_code = 16 AND target_id = '" + std::to_string(admin_.id) + "'"),
            "5");
  EXPECT_EQ(std::stoi(Db(throttled_sql)), throttled_before + 1);
}

TEST_F(AuthApiTest, ParallelGuessesCannotGetPastTheLockout) {
  // Thirty guesses at once: each is counted under a row lock before its
  // password is checked, so only five are ever checked.
  std::vector<grpc::StatusCode> codes(30);
  std::vector<std::thread> threads;
  for (int i = 0; i < 30; ++i) {
    threads.emplace_back([&, i] {
      auto stub = server_.Stub<v1::AuthService>();
      v1::LoginRequest req;
      req.set_email(admin_.email);
      req.set_password("parallel guess " + std::to_string(i));
      v1::LoginResponse resp;
      auto ctx = TestServer::Context();
      codes[i] = stub->Login(ctx.get(), req, &resp).error_code();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), StatusCode::UNAUTHENTICATED), 5);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), StatusCode::RESOURCE_EXHAUSTED), 25);
  EXPECT_THAT(Login(admin_.email, admin_.password), GrpcIs(StatusCode::RESOURCE_EXHAUSTED));
}

TEST_F(AuthApiTest, SuccessfulSignInsDoNotUseUpTheAddressAllowance) {
  auto options = testing::DefaultTestServerOptions();
  options.app.auth.peer_throttle.max_failures = 3;
  TestDatabase::Get().Execute("DELETE FROM login_throttle WHERE scope = 'peer'");
  TestServer strict(options);
  auto stub = strict.Stub<v1::AuthService>();
  for (int i = 0; i < 6; ++i) {
    v1::LoginRequest req;
    req.set_email(admin_.email);
    req.set_password(admin_.password);
    v1::LoginResponse resp;
    auto ctx = TestServer::Context();
    EXPECT_THAT(stub->Login(ctx.get(), req, &resp), GrpcOk()) << i;
  }
  TestDatabase::Get().Execute("DELETE FROM login_throttle WHERE scope = 'peer'");
}

TEST_F(AuthApiTest, PasswordsAreArgon2idAndTokensAreStoredOnlyAsHashes) {
  v1::LoginResponse login;
  ASSERT_THAT(Login(admin_.email, admin_.password, &login), GrpcOk());
  EXPECT_EQ(Db("SELECT COUNT(*) FROM users WHERE password_hash NOT LIKE '$argon2id$%'"), "0");
  EXPECT_EQ(Db("SELECT COUNT(*) FROM users WHERE password_hash LIKE '%" + admin_.password + "%'"), "0");
  const std::string token = login.token();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(Db("SELECT COUNT(*) FROM auth_sessions WHERE token_hash = '" + token + "' OR peer = '" +
               token + "'"),
            "0");
  EXPECT_EQ(Db("SELECT COUNT(*) FROM auth_sessions WHERE token_hash = '" +
               HexEncode(Sha256(token)) + "' AND user_id = " + std::to_string(admin_.id)),
            "1");
}

TEST_F(AuthApiTest, TemporaryPasswordMustBeReplacedBeforeAnythingElse) {
  const std::string token = server_.Login(admin_);
  v1::CreateStaffAccountRequest req;
  req.set_email("new." + testing::UniqueSuffix() + "@test.example");
  req.set_display_name("Dr New Colleague");
  req.set_role(v1::ROLE_CLINICIAN);
  v1::CreateStaffAccountResponse created;
  auto ctx = TestServer::Context(token);
  ASSERT_THAT(stub_->CreateStaffAccount(ctx.get(), req, &created), GrpcOk());
  EXPECT_TRUE(created.user().password_change_required());
  EXPECT_EQ(created.temporary_password().size(), 16u);

  v1::LoginResponse login;
  ASSERT_THAT(Login(req.email(), created.temporary_password(), &login), GrpcOk());
  v1::ListStaffResponse staff;
  auto c1 = TestServer::Context(login.token());
  EXPECT_THAT(stub_->ListStaff(c1.get(), v1::ListStaffRequest(), &staff),
              GrpcIs(StatusCode::FAILED_PRECONDITION, HasSubstr("temporary password")));

  v1::ChangePasswordRequest change;
  change.set_current_password(created.temporary_password());
  change.set_new_password("my own good passphrase");
  v1::ChangePasswordResponse changed;
  auto c2 = TestServer::Context(login.token());
  ASSERT_THAT(stub_->ChangePassword(c2.get(), change, &changed), GrpcOk());
  auto c3 = TestServer::Context(login.token());
  ASSERT_THAT(stub_->ListStaff(c3.get(), v1::ListStaffRequest(), &staff), GrpcOk());
  EXPECT_GE(staff.staff_size(), 2);
}

TEST_F(AuthApiTest, CreateStaffAccountValidatesAndWritesNothingOnError) {
  const std::string token = server_.Login(admin_);
  const std::string users_before = Db("SELECT COUNT(*) FROM users");
  struct Case {
    std::string email, name;
    v1::Role role;
    std::string field;
  };
  const Case cases[] = {
      {"bad address", "Name", v1::ROLE_CLINICIAN, "email: "},
      {"ok@test.example", "", v1::ROLE_CLINICIAN, "display_name: "},
      {"ok@test.example", std::string(201, 'x'), v1::ROLE_CLINICIAN, "display_name: "},
      {"ok@test.example", "Name", v1::ROLE_PARTICIPANT, "role: "},
      {"ok@test.example", "Name", v1::ROLE_UNSPECIFIED, "role: "},
  };
  for (const Case& c : cases) {
    v1::CreateStaffAccountRequest req;
    req.set_email(c.email);
    req.set_display_name(c.name);
    req.set_role(c.role);
    v1::CreateStaffAccountResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(stub_->CreateStaffAccount(ctx.get(), req, &resp),
                GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith(c.field)))
        << c.email << " / " << c.name;
  }
  v1::CreateStaffAccountRequest dup;
  dup.set_email(admin_.email);
  dup.set_display_name("Duplicate");
  dup.set_role(v1::ROLE_CLINICIAN);
  v1::CreateStaffAccountResponse resp;
  auto ctx = TestServer::Context(token);
  EXPECT_THAT(stub_->CreateStaffAccount(ctx.get(), dup, &resp),
              GrpcIs(StatusCode::ALREADY_EXISTS, StartsWith("email: ")));
  EXPECT_EQ(Db("SELECT COUNT(*) FROM users"), users_before);
}

TEST_F(AuthApiTest, ListStaffNeverCrossesOrganisations) {
  const TestUser clinician = server_.CreateUser(org_, Role::kClinician);
  server_.CreateUser(org_, Role::kParticipant);
  const int64_t other_org = server_.CreateOrganisation("Elsewhere");
  const TestUser outsider = server_.CreateUser(other_org, Role::kAdmin);

  v1::ListStaffResponse staff;
  auto ctx = TestServer::Context(server_.Login(clinician));
  ASSERT_THAT(stub_->ListStaff(ctx.get(), v1::ListStaffRequest(), &staff), GrpcOk());
  std::set<int64_t> ids;
  for (const auto& u : staff.staff()) {
    EXPECT_EQ(u.organisation_id(), org_);
    EXPECT_NE(u.role(), v1::ROLE_PARTICIPANT);
    ids.insert(u.id());
  }
  EXPECT_EQ(ids, (std::set<int64_t>{admin_.id, clinician.id}));
  EXPECT_FALSE(ids.count(outsider.id));
}

TEST_F(AuthApiTest, ChangePasswordEndsOtherSessions) {
  const std::string first = server_.Login(admin_);
  const std::string second = server_.Login(admin_);
  v1::ChangePasswordRequest req;
  req.set_current_password(admin_.password);
  req.set_new_password("a completely new passphrase");
  v1::ChangePasswordResponse resp;
  auto ctx = TestServer::Context(second);
  ASSERT_THAT(stub_->ChangePassword(ctx.get(), req, &resp), GrpcOk());
  EXPECT_THAT(WhoAmI(first), GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(WhoAmI(second), GrpcOk());
  EXPECT_THAT(Login(admin_.email, admin_.password), GrpcIs(StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(Login(admin_.email, "a completely new passphrase"), GrpcOk());
}

TEST_F(AuthApiTest, AuthEventsAreAudited) {
  v1::LoginResponse login;
  ASSERT_THAT(Login(admin_.email, admin_.password, &login), GrpcOk());
  auto rows = TestDatabase::Get().Query(
      "SELECT organisation_id, actor_user_id, actor_role, target_type, target_id, status_code, peer "
      "FROM audit_log WHERE method = '/cft.v1.AuthService/Login' AND actor_user_id = " +
      std::to_string(admin_.id) + " ORDER BY id DESC LIMIT 1");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{std::to_string(org_), std::to_string(admin_.id), "admin",
                                                "user", std::to_string(admin_.id), "0", "127.0.0.1"}));
  v1::LogoutResponse out;
  auto ctx = TestServer::Context(login.token());
  ASSERT_THAT(stub_->Logout(ctx.get(), v1::LogoutRequest(), &out), GrpcOk());
  EXPECT_EQ(Db("SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.AuthService/Logout' "
               "AND actor_user_id = " + std::to_string(admin_.id) + " AND target_type = 'session'"),
            "1");
}

TEST_F(AuthApiTest, PerAddressLimitLocksTheAddress) {
  auto options = testing::DefaultTestServerOptions();
  options.app.auth.peer_throttle.max_failures = 6;
  // Other tests of this binary also fail logins from 127.0.0.1.
  TestDatabase::Get().Execute("DELETE FROM login_throttle WHERE scope = 'peer'");
  TestServer strict(options);
  auto stub = strict.Stub<v1::AuthService>();
  for (int i = 0; i < 6; ++i) {
    v1::LoginRequest req;
    req.set_email(absl::StrCat("spray", i, ".", testing::UniqueSuffix(), "@test.example"));
    req.set_password("Winter2026!");
    v1::LoginResponse resp;
    auto ctx = TestServer::Context();
    EXPECT_THAT(stub->Login(ctx.get(), req, &resp), GrpcIs(StatusCode::UNAUTHENTICATED));
  }
  v1::LoginRequest req;
  req.set_email(admin_.email);
  req.set_password(admin_.password);
  v1::LoginResponse resp;
  auto ctx = TestServer::Context();
  EXPECT_THAT(stub->Login(ctx.get(), req, &resp), GrpcIs(StatusCode::RESOURCE_EXHAUSTED));
  // Other tests of this binary also connect from 127.0.0.1.
  TestDatabase::Get().Execute("DELETE FROM login_throttle WHERE scope = 'peer'");
}

TEST_F(AuthApiTest, HousekeepingRemovesOnlySignInStateNobodyNeeds) {
  auto account_rows = [](const std::string& email) {
    // Counters are keyed on the address as the account lookup compares it.
    const std::string weight = TestDatabase::Get().Scalar(
        "SELECT HEX(WEIGHT_STRING(CAST('" + email + "' AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci))");
    return TestDatabase::Get().Scalar("SELECT COUNT(*) FROM login_throttle WHERE scope = 'account' AND key_hash = '" +
                                      HexEncode(Sha256("account:" + weight)) + "'");
  };
  auto sessions_of = [](int64_t user) {
    return TestDatabase::Get().Scalar("SELECT COUNT(*) FROM auth_sessions WHERE user_id = " + std::to_string(user));
  };
  const std::string gone = "gone." + testing::UniqueSuffix() + "@test.example";
  const std::string recent = "recent." + testing::UniqueSuffix() + "@test.example";
  EXPECT_THAT(Login(gone, "a wrong password"), GrpcIs(StatusCode::UNAUTHENTICATED));
  ASSERT_THAT(Login(admin_.email, admin_.password), GrpcOk());
  server_.clock().Advance(absl::Hours(25));
  EXPECT_THAT(Login(recent, "a wrong password"), GrpcIs(StatusCode::UNAUTHENTICATED));
  ASSERT_EQ(account_rows(gone), "1");
  ASSERT_EQ(account_rows(recent), "1");
  const std::string admin_sessions = sessions_of(admin_.id);

  // A day on, the first counter is past the throttle's memory; the session
  // expired only 13 hours ago and is kept for a month.
  ASSERT_THAT(server_.app().auth().PurgeExpired(), IsOk());
  EXPECT_EQ(account_rows(gone), "0");
  EXPECT_EQ(account_rows(recent), "1");
  EXPECT_EQ(sessions_of(admin_.id), admin_sessions);

  server_.clock().Advance(absl::Hours(24 * 31));
  ASSERT_THAT(server_.app().auth().PurgeExpired(), IsOk());
  EXPECT_EQ(account_rows(recent), "0");
  EXPECT_EQ(sessions_of(admin_.id), "0");
}

TEST(Housekeeping, TheServerRunsItPeriodically) {
  // A counter from long ago, as an old failed sign-in leaves behind.
  const std::string key = HexEncode(Sha256("account:" + testing::UniqueSuffix()));
  TestDatabase::Get().Execute(
      "INSERT INTO login_throttle (scope, key_hash, failures, window_started_at, locked_until, lockouts, "
      "last_failure_at) VALUES ('account', '" + key + "', 1, '2020-01-01', NULL, 0, '2020-01-01')");
  auto options = testing::DefaultTestServerOptions();
  options.health_interval = absl::Milliseconds(20);
  options.maintenance_interval = absl::ZeroDuration();
  TestServer server(options);
  for (int i = 0; i < 500 && server.server().maintenance_runs() == 0; ++i) absl::SleepFor(absl::Milliseconds(10));
  ASSERT_GT(server.server().maintenance_runs(), 0);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM login_throttle WHERE key_hash = '" + key + "'"), "0");
}

TEST(RpcEdge, InternalErrorsReachClientsWithoutDetail) {
  grpc::Status s = rpc::ToGrpcStatus(absl::InternalError("FindUser: database error 1146 (SQLSTATE 42S02)"));
  EXPECT_EQ(s.error_code(), StatusCode::INTERNAL);
  EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("1146")));
  EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("FindUser")));
  grpc::Status v = rpc::ToGrpcStatus(absl::InvalidArgumentError("email: is required"));
  EXPECT_EQ(v.error_message(), "email: is required");
}

TEST(RpcEdge, DatabaseErrorsKeepTheirCodeButReachClientsAsPlainSentences) {
  // A database outage, a deadlock and a duplicate key each keep the code that
  // tells the client what to do, but never the statement name or error number.
  for (auto [error, code] : {std::pair{2013, StatusCode::UNAVAILABLE}, std::pair{1213, StatusCode::ABORTED},
                             std::pair{1062, StatusCode::ALREADY_EXISTS}}) {
    absl::Status db = Annotate(storage::StatusFromMySqlError(error, "HY000", "LockCohort"), "allocate");
    grpc::Status s = rpc::ToGrpcStatus(db);
    EXPECT_EQ(s.error_code(), code) << error;
    EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("LockCohort"))) << error;
    EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr(absl::StrCat(error)))) << error;
  }
  EXPECT_EQ(rpc::ToGrpcStatus(storage::StatusFromMySqlError(2013, "HY000", "x")).error_message(),
            "The service cannot reach its database just now. Please try again in a moment.");
  // A domain refusal with the same code keeps its own sentence.
  EXPECT_EQ(rpc::ToGrpcStatus(absl::FailedPreconditionError("the cohort is full")).error_message(),
            "the cohort is full");
}

TEST(RpcEdge, PeerAddressDropsThePort) {
  EXPECT_EQ(rpc::PeerAddress("ipv4:127.0.0.1:5000"), "127.0.0.1");
  EXPECT_EQ(rpc::PeerAddress("ipv6:[::1]:5000"), "::1");
  EXPECT_EQ(rpc::PeerAddress("unix:/tmp/s"), "unix");
}

}  // namespace
}  // namespace cft
