#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/channels.h"
#include "bench/workloads.h"
#include "cft/v1/measure.grpc.pb.h"

namespace cft::bench {
namespace {

constexpr char kPhq9[] = "phq9";

// Every PHQ-9 answered here: moderate symptoms (total 11, "Moderate", at the
// caseness cut-off or above), item 9 "Not at all", so no risk rule fires and
// no alert is written; the same answers at each time point, so no reliable
// deterioration either. The difficulty item is answered but not scored.
struct Item {
  const char* code;
  int32_t value;
};
constexpr Item kAnswers[] = {{"phq9_1", 2}, {"phq9_2", 1}, {"phq9_3", 2}, {"phq9_4", 1}, {"phq9_5", 1},
                             {"phq9_6", 2}, {"phq9_7", 1}, {"phq9_8", 1}, {"phq9_9", 0}, {"phq9_difficulty", 1}};
// What cftd's scoring makes of them (phq9.textproto): the one score row.
constexpr double kTotal = 11;
constexpr char kBand[] = "Moderate";
constexpr int32_t kBandSeverity = 2;
constexpr int32_t kScoredItems = 9;

std::string DbTime(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone()); }

// Keys are unique per caller and per process start, so no call is a replay.
std::string KeyPrefix(const char* side, int caller) {
  return absl::StrCat("bench-", side, "-", absl::ToUnixNanos(absl::Now()), "-", caller, "-");
}

// Caller i of n answers as participants i, i + n, i + 2n, ...: each
// participant's time points in order (baseline first), then the next one's.
// Two callers never share a participant, so neither side queues on another's rows.
std::vector<const MeasureParticipant*> ParticipantsOf(const BenchEnv& env, const CallerSlot& slot) {
  std::vector<const MeasureParticipant*> out;
  for (size_t p = static_cast<size_t>(slot.index); p < env.measures.participants.size();
       p += static_cast<size_t>(slot.callers)) {
    out.push_back(&env.measures.participants[p]);
  }
  return out;
}

// Once a caller has answered every open time point of its participants it can
// make no more valid calls: each further call is an error under this key, so
// a run with too few participants says so instead of measuring refusals.
constexpr char kExhausted[] = "no open time point left (raise CFT_BENCH_MEASURE_PARTICIPANTS)";

// SubmitResponse over TLS: a new idempotency key per call; a reply counts only
// if it is a new response for the time point asked, scored as expected, with
// no alert and a higher id than the caller's previous one.
class SubmitResponseCaller final : public Caller {
 public:
  static absl::StatusOr<std::unique_ptr<Caller>> Make(const BenchEnv& env, const CallerSlot& slot) {
    auto caller = std::unique_ptr<SubmitResponseCaller>(new SubmitResponseCaller());
    caller->participants_ = ParticipantsOf(env, slot);
    if (caller->participants_.empty()) return absl::FailedPreconditionError("no measures participant for this caller");
    caller->stub_ = v1::MeasureService::NewStub(env.cftd[static_cast<size_t>(slot.index) % env.cftd.size()]);
    caller->keys_ = &env.measures.time_point_keys;
    caller->key_prefix_ = KeyPrefix("rpc", slot.index);
    v1::SubmitResponseRequest& r = caller->request_;
    r.set_instrument_key(kPhq9);
    r.set_instrument_version(env.measures.phq9_version);
    for (const Item& i : kAnswers) {
      v1::Answer* a = r.add_answers();
      a->set_item_code(i.code);
      a->set_value(i.value);
    }
    return std::unique_ptr<Caller>(std::move(caller));
  }

  CallOutcome Call() override {
    const size_t per = keys_->size();
    if (next_ >= participants_.size() * per) {
      // Not a busy loop: a caller with nothing left to send must not take
      // the cores from those still measuring.
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return CallOutcome{.error = kExhausted};
    }
    const MeasureParticipant& p = *participants_[next_ / per];
    const std::string& time_point = (*keys_)[next_ % per];
    ++next_;
    request_.set_time_point_key(time_point);
    request_.set_idempotency_key(absl::StrCat(key_prefix_, next_));
    std::unique_ptr<grpc::ClientContext> ctx = NewContext(p.token);
    v1::SubmitResponseResponse response;
    const grpc::Status status = stub_->SubmitResponse(ctx.get(), request_, &response);
    if (!status.ok()) return CallOutcome{.error = ErrorKey(status)};
    const v1::MeasureResponse& m = response.response();
    if (response.risk_rule_fired() || m.id() <= last_id_ || m.enrolment_id() != p.enrolment_id ||
        m.time_point_key() != time_point || m.answers_size() != request_.answers_size() || m.scores_size() != 1 ||
        !m.scores(0).has_value() || m.scores(0).value() != kTotal) {
      return CallOutcome{.error = "unexpected reply"};
    }
    last_id_ = m.id();
    return CallOutcome{};
  }

