// The cohort columns and their reader, shared by the MySQL repositories that
// read a cohort beside rows of their own (a participant's place comes with its
// cohort in one statement). Internal to cft_cohorts_mysql.
#pragma once

#include "services/cohorts/cohort_types.h"
#include "services/storage/sql.h"

// Selected from `cohorts c`.
#define CFT_COHORT_COLUMNS                                                                       \
  "c.id, c.organisation_id, c.name, c.template_id, c.status, c.cancel_reason, c.start_date, "  \
  "c.weekday, c.local_start_time, c.duration_minutes, c.time_zone, c.capacity, c.group_type, " \
  "c.created_at, c.created_by, c.updated_at"

namespace cft::cohorts::mysql_rows {

inline constexpr int kCohortColumns = 16;

// Reads the CFT_COHORT_COLUMNS that start at column `first`.
CohortRecord ReadCohort(const storage::Row& r, int first = 0);

}  // namespace cft::cohorts::mysql_rows
