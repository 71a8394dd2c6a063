// Access control, swept over every method in the cft.v1 descriptors: each has
// a rule, each refuses anonymous callers (but Login), each refuses the roles
// its rule excludes, each has a named denial case below, and a method with no
// rule is refused. New RPCs fail these tests until they get a rule and a case.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "cft/testing/probe.grpc.pb.h"
#include "cft/v1/auth.grpc.pb.h"
#include "services/access/access_rules.h"
#include "tests/support/generic_call.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using ::cft::testing::TestUser;
using grpc::StatusCode;

// A service registered on the test server whose method has no access rule.
class ProbeService final : public cft::testing::ProbeService::Service {
 public:
  rpc::RpcRuntime* runtime = nullptr;
  grpc::Status Unruled(grpc::ServerContext* sc, const cft::testing::UnruledRequest* req,
                       cft::testing::UnruledResponse* resp) override {
    return runtime->Unary(sc, req, resp, [](RequestContext&, const auto&, auto& out) {
      out.set_reached_handler(true);
      return absl::OkStatus();
    });
  }
};

enum class As {
  kAnonymous,
  kBadToken,
  kAdmin,
  kClinician,
  kParticipant,
  kOtherOrgAdmin,
  kMustChangePassword,  // an admin still holding a temporary password
};

struct DenialCase {
  const char* method;
  As caller;
  const char* request;  // text format; $NAMES are replaced from the world
  StatusCode expected;
};

// One or more denial cases per method: the check a reviewer reads to see who
// is kept out of what.
const DenialCase kDenials[] = {
    {"/cft.v1.AuthService/Login", As::kAnonymous, R"(email: "$ADMIN_EMAIL" password: "not the password")",
     StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/Logout", As::kBadToken, "", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/WhoAmI", As::kBadToken, "", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/ChangePassword", As::kBadToken,
     R"(current_password: "x" new_password: "long enough password")", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/CreateStaffAccount", As::kClinician,
     R"(email: "new@x.example" display_name: "N" role: ROLE_CLINICIAN)", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.AuthService/CreateStaffAccount", As::kParticipant,
     R"(email: "new@x.example" display_name: "N" role: ROLE_ADMIN)", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.AuthService/CreateStaffAccount", As::kMustChangePassword,
     R"(email: "new@x.example" display_name: "N" role: ROLE_CLINICIAN)", StatusCode::FAILED_PRECONDITION},
    {"/cft.v1.AuthService/ListStaff", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
};

class AccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    probe_ = new ProbeService();
    auto options = testing::DefaultTestServerOptions();
    options.extra_services.push_back(probe_);
    server_ = new TestServer(options);
    probe_->runtime = &server_->server().runtime();

    const int64_t org_a = server_->CreateOrganisation("Org A");
    const int64_t org_b = server_->CreateOrganisation("Org B");
    admin_ = server_->CreateUser(org_a, Role::kAdmin);
    clinician_ = server_->CreateUser(org_a, Role::kClinician);
    participant_ = server_->CreateUser(org_a, Role::kParticipant);
    other_admin_ = server_->CreateUser(org_b, Role::kAdmin);
    tokens_[As::kAdmin] = server_->Login(admin_);
    tokens_[As::kClinician] = server_->Login(clinician_);
    tokens_[As::kParticipant] = server_->Login(participant_);
    tokens_[As::kOtherOrgAdmin] = server_->Login(other_admin_);
    tokens_[As::kBadToken] = std::string(43, 'A');
    tokens_[As::kAnonymous] = "";

    // An admin created through the API gets a temporary password.
    auto stub = server_->Stub<v1::AuthService>();
    v1::CreateStaffAccountRequest req;
    req.set_email("temp." + testing::UniqueSuffix() + "@a.example");
    req.set_display_name("Temporary");
    req.set_role(v1::ROLE_ADMIN);
    v1::CreateStaffAccountResponse resp;
    auto ctx = TestServer::Context(tokens_[As::kAdmin]);
    ASSERT_TRUE(stub->CreateStaffAccount(ctx.get(), req, &resp).ok());
    TestUser temp{.id = resp.user().id(), .organisation_id = org_a, .email = req.email(),
                  .password = resp.temporary_password(), .role = Role::kAdmin};
    tokens_[As::kMustChangePassword] = server_->Login(temp);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete probe_;
  }

  static std::string Substitute(const std::string& text) {
    return absl::StrReplaceAll(text, {{"$ADMIN_EMAIL", admin_.email}});
  }

  static inline ProbeService* probe_ = nullptr;
  static inline TestServer* server_ = nullptr;
  static inline TestUser admin_, clinician_, participant_, other_admin_;
  static inline std::map<As, std::string> tokens_;
};

TEST_F(AccessTest, EveryMethodHasAnAccessRule) {
  const auto methods = testing::AllApiMethods();
  ASSERT_FALSE(methods.empty());
  for (const auto* m : methods) {
    EXPECT_NE(access::FindAccessRule(testing::FullMethodName(m)), nullptr)
        << testing::FullMethodName(m) << " has no access rule in services/access/access_rules.cc";
  }
}

