#include "services/reports/mysql_report_repository.h"

#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::reports {
namespace {

using storage::Row;
using storage::Sql;
using storage::SqlStatement;

// ix_cohorts_org_start, then the primary key for the order.
constexpr SqlStatement kListCohorts{
    "ReportListCohorts",
    "SELECT c.id, c.organisation_id, c.name, c.template_id, c.time_zone, t.week_count "
    "FROM cohorts c JOIN programme_templates t ON t.id = c.template_id "
    "WHERE c.organisation_id = ? AND (? = 0 OR c.template_id = ?) ORDER BY c.id"};
constexpr SqlStatement kTemplateVisible{
    "ReportTemplateVisible",
    "SELECT COUNT(*) FROM programme_templates WHERE id = ? AND owner_organisation_id IN (0, ?)"};
// Each count is an index-only range (ix_enrolments_cohort_id,
// ix_measure_responses_export, and the scores' primary key).
constexpr SqlStatement kCount{
    "ReportCountCohort",
    "SELECT (SELECT COUNT(*) FROM enrolments WHERE cohort_id = ?), "
    "(SELECT COUNT(*) FROM measure_responses WHERE cohort_id = ?), "
    "(SELECT COUNT(*) FROM measure_responses r JOIN measure_scores s ON s.response_id = r.id WHERE r.cohort_id = ?)"};
constexpr SqlStatement kInstrumentTimePoints{
    "ReportInstrumentTimePoints",
    "SELECT instrument_key, instrument_version, time_point_key, time_point_kind, MIN(week_number) "
    "FROM measure_responses WHERE cohort_id = ? "
    "GROUP BY instrument_key, instrument_version, time_point_key, time_point_kind"};
// Keyset page over ix_enrolments_cohort_id (cohort_id, id).
constexpr SqlStatement kParticipantsAfter{
    "ReportParticipantsAfter",
    "SELECT e.id, rf.name, e.status FROM enrolments e JOIN referrals rf ON rf.id = e.referral_id "
    "WHERE e.cohort_id = ? AND e.id > ? ORDER BY e.id LIMIT ?"};
// A range of ix_measure_responses_export (cohort_id, enrolment_id, id) in
// index order, each response's scores by primary key.
constexpr SqlStatement kScores{
    "ReportScores",
    "SELECT r.id, r.enrolment_id, r.instrument_key, r.instrument_version, r.time_point_key, r.time_point_label, "
    "r.time_point_kind, r.week_number, cs.week_number, r.completed_at, r.entry_mode, s.score_key, s.value, "
    "s.items_answered, s.item_count, s.prorated, s.band_label "
    "FROM measure_responses r FORCE INDEX (ix_measure_responses_export) "
    "JOIN measure_scores s ON s.response_id = r.id "
    "LEFT JOIN cohort_sessions cs ON cs.id = r.session_id "
    "WHERE r.cohort_id = ? AND r.enrolment_id BETWEEN ? AND ? "
    "ORDER BY r.enrolment_id, r.id, s.position"};
constexpr SqlStatement kAnswers{
    "ReportAnswers",
    "SELECT a.response_id, a.item_code, a.value "
    "FROM measure_responses r FORCE INDEX (ix_measure_responses_export) "
    "JOIN measure_answers a ON a.response_id = r.id "
    "WHERE r.cohort_id = ? AND r.enrolment_id BETWEEN ? AND ? "
    "ORDER BY r.enrolment_id, r.id, a.position"};

}  // namespace

