// The identity domain service against in-memory fakes: the rules, without a database.
#include "services/auth/auth_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/crypto.h"
#include "tests/auth/fake_auth_repository.h"
#include "tests/support/fakes.h"
#include "tests/support/status_matchers.h"

namespace cft::auth {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;
using Code = absl::StatusCode;

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest()
      : clock_(absl::FromUnixSeconds(1'800'000'000)),
        hasher_(HashParams::Minimum()),
        auditor_(audit_, tx_, clock_),
        service_(repo_, tx_, auditor_, hasher_, clock_, Config()) {
    tx_.Register(&repo_);
    tx_.Register(&audit_);
    RequestContext op = Ctx("cftctl create-org");
    org_ = *service_.CreateOrganisation(op, "Riverside Wellbeing");
    RequestContext op2 = Ctx("cftctl create-user");
    admin_id_ = service_.CreateUser(op2, org_, Role::kAdmin, "Admin@Riverside.example", "Ada Admin",
                                    std::string("admin password 1"))
                    ->account.id;
  }

  static AuthConfig Config() {
    AuthConfig c;
    c.token_lifetime = absl::Hours(8);
    c.peer_throttle.max_failures = 8;
    return c;
  }

  static RequestContext Ctx(std::string method, std::string peer = "10.0.0.1") {
    RequestContext ctx;
    ctx.method = std::move(method);
    ctx.peer = std::move(peer);
    return ctx;
  }

  absl::StatusOr<LoginResult> Login(absl::string_view email, absl::string_view password,
                                    std::string peer = "10.0.0.1") {
    RequestContext ctx = Ctx("/cft.v1.AuthService/Login", peer);
    return service_.Login(ctx, email, password);
  }

  RequestContext AuthedCtx(const std::string& token, std::string method) {
    RequestContext ctx = Ctx(std::move(method));
    auto p = service_.Authenticate(token);
    EXPECT_THAT(p, IsOk());
    if (p.ok()) ctx.principal = *p;
    return ctx;
  }

  FakeClock clock_;
  PasswordHasher hasher_;
  testing::FakeTransactionRunner tx_;
  testing::FakeAuthRepository repo_;
  testing::FakeAuditRepository audit_;
  audit::Auditor auditor_;
  AuthService service_;
  int64_t org_ = 0;
  int64_t admin_id_ = 0;
};

TEST_F(AuthServiceTest, LoginIsCaseInsensitiveAndStoresOnlyATokenHash) {
  auto r = Login("  admin@RIVERSIDE.example ", "admin password 1");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->token.size(), 43u);
  EXPECT_EQ(r->expires_at, clock_.Now() + absl::Hours(8));
  EXPECT_EQ(r->account.email, "admin@riverside.example");
  ASSERT_THAT(repo_.state().sessions, SizeIs(1));
  const auto& stored = repo_.state().sessions.begin()->second.s;
  EXPECT_NE(stored.token_hash, r->token);
  EXPECT_EQ(stored.token_hash, HexEncode(Sha256(r->token)));
  const audit::AuditRecord& last = audit_.records().back();
  EXPECT_EQ(last.method, "/cft.v1.AuthService/Login");
  EXPECT_EQ(last.status_code, 0);
  EXPECT_EQ(last.actor_user_id, admin_id_);
  EXPECT_EQ(last.target_id, std::to_string(admin_id_));
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownAccountAreIndistinguishable) {
  auto wrong = Login("admin@riverside.example", "not the password");
  auto unknown = Login("nobody@riverside.example", "not the password");
  EXPECT_THAT(wrong, StatusIs(Code::kUnauthenticated, std::string(kBadCredentials)));
  EXPECT_THAT(unknown, StatusIs(Code::kUnauthenticated, std::string(kBadCredentials)));
  // Both are audited as failed sign-ins.
  ASSERT_GE(audit_.records().size(), 2u);
  EXPECT_EQ(audit_.records().back().status_code, static_cast<int>(Code::kUnauthenticated));
}

TEST_F(AuthServiceTest, AnUnknownAccountCostsOneArgon2idVerificationLikeAWrongPassword) {
  // Timing is not asserted (that would be a flaky timed test); what makes the
  // times comparable is that both paths run exactly one Argon2id verification
  // with the same parameters, and that is counted.
  uint64_t before = hasher_.verifications();
  EXPECT_THAT(Login("admin@riverside.example", "not the password"), StatusIs(Code::kUnauthenticated));
  EXPECT_EQ(hasher_.verifications() - before, 1u);
  before = hasher_.verifications();
  EXPECT_THAT(Login("nobody@riverside.example", "not the password"), StatusIs(Code::kUnauthenticated));
  EXPECT_EQ(hasher_.verifications() - before, 1u);
}

TEST_F(AuthServiceTest, FiveFailuresLockTheAccountEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Login("admin@riverside.example", "guess " + std::to_string(i)),
                StatusIs(Code::kUnauthenticated));
  }
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1"),
              StatusIs(Code::kResourceExhausted, HasSubstr("too many")));
  clock_.Advance(absl::Seconds(61));
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1"), IsOk());
}

