// The object graph behind both cftd and cftctl: connection pool, transaction
// runner, repositories and domain services, wired once. Holds no gRPC types,
// so cftctl uses the same domain services as the server. Thread-safe after
// construction.
#pragma once

#include <memory>

#include "services/audit/audit.h"
#include "services/audit/read_audit_queue.h"
#include "services/auth/auth_service.h"
#include "services/auth/password_hasher.h"
#include "services/cohorts/calendar_service.h"
#include "services/cohorts/cohort_service.h"
#include "services/cohorts/enrolment_service.h"
#include "services/homework/directory.h"
#include "services/homework/homework_repository.h"
#include "services/homework/homework_service.h"
#include "services/idempotency/idempotency.h"
#include "services/measures/measure_service.h"
#include "services/programme/template_service.h"
#include "services/reports/report_repository.h"
#include "services/reports/report_service.h"
#include "services/common/clock.h"
#include "services/storage/connection_pool.h"
#include "services/storage/db_config.h"
#include "services/storage/transaction_runner.h"

namespace cft {

struct AppConfig {
  storage::DbConfig db;
  auth::HashParams hash = auth::HashParams::Interactive();
  auth::AuthConfig auth;
  // Reads' audit records go through a batched writer on connections of its
  // own; off, they are written inside each read's transaction.
  bool batch_read_audit = true;
  audit::ReadAuditOptions read_audit;
  // Not owned; the system clock when null.
  const Clock* clock = nullptr;
  // The instrument definitions (deploy/instruments/, loaded and validated by
  // the caller); none when null.
  std::shared_ptr<const measures::InstrumentCatalog> instruments;
};

class App {
 public:
  explicit App(AppConfig config);
  ~App();

  storage::ConnectionPool& pool() { return *pool_; }
  // Statements the request paths sent (the transaction and read-only pools;
  // not the batched audit writer): lets tests count a call's round trips.
  int64_t statements_sent() const { return pool_->statements_sent() + read_pool_->statements_sent(); }
  TransactionRunner& transactions() { return *tx_; }
  audit::Auditor& auditor() { return *auditor_; }
  // Null when reads are audited in their own transactions.
  audit::ReadAuditQueue* read_audit() { return read_audit_.get(); }
  auth::AuthService& auth() { return *auth_; }
  programme::TemplateService& templates() { return *templates_; }
  cohorts::CohortService& cohorts() { return *cohort_service_; }
  cohorts::EnrolmentService& enrolment() { return *enrolment_service_; }
  cohorts::CalendarService& calendar() { return *calendar_service_; }
  homework::HomeworkService& homework() { return *homework_service_; }
  measures::MeasureService& measures() { return *measure_service_; }
  reports::ReportService& reports() { return *report_service_; }
  const Clock& clock() const { return *clock_; }

 private:
  SystemClock system_clock_;
  const Clock* clock_;
  std::unique_ptr<storage::ConnectionPool> pool_;
  // Autocommit connections for read-only work (no COMMIT round trip).
  std::unique_ptr<storage::ConnectionPool> read_pool_;
  std::unique_ptr<storage::MySqlTransactionRunner> tx_;
  std::unique_ptr<audit::AuditRepository> audit_repo_;
  std::unique_ptr<storage::ConnectionPool> audit_pool_;
  std::unique_ptr<storage::MySqlTransactionRunner> audit_tx_;
  std::unique_ptr<audit::ReadAuditQueue> read_audit_;
  std::unique_ptr<audit::Auditor> auditor_;
  std::unique_ptr<auth::PasswordHasher> hasher_;
  std::unique_ptr<auth::AuthRepository> auth_repo_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<idempotency::IdempotencyRepository> idempotency_repo_;
  std::unique_ptr<idempotency::Idempotency> idempotency_;
  std::unique_ptr<programme::TemplateRepository> template_repo_;
  std::unique_ptr<programme::TemplateService> templates_;
  std::unique_ptr<cohorts::CohortRepository> cohort_repo_;
  std::unique_ptr<cohorts::EnrolmentRepository> enrolment_repo_;
  std::unique_ptr<cohorts::SessionRepository> session_repo_;
  std::unique_ptr<cohorts::CohortService> cohort_service_;
  std::unique_ptr<cohorts::EnrolmentService> enrolment_service_;
  std::unique_ptr<cohorts::CalendarService> calendar_service_;
  std::unique_ptr<homework::HomeworkRepository> homework_repo_;
  std::unique_ptr<homework::Directory> homework_directory_;
  std::unique_ptr<homework::HomeworkService> homework_service_;
  std::unique_ptr<measures::MeasureRepository> measure_repo_;
  std::unique_ptr<measures::MeasureService> measure_service_;
  std::unique_ptr<reports::ReportRepository> report_repo_;
  std::unique_ptr<reports::ReportService> report_service_;
};

}  // namespace cft
