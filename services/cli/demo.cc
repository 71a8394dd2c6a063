#include "services/cli/demo.h"

#include <vector>

#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/common/status_macros.h"

namespace cft::cli {
namespace {

constexpr char kDemoOrganisation[] = "Demo Clinic (sample data)";

struct DemoAccount {
  const char* email;
  const char* name;
  Role role;
};

constexpr DemoAccount kStaff[] = {
    {"admin@demo.cft.example", "Dana Whitfield (admin)", Role::kAdmin},
    {"alex.morgan@demo.cft.example", "Dr Alex Morgan", Role::kClinician},
    {"sam.patel@demo.cft.example", "Sam Patel", Role::kClinician},
};

RequestContext OperatorContext() {
  RequestContext ctx;
  ctx.method = "cftctl seed-demo";
  ctx.peer = "local";
  return ctx;
}

}  // namespace

absl::Status SeedDemo(App& app, std::ostream& out) {
  RequestContext ctx = OperatorContext();
  absl::StatusOr<int64_t> org = app.auth().FindOrganisationId(kDemoOrganisation);
  if (org.status().code() == absl::StatusCode::kNotFound) {
    org = app.auth().CreateOrganisation(ctx, kDemoOrganisation);
  }
  RETURN_IF_ERROR(org.status());

  out << "Demo organisation: " << kDemoOrganisation << " (id " << *org << ")\n"
      << "Sign-ins (new passwords on every --demo run):\n";
  for (const DemoAccount& a : kStaff) {
    const std::string password = RandomString(14, kPasswordAlphabet);
    auto created = app.auth().CreateUser(ctx, *org, a.role, a.email, a.name, password);
    if (created.status().code() == absl::StatusCode::kAlreadyExists) {
      RETURN_IF_ERROR(app.auth().ResetPassword(ctx, a.email, password).status());
    } else {
      RETURN_IF_ERROR(created.status());
    }
    out << "  " << RoleName(a.role) << "\t" << a.email << "\t" << password << "\n";
  }
  return absl::OkStatus();
}

}  // namespace cft::cli
