#include "services/cohorts/mysql_repositories.h"
#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::cohorts {
namespace {

using storage::Nullable;
using storage::Row;
using storage::Sql;
using storage::SqlStatement;
using storage::SqlValue;

// cancel_reason is TEXT; read as the VARCHAR(500) its validation bounds it
// to (nothing else writes it): sorting rows that carry a TEXT, or a VARCHAR
// over 512 characters, makes MariaDB use an on-disk temporary table.
#define CFT_SESSION_COLUMNS                                                                    \
  "s.id, s.cohort_id, s.week_number, s.local_start, s.time_zone, s.starts_at, "               \
  "s.duration_minutes, s.status, CAST(s.cancel_reason AS CHAR(500)), s.sequence, s.held_at, s.updated_at, " \
  "s.planned_local_start"

// One pass over the cohort's registers, grouped by session: no row carries a
// TEXT (see above), so the grouping table stays in memory.
constexpr SqlStatement kListSessions{
    "ListSessions",
    "SELECT " CFT_SESSION_COLUMNS ", "
    "COALESCE(SUM(a.status = 'present'), 0), COALESCE(SUM(a.status = 'late'), 0), "
    "COALESCE(SUM(a.status = 'absent'), 0), COALESCE(SUM(a.status = 'excused'), 0) "
    "FROM cohort_sessions s LEFT JOIN attendance a ON a.session_id = s.id "
    "WHERE s.cohort_id = ? GROUP BY s.id ORDER BY s.starts_at, s.id"};
constexpr SqlStatement kFindSession{
    "FindSession", "SELECT " CFT_SESSION_COLUMNS ", 0, 0, 0, 0 FROM cohort_sessions s WHERE s.id = ?"};
constexpr SqlStatement kListAttendance{
    "ListAttendance",
    "SELECT a.enrolment_id, a.status, CAST(a.note AS CHAR(500)), r.name FROM attendance a "
    "JOIN enrolments e ON e.id = a.enrolment_id JOIN referrals r ON r.id = e.referral_id "
    "WHERE a.session_id = ? ORDER BY r.name, a.enrolment_id"};
constexpr SqlStatement kAttendanceOf{
    "AttendanceOf", "SELECT session_id, status FROM attendance WHERE enrolment_id = ?"};

constexpr char kSessionInsertColumns[] =
    "INSERT INTO cohort_sessions (id, cohort_id, week_number, live_week, local_start, time_zone, "
    "starts_at, duration_minutes, status, cancel_reason, sequence, held_at, updated_at, planned_local_start) VALUES ";
constexpr int kSessionInsertColumnCount = 14;

Session ReadSession(const Row& r) {
  Session s;
  s.id = r.Int(0);
  s.cohort_id = r.Int(1);
  s.week_number = static_cast<int>(r.Int(2));
  s.local_start = r.Civil(3);
  s.time_zone = r.Str(4);
  s.starts_at = r.Time(5);
  s.duration_minutes = static_cast<int>(r.Int(6));
  s.status = SessionStatusFromName(r.Str(7)).value_or(SessionStatus::kScheduled);
  s.cancel_reason = r.OptStr(8).value_or("");
  s.sequence = static_cast<int>(r.Int(9));
  s.held_at = r.OptTime(10);
  s.updated_at = r.Time(11);
  s.planned_local_start = r.IsNull(12) ? s.local_start : r.Civil(12);
  s.attendance = AttendanceCounts{.present = static_cast<int>(r.Int(13)),
                                  .late = static_cast<int>(r.Int(14)),
                                  .absent = static_cast<int>(r.Int(15)),
                                  .excused = static_cast<int>(r.Int(16))};
  return s;
}

void AppendSession(std::vector<SqlValue>& values, const Session& s, absl::Time now) {
  const bool live = s.status != SessionStatus::kCancelled;
  values.insert(values.end(),
                {s.id == 0 ? SqlValue(nullptr) : SqlValue(s.id), s.cohort_id, int64_t{s.week_number},
                 live ? SqlValue(int64_t{s.week_number}) : SqlValue(nullptr), s.local_start,
                 s.time_zone, s.starts_at, int64_t{s.duration_minutes}, std::string(Name(s.status)),
                 s.cancel_reason.empty() ? SqlValue(nullptr) : SqlValue(s.cancel_reason),
                 int64_t{s.sequence}, Nullable(s.held_at), now,
                 s.planned_local_start == s.local_start ? SqlValue(nullptr) : SqlValue(s.planned_local_start)});
}

}  // namespace