absl::StatusOr<std::vector<ExportCohort>> MySqlReportRepository::ListCohorts(UnitOfWork& uow, int64_t organisation_id,
                                                                             std::optional<int64_t> template_id) {
  std::vector<ExportCohort> out;
  const int64_t t = template_id.value_or(0);
  RETURN_IF_ERROR(Sql(uow).Query(kListCohorts, {organisation_id, t, t}, [&](const Row& row) {
    out.push_back({.id = row.Int(0),
                   .organisation_id = row.Int(1),
                   .name = row.Str(2),
                   .template_id = row.Int(3),
                   .time_zone = row.Str(4),
                   .week_count = static_cast<int>(row.Int(5))});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<bool> MySqlReportRepository::TemplateVisible(UnitOfWork& uow, int64_t template_id,
                                                            int64_t organisation_id) {
  bool found = false;
  RETURN_IF_ERROR(Sql(uow).Query(kTemplateVisible, {template_id, organisation_id}, [&](const Row& row) {
    found = row.Int(0) > 0;
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<CohortCounts> MySqlReportRepository::Count(UnitOfWork& uow, int64_t cohort_id) {
  CohortCounts c;
  RETURN_IF_ERROR(Sql(uow).Query(kCount, {cohort_id, cohort_id, cohort_id}, [&](const Row& row) {
    c = {.participants = row.Int(0), .responses = row.Int(1), .scores = row.Int(2)};
    return absl::OkStatus();
  }));
  return c;
}

absl::StatusOr<std::vector<InstrumentTimePoint>> MySqlReportRepository::InstrumentTimePoints(UnitOfWork& uow,
                                                                                             int64_t cohort_id) {
  std::vector<InstrumentTimePoint> out;
  RETURN_IF_ERROR(Sql(uow).Query(kInstrumentTimePoints, {cohort_id}, [&](const Row& row) {
    out.push_back({.instrument_key = row.Str(0),
                   .instrument_version = static_cast<int>(row.Int(1)),
                   .time_point_key = row.Str(2),
                   .time_point_kind = measures::TimePointKindFromName(row.Str(3)).value_or(
                       measures::TimePointKind::kUnspecified),
                   .week = static_cast<int>(row.Int(4))});
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ExportParticipant>> MySqlReportRepository::ParticipantsAfter(UnitOfWork& uow,
                                                                                        int64_t cohort_id,
                                                                                        int64_t after, int limit) {
  std::vector<ExportParticipant> out;
  RETURN_IF_ERROR(Sql(uow).Query(kParticipantsAfter, {cohort_id, after, static_cast<int64_t>(limit)},
                                 [&](const Row& row) {
                                   out.push_back({.enrolment_id = row.Int(0), .name = row.Str(1), .status = row.Str(2)});
                                   return absl::OkStatus();
                                 }));
  return out;
}

absl::StatusOr<std::vector<ExportScoreRow>> MySqlReportRepository::Scores(UnitOfWork& uow, int64_t cohort_id,
                                                                          int64_t first, int64_t last) {
  std::vector<ExportScoreRow> out;
  RETURN_IF_ERROR(Sql(uow).Query(kScores, {cohort_id, first, last}, [&](const Row& row) {
    ExportScoreRow r;
    r.response_id = row.Int(0);
    r.enrolment_id = row.Int(1);
    r.instrument_key = row.Str(2);
    r.instrument_version = static_cast<int>(row.Int(3));
    r.time_point_key = row.Str(4);
    r.time_point_label = row.Str(5);
    r.time_point_kind = measures::TimePointKindFromName(row.Str(6)).value_or(measures::TimePointKind::kUnspecified);
    r.week = static_cast<int>(row.Int(7));
    if (std::optional<int64_t> s = row.OptInt(8)) r.session_number = static_cast<int>(*s);
    r.completed_at = row.Time(9);
    r.entry_mode = measures::EntryModeFromName(row.Str(10)).value_or(measures::EntryMode::kOnline);
    r.score_key = row.Str(11);
    if (!row.IsNull(12)) r.value = row.Double(12);
    r.items_answered = static_cast<int>(row.Int(13));
    r.item_count = static_cast<int>(row.Int(14));
    r.prorated = row.Bool(15);
    r.band_label = row.Str(16);
    out.push_back(std::move(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ExportAnswerRow>> MySqlReportRepository::Answers(UnitOfWork& uow, int64_t cohort_id,
                                                                            int64_t first, int64_t last) {
  std::vector<ExportAnswerRow> out;
  RETURN_IF_ERROR(Sql(uow).Query(kAnswers, {cohort_id, first, last}, [&](const Row& row) {
    ExportAnswerRow a{.response_id = row.Int(0), .item_code = row.Str(1)};
    if (std::optional<int64_t> v = row.OptInt(2)) a.value = static_cast<int>(*v);
    out.push_back(std::move(a));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace cft::reports
