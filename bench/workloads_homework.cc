#include <cppconn/prepared_statement.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/channels.h"
#include "bench/workloads.h"
#include "cft/v1/homework.grpc.pb.h"

namespace cft::bench {
namespace {

// Caller i is homework participant i % participants, over channel i % channels.
// With the default 32 callers and 32 participants each caller logs as
// someone of its own, so neither side queues on another caller's rows.
const HomeworkParticipant& ParticipantOf(const BenchEnv& env, int caller) {
  return env.fixture.homework[static_cast<size_t>(caller) % env.fixture.homework.size()];
}

// What every practice logged here says: this week's soothing rhythm breathing
// at the dose's length, distress 6 before and 3 after, helpfulness 7, the
// pacer's counts (in 4, out 6), no note. Its date and time are the minute the
// caller was made, in the group's zone: today, after the participant joined,
// and not in the future.
struct Practice {
  absl::CivilMinute local;
  absl::Time instant;
  int32_t minutes = 5;
};

absl::StatusOr<Practice> PracticeNow(const HomeworkParticipant& p) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(p.time_zone, &tz)) return absl::InternalError(absl::StrCat("unknown zone ", p.time_zone));
  Practice out;
  out.local = absl::CivilMinute(absl::ToCivilSecond(absl::Now(), tz));
  out.instant = absl::FromCivil(out.local, tz);
  if (p.dose_minutes > 0) out.minutes = p.dose_minutes;
  return out;
}

constexpr int32_t kDistressBefore = 6;
constexpr int32_t kDistressAfter = 3;
constexpr int32_t kHelpfulness = 7;
constexpr int32_t kInCount = 4;
constexpr int32_t kOutCount = 6;

std::string DbTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

// Keys are unique per caller and per process start, so no call is a replay,
// on either side, of a key used before.
std::string KeyPrefix(const char* side, int caller) {
  return absl::StrCat("bench-", side, "-", absl::ToUnixNanos(absl::Now()), "-", caller, "-");
}

// LogPractice over TLS, each call with a new idempotency key. A reply counts
// only if it is a new log (not a replay) of this assignment with a higher id
// than the caller's previous one.
class LogPracticeCaller final : public Caller {
 public:
  static absl::StatusOr<std::unique_ptr<Caller>> Make(const BenchEnv& env, int index) {
    const HomeworkParticipant& p = ParticipantOf(env, index);
    auto practice = PracticeNow(p);
    if (!practice.ok()) return practice.status();
    auto caller = std::unique_ptr<LogPracticeCaller>(new LogPracticeCaller());
    caller->stub_ = v1::HomeworkService::NewStub(env.cftd[static_cast<size_t>(index) % env.cftd.size()]);
    caller->token_ = p.token;
    caller->key_prefix_ = KeyPrefix("rpc", index);
    v1::LogPracticeRequest& r = caller->request_;
    r.set_assignment_id(p.assignment_id);
    const absl::CivilMinute at = practice->local;
    r.mutable_practised_on()->set_year(static_cast<int32_t>(at.year()));
    r.mutable_practised_on()->set_month(at.month());
    r.mutable_practised_on()->set_day(at.day());
    r.mutable_practised_at()->set_hour(at.hour());
    r.mutable_practised_at()->set_minute(at.minute());
    r.set_minutes(practice->minutes);
    r.set_distress_before(kDistressBefore);
    r.set_distress_after(kDistressAfter);
    r.set_helpfulness(kHelpfulness);
    v1::FieldValue* in = r.add_fields();
    in->set_key("in_count");
    in->set_number(kInCount);
    v1::FieldValue* out = r.add_fields();
    out->set_key("out_count");
    out->set_number(kOutCount);
    return std::unique_ptr<Caller>(std::move(caller));
  }

  CallOutcome Call() override {
    request_.set_idempotency_key(absl::StrCat(key_prefix_, ++sequence_));
    std::unique_ptr<grpc::ClientContext> ctx = NewContext(token_);
    v1::LogPracticeResponse response;
    const grpc::Status status = stub_->LogPractice(ctx.get(), request_, &response);
    if (!status.ok()) return CallOutcome{.error = ErrorKey(status)};
    if (response.replayed()) return CallOutcome{.error = "replayed"};
    const v1::PracticeLog& log = response.log();
    if (log.id() <= last_id_ || log.assignment_id() != request_.assignment_id() ||
        log.minutes() != request_.minutes() || log.fields_size() != request_.fields_size()) {
      return CallOutcome{.error = "unexpected reply"};
    }
    last_id_ = log.id();
    return CallOutcome{};
  }

 private:
  LogPracticeCaller() = default;
  std::unique_ptr<v1::HomeworkService::Stub> stub_;
  std::string token_;
  std::string key_prefix_;
  v1::LogPracticeRequest request_;
  int64_t sequence_ = 0;
  int64_t last_id_ = 0;
};

