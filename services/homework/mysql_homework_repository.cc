#include "services/homework/mysql_homework_repository.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::homework {
namespace {

using programme::FieldType;
using storage::Nullable;
using storage::Row;
using storage::Sql;
using storage::SqlStatement;
using storage::SqlValue;

#define CFT_ASSIGNMENT_SELECT                                                                          \
  "SELECT id, cohort_id, week_number, source, enrolment_id, practice_code, kind_key, title, instructions, " \
  "caution, times_per_week, minutes, steps, created_at, created_by FROM homework_assignments "

constexpr SqlStatement kListAssignments{
    "ListAssignments", CFT_ASSIGNMENT_SELECT "WHERE cohort_id = ? ORDER BY week_number, id"};
// A locking read returns the latest committed rows, not the transaction's snapshot.
constexpr SqlStatement kListAssignmentsLatest{
    "ListAssignmentsLatest", CFT_ASSIGNMENT_SELECT "WHERE cohort_id = ? ORDER BY week_number, id LOCK IN SHARE MODE"};
constexpr SqlStatement kFindAssignment{"FindAssignment", CFT_ASSIGNMENT_SELECT "WHERE id = ?"};
#define CFT_ASSIGNMENT_INSERT                                                                              \
  "INSERT INTO homework_assignments (cohort_id, week_number, source, enrolment_id, practice_code, kind_key, " \
  "title, instructions, caution, times_per_week, minutes, steps, created_at, created_by) VALUES "
constexpr SqlStatement kInsertAssignment{"InsertAssignment",
                                         CFT_ASSIGNMENT_INSERT "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr int kAssignmentColumns = 14;

// `note` and `withheld` say what a read may see of the participant's words.
#define CFT_LOG_SELECT(note, withheld)                                                                      \
  "SELECT l.id, l.assignment_id, l.cohort_id, l.enrolment_id, l.user_id, l.idempotency_key, l.request_hash, " \
  "l.practised_local, l.practised_at, l.minutes, l.distress_before, l.distress_after, l.helpfulness, " note \
  ", l.shared, l.created_at, l.updated_at, l.deleted_at, " withheld " FROM practice_logs l "
// Staff reads: the note only from a shared log, and whether words were kept back.
#define CFT_LOG_SELECT_FOR_READER                                                                        \
  CFT_LOG_SELECT("CASE WHEN ? OR l.shared = 1 THEN l.note END",                                          \
                 "(? = 0 AND l.shared = 0 AND (l.note IS NOT NULL OR EXISTS (SELECT 1 FROM practice_log_values pv " \
                 "WHERE pv.log_id = l.id AND pv.value_type = 'text')))")

constexpr SqlStatement kFindLogByKey{"FindLogByKey",
                                     CFT_LOG_SELECT("l.note", "0") "WHERE l.user_id = ? AND l.idempotency_key = ?"};
constexpr SqlStatement kFindLog{"FindLog", CFT_LOG_SELECT("l.note", "0") "WHERE l.id = ?"};
constexpr SqlStatement kFindLogForUpdate{"FindLogForUpdate",
                                         CFT_LOG_SELECT("l.note", "0") "WHERE l.id = ? FOR UPDATE"};
constexpr SqlStatement kListValuesOfLog{
    "ListValuesOfLog",
    "SELECT log_id, field_key, value_type, text_value, number_value FROM practice_log_values "
    "WHERE log_id = ? ORDER BY position"};
// Newest practice first, by ix_practice_logs_cohort_time / ix_practice_logs_enrolment_time;
// a NULL parameter switches its condition off.
constexpr SqlStatement kListCohortLogs{
    "ListCohortLogs",
    CFT_LOG_SELECT_FOR_READER
    "JOIN homework_assignments a ON a.id = l.assignment_id "
    "WHERE l.cohort_id = ? AND l.deleted_at IS NULL AND (? IS NULL OR l.enrolment_id = ?) "
    "AND (? IS NULL OR a.week_number = ?) "
    "AND (? IS NULL OR l.practised_at < ? OR (l.practised_at = ? AND l.id < ?)) "
    "ORDER BY l.practised_at DESC, l.id DESC LIMIT ?"};
constexpr SqlStatement kListEnrolmentLogs{
    "ListEnrolmentLogs",
    CFT_LOG_SELECT_FOR_READER
    "JOIN homework_assignments a ON a.id = l.assignment_id "
    "WHERE l.enrolment_id = ? AND l.deleted_at IS NULL AND (? IS NULL OR a.week_number = ?) "
    "AND (? IS NULL OR l.practised_at < ? OR (l.practised_at = ? AND l.id < ?)) "
    "ORDER BY l.practised_at DESC, l.id DESC LIMIT ?"};
constexpr SqlStatement kInsertLog{
    "InsertPracticeLog",
    "INSERT INTO practice_logs (assignment_id, cohort_id, enrolment_id, user_id, idempotency_key, request_hash, "
    "practised_local, practised_at, minutes, distress_before, distress_after, helpfulness, note, shared, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr SqlStatement kUpdateLog{
    "UpdatePracticeLog",
    "UPDATE practice_logs SET practised_local = ?, practised_at = ?, minutes = ?, distress_before = ?, "
    "distress_after = ?, helpfulness = ?, note = ?, shared = ?, updated_at = ? WHERE id = ?"};
constexpr SqlStatement kDeleteValues{"DeletePracticeLogValues", "DELETE FROM practice_log_values WHERE log_id = ?"};
constexpr SqlStatement kMarkLogDeleted{
    "MarkPracticeLogDeleted",
    "UPDATE practice_logs SET deleted_at = ?, updated_at = ?, note = NULL WHERE id = ? AND deleted_at IS NULL"};
constexpr char kInsertValuesColumns[] =
    "INSERT INTO practice_log_values (log_id, field_key, position, value_type, text_value, number_value) VALUES ";

// Both aggregates read only their covering index (ix_practice_logs_cohort,
// ix_practice_logs_enrolment).
constexpr SqlStatement kCohortTotals{
    "CohortLogTotals",
    "SELECT enrolment_id, assignment_id, COUNT(*), SUM(minutes), SUM(helpfulness), "
    "MAX(CASE WHEN practised_at < ? THEN practised_at END), "
    "COALESCE(SUM(practised_at >= ? AND practised_at < ?), 0), "
    "COALESCE(SUM(CASE WHEN practised_at >= ? AND practised_at < ? THEN minutes END), 0) "
    "FROM practice_logs WHERE cohort_id = ? AND deleted_at IS NULL GROUP BY enrolment_id, assignment_id"};
constexpr SqlStatement kEnrolmentTotals{
    "EnrolmentLogTotals",
    "SELECT enrolment_id, assignment_id, COUNT(*), SUM(minutes), SUM(helpfulness), NULL, "
    "COALESCE(SUM(practised_local >= ? AND practised_local < ?), 0), "
    "COALESCE(SUM(CASE WHEN practised_local >= ? AND practised_local < ? THEN minutes END), 0) "
    "FROM practice_logs WHERE enrolment_id = ? AND deleted_at IS NULL GROUP BY enrolment_id, assignment_id"};

#define CFT_FEEDBACK_SELECT "SELECT id, log_id, author_user_id, author_name, body, created_at FROM practice_log_feedback "
constexpr SqlStatement kInsertFeedback{
    "InsertFeedback",
    "INSERT INTO practice_log_feedback (log_id, author_user_id, author_name, body, created_at) VALUES (?, ?, ?, ?, ?)"};
constexpr SqlStatement kFindFeedback{"FindFeedback", CFT_FEEDBACK_SELECT "WHERE id = ?"};

constexpr SqlStatement kUpsertModuleOpen{
    "UpsertModuleOpen",
    "INSERT INTO module_opens (enrolment_id, week_number, cohort_id, first_opened_at, last_opened_at, times_opened) "
    "VALUES (?, ?, ?, ?, ?, 1) ON DUPLICATE KEY UPDATE last_opened_at = VALUES(last_opened_at), "
    "times_opened = times_opened + 1"};
constexpr SqlStatement kFindModuleOpen{
    "FindModuleOpen", "SELECT first_opened_at FROM module_opens WHERE enrolment_id = ? AND week_number = ?"};
constexpr SqlStatement kListModuleOpens{
    "ListModuleOpens", "SELECT enrolment_id, week_number FROM module_opens WHERE cohort_id = ?"};

// Ladder steps as "target minutes<TAB>description" lines (validation keeps
// tabs and newlines out of descriptions).
std::string StepLines(const std::vector<LadderStep>& steps) {
  std::vector<std::string> lines;
  for (const LadderStep& s : steps) lines.push_back(absl::StrCat(s.target_minutes, "\t", s.description));
  return absl::StrJoin(lines, "\n");
}

absl::StatusOr<std::vector<LadderStep>> StepsFromLines(const std::string& text) {
  std::vector<LadderStep> out;
  if (text.empty()) return out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    std::pair<std::string, std::string> kv = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    LadderStep s{.description = kv.second};
    if (!absl::SimpleAtoi(kv.first, &s.target_minutes)) return absl::InternalError("malformed ladder step");
    out.push_back(std::move(s));
  }
  return out;
}

absl::Status ReadAssignment(const Row& r, Assignment& a) {
  a.id = r.Int(0);
  a.cohort_id = r.Int(1);
  a.week_number = static_cast<int>(r.Int(2));
  auto source = AssignmentSourceFromName(r.Str(3));
  if (!source) return absl::InternalError("assignment with an unknown source");
  a.source = *source;
  a.enrolment_id = r.OptInt(4);
  a.practice_code = r.OptStr(5).value_or("");
  a.kind = r.Str(6);
  a.title = r.Str(7);
  a.instructions = r.Str(8);
  a.caution = r.Str(9);
  a.times_per_week = static_cast<int>(r.Int(10));
  a.minutes = static_cast<int>(r.Int(11));
  ASSIGN_OR_RETURN(a.steps, StepsFromLines(r.Str(12)));
  a.created_at = r.Time(13);
  a.created_by = r.OptInt(14);
  return absl::OkStatus();
}

void AppendAssignment(std::vector<SqlValue>& v, const Assignment& a) {
  v.insert(v.end(), {a.cohort_id, int64_t{a.week_number}, std::string(Name(a.source)), Nullable(a.enrolment_id),
                     a.practice_code.empty() ? SqlValue(nullptr) : SqlValue(a.practice_code), a.kind, a.title,
                     a.instructions, a.caution, int64_t{a.times_per_week}, int64_t{a.minutes}, StepLines(a.steps),
                     a.created_at, Nullable(a.created_by)});
}

std::optional<int> OptSmall(const Row& r, int col) {
  auto v = r.OptInt(col);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

PracticeLog ReadLog(const Row& r) {
  PracticeLog l;
  l.id = r.Int(0);
  l.assignment_id = r.Int(1);
  l.cohort_id = r.Int(2);
  l.enrolment_id = r.Int(3);
  l.user_id = r.Int(4);
  l.idempotency_key = r.Str(5);
  l.request_hash = r.Str(6);
  const absl::CivilSecond local = r.Civil(7);
  l.entry.practised_on = absl::CivilDay(local);
  l.entry.practised_minute = local.hour() * 60 + local.minute();
  l.practised_at = r.Time(8);
  l.entry.minutes = static_cast<int>(r.Int(9));
  l.entry.distress_before = OptSmall(r, 10);
  l.entry.distress_after = OptSmall(r, 11);
  l.entry.helpfulness = static_cast<int>(r.Int(12));
  l.entry.note = r.OptStr(13).value_or("");
  l.entry.shared = r.Bool(14);
  l.created_at = r.Time(15);
  l.updated_at = r.Time(16);
  l.deleted_at = r.OptTime(17);
  l.private_withheld = r.Bool(18);
  return l;
}

absl::StatusOr<FieldValue> ReadValue(const Row& r, int first_col) {
  FieldValue v;
  v.key = r.Str(first_col);
  auto type = programme::FieldTypeFromName(r.Str(first_col + 1));
  if (!type) return absl::InternalError("practice log value with an unknown type");
  v.type = *type;
  v.text = r.OptStr(first_col + 2).value_or("");
  v.number = static_cast<int>(r.OptInt(first_col + 3).value_or(0));
  return v;
}

SqlValue LocalPractice(const PracticeEntry& e) {
  return absl::CivilSecond(e.practised_on) + e.practised_minute * 60;
}

absl::Status InsertValues(UnitOfWork& uow, int64_t log_id, const std::vector<FieldValue>& fields) {
  if (fields.empty()) return absl::OkStatus();
  std::vector<SqlValue> values;
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldValue& f = fields[i];
    const bool textual = f.type == FieldType::kText || f.type == FieldType::kChoice;
    values.insert(values.end(), {log_id, f.key, static_cast<int64_t>(i), std::string(programme::Name(f.type)),
                                 textual ? SqlValue(f.text) : SqlValue(nullptr),
                                 textual ? SqlValue(nullptr) : SqlValue(int64_t{f.number})});
  }
  return Sql(uow)
      .ExecuteDynamic("InsertPracticeLogValues", kInsertValuesColumns + storage::PlaceholderRows(fields.size(), 6),
                      values)
      .status();
}

absl::StatusOr<std::optional<PracticeLog>> FindOneLog(UnitOfWork& uow, const SqlStatement& stmt,
                                                      std::initializer_list<SqlValue> params) {
  std::optional<PracticeLog> out;
  RETURN_IF_ERROR(Sql(uow).Query(stmt, params, [&](const Row& r) {
    out = ReadLog(r);
    return absl::OkStatus();
  }));
  if (!out) return out;
  RETURN_IF_ERROR(Sql(uow).Query(kListValuesOfLog, {out->id}, [&](const Row& r) -> absl::Status {
    ASSIGN_OR_RETURN(FieldValue v, ReadValue(r, 1));
    out->entry.fields.push_back(std::move(v));
    return absl::OkStatus();
  }));
  return out;
}

std::string IdList(const std::vector<PracticeLog>& logs, std::vector<SqlValue>& params) {
  std::vector<std::string> marks;
  for (const PracticeLog& l : logs) {
    marks.push_back("?");
    params.push_back(l.id);
  }
  return absl::StrCat("(", absl::StrJoin(marks, ", "), ")");
}

absl::StatusOr<std::vector<LogTotals>> ReadTotals(UnitOfWork& uow, const SqlStatement& stmt,
                                                  std::initializer_list<SqlValue> params) {
  std::vector<LogTotals> out;
  RETURN_IF_ERROR(Sql(uow).Query(stmt, params, [&](const Row& r) {
    out.push_back(LogTotals{.enrolment_id = r.Int(0),
                            .assignment_id = r.Int(1),
                            .logs = static_cast<int>(r.Int(2)),
                            .minutes = static_cast<int>(r.Int(3)),
                            .helpfulness_sum = static_cast<int>(r.Int(4)),
                            .last_practised_at = r.OptTime(5),
                            .logs_in_window = static_cast<int>(r.Int(6)),
                            .minutes_in_window = static_cast<int>(r.Int(7))});
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Assignment>> MySqlHomeworkRepository::ListAssignments(UnitOfWork& uow, int64_t cohort_id,
                                                                                bool latest) {
  std::vector<Assignment> out;
  RETURN_IF_ERROR(Sql(uow).Query(latest ? kListAssignmentsLatest : kListAssignments, {cohort_id}, [&](const Row& r) {
    Assignment a;
    RETURN_IF_ERROR(ReadAssignment(r, a));
    out.push_back(std::move(a));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::optional<Assignment>> MySqlHomeworkRepository::FindAssignment(UnitOfWork& uow,
                                                                                 int64_t assignment_id) {
  std::optional<Assignment> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindAssignment, {assignment_id}, [&](const Row& r) {
    Assignment a;
    RETURN_IF_ERROR(ReadAssignment(r, a));
    out = std::move(a);
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlHomeworkRepository::InsertProgrammeAssignments(UnitOfWork& uow, const std::vector<Assignment>& rows) {
  if (rows.empty()) return absl::OkStatus();
  std::vector<SqlValue> values;
  for (const Assignment& a : rows) AppendAssignment(values, a);
  // Only the unique key of (cohort, week, code) can collide: a row another
  // transaction already copied stays as it is.
  return Sql(uow)
      .ExecuteDynamic("InsertProgrammeAssignments",
                      CFT_ASSIGNMENT_INSERT + storage::PlaceholderRows(rows.size(), kAssignmentColumns) +
                          " ON DUPLICATE KEY UPDATE id = id",
                      values)
      .status();
}

absl::StatusOr<int64_t> MySqlHomeworkRepository::InsertAssignment(UnitOfWork& uow, const Assignment& a) {
  std::vector<SqlValue> v;
  AppendAssignment(v, a);
  return Sql(uow).Insert(kInsertAssignment, {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                                             v[12], v[13]});
}

absl::StatusOr<std::optional<PracticeLog>> MySqlHomeworkRepository::FindLogByKey(UnitOfWork& uow, int64_t user_id,
                                                                                const std::string& key) {
  return FindOneLog(uow, kFindLogByKey, {user_id, key});
}

absl::StatusOr<std::optional<PracticeLog>> MySqlHomeworkRepository::FindLog(UnitOfWork& uow, int64_t log_id,
                                                                           bool for_update) {
  return FindOneLog(uow, for_update ? kFindLogForUpdate : kFindLog, {log_id});
}

absl::StatusOr<int64_t> MySqlHomeworkRepository::InsertLog(UnitOfWork& uow, const PracticeLog& l) {
  const PracticeEntry& e = l.entry;
  ASSIGN_OR_RETURN(int64_t id,
                   Sql(uow).Insert(kInsertLog, {l.assignment_id, l.cohort_id, l.enrolment_id, l.user_id,
                                                l.idempotency_key, l.request_hash, LocalPractice(e), l.practised_at,
                                                int64_t{e.minutes}, Nullable(e.distress_before),
                                                Nullable(e.distress_after), int64_t{e.helpfulness.value_or(0)},
                                                e.note.empty() ? SqlValue(nullptr) : SqlValue(e.note), e.shared,
                                                l.created_at, l.updated_at}));
  RETURN_IF_ERROR(InsertValues(uow, id, e.fields));
  return id;
}

absl::Status MySqlHomeworkRepository::UpdateLog(UnitOfWork& uow, const PracticeLog& l) {
  const PracticeEntry& e = l.entry;
  auto& sql = Sql(uow);
  RETURN_IF_ERROR(sql.Execute(kUpdateLog, {LocalPractice(e), l.practised_at, int64_t{e.minutes},
                                           Nullable(e.distress_before), Nullable(e.distress_after),
                                           int64_t{e.helpfulness.value_or(0)},
                                           e.note.empty() ? SqlValue(nullptr) : SqlValue(e.note), e.shared,
                                           l.updated_at, l.id})
                      .status());
  RETURN_IF_ERROR(sql.Execute(kDeleteValues, {l.id}).status());
  return InsertValues(uow, l.id, e.fields);
}

absl::Status MySqlHomeworkRepository::DeleteLog(UnitOfWork& uow, int64_t log_id, absl::Time now) {
  auto& sql = Sql(uow);
  RETURN_IF_ERROR(sql.Execute(kMarkLogDeleted, {now, now, log_id}).status());
  return sql.Execute(kDeleteValues, {log_id}).status();
}

absl::StatusOr<std::vector<PracticeLog>> MySqlHomeworkRepository::ListLogs(UnitOfWork& uow, const LogFilter& f) {
  std::vector<PracticeLog> logs;
  const SqlValue week = Nullable(f.week_number ? std::optional<int64_t>(*f.week_number) : std::nullopt);
  const SqlValue before_at = f.before ? SqlValue(f.before->first) : SqlValue(nullptr);
  const SqlValue before_id = f.before ? SqlValue(f.before->second) : SqlValue(nullptr);
  auto read = [&](const Row& r) {
    logs.push_back(ReadLog(r));
    return absl::OkStatus();
  };
  auto& sql = Sql(uow);
  if (f.cohort_id) {
    const SqlValue enrolment = Nullable(f.enrolment_id);
    RETURN_IF_ERROR(sql.Query(kListCohortLogs,
                              {f.include_private, f.include_private, *f.cohort_id, enrolment, enrolment, week, week, before_at, before_at,
                               before_at, before_id, int64_t{f.limit}},
                              read));
  } else if (f.enrolment_id) {
    RETURN_IF_ERROR(sql.Query(kListEnrolmentLogs,
                              {f.include_private, f.include_private, *f.enrolment_id, week, week, before_at, before_at, before_at,
                               before_id, int64_t{f.limit}},
                              read));
  } else {
    return absl::InternalError("ListLogs needs a cohort or an enrolment");
  }
  if (logs.empty()) return logs;

  std::map<int64_t, PracticeLog*> by_id;
  for (PracticeLog& l : logs) by_id[l.id] = &l;
  // Text values of a private log never leave the database for a staff view.
  std::vector<SqlValue> params{f.include_private};
  const std::string ids = IdList(logs, params);
  RETURN_IF_ERROR(sql.QueryDynamic(
      "ListLogValues",
      "SELECT v.log_id, v.field_key, v.value_type, v.text_value, v.number_value FROM practice_log_values v "
      "JOIN practice_logs l ON l.id = v.log_id WHERE (? OR l.shared = 1 OR v.value_type <> 'text') "
      "AND v.log_id IN " + ids + " ORDER BY v.log_id, v.position",
      params, [&](const Row& r) -> absl::Status {
        ASSIGN_OR_RETURN(FieldValue v, ReadValue(r, 1));
        by_id[r.Int(0)]->entry.fields.push_back(std::move(v));
        return absl::OkStatus();
      }));
  std::vector<SqlValue> feedback_params;
  const std::string feedback_ids = IdList(logs, feedback_params);
  RETURN_IF_ERROR(sql.QueryDynamic("ListLogFeedback",
                                   CFT_FEEDBACK_SELECT "WHERE log_id IN " + feedback_ids +
                                       " ORDER BY log_id, created_at, id",
                                   feedback_params, [&](const Row& r) {
                                     by_id[r.Int(1)]->feedback.push_back(Feedback{.id = r.Int(0),
                                                                                  .log_id = r.Int(1),
                                                                                  .author_user_id = r.Int(2),
                                                                                  .author_name = r.Str(3),
                                                                                  .text = r.Str(4),
                                                                                  .created_at = r.Time(5)});
                                     return absl::OkStatus();
                                   }));
  return logs;
}

absl::StatusOr<std::vector<LogTotals>> MySqlHomeworkRepository::CohortTotals(UnitOfWork& uow, int64_t cohort_id,
                                                                            absl::Time window_from,
                                                                            absl::Time window_to) {
  return ReadTotals(uow, kCohortTotals,
                    {window_to, window_from, window_to, window_from, window_to, cohort_id});
}

absl::StatusOr<std::vector<LogTotals>> MySqlHomeworkRepository::EnrolmentTotals(UnitOfWork& uow, int64_t enrolment_id,
                                                                               absl::CivilSecond window_from,
                                                                               absl::CivilSecond window_to) {
  return ReadTotals(uow, kEnrolmentTotals, {window_from, window_to, window_from, window_to, enrolment_id});
}

absl::StatusOr<int64_t> MySqlHomeworkRepository::InsertFeedback(UnitOfWork& uow, const Feedback& f) {
  return Sql(uow).Insert(kInsertFeedback, {f.log_id, f.author_user_id, f.author_name, f.text, f.created_at});
}

absl::StatusOr<std::optional<Feedback>> MySqlHomeworkRepository::FindFeedback(UnitOfWork& uow, int64_t feedback_id) {
  std::optional<Feedback> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindFeedback, {feedback_id}, [&](const Row& r) {
    out = Feedback{.id = r.Int(0),
                   .log_id = r.Int(1),
                   .author_user_id = r.Int(2),
                   .author_name = r.Str(3),
                   .text = r.Str(4),
                   .created_at = r.Time(5)};
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<absl::Time> MySqlHomeworkRepository::RecordModuleOpened(UnitOfWork& uow, int64_t cohort_id,
                                                                       int64_t enrolment_id, int week,
                                                                       absl::Time now) {
  auto& sql = Sql(uow);
  RETURN_IF_ERROR(sql.Execute(kUpsertModuleOpen, {enrolment_id, int64_t{week}, cohort_id, now, now}).status());
  std::optional<absl::Time> first;
  RETURN_IF_ERROR(sql.Query(kFindModuleOpen, {enrolment_id, int64_t{week}}, [&](const Row& r) {
    first = r.Time(0);
    return absl::OkStatus();
  }));
  if (!first) return absl::InternalError("module open not recorded");
  return *first;
}

absl::StatusOr<std::set<std::pair<int64_t, int>>> MySqlHomeworkRepository::ModuleOpens(UnitOfWork& uow,
                                                                                        int64_t cohort_id) {
  std::set<std::pair<int64_t, int>> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListModuleOpens, {cohort_id}, [&](const Row& r) {
    out.insert({r.Int(0), static_cast<int>(r.Int(1))});
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace cft::homework
