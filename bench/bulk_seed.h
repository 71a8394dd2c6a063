// The large data set for the scale runs: thousands of cohorts, written as
// multi-row INSERTs straight into the real schema (deploy/mysql/migrations),
// because making 5,000 cohorts through the RPCs would take longer than the
// whole benchmark. The rows follow the schema's rules and the services' own:
// every running or completed cohort has a lead and a co-facilitator, its
// sessions are planned in its own zone (the UTC instant derived as cftd
// derives it), each participant holds one place, past sessions are held and
// have registers. Bulk rows carry no audit records (nobody read or wrote them
// through the API); the measured cohorts, made through the RPCs, do.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/raw_db.h"

namespace cft::bench {

struct BulkOptions {
  int64_t organisation_id = 0;
  int64_t template_id = 0;
  // Totals for the organisation, counting what is already there.
  int total_cohorts = 5000;
  int total_participants = 50000;
  // Clinicians made for the bulk cohorts (each leads some, co-leads others).
  int clinicians = 500;
};

// What the database holds, for the report.
struct DataCounts {
  int64_t cohorts = 0;
  int64_t sessions = 0;
  int64_t participants = 0;  // enrolments
  int64_t users = 0;
  int64_t attendance = 0;
  int64_t audit_rows = 0;
  int64_t practice_logs = 0;
};

absl::StatusOr<DataCounts> CountData(const DbTarget& db);

// Adds cohorts (eight weekly sessions each) and participants until the
// organisation holds the totals, then refreshes the optimiser's statistics.
absl::Status BulkSeed(const DbTarget& db, const BulkOptions& options);

}  // namespace cft::bench