// The transaction LogPractice exists to commit, and nothing else: the log row,
// its two structured values and its audit row (with the detail column, NULL
// for a new log, as cftd writes it), with autocommit off and a durable commit.
// Statements are prepared once, and the new log's id reaches the values and
// the audit row through LAST_INSERT_ID() in the statements themselves: four
// round trips (three INSERTs and COMMIT), the fewest that write these rows.
class RawLogPracticeCaller final : public Caller {
 public:
  static absl::StatusOr<std::unique_ptr<Caller>> Make(const BenchEnv& env, int index) {
    const HomeworkParticipant& p = ParticipantOf(env, index);
    auto practice = PracticeNow(p);
    if (!practice.ok()) return practice.status();
    auto caller = std::unique_ptr<RawLogPracticeCaller>(new RawLogPracticeCaller());
    auto conn = OpenDb(env.db);
    if (!conn.ok()) return conn.status();
    caller->conn_ = *std::move(conn);
    caller->participant_ = p;
    caller->organisation_id_ = env.fixture.organisation_id;
    caller->practice_ = *practice;
    const absl::CivilMinute& m = practice->local;
    caller->local_text_ = absl::StrFormat("%04d-%02d-%02d %02d:%02d:00", m.year(), m.month(), m.day(), m.hour(),
                                          m.minute());
    caller->key_prefix_ = KeyPrefix("raw", index);
    try {
      caller->log_.reset(caller->conn_->prepareStatement(
          "INSERT INTO practice_logs (assignment_id, cohort_id, enrolment_id, user_id, idempotency_key, request_hash, "
          "practised_local, practised_at, minutes, distress_before, distress_after, helpfulness, note, shared, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      caller->values_.reset(caller->conn_->prepareStatement(
          "INSERT INTO practice_log_values (log_id, field_key, position, value_type, text_value, number_value) "
          "VALUES (LAST_INSERT_ID(), ?, ?, ?, ?, ?), (LAST_INSERT_ID(), ?, ?, ?, ?, ?)"));
      caller->audit_.reset(caller->conn_->prepareStatement(kRawAuditOfNewRow));
    } catch (const sql::SQLException& e) {
      return absl::InternalError(absl::StrCat("prepare: ", e.what()));
    }
    return std::unique_ptr<Caller>(std::move(caller));
  }

  CallOutcome Call() override {
    EnsureDbThread();
    const std::string now = DbTime(absl::Now());
    const HomeworkParticipant& p = participant_;
    return CallOutcome{.error = InRawTransaction(*conn_, [&] {
      log_->setInt64(1, p.assignment_id);
      log_->setInt64(2, p.cohort_id);
      log_->setInt64(3, p.enrolment_id);
      log_->setInt64(4, p.user_id);
      log_->setString(5, absl::StrCat(key_prefix_, ++sequence_));
      // cftd stores the hex SHA-256 of the request; the ceiling pays for the column, not the hash.
      log_->setString(6, kRequestHash);
      log_->setDateTime(7, local_text_);
      log_->setDateTime(8, DbTime(practice_.instant));
      log_->setInt(9, practice_.minutes);
      log_->setInt(10, kDistressBefore);
      log_->setInt(11, kDistressAfter);
      log_->setInt(12, kHelpfulness);
      log_->setNull(13, sql::DataType::VARCHAR);
      log_->setBoolean(14, false);
      log_->setDateTime(15, now);
      log_->setDateTime(16, now);
      log_->executeUpdate();
      const std::pair<const char*, int32_t> fields[] = {{"in_count", kInCount}, {"out_count", kOutCount}};
      for (int i = 0; i < 2; ++i) {
        const int v = 5 * i;
        values_->setString(v + 1, fields[i].first);
        values_->setInt(v + 2, i);
        values_->setString(v + 3, "number");
        values_->setNull(v + 4, sql::DataType::VARCHAR);
        values_->setInt(v + 5, fields[i].second);
      }
      values_->executeUpdate();
      // Not the RPC's name: these rows are the bench's, not a participant's.
      BindRawAudit(*audit_, now, organisation_id_, p.user_id, "participant", "bench raw LogPractice ceiling",
                   "practice_log");
      audit_->executeUpdate();
    })};
  }

 private:
  static constexpr char kRequestHash[] = "7f83b1657ff1fc53b92dc18148a1d65dfc2d4b1fa3d677284addd200126d9069";
  RawLogPracticeCaller() = default;
  std::unique_ptr<sql::Connection> conn_;
  std::unique_ptr<sql::PreparedStatement> log_;
  std::unique_ptr<sql::PreparedStatement> values_;
  std::unique_ptr<sql::PreparedStatement> audit_;
  HomeworkParticipant participant_;
  int64_t organisation_id_ = 0;
  Practice practice_;
  // practised_local as the zone-less DATETIME cftd stores.
  std::string local_text_;
  std::string key_prefix_;
  int64_t sequence_ = 0;
};

}  // namespace

void RegisterHomework(Registry& registry, const BenchEnv& env) {
  if (env.fixture.homework.empty()) return;
  registry.Add(Workload{
      .name = "raw LogPractice",
      .side = Side::kCeiling,
      .make_caller = [&env](const CallerSlot& slot) { return RawLogPracticeCaller::Make(env, slot.index); },
  });
  registry.Add(Workload{
      .name = "LogPractice",
      .ceiling = "raw LogPractice",
      .target_ratio = 0.70,
      .target_p99_ms = 25,
      .make_caller = [&env](const CallerSlot& slot) { return LogPracticeCaller::Make(env, slot.index); },
  });
}

}  // namespace cft::bench