 private:
  SubmitResponseCaller() = default;
  std::unique_ptr<v1::MeasureService::Stub> stub_;
  std::vector<const MeasureParticipant*> participants_;
  const std::vector<std::string>* keys_ = nullptr;
  std::string key_prefix_;
  v1::SubmitResponseRequest request_;
  size_t next_ = 0;
  int64_t last_id_ = 0;
};

// The transaction SubmitResponse exists to commit, and nothing else: the
// response row, its ten answers, its score, the idempotency key and the audit
// row, with autocommit off and a durable commit. Statements are prepared once;
// the response's id reaches the other rows through LAST_INSERT_ID() (only
// measure_responses has an AUTO_INCREMENT column before the audit row): six
// round trips, five INSERTs and COMMIT, the fewest that write these rows.
// It writes as participants of its own (MeasureFixture::raw_participants),
// one per caller, under time point keys of its own ("raw-<caller>-<n>", as
// long as cftd's), since one enrolment holds one response per instrument and
// time point.
class RawSubmitResponseCaller final : public Caller {
 public:
  static absl::StatusOr<std::unique_ptr<Caller>> Make(const BenchEnv& env, const CallerSlot& slot) {
    const std::vector<MeasureParticipant>& raw = env.measures.raw_participants;
    if (raw.empty()) return absl::FailedPreconditionError("no raw ceiling participants in the measures fixture");
    auto caller = std::unique_ptr<RawSubmitResponseCaller>(new RawSubmitResponseCaller());
    auto conn = OpenDb(env.db);
    if (!conn.ok()) return conn.status();
    caller->conn_ = *std::move(conn);
    caller->participant_ = raw[static_cast<size_t>(slot.index) % raw.size()];
    caller->organisation_id_ = env.measures.organisation_id;
    caller->version_ = env.measures.phq9_version;
    caller->label_ = env.measures.time_point_labels.back();
    caller->key_prefix_ = KeyPrefix("raw", slot.index);
    caller->time_point_prefix_ = absl::StrCat("raw-", slot.index, "-");
    try {
      // The checksum cftd pins a response to, as cftctl migrate registered it.
      std::unique_ptr<sql::PreparedStatement> q(caller->conn_->prepareStatement(
          "SELECT checksum FROM instrument_versions WHERE instrument_key = ? AND version = ?"));
      q->setString(1, kPhq9);
      q->setInt(2, caller->version_);
      std::unique_ptr<sql::ResultSet> rs(q->executeQuery());
      if (!rs->next()) return absl::NotFoundError("the PHQ-9's version is not in instrument_versions");
      caller->checksum_ = rs->getString(1);
      caller->conn_->commit();
      caller->response_.reset(caller->conn_->prepareStatement(
          "INSERT INTO measure_responses (organisation_id, cohort_id, enrolment_id, instrument_key, "
          "instrument_version, definition_checksum, time_point_key, time_point_label, time_point_kind, week_number, "
          "session_id, completed_at, submitted_at, entry_mode, entered_by, keyed_as) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      std::string answers = "INSERT INTO measure_answers (response_id, position, item_code, value, keyed_value) VALUES ";
      for (size_t i = 0; i < std::size(kAnswers); ++i) {
        absl::StrAppend(&answers, i ? ", " : "", "(LAST_INSERT_ID(), ?, ?, ?, ?)");
      }
      caller->answers_.reset(caller->conn_->prepareStatement(answers));
      caller->scores_.reset(caller->conn_->prepareStatement(
          "INSERT INTO measure_scores (response_id, position, score_key, value, items_answered, item_count, prorated, "
          "band_label, band_severity, caseness) VALUES (LAST_INSERT_ID(), ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      caller->key_.reset(caller->conn_->prepareStatement(
          "INSERT INTO idempotency_keys (user_id, method, idempotency_key, request_hash, target_id, created_at) "
          "VALUES (?, ?, ?, ?, LAST_INSERT_ID(), ?)"));
      caller->audit_.reset(caller->conn_->prepareStatement(kRawAuditOfNewRow));
    } catch (const sql::SQLException& e) {
      return absl::InternalError(absl::StrCat("prepare: ", e.what()));
    }
    return std::unique_ptr<Caller>(std::move(caller));
  }

  CallOutcome Call() override {
    EnsureDbThread();
    const std::string now = DbTime(absl::Now());
    const MeasureParticipant& p = participant_;
    ++sequence_;
    return CallOutcome{.error = InRawTransaction(*conn_, [&] {
      response_->setInt64(1, organisation_id_);
      response_->setInt64(2, p.cohort_id);
      response_->setInt64(3, p.enrolment_id);
      response_->setString(4, kPhq9);
      response_->setInt(5, version_);
      response_->setString(6, checksum_);
      response_->setString(7, absl::StrCat(time_point_prefix_, sequence_));
      response_->setString(8, label_);
      response_->setString(9, "mid");
      response_->setInt(10, 1);
      response_->setInt64(11, p.session_id);
      response_->setDateTime(12, now);
      response_->setDateTime(13, now);
      response_->setString(14, "online");
      response_->setInt64(15, p.user_id);
      response_->setNull(16, sql::DataType::VARCHAR);
      response_->executeUpdate();
      int k = 1;
      for (size_t i = 0; i < std::size(kAnswers); ++i) {
        answers_->setInt(k++, static_cast<int32_t>(i));
        answers_->setString(k++, kAnswers[i].code);
        answers_->setInt(k++, kAnswers[i].value);
        answers_->setNull(k++, sql::DataType::INTEGER);
      }
      answers_->executeUpdate();
      scores_->setInt(1, 0);
      scores_->setString(2, "total");
      scores_->setDouble(3, kTotal);
      scores_->setInt(4, kScoredItems);
      scores_->setInt(5, kScoredItems);
      scores_->setBoolean(6, false);
      scores_->setString(7, kBand);
      scores_->setInt(8, kBandSeverity);
      scores_->setBoolean(9, true);
      scores_->executeUpdate();
      key_->setInt64(1, p.user_id);
      // Not the RPC's name: these rows are the bench's, not a participant's.
      key_->setString(2, kMethod);
      key_->setString(3, absl::StrCat(key_prefix_, sequence_));
      // cftd stores the hex SHA-256 of the request; the ceiling pays for the column, not the hash.
      key_->setString(4, kRequestHash);
      key_->setDateTime(5, now);
      key_->executeUpdate();
      BindRawAudit(*audit_, now, organisation_id_, p.user_id, "participant", kMethod, "measure_response");
      audit_->executeUpdate();
    })};
  }

 private:
  static constexpr char kMethod[] = "bench raw SubmitResponse ceiling";
  static constexpr char kRequestHash[] = "7f83b1657ff1fc53b92dc18148a1d65dfc2d4b1fa3d677284addd200126d9069";
  RawSubmitResponseCaller() = default;
  std::unique_ptr<sql::Connection> conn_;
  std::unique_ptr<sql::PreparedStatement> response_;
  std::unique_ptr<sql::PreparedStatement> answers_;
  std::unique_ptr<sql::PreparedStatement> scores_;
  std::unique_ptr<sql::PreparedStatement> key_;
  std::unique_ptr<sql::PreparedStatement> audit_;
  MeasureParticipant participant_;
  int64_t organisation_id_ = 0;
  int32_t version_ = 0;
  std::string checksum_;
  std::string label_;
  std::string key_prefix_;
  std::string time_point_prefix_;
  int64_t sequence_ = 0;
};

}  // namespace

void RegisterMeasures(Registry& registry, const BenchEnv& env) {
  if (env.measures.participants.empty()) return;
  registry.Add(Workload{
      .name = "raw SubmitResponse",
      .side = Side::kCeiling,
      .make_caller = [&env](const CallerSlot& slot) { return RawSubmitResponseCaller::Make(env, slot); },
  });
  registry.Add(Workload{
      .name = "SubmitResponse",
      .ceiling = "raw SubmitResponse",
      .target_ratio = 0.60,
      .make_caller = [&env](const CallerSlot& slot) { return SubmitResponseCaller::Make(env, slot); },
  });
}

}  // namespace cft::bench
