#include "services/server/app.h"

#include "services/audit/mysql_audit_repository.h"
#include "services/auth/mysql_auth_repository.h"

namespace cft {

App::App(AppConfig config)
    : clock_(config.clock != nullptr ? config.clock : &system_clock_),
      pool_(std::make_unique<storage::ConnectionPool>(config.db)),
      tx_(std::make_unique<storage::MySqlTransactionRunner>(*pool_)),
      audit_repo_(std::make_unique<audit::MySqlAuditRepository>()),
      auditor_(std::make_unique<audit::Auditor>(*audit_repo_, *tx_, *clock_)),
      hasher_(std::make_unique<auth::PasswordHasher>(config.hash)),
      auth_repo_(std::make_unique<auth::MySqlAuthRepository>()),
      auth_(std::make_unique<auth::AuthService>(*auth_repo_, *tx_, *auditor_, *hasher_, *clock_,
                                                config.auth)) {}

App::~App() = default;

}  // namespace cft
