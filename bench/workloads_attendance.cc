#include <cppconn/prepared_statement.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/unary_caller.h"
#include "bench/workloads.h"
#include "cft/v1/calendar.grpc.pb.h"

namespace cft::bench {
namespace {

// Caller i records the register of one session of its own: cohort i % cohorts,
// week i / cohorts. Two callers never write the same rows, so both the RPC
// and its ceiling measure commits, not row-lock queues. Callers of one cohort
// do share its row lock in cftd (RecordAttendance locks the cohort), which is
// part of what the RPC costs.
struct Target {
  const MeasuredCohort* cohort;
  size_t session_index;
};

Target TargetOf(const BenchEnv& env, int caller) {
  const size_t n = env.fixture.cohorts.size();
  const MeasuredCohort& c = env.fixture.cohorts[static_cast<size_t>(caller) % n];
  return Target{&c, (static_cast<size_t>(caller) / n) % c.session_ids.size()};
}

std::string DbNow() { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", absl::Now(), absl::UTCTimeZone()); }

const char* StatusName(v1::AttendanceStatus s) {
  switch (s) {
    case v1::ATTENDANCE_LATE: return "late";
    case v1::ATTENDANCE_ABSENT: return "absent";
    case v1::ATTENDANCE_EXCUSED: return "excused";
    default: return "present";
  }
}

// The transaction RecordAttendance exists to commit, and nothing else: the
// register's rows (the same upsert cftd sends) and one audit row, with
// autocommit off and a durable commit. Statements are prepared once, the best
// a client of this driver can do.
class RawAttendanceCaller final : public Caller {
 public:
  static absl::StatusOr<std::unique_ptr<Caller>> Make(const BenchEnv& env, const Target& t) {
    auto caller = std::unique_ptr<RawAttendanceCaller>(new RawAttendanceCaller());
    auto conn = OpenDb(env.db);
    if (!conn.ok()) return conn.status();
    caller->conn_ = *std::move(conn);
    caller->register_ = RegisterFor(*t.cohort, t.session_index);
    caller->organisation_id_ = env.fixture.organisation_id;
    caller->user_id_ = t.cohort->lead_user_id;
    std::string upsert =
        "INSERT INTO attendance (session_id, enrolment_id, status, note, recorded_at, recorded_by) VALUES ";
    for (int i = 0; i < caller->register_.entries_size(); ++i) absl::StrAppend(&upsert, i ? ", " : "", "(?, ?, ?, ?, ?, ?)");
    absl::StrAppend(&upsert,
                    " ON DUPLICATE KEY UPDATE status = VALUES(status), note = VALUES(note), "
                    "recorded_at = VALUES(recorded_at), recorded_by = VALUES(recorded_by)");
    try {
      caller->upsert_.reset(caller->conn_->prepareStatement(upsert));
      caller->audit_.reset(caller->conn_->prepareStatement(
          "INSERT INTO audit_log (occurred_at, organisation_id, actor_user_id, actor_role, method, "
          "target_type, target_id, status_code, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    } catch (const sql::SQLException& e) {
      return absl::InternalError(absl::StrCat("prepare: ", e.what()));
    }
    return std::unique_ptr<Caller>(std::move(caller));
  }

  CallOutcome Call() override {
    EnsureDbThread();
    const std::string now = DbNow();
    return CallOutcome{.error = InRawTransaction(*conn_, [&] {
      int p = 1;
      for (const v1::AttendanceEntry& e : register_.entries()) {
        upsert_->setInt64(p++, register_.session_id());
        upsert_->setInt64(p++, e.enrolment_id());
        upsert_->setString(p++, StatusName(e.status()));
        upsert_->setString(p++, e.note());
        upsert_->setDateTime(p++, now);
        upsert_->setInt64(p++, user_id_);
      }
      upsert_->executeUpdate();
      audit_->setDateTime(1, now);
      audit_->setInt64(2, organisation_id_);
      audit_->setInt64(3, user_id_);
      audit_->setString(4, "clinician");
      // Not the RPC's name: these rows are the bench's, not a clinician's.
      audit_->setString(5, "bench raw RecordAttendance ceiling");
      audit_->setString(6, "session");
      audit_->setString(7, absl::StrCat(register_.session_id()));
      audit_->setInt(8, 0);
      audit_->setString(9, "127.0.0.1");
      audit_->executeUpdate();
    })};
  }

 private:
  RawAttendanceCaller() = default;
  std::unique_ptr<sql::Connection> conn_;
  std::unique_ptr<sql::PreparedStatement> upsert_;
  std::unique_ptr<sql::PreparedStatement> audit_;
  v1::RecordAttendanceRequest register_;
  int64_t organisation_id_ = 0;
  int64_t user_id_ = 0;
};

}  // namespace

void RegisterAttendance(Registry& registry, const BenchEnv& env) {
  registry.Add(Workload{
      .name = "raw RecordAttendance",
      .side = Side::kCeiling,
      .make_caller = [&env](const CallerSlot& slot) { return RawAttendanceCaller::Make(env, TargetOf(env, slot.index)); },
  });
  registry.Add(Workload{
      .name = "RecordAttendance",
      .ceiling = "raw RecordAttendance",
      .target_ratio = 0.70,
      .make_caller = [&env](const CallerSlot& slot) -> absl::StatusOr<std::unique_ptr<Caller>> {
        const Target t = TargetOf(env, slot.index);
        const int rows = static_cast<int>(t.cohort->enrolment_ids.size());
        return MakeUnaryCaller<v1::CalendarService>(
            env.cftd[static_cast<size_t>(slot.index) % env.cftd.size()], &v1::CalendarService::Stub::RecordAttendance,
            t.cohort->lead_token, RegisterFor(*t.cohort, t.session_index),
            [rows](const v1::RecordAttendanceResponse& r) { return r.register__size() == rows; });
      },
  });
}

}  // namespace cft::bench