TEST_F(AccessTest, EveryRuleNamesAMethodThatExists) {
  std::set<std::string> names;
  for (const auto* m : testing::AllApiMethods()) names.insert(testing::FullMethodName(m));
  for (const access::AccessRule& rule : access::AllAccessRules()) {
    EXPECT_TRUE(names.count(std::string(rule.method))) << rule.method << " is not in the API";
  }
}

TEST_F(AccessTest, EveryMethodHasADenialCase) {
  std::set<std::string> covered;
  for (const DenialCase& c : kDenials) covered.insert(c.method);
  for (const auto* m : testing::AllApiMethods()) {
    EXPECT_TRUE(covered.count(testing::FullMethodName(m)))
        << testing::FullMethodName(m) << " has no denial case in tests/server/access_test.cc";
  }
}

TEST_F(AccessTest, DenialCasesAreRefusedWithTheExpectedCode) {
  const auto methods = testing::AllApiMethods();
  for (const DenialCase& c : kDenials) {
    const auto it = std::find_if(methods.begin(), methods.end(), [&](const auto* m) {
      return testing::FullMethodName(m) == c.method;
    });
    ASSERT_NE(it, methods.end()) << c.method;
    auto request = testing::MakeRequest(*it, Substitute(c.request));
    EXPECT_THAT(testing::CallGeneric(server_->channel(), *it, *request, tokens_[c.caller]),
                GrpcIs(c.expected))
        << c.method << " as caller #" << static_cast<int>(c.caller);
  }
}

TEST_F(AccessTest, EveryAuthenticatedMethodRefusesCallersWithoutAValidToken) {
  for (const auto* m : testing::AllApiMethods()) {
    const access::AccessRule* rule = access::FindAccessRule(testing::FullMethodName(m));
    ASSERT_NE(rule, nullptr);
    if (!rule->authenticated) continue;
    auto request = testing::MakeRequest(m, "");
    EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, ""),
                GrpcIs(StatusCode::UNAUTHENTICATED))
        << testing::FullMethodName(m);
    EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, tokens_[As::kBadToken]),
                GrpcIs(StatusCode::UNAUTHENTICATED))
        << testing::FullMethodName(m);
  }
}

TEST_F(AccessTest, EveryMethodRefusesTheRolesItsRuleExcludes) {
  const std::pair<Role, As> roles[] = {{Role::kAdmin, As::kAdmin},
                                       {Role::kClinician, As::kClinician},
                                       {Role::kParticipant, As::kParticipant}};
  int refused = 0;
  for (const auto* m : testing::AllApiMethods()) {
    const access::AccessRule* rule = access::FindAccessRule(testing::FullMethodName(m));
    ASSERT_NE(rule, nullptr);
    if (!rule->authenticated) continue;
    for (const auto& [role, as] : roles) {
      if (access::RoleAllowed(*rule, role)) continue;
      auto request = testing::MakeRequest(m, "");
      EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, tokens_[as]),
                  GrpcIs(StatusCode::PERMISSION_DENIED))
          << testing::FullMethodName(m) << " as " << RoleName(role);
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

TEST_F(AccessTest, TemporaryPasswordHoldersCanOnlyChangeItOrLeave) {
  for (const auto* m : testing::AllApiMethods()) {
    const access::AccessRule* rule = access::FindAccessRule(testing::FullMethodName(m));
    ASSERT_NE(rule, nullptr);
    if (!rule->authenticated || rule->allowed_before_password_change ||
        !access::RoleAllowed(*rule, Role::kAdmin)) {
      continue;
    }
    auto request = testing::MakeRequest(m, "");
    EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, tokens_[As::kMustChangePassword]),
                GrpcIs(StatusCode::FAILED_PRECONDITION))
        << testing::FullMethodName(m);
  }
}

TEST_F(AccessTest, AMethodWithoutARuleIsRefusedAndAudited) {
  auto stub = cft::testing::ProbeService::NewStub(server_->channel());
  cft::testing::UnruledRequest req;
  cft::testing::UnruledResponse resp;
  auto ctx = TestServer::Context(tokens_[As::kAdmin]);
  EXPECT_THAT(stub->Unruled(ctx.get(), req, &resp), GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_FALSE(resp.reached_handler());
  EXPECT_EQ(TestDatabase::Get().Scalar(
                "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.testing.ProbeService/Unruled' "
                "AND status_code = 7"),
            "1");
}

TEST_F(AccessTest, DenialsAreAudited) {
  const std::string count_sql =
      "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.AuthService/CreateStaffAccount' "
      "AND status_code = 7 AND actor_user_id = " + std::to_string(clinician_.id);
  const std::string before = TestDatabase::Get().Scalar(count_sql);
  auto stub = server_->Stub<v1::AuthService>();
  v1::CreateStaffAccountRequest req;
  v1::CreateStaffAccountResponse resp;
  auto ctx = TestServer::Context(tokens_[As::kClinician]);
  EXPECT_THAT(stub->CreateStaffAccount(ctx.get(), req, &resp), GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(std::stoi(TestDatabase::Get().Scalar(count_sql)), std::stoi(before) + 1);
}

}  // namespace
}  // namespace cft