TEST_F(AuthServiceTest, UnknownAccountsAreThrottledTooSoLockoutRevealsNothing) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Login("ghost@riverside.example", "guess"), StatusIs(Code::kUnauthenticated));
  }
  EXPECT_THAT(Login("ghost@riverside.example", "guess"), StatusIs(Code::kResourceExhausted));
}

TEST_F(AuthServiceTest, CooldownDoublesOnTheSecondLockout) {
  // Each guess from its own address, so only the per-account limit applies.
  int n = 0;
  auto guess = [&] {
    return Login("admin@riverside.example", "guess", "10.1.0." + std::to_string(++n)).status();
  };
  for (int i = 0; i < 5; ++i) EXPECT_THAT(guess(), StatusIs(Code::kUnauthenticated));
  clock_.Advance(absl::Seconds(61));
  for (int i = 0; i < 5; ++i) EXPECT_THAT(guess(), StatusIs(Code::kUnauthenticated));
  clock_.Advance(absl::Seconds(61));
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1"), StatusIs(Code::kResourceExhausted));
  clock_.Advance(absl::Seconds(60));
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1"), IsOk());
}

TEST_F(AuthServiceTest, ManyFailuresFromOneAddressLockThatAddressOnly) {
  for (int i = 0; i < 8; ++i) {
    EXPECT_THAT(Login("user" + std::to_string(i) + "@riverside.example", "guess", "10.9.9.9"),
                StatusIs(Code::kUnauthenticated));
  }
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1", "10.9.9.9"),
              StatusIs(Code::kResourceExhausted));
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1", "10.0.0.2"), IsOk());
}

TEST_F(AuthServiceTest, LoginValidatesInputBeforeTouchingAnything) {
  const size_t audits = audit_.records().size();
  EXPECT_THAT(Login("", "x"), StatusIs(Code::kInvalidArgument, "email: is required"));
  EXPECT_THAT(Login("a@b.org", ""), StatusIs(Code::kInvalidArgument, "password: is required"));
  EXPECT_THAT(Login("a@b.org", std::string(2000, 'x')),
              StatusIs(Code::kInvalidArgument, StartsWith("password: ")));
  EXPECT_EQ(audit_.records().size(), audits);
  EXPECT_TRUE(repo_.state().throttle.empty());
}

TEST_F(AuthServiceTest, TokensExpireAndLogoutRevokes) {
  auto r = Login("admin@riverside.example", "admin password 1");
  ASSERT_THAT(r, IsOk());
  EXPECT_THAT(service_.Authenticate(r->token), IsOk());
  clock_.Advance(absl::Hours(8));
  EXPECT_THAT(service_.Authenticate(r->token), StatusIs(Code::kUnauthenticated));

  auto r2 = Login("admin@riverside.example", "admin password 1");
  RequestContext ctx = AuthedCtx(r2->token, "/cft.v1.AuthService/Logout");
  EXPECT_THAT(service_.Logout(ctx), IsOk());
  EXPECT_THAT(service_.Authenticate(r2->token), StatusIs(Code::kUnauthenticated));
  EXPECT_THAT(service_.Authenticate("short"), StatusIs(Code::kUnauthenticated));
  EXPECT_THAT(service_.Authenticate(std::string(43, '!')), StatusIs(Code::kUnauthenticated));
}

TEST_F(AuthServiceTest, RehashesOnLoginWhenParametersChange) {
  PasswordHasher stronger(HashParams::Interactive());
  AuthService upgraded(repo_, tx_, auditor_, stronger, clock_, Config());
  RequestContext ctx = Ctx("/cft.v1.AuthService/Login");
  ASSERT_THAT(upgraded.Login(ctx, "admin@riverside.example", "admin password 1"), IsOk());
  const std::string& hash = repo_.state().users.at(admin_id_).password_hash;
  EXPECT_THAT(hash, StartsWith("$argon2id$v=19$m=65536,t=2,"));
  EXPECT_THAT(Login("admin@riverside.example", "admin password 1"), IsOk());
}

