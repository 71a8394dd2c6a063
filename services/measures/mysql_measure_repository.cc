#include "services/measures/mysql_measure_repository.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::measures {
namespace {

using storage::Row;
using storage::Sql;
using storage::SqlStatement;
using storage::SqlValue;

constexpr SqlStatement kListVersions{"ListInstrumentVersions",
                                     "SELECT instrument_key, version, checksum FROM instrument_versions"};
constexpr SqlStatement kInsertVersion{
    "InsertInstrumentVersion",
    "INSERT INTO instrument_versions (instrument_key, version, checksum, title, loaded_at) VALUES (?, ?, ?, ?, ?)"};

constexpr SqlStatement kFindSettings{
    "FindMeasureSettings",
    "SELECT crisis_text, red_response_minutes, amber_response_minutes FROM measure_settings WHERE organisation_id = ?"};
constexpr SqlStatement kPutSettings{
    "PutMeasureSettings",
    "INSERT INTO measure_settings (organisation_id, crisis_text, red_response_minutes, amber_response_minutes, "
    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE crisis_text = VALUES(crisis_text), "
    "red_response_minutes = VALUES(red_response_minutes), amber_response_minutes = VALUES(amber_response_minutes), "
    "updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)"};

constexpr SqlStatement kFindItemTexts{
    "FindInstrumentItemTexts",
    "SELECT item_code, text FROM instrument_item_texts WHERE organisation_id = ? AND instrument_key = ?"};
constexpr SqlStatement kInstrumentsWithText{
    "InstrumentsWithItemText", "SELECT instrument_key FROM instrument_licences WHERE organisation_id = ?"};
constexpr SqlStatement kDeleteItemTexts{
    "DeleteInstrumentItemTexts", "DELETE FROM instrument_item_texts WHERE organisation_id = ? AND instrument_key = ?"};
constexpr SqlStatement kPutLicence{
    "PutInstrumentLicence",
    "INSERT INTO instrument_licences (organisation_id, instrument_key, licence_note, loaded_at, loaded_by) "
    "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE licence_note = VALUES(licence_note), "
    "loaded_at = VALUES(loaded_at), loaded_by = VALUES(loaded_by)"};

constexpr SqlStatement kListReliableChange{
    "ListReliableChangeSettings",
    "SELECT instrument_key, score_key, sd, reliability, reliability_type, z, source FROM reliable_change_settings "
    "WHERE organisation_id = ? AND (? = '' OR instrument_key = ?)"};
constexpr SqlStatement kPutReliableChange{
    "PutReliableChangeSettings",
    "INSERT INTO reliable_change_settings (organisation_id, instrument_key, score_key, sd, reliability, "
    "reliability_type, z, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE sd = VALUES(sd), reliability = VALUES(reliability), "
    "reliability_type = VALUES(reliability_type), z = VALUES(z), source = VALUES(source), "
    "updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)"};

// The plan and its time points in one statement (every participant's due
// list and every submission reads them). No ORDER BY: sorting the inner side
// of an outer join costs MariaDB a temporary table, and the dozen rows are
// put in position order here instead.
constexpr SqlStatement kFindPlan{
    "FindMeasurementPlan",
    "SELECT p.session_monitor_enabled, p.session_monitor_instruments, p.session_monitor_opens_days_before, "
    "t.time_point_key, t.label, t.kind, t.week, t.weeks_after_last_session, t.opens_days_before, "
    "t.closes_days_after, t.instrument_keys, t.position FROM measurement_plans p "
    "LEFT JOIN measurement_time_points t ON t.cohort_id = p.cohort_id WHERE p.cohort_id = ?"};
constexpr SqlStatement kPutPlan{
    "PutMeasurementPlan",
    "INSERT INTO measurement_plans (cohort_id, session_monitor_enabled, session_monitor_instruments, "
    "session_monitor_opens_days_before, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE session_monitor_enabled = VALUES(session_monitor_enabled), "
    "session_monitor_instruments = VALUES(session_monitor_instruments), "
    "session_monitor_opens_days_before = VALUES(session_monitor_opens_days_before), "
    "updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)"};
constexpr SqlStatement kDeleteTimePoints{"DeleteMeasurementTimePoints",
                                         "DELETE FROM measurement_time_points WHERE cohort_id = ?"};

#define CFT_RESPONSE_COLUMNS                                                                                 \
  "r.id, r.organisation_id, r.cohort_id, r.enrolment_id, r.instrument_key, r.instrument_version, "          \
  "r.definition_checksum, r.time_point_key, r.time_point_label, r.time_point_kind, r.week_number, "          \
  "r.session_id, r.completed_at, r.submitted_at, r.entry_mode, r.entered_by, r.keyed_as"

constexpr SqlStatement kInsertResponse{
    "InsertMeasureResponse",
    "INSERT INTO measure_responses (organisation_id, cohort_id, enrolment_id, instrument_key, instrument_version, "
    "definition_checksum, time_point_key, time_point_label, time_point_kind, week_number, session_id, completed_at, "
    "submitted_at, entry_mode, entered_by, keyed_as) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr SqlStatement kFindResponse{"FindMeasureResponse",
                                     "SELECT " CFT_RESPONSE_COLUMNS " FROM measure_responses r WHERE r.id = ?"};
constexpr SqlStatement kFindResponseAt{
    "FindMeasureResponseAt",
    "SELECT " CFT_RESPONSE_COLUMNS " FROM measure_responses r "
    "WHERE r.enrolment_id = ? AND r.instrument_key = ? AND r.time_point_key = ?"};
constexpr SqlStatement kFindAnswers{
    "FindMeasureAnswers", "SELECT item_code, value, keyed_value FROM measure_answers WHERE response_id = ? ORDER BY position"};
constexpr SqlStatement kFindScores{
    "FindMeasureScores",
    "SELECT response_id, score_key, value, items_answered, item_count, prorated, band_label, band_severity, caseness "
    "FROM measure_scores WHERE response_id = ? ORDER BY position"};
constexpr SqlStatement kListResponsesOfEnrolment{
    "ListMeasureResponsesOfEnrolment",
    "SELECT " CFT_RESPONSE_COLUMNS " FROM measure_responses r WHERE r.enrolment_id = ? ORDER BY r.completed_at, r.id"};
constexpr SqlStatement kListScoresOfEnrolment{
    "ListMeasureScoresOfEnrolment",
    "SELECT s.response_id, s.score_key, s.value, s.items_answered, s.item_count, s.prorated, s.band_label, "
    "s.band_severity, s.caseness FROM measure_scores s JOIN measure_responses r ON r.id = s.response_id "
    "WHERE r.enrolment_id = ? ORDER BY s.response_id, s.position"};
constexpr SqlStatement kCompletedOfEnrolment{
    "CompletedMeasuresOfEnrolment",
    "SELECT instrument_key, time_point_key FROM measure_responses WHERE enrolment_id = ?"};
constexpr SqlStatement kBaselineScores{
    "BaselineMeasureScores",
    "SELECT s.score_key, s.value FROM measure_responses r JOIN measure_scores s ON s.response_id = r.id "
    "WHERE r.enrolment_id = ? AND r.instrument_key = ? AND r.time_point_kind = 'baseline' AND s.value IS NOT NULL"};
constexpr SqlStatement kCohortScores{
    "CohortMeasureScores",
    "SELECT r.enrolment_id, r.instrument_key, r.instrument_version, r.time_point_key, s.score_key, s.value "
    "FROM measure_responses r JOIN measure_scores s ON s.response_id = r.id "
    "WHERE r.cohort_id = ? AND FIND_IN_SET(r.time_point_key, ?) > 0 ORDER BY r.enrolment_id, r.id, s.position"};
constexpr SqlStatement kCohortResponsesSince{
    "CohortMeasureResponsesSince",
    "SELECT " CFT_RESPONSE_COLUMNS " FROM measure_responses r WHERE r.cohort_id = ? AND r.submitted_at >= ? "
    "ORDER BY r.submitted_at, r.id"};
constexpr SqlStatement kCohortScoresSince{
    "CohortMeasureScoresSince",
    "SELECT s.response_id, s.score_key, s.value, s.items_answered, s.item_count, s.prorated, s.band_label, "
    "s.band_severity, s.caseness FROM measure_scores s JOIN measure_responses r ON r.id = s.response_id "
    "WHERE r.cohort_id = ? AND r.submitted_at >= ? ORDER BY s.response_id, s.position"};

constexpr SqlStatement kInsertAlert{
    "InsertRiskAlert",
    "INSERT INTO risk_alerts (organisation_id, cohort_id, enrolment_id, response_id, tier, rule_keys, reasons, "
    "created_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};

#define CFT_ALERT_SELECT                                                                                        \
  "SELECT a.id, a.organisation_id, a.cohort_id, c.name, a.enrolment_id, rf.name, a.response_id, "              \
  "r.instrument_key, r.time_point_label, a.tier, a.rule_keys, a.reasons, a.created_at, a.due_at, "              \
  "a.acknowledged_at, a.acknowledged_by, ua.display_name, a.acknowledge_note, a.resolved_at, a.resolved_by, "   \
  "ur.display_name, a.resolve_note FROM risk_alerts a JOIN cohorts c ON c.id = a.cohort_id "                    \
  "JOIN enrolments e ON e.id = a.enrolment_id JOIN referrals rf ON rf.id = e.referral_id "                      \
  "JOIN measure_responses r ON r.id = a.response_id LEFT JOIN users ua ON ua.id = a.acknowledged_by "           \
  "LEFT JOIN users ur ON ur.id = a.resolved_by "

// `?` order: organisation, cohort twice, facilitator twice.
#define CFT_ALERT_FILTER                                                                                  \
  "a.organisation_id = ? AND (? IS NULL OR a.cohort_id = ?) AND (? IS NULL OR EXISTS "                    \
  "(SELECT 1 FROM cohort_facilitators f WHERE f.cohort_id = a.cohort_id AND f.user_id = ?))"

constexpr SqlStatement kFindAlertByResponse{"FindRiskAlertByResponse", CFT_ALERT_SELECT "WHERE a.response_id = ?"};
constexpr SqlStatement kFindAlert{"FindRiskAlert", CFT_ALERT_SELECT "WHERE a.id = ? AND a.organisation_id = ?"};
constexpr SqlStatement kLockAlert{"LockRiskAlert",
                                  "SELECT id FROM risk_alerts WHERE id = ? AND organisation_id = ? FOR UPDATE"};
constexpr SqlStatement kListAlerts{
    "ListRiskAlerts",
    CFT_ALERT_SELECT "WHERE " CFT_ALERT_FILTER " AND (? OR a.resolved_at IS NULL) "
    "ORDER BY a.resolved_at IS NOT NULL, (a.acknowledged_at IS NULL AND a.due_at < ?) DESC, "
    "a.acknowledged_at IS NOT NULL, a.tier = 'red' DESC, a.resolved_at DESC, a.due_at, a.id LIMIT ?"};
constexpr SqlStatement kCountAlerts{
    "CountRiskAlerts",
    "SELECT COALESCE(SUM(a.acknowledged_at IS NULL AND a.tier = 'red'), 0), "
    "COALESCE(SUM(a.acknowledged_at IS NULL AND a.tier = 'amber'), 0), "
    "COALESCE(SUM(a.acknowledged_at IS NULL AND a.due_at < ?), 0) FROM risk_alerts a "
    "WHERE " CFT_ALERT_FILTER " AND a.resolved_at IS NULL"};
constexpr SqlStatement kAcknowledgeAlert{
    "AcknowledgeRiskAlert",
    "UPDATE risk_alerts SET acknowledged_at = ?, acknowledged_by = ?, acknowledge_note = ? WHERE id = ?"};
constexpr SqlStatement kResolveAlert{
    "ResolveRiskAlert",
    "UPDATE risk_alerts SET acknowledged_at = COALESCE(acknowledged_at, ?), "
    "acknowledged_by = COALESCE(acknowledged_by, ?), resolved_at = ?, resolved_by = ?, resolve_note = ? WHERE id = ?"};
constexpr SqlStatement kCohortAlertsSince{
    "CohortRiskAlertsSince", CFT_ALERT_SELECT "WHERE a.cohort_id = ? AND a.created_at >= ? ORDER BY a.created_at, a.id"};

std::vector<std::string> SplitKeys(const std::string& s) {
  if (s.empty()) return {};
  return absl::StrSplit(s, ',');
}

StoredResponse ReadResponse(const Row& r) {
  StoredResponse s;
  s.id = r.Int(0);
  s.organisation_id = r.Int(1);
  s.cohort_id = r.Int(2);
  s.enrolment_id = r.Int(3);
  s.instrument_key = r.Str(4);
  s.instrument_version = static_cast<int>(r.Int(5));
  s.definition_checksum = r.Str(6);
  s.time_point_key = r.Str(7);
  s.time_point_label = r.Str(8);
  s.time_point_kind = TimePointKindFromName(r.Str(9)).value_or(TimePointKind::kUnspecified);
  s.week = static_cast<int>(r.Int(10));
  s.session_id = r.OptInt(11);
  s.completed_at = r.Time(12);
  s.submitted_at = r.Time(13);
  s.entry_mode = EntryModeFromName(r.Str(14)).value_or(EntryMode::kOnline);
  s.entered_by = r.Int(15);
  if (auto k = r.OptStr(16)) s.keyed_as = PaperValueModeFromName(*k);
  return s;
}

// Columns: response_id, score_key, value, items_answered, item_count,
// prorated, band_label, band_severity, caseness.
std::pair<int64_t, ScoreValue> ReadScore(const Row& r) {
  ScoreValue v;
  v.key = r.Str(1);
  if (!r.IsNull(2)) v.value = r.Double(2);
  v.items_answered = static_cast<int>(r.Int(3));
  v.item_count = static_cast<int>(r.Int(4));
  v.prorated = r.Bool(5);
  v.band_label = r.Str(6);
  v.band_severity = static_cast<int>(r.Int(7));
  if (!r.IsNull(8)) v.caseness = r.Bool(8);
  return {r.Int(0), std::move(v)};
}

AlertRecord ReadAlert(const Row& r) {
  AlertRecord a;
  a.id = r.Int(0);
  a.organisation_id = r.Int(1);
  a.cohort_id = r.Int(2);
  a.cohort_name = r.Str(3);
  a.enrolment_id = r.Int(4);
  a.participant_name = r.Str(5);
  a.response_id = r.Int(6);
  a.instrument_key = r.Str(7);
  a.time_point_label = r.Str(8);
  a.tier = RiskTierFromName(r.Str(9)).value_or(RiskTier::kAmber);
  a.rule_keys = SplitKeys(r.Str(10));
  a.reasons = absl::StrSplit(r.Str(11), '\n', absl::SkipEmpty());
  a.created_at = r.Time(12);
  a.due_at = r.Time(13);
  a.acknowledged_at = r.OptTime(14);
  a.acknowledged_by = r.OptInt(15);
  a.acknowledged_by_name = r.OptStr(16).value_or("");
  a.acknowledge_note = r.OptStr(17).value_or("");
  a.resolved_at = r.OptTime(18);
  a.resolved_by = r.OptInt(19);
  a.resolved_by_name = r.OptStr(20).value_or("");
  a.resolve_note = r.OptStr(21).value_or("");
  return a;
}

// Attaches score rows to responses read in the same order.
absl::Status AttachScores(UnitOfWork& uow, const SqlStatement& stmt, std::initializer_list<SqlValue> params,
                          std::vector<StoredResponse>& responses) {
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < responses.size(); ++i) index[responses[i].id] = i;
  return Sql(uow).Query(stmt, params, [&](const Row& r) {
    auto [id, score] = ReadScore(r);
    if (auto it = index.find(id); it != index.end()) responses[it->second].scores.push_back(std::move(score));
    return absl::OkStatus();
  });
}

}  // namespace

