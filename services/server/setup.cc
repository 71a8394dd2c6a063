#include "services/server/setup.h"

#include "services/common/status_macros.h"
#include "services/measures/instrument_files.h"
#include "services/programme/programme_mapping.h"
#include "services/server/app.h"
#include "services/storage/connection_pool.h"
#include "services/storage/migrations.h"

namespace cft {

absl::StatusOr<SetupReport> SetUpDatabase(const SetupOptions& options) {
  SetupReport report;
  {
    storage::DbConfig owner = options.owner;
    owner.pool_size = 1;
    storage::ConnectionPool pool(owner);
    ASSIGN_OR_RETURN(auto migrations, storage::LoadMigrations(options.migrations_dir));
    ASSIGN_OR_RETURN(storage::MigrationReport m, storage::ApplyMigrations(pool, migrations));
    report.migrations_applied = m.applied;
    report.schema_version = m.schema_version;
    if (options.app_account) {
      RETURN_IF_ERROR(storage::GrantAppAccess(pool, options.owner.database, options.app_account->first,
                                              options.app_account->second));
    }
  }
  // Built-in templates go through the domain service, validated and audited
  // like any other write.
  AppConfig config;
  if (!options.instruments_dir.empty()) {
    ASSIGN_OR_RETURN(config.instruments, measures::LoadInstrumentDirectory(options.instruments_dir));
  }
  config.db = options.owner;
  config.db.pool_size = 2;
  App app(config);
  RequestContext ctx;
  ctx.method = "cftctl migrate";
  ctx.peer = "local";
  ASSIGN_OR_RETURN(report.templates_loaded,
                   programme::ImportTemplateFiles(app.templates(), ctx, options.programmes_dir));
  ASSIGN_OR_RETURN(report.instrument_versions_loaded, app.measures().RegisterDefinitions(ctx));
  return report;
}

}  // namespace cft
