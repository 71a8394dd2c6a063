#include "services/server/app.h"

#include "services/audit/mysql_audit_repository.h"
#include "services/auth/mysql_auth_repository.h"
#include "services/cohorts/mysql_repositories.h"
#include "services/homework/context_directory.h"
#include "services/homework/mysql_homework_repository.h"
#include "services/idempotency/mysql_idempotency_repository.h"
#include "services/measures/mysql_measure_repository.h"
#include "services/programme/mysql_template_repository.h"
#include "services/reports/mysql_report_repository.h"

namespace cft {
namespace {

// The batched audit writer has a connection of its own, so readers waiting
// for room in its queue can never take the connection it needs.
storage::DbConfig AuditWriterDb(storage::DbConfig db) {
  db.pool_size = 1;
  return db;
}

storage::DbConfig ReadOnlyDb(storage::DbConfig db) {
  db.autocommit = true;
  return db;
}

}  // namespace

App::App(AppConfig config)
    : clock_(config.clock != nullptr ? config.clock : &system_clock_),
      pool_(std::make_unique<storage::ConnectionPool>(config.db)),
      read_pool_(std::make_unique<storage::ConnectionPool>(ReadOnlyDb(config.db))),
      tx_(std::make_unique<storage::MySqlTransactionRunner>(*pool_, 4, read_pool_.get())),
      audit_repo_(std::make_unique<audit::MySqlAuditRepository>()),
      audit_pool_(config.batch_read_audit ? std::make_unique<storage::ConnectionPool>(AuditWriterDb(config.db))
                                          : nullptr),
      audit_tx_(audit_pool_ ? std::make_unique<storage::MySqlTransactionRunner>(*audit_pool_) : nullptr),
      read_audit_(audit_tx_ ? std::make_unique<audit::ReadAuditQueue>(*audit_repo_, *audit_tx_, config.read_audit)
                            : nullptr),
      auditor_(std::make_unique<audit::Auditor>(*audit_repo_, *tx_, *clock_, read_audit_.get())),
      hasher_(std::make_unique<auth::PasswordHasher>(config.hash)),
      auth_repo_(std::make_unique<auth::MySqlAuthRepository>()),
      auth_(std::make_unique<auth::AuthService>(*auth_repo_, *tx_, *auditor_, *hasher_, *clock_,
                                                config.auth)),
      idempotency_repo_(std::make_unique<idempotency::MySqlIdempotencyRepository>()),
      idempotency_(std::make_unique<idempotency::Idempotency>(*idempotency_repo_)),
      template_repo_(std::make_unique<programme::MySqlTemplateRepository>()),
      templates_(std::make_unique<programme::TemplateService>(*template_repo_, *tx_, *auditor_, *clock_)),
      cohort_repo_(std::make_unique<cohorts::MySqlCohortRepository>()),
      enrolment_repo_(std::make_unique<cohorts::MySqlEnrolmentRepository>()),
      session_repo_(std::make_unique<cohorts::MySqlSessionRepository>()),
      cohort_service_(std::make_unique<cohorts::CohortService>(*cohort_repo_, *enrolment_repo_, *session_repo_,
                                                               *templates_, *auth_, *idempotency_, *tx_,
                                                               *auditor_, *clock_)),
      enrolment_service_(std::make_unique<cohorts::EnrolmentService>(*cohort_repo_, *enrolment_repo_,
                                                                     *session_repo_, *auth_, *idempotency_,
                                                                     *tx_, *auditor_, *clock_)),
      calendar_service_(std::make_unique<cohorts::CalendarService>(*cohort_repo_, *enrolment_repo_,
                                                                   *session_repo_, *templates_, *tx_,
                                                                   *auditor_, *clock_)),
      homework_repo_(std::make_unique<homework::MySqlHomeworkRepository>()),
      homework_directory_(std::make_unique<homework::ContextDirectory>(*cohort_repo_, *enrolment_repo_,
                                                                       *session_repo_, *templates_, *auth_)),
      homework_service_(std::make_unique<homework::HomeworkService>(*homework_repo_, *homework_directory_,
                                                                    *idempotency_, *tx_, *auditor_, *clock_)),
      measure_repo_(std::make_unique<measures::MySqlMeasureRepository>()),
      measure_service_(std::make_unique<measures::MeasureService>(*measure_repo_, *cohort_repo_, *enrolment_repo_,
                                                                  *session_repo_, *idempotency_, *tx_, *auditor_,
                                                                  *clock_, config.instruments)),
      report_repo_(std::make_unique<reports::MySqlReportRepository>()),
      report_service_(std::make_unique<reports::ReportService>(*report_repo_, *measure_repo_, *cohort_repo_,
                                                               *homework_service_, *tx_, *auditor_, *clock_,
                                                               config.instruments)) {}

App::~App() = default;

}  // namespace cft