absl::StatusOr<std::map<std::pair<std::string, int>, std::string>> MySqlMeasureRepository::ListInstrumentVersions(
    UnitOfWork& uow) {
  std::map<std::pair<std::string, int>, std::string> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListVersions, {}, [&](const Row& r) {
    out[{r.Str(0), static_cast<int>(r.Int(1))}] = r.Str(2);
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlMeasureRepository::InsertInstrumentVersion(UnitOfWork& uow, const std::string& key, int version,
                                                             const std::string& checksum, const std::string& title,
                                                             absl::Time now) {
  return Sql(uow).Execute(kInsertVersion, {key, int64_t{version}, checksum, title, now}).status();
}

absl::StatusOr<std::optional<MeasureSettings>> MySqlMeasureRepository::FindSettings(UnitOfWork& uow,
                                                                                    int64_t organisation_id) {
  std::optional<MeasureSettings> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindSettings, {organisation_id}, [&](const Row& r) {
    out = MeasureSettings{.crisis_text = r.Str(0),
                          .red_response_minutes = static_cast<int>(r.Int(1)),
                          .amber_response_minutes = static_cast<int>(r.Int(2)),
                          .defaults = false};
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlMeasureRepository::PutSettings(UnitOfWork& uow, int64_t organisation_id,
                                                 const MeasureSettings& s, absl::Time now, int64_t user_id) {
  return Sql(uow)
      .Execute(kPutSettings, {organisation_id, s.crisis_text, int64_t{s.red_response_minutes},
                              int64_t{s.amber_response_minutes}, now, user_id})
      .status();
}

absl::StatusOr<std::map<std::string, std::string>> MySqlMeasureRepository::FindItemTexts(
    UnitOfWork& uow, int64_t organisation_id, const std::string& instrument_key) {
  std::map<std::string, std::string> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindItemTexts, {organisation_id, instrument_key}, [&](const Row& r) {
    out[r.Str(0)] = r.Str(1);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::set<std::string>> MySqlMeasureRepository::InstrumentsWithItemText(UnitOfWork& uow,
                                                                                      int64_t organisation_id) {
  std::set<std::string> out;
  RETURN_IF_ERROR(Sql(uow).Query(kInstrumentsWithText, {organisation_id}, [&](const Row& r) {
    out.insert(r.Str(0));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlMeasureRepository::ReplaceItemTexts(UnitOfWork& uow, int64_t organisation_id,
                                                      const std::string& instrument_key,
                                                      const std::string& licence_note,
                                                      const std::vector<std::pair<std::string, std::string>>& texts,
                                                      absl::Time now, int64_t user_id) {
  RETURN_IF_ERROR(Sql(uow).Execute(kPutLicence, {organisation_id, instrument_key, licence_note, now, user_id}).status());
  RETURN_IF_ERROR(Sql(uow).Execute(kDeleteItemTexts, {organisation_id, instrument_key}).status());
  if (texts.empty()) return absl::OkStatus();
  std::vector<SqlValue> params;
  for (const auto& [code, text] : texts) {
    params.insert(params.end(), {organisation_id, instrument_key, code, text});
  }
  return Sql(uow)
      .ExecuteDynamic("InsertInstrumentItemTexts",
                      "INSERT INTO instrument_item_texts (organisation_id, instrument_key, item_code, text) VALUES " +
                          storage::PlaceholderRows(texts.size(), 4),
                      params)
      .status();
}

absl::StatusOr<std::vector<OrgReliableChange>> MySqlMeasureRepository::ListReliableChange(
    UnitOfWork& uow, int64_t organisation_id, const std::string& instrument_key) {
  std::vector<OrgReliableChange> out;
  RETURN_IF_ERROR(
      Sql(uow).Query(kListReliableChange, {organisation_id, instrument_key, instrument_key}, [&](const Row& r) {
        out.push_back(OrgReliableChange{
            .instrument_key = r.Str(0),
            .score_key = r.Str(1),
            .sd = r.Double(2),
            .reliability = r.Double(3),
            .reliability_type = ReliabilityTypeFromName(r.Str(4)).value_or(ReliabilityType::kUnspecified),
            .z = r.Double(5),
            .source = r.Str(6)});
        return absl::OkStatus();
      }));
  return out;
}

absl::Status MySqlMeasureRepository::PutReliableChange(UnitOfWork& uow, int64_t organisation_id,
                                                       const OrgReliableChange& rc, absl::Time now, int64_t user_id) {
  return Sql(uow)
      .Execute(kPutReliableChange,
               {organisation_id, rc.instrument_key, rc.score_key, rc.sd, rc.reliability,
                std::string(Name(rc.reliability_type)), rc.z, rc.source, now, user_id})
      .status();
}

absl::StatusOr<std::optional<MeasurementPlan>> MySqlMeasureRepository::FindPlan(UnitOfWork& uow, int64_t cohort_id) {
  std::optional<MeasurementPlan> plan;
  std::vector<std::pair<int64_t, TimePointPlan>> by_position;
  RETURN_IF_ERROR(Sql(uow).Query(kFindPlan, {cohort_id}, [&](const Row& r) {
    if (!plan) {
      plan = MeasurementPlan{.is_default = false};
      plan->session_monitor = SessionMonitorPlan{.enabled = r.Bool(0),
                                                 .instrument_keys = SplitKeys(r.Str(1)),
                                                 .opens_days_before = static_cast<int>(r.Int(2))};
    }
    // A plan without time points comes as one row with none.
    if (r.IsNull(3)) return absl::OkStatus();
    by_position.emplace_back(
        r.Int(11),
        TimePointPlan{.key = r.Str(3),
                      .label = r.Str(4),
                      .kind = TimePointKindFromName(r.Str(5)).value_or(TimePointKind::kUnspecified),
                      .week = static_cast<int>(r.Int(6)),
                      .weeks_after_last_session = static_cast<int>(r.Int(7)),
                      .opens_days_before = static_cast<int>(r.Int(8)),
                      .closes_days_after = static_cast<int>(r.Int(9)),
                      .instrument_keys = SplitKeys(r.Str(10))});
    return absl::OkStatus();
  }));
  if (!plan) return plan;
  std::sort(by_position.begin(), by_position.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [position, t] : by_position) plan->time_points.push_back(std::move(t));
  return plan;
}

absl::Status MySqlMeasureRepository::SavePlan(UnitOfWork& uow, int64_t cohort_id, const MeasurementPlan& plan,
                                              absl::Time now, int64_t user_id) {
  const SessionMonitorPlan& m = plan.session_monitor;
  RETURN_IF_ERROR(Sql(uow)
                      .Execute(kPutPlan, {cohort_id, m.enabled, absl::StrJoin(m.instrument_keys, ","),
                                          int64_t{m.opens_days_before}, now, user_id})
                      .status());
  RETURN_IF_ERROR(Sql(uow).Execute(kDeleteTimePoints, {cohort_id}).status());
  if (plan.time_points.empty()) return absl::OkStatus();
  std::vector<SqlValue> params;
  for (size_t i = 0; i < plan.time_points.size(); ++i) {
    const TimePointPlan& t = plan.time_points[i];
    params.insert(params.end(), {cohort_id, static_cast<int64_t>(i), t.key, t.label, std::string(Name(t.kind)),
                                 int64_t{t.week}, int64_t{t.weeks_after_last_session}, int64_t{t.opens_days_before},
                                 int64_t{t.closes_days_after}, absl::StrJoin(t.instrument_keys, ",")});
  }
  return Sql(uow)
      .ExecuteDynamic("InsertMeasurementTimePoints",
                      "INSERT INTO measurement_time_points (cohort_id, position, time_point_key, label, kind, week, "
                      "weeks_after_last_session, opens_days_before, closes_days_after, instrument_keys) VALUES " +
                          storage::PlaceholderRows(plan.time_points.size(), 10),
                      params)
      .status();
}

absl::StatusOr<int64_t> MySqlMeasureRepository::InsertResponse(UnitOfWork& uow, const StoredResponse& s) {
  ASSIGN_OR_RETURN(
      int64_t id,
      Sql(uow).Insert(kInsertResponse,
                      {s.organisation_id, s.cohort_id, s.enrolment_id, s.instrument_key, int64_t{s.instrument_version},
                       s.definition_checksum, s.time_point_key, s.time_point_label,
                       std::string(Name(s.time_point_kind)), int64_t{s.week}, storage::Nullable(s.session_id),
                       s.completed_at, s.submitted_at, std::string(Name(s.entry_mode)), s.entered_by,
                       s.keyed_as ? SqlValue(std::string(Name(*s.keyed_as))) : SqlValue(nullptr)}));
  if (!s.answers.empty()) {
    std::vector<SqlValue> params;
    for (size_t i = 0; i < s.answers.size(); ++i) {
      const AnswerValue& a = s.answers[i];
      params.insert(params.end(), {id, static_cast<int64_t>(i), a.item_code,
                                   a.value ? SqlValue(int64_t{*a.value}) : SqlValue(nullptr),
                                   a.keyed_value ? SqlValue(int64_t{*a.keyed_value}) : SqlValue(nullptr)});
    }
    RETURN_IF_ERROR(Sql(uow)
                        .ExecuteDynamic("InsertMeasureAnswers",
                                        "INSERT INTO measure_answers (response_id, position, item_code, value, "
                                        "keyed_value) VALUES " +
                                            storage::PlaceholderRows(s.answers.size(), 5),
                                        params)
                        .status());
  }
  if (!s.scores.empty()) {
    std::vector<SqlValue> params;
    for (size_t i = 0; i < s.scores.size(); ++i) {
      const ScoreValue& v = s.scores[i];
      params.insert(params.end(), {id, static_cast<int64_t>(i), v.key,
                                   v.value ? SqlValue(*v.value) : SqlValue(nullptr), int64_t{v.items_answered},
                                   int64_t{v.item_count}, v.prorated, v.band_label, int64_t{v.band_severity},
                                   v.caseness ? SqlValue(*v.caseness) : SqlValue(nullptr)});
    }
    RETURN_IF_ERROR(Sql(uow)
                        .ExecuteDynamic("InsertMeasureScores",
                                        "INSERT INTO measure_scores (response_id, position, score_key, value, "
                                        "items_answered, item_count, prorated, band_label, band_severity, caseness) "
                                        "VALUES " +
                                            storage::PlaceholderRows(s.scores.size(), 10),
                                        params)
                        .status());
  }
  return id;
}

absl::StatusOr<std::optional<StoredResponse>> MySqlMeasureRepository::FindResponse(UnitOfWork& uow,
                                                                                   int64_t response_id) {
  std::vector<StoredResponse> found;
  RETURN_IF_ERROR(Sql(uow).Query(kFindResponse, {response_id}, [&](const Row& r) {
    found.push_back(ReadResponse(r));
    return absl::OkStatus();
  }));
  if (found.empty()) return std::nullopt;
  RETURN_IF_ERROR(Sql(uow).Query(kFindAnswers, {response_id}, [&](const Row& r) {
    AnswerValue a{.item_code = r.Str(0)};
    if (!r.IsNull(1)) a.value = static_cast<int>(r.Int(1));
    if (!r.IsNull(2)) a.keyed_value = static_cast<int>(r.Int(2));
    found[0].answers.push_back(std::move(a));
    return absl::OkStatus();
  }));
  RETURN_IF_ERROR(AttachScores(uow, kFindScores, {response_id}, found));
  return std::move(found[0]);
}

absl::StatusOr<std::optional<StoredResponse>> MySqlMeasureRepository::FindResponseAt(
    UnitOfWork& uow, int64_t enrolment_id, const std::string& instrument_key, const std::string& time_point_key) {
  std::optional<StoredResponse> out;
  RETURN_IF_ERROR(
      Sql(uow).Query(kFindResponseAt, {enrolment_id, instrument_key, time_point_key}, [&](const Row& r) {
        out = ReadResponse(r);
        return absl::OkStatus();
      }));
  return out;
}

absl::StatusOr<std::vector<StoredResponse>> MySqlMeasureRepository::ListResponsesOfEnrolment(UnitOfWork& uow,
                                                                                             int64_t enrolment_id) {
  std::vector<StoredResponse> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListResponsesOfEnrolment, {enrolment_id}, [&](const Row& r) {
    out.push_back(ReadResponse(r));
    return absl::OkStatus();
  }));
  if (out.empty()) return out;
  RETURN_IF_ERROR(AttachScores(uow, kListScoresOfEnrolment, {enrolment_id}, out));
  return out;
}

absl::StatusOr<std::set<std::pair<std::string, std::string>>> MySqlMeasureRepository::CompletedOfEnrolment(
    UnitOfWork& uow, int64_t enrolment_id) {
  std::set<std::pair<std::string, std::string>> out;
  RETURN_IF_ERROR(Sql(uow).Query(kCompletedOfEnrolment, {enrolment_id}, [&](const Row& r) {
    out.insert({r.Str(0), r.Str(1)});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::map<std::string, double>> MySqlMeasureRepository::BaselineScores(
    UnitOfWork& uow, int64_t enrolment_id, const std::string& instrument_key) {
  std::map<std::string, double> out;
  RETURN_IF_ERROR(Sql(uow).Query(kBaselineScores, {enrolment_id, instrument_key}, [&](const Row& r) {
    out[r.Str(0)] = r.Double(1);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<CohortScoreRow>> MySqlMeasureRepository::CohortScores(
    UnitOfWork& uow, int64_t cohort_id, const std::vector<std::string>& time_point_keys) {
  std::vector<CohortScoreRow> out;
  RETURN_IF_ERROR(
      Sql(uow).Query(kCohortScores, {cohort_id, absl::StrJoin(time_point_keys, ",")}, [&](const Row& r) {
        CohortScoreRow row{.enrolment_id = r.Int(0),
                           .instrument_key = r.Str(1),
                           .instrument_version = static_cast<int>(r.Int(2)),
                           .time_point_key = r.Str(3),
                           .score_key = r.Str(4)};
        if (!r.IsNull(5)) row.value = r.Double(5);
        out.push_back(std::move(row));
        return absl::OkStatus();
      }));
  return out;
}

absl::StatusOr<std::vector<StoredResponse>> MySqlMeasureRepository::CohortResponsesSince(UnitOfWork& uow,
                                                                                         int64_t cohort_id,
                                                                                         absl::Time since) {
  std::vector<StoredResponse> out;
  RETURN_IF_ERROR(Sql(uow).Query(kCohortResponsesSince, {cohort_id, since}, [&](const Row& r) {
    out.push_back(ReadResponse(r));
    return absl::OkStatus();
  }));
  if (out.empty()) return out;
  RETURN_IF_ERROR(AttachScores(uow, kCohortScoresSince, {cohort_id, since}, out));
  return out;
}

absl::StatusOr<int64_t> MySqlMeasureRepository::InsertAlert(UnitOfWork& uow, const NewAlert& a) {
  return Sql(uow).Insert(kInsertAlert, {a.organisation_id, a.cohort_id, a.enrolment_id, a.response_id,
                                        std::string(Name(a.tier)), absl::StrJoin(a.rule_keys, ","),
                                        absl::StrJoin(a.reasons, "\n"), a.created_at, a.due_at});
}

absl::StatusOr<std::optional<AlertRecord>> MySqlMeasureRepository::FindAlertByResponse(UnitOfWork& uow,
                                                                                       int64_t response_id) {
  std::optional<AlertRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindAlertByResponse, {response_id}, [&](const Row& r) {
    out = ReadAlert(r);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::optional<AlertRecord>> MySqlMeasureRepository::FindAlert(UnitOfWork& uow, int64_t alert_id,
                                                                             int64_t organisation_id,
                                                                             bool for_update) {
  if (for_update) {
    bool exists = false;
    RETURN_IF_ERROR(Sql(uow).Query(kLockAlert, {alert_id, organisation_id}, [&](const Row&) {
      exists = true;
      return absl::OkStatus();
    }));
    if (!exists) return std::nullopt;
  }
  std::optional<AlertRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindAlert, {alert_id, organisation_id}, [&](const Row& r) {
    out = ReadAlert(r);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<AlertRecord>> MySqlMeasureRepository::ListAlerts(UnitOfWork& uow, const AlertFilter& f) {
  const SqlValue cohort = storage::Nullable(f.cohort_id);
  const SqlValue facilitator = storage::Nullable(f.facilitator_user_id);
  std::vector<AlertRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(
      kListAlerts,
      {f.organisation_id, cohort, cohort, facilitator, facilitator, f.include_resolved, f.now, int64_t{f.limit}},
      [&](const Row& r) {
        out.push_back(ReadAlert(r));
        return absl::OkStatus();
      }));
  return out;
}

absl::StatusOr<AlertCounts> MySqlMeasureRepository::CountAlerts(UnitOfWork& uow, const AlertFilter& f) {
  const SqlValue cohort = storage::Nullable(f.cohort_id);
  const SqlValue facilitator = storage::Nullable(f.facilitator_user_id);
  AlertCounts out;
  RETURN_IF_ERROR(Sql(uow).Query(kCountAlerts, {f.now, f.organisation_id, cohort, cohort, facilitator, facilitator},
                                 [&](const Row& r) {
                                   out.red = static_cast<int>(r.Int(0));
                                   out.amber = static_cast<int>(r.Int(1));
                                   out.overdue = static_cast<int>(r.Int(2));
                                   return absl::OkStatus();
                                 }));
  return out;
}

absl::Status MySqlMeasureRepository::AcknowledgeAlert(UnitOfWork& uow, int64_t alert_id, int64_t user_id,
                                                      absl::Time now, const std::string& note) {
  return Sql(uow)
      .Execute(kAcknowledgeAlert, {now, user_id, note.empty() ? SqlValue(nullptr) : SqlValue(note), alert_id})
      .status();
}

absl::Status MySqlMeasureRepository::ResolveAlert(UnitOfWork& uow, int64_t alert_id, int64_t user_id, absl::Time now,
                                                  const std::string& note) {
  return Sql(uow).Execute(kResolveAlert, {now, user_id, now, user_id, note, alert_id}).status();
}

absl::StatusOr<std::vector<AlertRecord>> MySqlMeasureRepository::CohortAlertsSince(UnitOfWork& uow,
                                                                                   int64_t cohort_id,
                                                                                   absl::Time since) {
  std::vector<AlertRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(kCohortAlertsSince, {cohort_id, since}, [&](const Row& r) {
    out.push_back(ReadAlert(r));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace cft::measures