TEST_F(AuthServiceTest, ChangePasswordChecksTheCurrentOneAndEndsOtherSessions) {
  auto first = Login("admin@riverside.example", "admin password 1");
  auto second = Login("admin@riverside.example", "admin password 1");
  RequestContext ctx = AuthedCtx(second->token, "/cft.v1.AuthService/ChangePassword");

  EXPECT_THAT(service_.ChangePassword(ctx, "wrong", "a brand new passphrase"),
              StatusIs(Code::kInvalidArgument, "current_password: is not correct"));
  EXPECT_THAT(service_.ChangePassword(ctx, "admin password 1", "short"),
              StatusIs(Code::kInvalidArgument, "new_password: must be at least 10 characters"));
  EXPECT_THAT(service_.ChangePassword(ctx, "admin password 1", "admin@riverside.example"),
              StatusIs(Code::kInvalidArgument, "new_password: must not be the e-mail address"));
  EXPECT_THAT(service_.ChangePassword(ctx, "admin password 1", "admin password 1"),
              StatusIs(Code::kInvalidArgument, "new_password: must differ from the current password"));
  EXPECT_TRUE(hasher_.Verify(repo_.state().users.at(admin_id_).password_hash, "admin password 1"));

  EXPECT_THAT(service_.ChangePassword(ctx, "admin password 1", "a brand new passphrase"), IsOk());
  EXPECT_THAT(service_.Authenticate(first->token), StatusIs(Code::kUnauthenticated));
  EXPECT_THAT(service_.Authenticate(second->token), IsOk());
  EXPECT_THAT(Login("admin@riverside.example", "a brand new passphrase"), IsOk());
}

TEST_F(AuthServiceTest, StaffAccountsGetATemporaryPasswordThatMustBeChanged) {
  auto admin = Login("admin@riverside.example", "admin password 1");
  RequestContext ctx = AuthedCtx(admin->token, "/cft.v1.AuthService/CreateStaffAccount");
  auto created = service_.CreateStaffAccount(ctx, "New.Clinician@Riverside.example", "  Dr New  ",
                                             Role::kClinician);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->account.email, "new.clinician@riverside.example");
  EXPECT_EQ(created->account.display_name, "Dr New");
  EXPECT_EQ(created->account.organisation_id, org_);
  EXPECT_TRUE(created->account.password_change_required);
  EXPECT_EQ(created->generated_password.size(), 16u);
  auto login = Login("new.clinician@riverside.example", created->generated_password);
  ASSERT_THAT(login, IsOk());
  EXPECT_TRUE(login->account.password_change_required);
}

TEST_F(AuthServiceTest, StaffAccountValidationNamesTheFieldAndWritesNothing) {
  auto admin = Login("admin@riverside.example", "admin password 1");
  RequestContext ctx = AuthedCtx(admin->token, "/cft.v1.AuthService/CreateStaffAccount");
  const size_t users = repo_.state().users.size();
  EXPECT_THAT(service_.CreateStaffAccount(ctx, "x@riverside.example", "X", Role::kParticipant),
              StatusIs(Code::kInvalidArgument, "role: must be ROLE_ADMIN or ROLE_CLINICIAN"));
  EXPECT_THAT(service_.CreateStaffAccount(ctx, "x@riverside.example", "X", std::nullopt),
              StatusIs(Code::kInvalidArgument, StartsWith("role: ")));
  EXPECT_THAT(service_.CreateStaffAccount(ctx, "not-an-address", "X", Role::kClinician),
              StatusIs(Code::kInvalidArgument, StartsWith("email: ")));
  EXPECT_THAT(service_.CreateStaffAccount(ctx, "x@riverside.example", "", Role::kClinician),
              StatusIs(Code::kInvalidArgument, "display_name: is required"));
  EXPECT_THAT(service_.CreateStaffAccount(ctx, "admin@riverside.example", "Dup", Role::kClinician),
              StatusIs(Code::kAlreadyExists, StartsWith("email: ")));
  EXPECT_EQ(repo_.state().users.size(), users);
}

TEST_F(AuthServiceTest, ResetPasswordEndsEverySessionAndClearsTheLockout) {
  auto r = Login("admin@riverside.example", "admin password 1");
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Login("admin@riverside.example", "guess"), StatusIs(Code::kUnauthenticated));
  }
  RequestContext op = Ctx("cftctl reset-password");
  auto generated = service_.ResetPassword(op, "admin@riverside.example", std::nullopt);
  ASSERT_THAT(generated, IsOk());
  EXPECT_EQ(generated->size(), 16u);
  EXPECT_THAT(service_.Authenticate(r->token), StatusIs(Code::kUnauthenticated));
  auto again = Login("admin@riverside.example", *generated);
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->account.password_change_required);
}

