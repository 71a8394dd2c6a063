#include "services/programme/mysql_template_repository.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::programme {
namespace {

using storage::Row;
using storage::Sql;
using storage::SqlStatement;
using storage::SqlValue;

#define CFT_TEMPLATE_COLUMNS                                                                  \
  "t.id, t.template_key, t.version, t.title, t.description, t.owner_organisation_id, "      \
  "t.based_on_template_id, t.week_count, t.session_minutes, t.content_checksum, t.created_at, " \
  "t.sources"

constexpr SqlStatement kFindTemplate{
    "FindTemplate", "SELECT " CFT_TEMPLATE_COLUMNS " FROM programme_templates t WHERE t.id = ?"};
constexpr SqlStatement kFindTemplateVersion{
    "FindTemplateVersion",
    "SELECT " CFT_TEMPLATE_COLUMNS " FROM programme_templates t "
    "WHERE t.owner_organisation_id = ? AND t.template_key = ? AND t.version = ?"};
constexpr SqlStatement kLockLatestVersion{
    "LockLatestVersion",
    "SELECT COALESCE(MAX(version), 0) FROM programme_templates "
    "WHERE owner_organisation_id = ? AND template_key = ? FOR UPDATE"};
constexpr SqlStatement kListVisible{
    "ListVisibleTemplates",
    "SELECT " CFT_TEMPLATE_COLUMNS " FROM programme_templates t "
    "WHERE t.owner_organisation_id IN (0, ?) "
    "ORDER BY t.owner_organisation_id, t.template_key, t.version DESC"};
constexpr SqlStatement kListWeeks{
    "ListTemplateWeeks",
    "SELECT week_number, title, themes, in_session, module_text FROM programme_template_weeks "
    "WHERE template_id = ? ORDER BY week_number"};
constexpr SqlStatement kListWeekTitles{
    "ListTemplateWeekTitles",
    "SELECT title FROM programme_template_weeks WHERE template_id = ? ORDER BY week_number"};
constexpr SqlStatement kListPractices{
    "ListTemplatePractices",
    "SELECT week_number, code, title, instructions, caution, times_per_week, minutes, kind_key "
    "FROM programme_template_practices WHERE template_id = ? ORDER BY week_number, position"};
// Kinds with their fields in one statement (a kind without fields has one row of NULLs).
constexpr SqlStatement kListPracticeKinds{
    "ListPracticeKinds",
    "SELECT k.kind_key, k.title, k.description, k.guide, k.distress_required, k.uses_steps, "
    "f.field_key, f.label, f.help, f.field_type, f.required, f.min_value, f.max_value, f.max_length, f.options "
    "FROM programme_practice_kinds k LEFT JOIN programme_practice_kind_fields f "
    "ON f.template_id = k.template_id AND f.kind_key = k.kind_key "
    "WHERE k.template_id = ? ORDER BY k.position, f.position"};
constexpr SqlStatement kInsertTemplate{
    "InsertTemplate",
    "INSERT INTO programme_templates (owner_organisation_id, template_key, version, title, "
    "description, session_minutes, week_count, sources, based_on_template_id, content_checksum, "
    "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};

TemplateSummary ReadSummary(const Row& r) {
  TemplateSummary s;
  s.id = r.Int(0);
  s.key = r.Str(1);
  s.version = static_cast<int>(r.Int(2));
  s.title = r.Str(3);
  s.description = r.Str(4);
  s.owner_organisation_id = r.Int(5);
  s.based_on_template_id = r.OptInt(6);
  s.week_count = static_cast<int>(r.Int(7));
  s.session_minutes = static_cast<int>(r.Int(8));
  s.checksum = r.Str(9);
  s.created_at = r.Time(10);
  return s;
}

std::vector<std::string> Lines(const std::string& text) {
  if (text.empty()) return {};
  return absl::StrSplit(text, '\n');
}

// Choice options as "key<TAB>label" lines (validation keeps tabs and
// newlines out of both).
std::string OptionLines(const std::vector<FieldOption>& options) {
  std::vector<std::string> lines;
  for (const FieldOption& o : options) lines.push_back(o.key + "\t" + o.label);
  return absl::StrJoin(lines, "\n");
}

std::vector<FieldOption> OptionsFromLines(const std::string& text) {
  std::vector<FieldOption> out;
  for (const std::string& line : Lines(text)) {
    std::pair<std::string, std::string> kv = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    out.push_back(FieldOption{.key = kv.first, .label = kv.second});
  }
  return out;
}

absl::StatusOr<std::vector<PracticeKind>> LoadKinds(UnitOfWork& uow, int64_t template_id) {
  std::vector<PracticeKind> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListPracticeKinds, {template_id}, [&](const Row& r) {
    const std::string key = r.Str(0);
    if (out.empty() || out.back().key != key) {
      PracticeKind k;
      k.key = key;
      k.title = r.Str(1);
      k.description = r.Str(2);
      auto guide = PracticeGuideFromName(r.Str(3));
      if (!guide) return absl::InternalError("practice kind with an unknown guide");
      k.guide = *guide;
      k.distress_required = r.Bool(4);
      k.uses_steps = r.Bool(5);
      out.push_back(std::move(k));
    }
    if (r.IsNull(6)) return absl::OkStatus();
    PracticeField f;
    f.key = r.Str(6);
    f.label = r.Str(7);
    f.help = r.Str(8);
    auto type = FieldTypeFromName(r.Str(9));
    if (!type) return absl::InternalError("practice field with an unknown type");
    f.type = *type;
    f.required = r.Bool(10);
    f.min = static_cast<int>(r.OptInt(11).value_or(0));
    f.max = static_cast<int>(r.OptInt(12).value_or(0));
    f.max_length = static_cast<int>(r.OptInt(13).value_or(0));
    f.options = OptionsFromLines(r.Str(14));
    out.back().fields.push_back(std::move(f));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::optional<TemplateSummary>> FindOneSummary(UnitOfWork& uow,
                                                              const SqlStatement& stmt,
                                                              std::initializer_list<SqlValue> params) {
  std::optional<TemplateSummary> out;
  RETURN_IF_ERROR(Sql(uow).Query(stmt, params, [&](const Row& r) {
    out = ReadSummary(r);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace

absl::StatusOr<std::optional<TemplateSummary>> MySqlTemplateRepository::FindSummary(UnitOfWork& uow,
                                                                                    int64_t id) {
  return FindOneSummary(uow, kFindTemplate, {id});
}

absl::StatusOr<std::optional<ProgrammeTemplate>> MySqlTemplateRepository::Find(UnitOfWork& uow,
                                                                               int64_t id) {
  std::optional<ProgrammeTemplate> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindTemplate, {id}, [&](const Row& r) {
    out.emplace();
    out->summary = ReadSummary(r);
    out->sources = Lines(r.Str(11));
    return absl::OkStatus();
  }));
  if (!out) return out;
  RETURN_IF_ERROR(Sql(uow).Query(kListWeeks, {id}, [&](const Row& r) {
    ProgrammeWeek w;
    w.number = static_cast<int>(r.Int(0));
    w.title = r.Str(1);
    w.themes = Lines(r.Str(2));
    w.in_session = Lines(r.Str(3));
    w.module_text = r.Str(4);
    out->weeks.push_back(std::move(w));
    return absl::OkStatus();
  }));
  RETURN_IF_ERROR(Sql(uow).Query(kListPractices, {id}, [&](const Row& r) {
    const int week = static_cast<int>(r.Int(0));
    if (week < 1 || week > static_cast<int>(out->weeks.size())) {
      return absl::InternalError("practice refers to a missing week");
    }
    out->weeks[week - 1].practices.push_back(Practice{.code = r.Str(1),
                                                      .title = r.Str(2),
                                                      .instructions = r.Str(3),
                                                      .caution = r.Str(4),
                                                      .times_per_week = static_cast<int>(r.Int(5)),
                                                      .minutes = static_cast<int>(r.Int(6)),
                                                      .kind = r.Str(7)});
    return absl::OkStatus();
  }));
  ASSIGN_OR_RETURN(out->practice_kinds, LoadKinds(uow, id));
  return out;
}

absl::StatusOr<std::vector<PracticeKind>> MySqlTemplateRepository::ListPracticeKinds(UnitOfWork& uow,
                                                                                      int64_t template_id) {
  return LoadKinds(uow, template_id);
}

absl::StatusOr<std::optional<TemplateSummary>> MySqlTemplateRepository::FindVersion(
    UnitOfWork& uow, int64_t owner, const std::string& key, int version) {
  return FindOneSummary(uow, kFindTemplateVersion, {owner, key, int64_t{version}});
}

absl::StatusOr<int> MySqlTemplateRepository::LockLatestVersion(UnitOfWork& uow, int64_t owner,
                                                               const std::string& key) {
  int version = 0;
  RETURN_IF_ERROR(Sql(uow).Query(kLockLatestVersion, {owner, key}, [&](const Row& r) {
    version = static_cast<int>(r.Int(0));
    return absl::OkStatus();
  }));
  return version;
}

absl::StatusOr<std::vector<std::string>> MySqlTemplateRepository::ListWeekTitles(UnitOfWork& uow,
                                                                                 int64_t template_id) {
  std::vector<std::string> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListWeekTitles, {template_id}, [&](const Row& r) {
    out.push_back(r.Str(0));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<TemplateSummary>> MySqlTemplateRepository::ListVisible(
    UnitOfWork& uow, int64_t organisation_id) {
  std::vector<TemplateSummary> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListVisible, {organisation_id}, [&](const Row& r) {
    out.push_back(ReadSummary(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<int64_t> MySqlTemplateRepository::Insert(UnitOfWork& uow, const ProgrammeTemplate& t,
                                                        std::optional<int64_t> created_by) {
  const TemplateSummary& s = t.summary;
  auto& sql = Sql(uow);
  ASSIGN_OR_RETURN(int64_t id,
                   sql.Insert(kInsertTemplate,
                              {s.owner_organisation_id, s.key, int64_t{s.version}, s.title,
                               s.description, int64_t{s.session_minutes},
                               static_cast<int64_t>(t.weeks.size()), absl::StrJoin(t.sources, "\n"),
                               storage::Nullable(s.based_on_template_id), s.checksum, s.created_at,
                               storage::Nullable(created_by)}));
  // One statement for all weeks and one for all practices, whatever their number.
  std::vector<SqlValue> weeks;
  std::vector<SqlValue> practices;
  size_t practice_rows = 0;
  for (const ProgrammeWeek& w : t.weeks) {
    weeks.insert(weeks.end(), {id, int64_t{w.number}, w.title, absl::StrJoin(w.themes, "\n"),
                               absl::StrJoin(w.in_session, "\n"), w.module_text});
    for (size_t p = 0; p < w.practices.size(); ++p) {
      const Practice& pr = w.practices[p];
      practices.insert(practices.end(),
                       {id, int64_t{w.number}, static_cast<int64_t>(p), pr.code, pr.title,
                        pr.instructions, pr.caution, int64_t{pr.times_per_week}, int64_t{pr.minutes}, pr.kind});
      ++practice_rows;
    }
  }
  RETURN_IF_ERROR(sql.ExecuteDynamic("InsertTemplateWeeks",
                                     "INSERT INTO programme_template_weeks (template_id, week_number, "
                                     "title, themes, in_session, module_text) VALUES " +
                                         storage::PlaceholderRows(t.weeks.size(), 6),
                                     weeks)
                      .status());
  if (practice_rows > 0) {
    RETURN_IF_ERROR(sql.ExecuteDynamic(
                           "InsertTemplatePractices",
                           "INSERT INTO programme_template_practices (template_id, week_number, "
                           "position, code, title, instructions, caution, times_per_week, minutes, kind_key) "
                           "VALUES " +
                               storage::PlaceholderRows(practice_rows, 10),
                           practices)
                        .status());
  }
  std::vector<SqlValue> kinds;
  std::vector<SqlValue> fields;
  size_t field_rows = 0;
  for (size_t k = 0; k < t.practice_kinds.size(); ++k) {
    const PracticeKind& kind = t.practice_kinds[k];
    kinds.insert(kinds.end(), {id, kind.key, static_cast<int64_t>(k), kind.title, kind.description,
                               std::string(Name(kind.guide)), kind.distress_required, kind.uses_steps});
    for (size_t f = 0; f < kind.fields.size(); ++f) {
      const PracticeField& field = kind.fields[f];
      const bool number = field.type == FieldType::kNumber;
      fields.insert(fields.end(),
                    {id, kind.key, static_cast<int64_t>(f), field.key, field.label, field.help,
                     std::string(Name(field.type)), field.required,
                     number ? SqlValue(int64_t{field.min}) : SqlValue(nullptr),
                     number ? SqlValue(int64_t{field.max}) : SqlValue(nullptr),
                     field.type == FieldType::kText ? SqlValue(int64_t{field.max_length}) : SqlValue(nullptr),
                     OptionLines(field.options)});
      ++field_rows;
    }
  }
  if (!t.practice_kinds.empty()) {
    RETURN_IF_ERROR(sql.ExecuteDynamic("InsertPracticeKinds",
                                       "INSERT INTO programme_practice_kinds (template_id, kind_key, position, "
                                       "title, description, guide, distress_required, uses_steps) VALUES " +
                                           storage::PlaceholderRows(t.practice_kinds.size(), 8),
                                       kinds)
                        .status());
  }
  if (field_rows > 0) {
    RETURN_IF_ERROR(sql.ExecuteDynamic("InsertPracticeKindFields",
                                       "INSERT INTO programme_practice_kind_fields (template_id, kind_key, "
                                       "position, field_key, label, help, field_type, required, min_value, "
                                       "max_value, max_length, options) VALUES " +
                                           storage::PlaceholderRows(field_rows, 12),
                                       fields)
                        .status());
  }
  return id;
}

}  // namespace cft::programme