absl::Status MySqlSessionRepository::SaveSessions(UnitOfWork& uow, const std::vector<Session>& sessions,
                                                  absl::Time now) {
  // Two statements at most, whatever the number of sessions: an upsert by
  // primary key for the changed ones (VALUES() reads the new row; MySQL 8
  // deprecates it but both servers accept it), then a plain INSERT for new
  // ones, so a duplicate live week fails loudly instead of updating a row.
  std::vector<SqlValue> updates;
  std::vector<SqlValue> inserts;
  size_t n_updates = 0;
  size_t n_inserts = 0;
  for (const Session& s : sessions) {
    if (s.id != 0) {
      AppendSession(updates, s, now);
      ++n_updates;
    } else {
      AppendSession(inserts, s, now);
      ++n_inserts;
    }
  }
  auto& sql = Sql(uow);
  if (n_updates > 0) {
    RETURN_IF_ERROR(
        sql.ExecuteDynamic(
               "UpdateSessions",
               kSessionInsertColumns + storage::PlaceholderRows(n_updates, kSessionInsertColumnCount) +
                   " ON DUPLICATE KEY UPDATE week_number = VALUES(week_number), "
                   "live_week = VALUES(live_week), local_start = VALUES(local_start), "
                   "time_zone = VALUES(time_zone), starts_at = VALUES(starts_at), "
                   "duration_minutes = VALUES(duration_minutes), status = VALUES(status), "
                   "cancel_reason = VALUES(cancel_reason), sequence = VALUES(sequence), "
                   "held_at = VALUES(held_at), updated_at = VALUES(updated_at), "
                   "planned_local_start = VALUES(planned_local_start)",
               updates)
            .status());
  }
  if (n_inserts > 0) {
    RETURN_IF_ERROR(sql.ExecuteDynamic("InsertSessions",
                                       kSessionInsertColumns +
                                           storage::PlaceholderRows(n_inserts, kSessionInsertColumnCount),
                                       inserts)
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Session>> MySqlSessionRepository::ListSessions(UnitOfWork& uow, int64_t cohort_id) {
  std::vector<Session> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListSessions, {cohort_id}, [&](const Row& r) {
    out.push_back(ReadSession(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::optional<Session>> MySqlSessionRepository::FindSession(UnitOfWork& uow, int64_t session_id) {
  std::optional<Session> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindSession, {session_id}, [&](const Row& r) {
    out = ReadSession(r);
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlSessionRepository::PutAttendance(UnitOfWork& uow, int64_t session_id,
                                                   const std::vector<AttendanceRecord>& entries,
                                                   absl::Time now, int64_t recorded_by) {
  if (entries.empty()) return absl::OkStatus();
  std::vector<SqlValue> values;
  for (const AttendanceRecord& a : entries) {
    values.insert(values.end(), {session_id, a.enrolment_id, std::string(Name(a.status)), a.note, now, recorded_by});
  }
  return Sql(uow)
      .ExecuteDynamic("PutAttendance",
                      "INSERT INTO attendance (session_id, enrolment_id, status, note, recorded_at, "
                      "recorded_by) VALUES " +
                          storage::PlaceholderRows(entries.size(), 6) +
                          " ON DUPLICATE KEY UPDATE status = VALUES(status), note = VALUES(note), "
                          "recorded_at = VALUES(recorded_at), recorded_by = VALUES(recorded_by)",
                      values)
      .status();
}

absl::StatusOr<std::vector<AttendanceRecord>> MySqlSessionRepository::ListAttendance(UnitOfWork& uow,
                                                                                     int64_t session_id) {
  std::vector<AttendanceRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListAttendance, {session_id}, [&](const Row& r) {
    out.push_back(AttendanceRecord{.enrolment_id = r.Int(0),
                                   .status = AttendanceStatusFromName(r.Str(1)).value_or(AttendanceStatus::kPresent),
                                   .note = r.Str(2),
                                   .participant_name = r.Str(3)});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::map<int64_t, AttendanceStatus>> MySqlSessionRepository::AttendanceOf(UnitOfWork& uow,
                                                                                         int64_t enrolment_id) {
  std::map<int64_t, AttendanceStatus> out;
  RETURN_IF_ERROR(Sql(uow).Query(kAttendanceOf, {enrolment_id}, [&](const Row& r) {
    out[r.Int(0)] = AttendanceStatusFromName(r.Str(1)).value_or(AttendanceStatus::kPresent);
    return absl::OkStatus();
  }));
  return out;
}

namespace {

// The cohort's sessions by ix_cohort_sessions_cohort_start, then each one's
// register by the attendance primary key.
constexpr SqlStatement kCohortAttendance{
    "CohortAttendance",
    "SELECT a.session_id, a.enrolment_id, a.status FROM cohort_sessions s "
    "JOIN attendance a ON a.session_id = s.id WHERE s.cohort_id = ?"};

}  // namespace

absl::StatusOr<std::map<int64_t, std::map<int64_t, AttendanceStatus>>> MySqlSessionRepository::CohortAttendance(
    UnitOfWork& uow, int64_t cohort_id) {
  std::map<int64_t, std::map<int64_t, AttendanceStatus>> out;
  RETURN_IF_ERROR(Sql(uow).Query(kCohortAttendance, {cohort_id}, [&](const Row& r) {
    out[r.Int(0)][r.Int(1)] = AttendanceStatusFromName(r.Str(2)).value_or(AttendanceStatus::kPresent);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace cft::cohorts