TEST_F(AuthServiceTest, ListStaffIsOneOrganisationsStaffInNameOrder) {
  RequestContext op = Ctx("cftctl create-user");
  ASSERT_THAT(service_.CreateUser(op, org_, Role::kClinician, "zed@riverside.example", "Zed", std::nullopt),
              IsOk());
  ASSERT_THAT(service_.CreateUser(op, org_, Role::kParticipant, "pat@riverside.example", "Pat", std::nullopt),
              IsOk());
  int64_t other = *service_.CreateOrganisation(op, "Other Org");
  ASSERT_THAT(service_.CreateUser(op, other, Role::kClinician, "out@other.example", "Bea", std::nullopt),
              IsOk());
  auto admin = Login("admin@riverside.example", "admin password 1");
  RequestContext ctx = AuthedCtx(admin->token, "/cft.v1.AuthService/ListStaff");
  auto staff = service_.ListStaff(ctx, false);
  ASSERT_THAT(staff, IsOk());
  ASSERT_THAT(*staff, SizeIs(2));
  EXPECT_EQ((*staff)[0].display_name, "Ada Admin");
  EXPECT_EQ((*staff)[1].display_name, "Zed");
}

}  // namespace
}  // namespace cft::auth

namespace cft::auth {
namespace {

class SessionFeedTest : public AuthServiceTest {};

TEST_F(SessionFeedTest, TheCacheIsUsedOnlyOnceTheFeedHasBeenRead) {
  auto login = Login("admin@riverside.example", "admin password 1");
  ASSERT_THAT(login, IsOk());
  // Never read: every call reads the session table.
  ASSERT_THAT(service_.Authenticate(login->token), IsOk());
  ASSERT_THAT(service_.Authenticate(login->token), IsOk());
  EXPECT_EQ(repo_.live_session_reads(), 2);
  ASSERT_THAT(service_.PollRevocations(), IsOk());
  ASSERT_THAT(service_.Authenticate(login->token), IsOk());
  ASSERT_THAT(service_.Authenticate(login->token), IsOk());
  EXPECT_EQ(repo_.live_session_reads(), 3);
  // Two seconds without a read of the feed: back to the table.
  clock_.Advance(absl::Seconds(2) + absl::Milliseconds(1));
  ASSERT_THAT(service_.Authenticate(login->token), IsOk());
  EXPECT_EQ(repo_.live_session_reads(), 4);
}

TEST_F(SessionFeedTest, EachRevocationIsAppliedOnceThoughSuccessiveReadsOverlap) {
  ASSERT_THAT(service_.PollRevocations(), IsOk());
  auto first = Login("admin@riverside.example", "admin password 1");
  ASSERT_THAT(first, IsOk());
  // Another replica deactivated and reopened the account (a user-wide revocation).
  repo_.state().revocations.push_back(
      Revocation{.id = 9000, .user_id = admin_id_, .session_id = std::nullopt, .recorded_at = repo_.db_now});
  ASSERT_THAT(service_.PollRevocations(), IsOk());
  auto second = Login("admin@riverside.example", "admin password 1");
  ASSERT_THAT(second, IsOk());
  ASSERT_THAT(service_.Authenticate(second->token), IsOk());
  const int reads = repo_.live_session_reads();
  // The next reads see the same revocation again (they reach back ten
  // seconds), but it is not applied again to the session made after it.
  repo_.db_now += absl::Seconds(1);
  clock_.Advance(absl::Seconds(1));
  ASSERT_THAT(service_.PollRevocations(), IsOk());
  ASSERT_THAT(service_.Authenticate(second->token), IsOk());
  EXPECT_EQ(repo_.live_session_reads(), reads);
}

TEST_F(SessionFeedTest, ALogoutEvictsAtCommitAndRecordsARevocationForTheOtherReplicas) {
  ASSERT_THAT(service_.PollRevocations(), IsOk());
  auto login = Login("admin@riverside.example", "admin password 1");
  ASSERT_THAT(login, IsOk());
  RequestContext ctx = AuthedCtx(login->token, "/cft.v1.AuthService/Logout");
  ASSERT_THAT(service_.Logout(ctx), IsOk());
  EXPECT_THAT(service_.Authenticate(login->token), StatusIs(Code::kUnauthenticated));
  ASSERT_THAT(repo_.state().revocations, SizeIs(1));
  EXPECT_EQ(repo_.state().revocations[0].user_id, admin_id_);
  EXPECT_EQ(repo_.state().revocations[0].session_id, ctx.caller().session_id);
}

}  // namespace
}  // namespace cft::auth
