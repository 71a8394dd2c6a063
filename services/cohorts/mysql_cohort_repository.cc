#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/cohorts/mysql_cohort_rows.h"
#include "services/cohorts/mysql_repositories.h"
#include "services/common/status_macros.h"
#include "services/storage/sql.h"

namespace cft::cohorts {
namespace {

using storage::Row;
using storage::Sql;
using storage::SqlStatement;

using mysql_rows::kCohortColumns;
using mysql_rows::ReadCohort;

constexpr SqlStatement kFindCohort{
    "FindCohort",
    "SELECT " CFT_COHORT_COLUMNS ", EXISTS (SELECT 1 FROM cohort_facilitators f "
    "WHERE f.cohort_id = c.id AND f.user_id = ?) FROM cohorts c "
    "WHERE c.id = ? AND c.organisation_id = ?"};
constexpr SqlStatement kFindCohortForUpdate{
    "FindCohortForUpdate",
    "SELECT " CFT_COHORT_COLUMNS ", EXISTS (SELECT 1 FROM cohort_facilitators f "
    "WHERE f.cohort_id = c.id AND f.user_id = ?) FROM cohorts c "
    "WHERE c.id = ? AND c.organisation_id = ? FOR UPDATE"};
constexpr SqlStatement kFindCohortForInvite{
    "FindCohortForInvite", "SELECT " CFT_COHORT_COLUMNS " FROM cohorts c WHERE c.id = ?"};
constexpr SqlStatement kFindCohortForInviteLocked{
    "FindCohortForInviteLocked", "SELECT " CFT_COHORT_COLUMNS " FROM cohorts c WHERE c.id = ? FOR UPDATE"};
constexpr SqlStatement kInsertCohort{
    "InsertCohort",
    "INSERT INTO cohorts (organisation_id, name, template_id, status, cancel_reason, start_date, "
    "weekday, local_start_time, duration_minutes, time_zone, capacity, group_type, created_at, "
    "created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr SqlStatement kUpdateCohort{
    "UpdateCohort",
    "UPDATE cohorts SET name = ?, template_id = ?, status = ?, cancel_reason = ?, start_date = ?, "
    "weekday = ?, local_start_time = ?, duration_minutes = ?, time_zone = ?, capacity = ?, "
    "group_type = ?, updated_at = ? WHERE id = ?"};

// The same filter in both view queries. `?` order: organisation, cohort id
// twice, facilitator twice, statuses twice.
#define CFT_VIEW_FILTER                                                                   \
  " WHERE c.organisation_id = ? AND (? IS NULL OR c.id = ?) AND (? IS NULL OR EXISTS "   \
  "(SELECT 1 FROM cohort_facilitators ff WHERE ff.cohort_id = c.id AND ff.user_id = ?)) " \
  "AND (? = '' OR FIND_IN_SET(c.status, ?) > 0)"

constexpr SqlStatement kLoadViews{
    "LoadCohortViews",
    "SELECT " CFT_COHORT_COLUMNS ", t.title, t.version, t.week_count, "
    "(SELECT COUNT(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status IN ('invited', 'active')), "
    "(SELECT MIN(s.starts_at) FROM cohort_sessions s WHERE s.cohort_id = c.id AND s.status <> 'cancelled') "
    "FROM cohorts c JOIN programme_templates t ON t.id = c.template_id" CFT_VIEW_FILTER
    " ORDER BY c.start_date DESC, c.id DESC"};
constexpr SqlStatement kLoadViewFacilitators{
    "LoadCohortViewFacilitators",
    "SELECT f.cohort_id, f.user_id, u.display_name, u.email, f.role FROM cohort_facilitators f "
    "JOIN cohorts c ON c.id = f.cohort_id JOIN users u ON u.id = f.user_id" CFT_VIEW_FILTER
    " ORDER BY f.cohort_id, f.role = 'co', u.display_name"};

constexpr SqlStatement kPutFacilitator{
    "PutFacilitator",
    "INSERT INTO cohort_facilitators (cohort_id, user_id, role, added_at) VALUES (?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE role = ?"};
constexpr SqlStatement kDemoteLead{
    "DemoteLead", "UPDATE cohort_facilitators SET role = 'co' WHERE cohort_id = ? AND role = 'lead'"};
constexpr SqlStatement kRemoveFacilitator{
    "RemoveFacilitator", "DELETE FROM cohort_facilitators WHERE cohort_id = ? AND user_id = ?"};
constexpr SqlStatement kFacilitatorRoleOf{
    "FacilitatorRoleOf", "SELECT role FROM cohort_facilitators WHERE cohort_id = ? AND user_id = ?"};
constexpr SqlStatement kCountFacilitators{
    "CountFacilitators", "SELECT COUNT(*) FROM cohort_facilitators WHERE cohort_id = ?"};
constexpr SqlStatement kModuleRelease{"FindModuleRelease",
                                      "SELECT module_release FROM organisations WHERE id = ?"};

std::string TimeOfDay(int minute) { return absl::StrFormat("%02d:%02d:00", minute / 60, minute % 60); }

int ParseTimeOfDay(const std::string& s) {
  // TIME comes back as "HH:MM:SS".
  if (s.size() < 5) return 0;
  return std::stoi(s.substr(0, 2)) * 60 + std::stoi(s.substr(3, 2));
}

}  // namespace

namespace mysql_rows {

CohortRecord ReadCohort(const Row& r, int first) {
  CohortRecord c;
  c.id = r.Int(first);
  c.organisation_id = r.Int(first + 1);
  c.name = r.Str(first + 2);
  c.template_id = r.Int(first + 3);
  c.status = CohortStatusFromName(r.Str(first + 4)).value_or(CohortStatus::kPlanned);
  c.cancel_reason = r.OptStr(first + 5).value_or("");
  c.plan.start_date = r.Day(first + 6);
  c.plan.weekday = static_cast<int>(r.Int(first + 7));
  c.plan.start_minute = ParseTimeOfDay(r.Str(first + 8));
  c.plan.duration_minutes = static_cast<int>(r.Int(first + 9));
  c.plan.time_zone = r.Str(first + 10);
  c.capacity = static_cast<int>(r.Int(first + 11));
  c.group_type = GroupTypeFromName(r.Str(first + 12)).value_or(GroupType::kClosed);
  c.created_at = r.Time(first + 13);
  c.created_by = r.Int(first + 14);
  c.updated_at = r.Time(first + 15);
  return c;
}

}  // namespace mysql_rows

absl::StatusOr<std::optional<CohortRepository::Found>> MySqlCohortRepository::Find(
    UnitOfWork& uow, int64_t cohort_id, int64_t organisation_id, int64_t user_id, bool for_update) {
  std::optional<Found> out;
  RETURN_IF_ERROR(Sql(uow).Query(for_update ? kFindCohortForUpdate : kFindCohort,
                                 {user_id, cohort_id, organisation_id}, [&](const Row& r) {
                                   out = Found{ReadCohort(r), r.Bool(kCohortColumns)};
                                   return absl::OkStatus();
                                 }));
  return out;
}

absl::StatusOr<std::optional<CohortRecord>> MySqlCohortRepository::FindForInvite(UnitOfWork& uow,
                                                                                 int64_t cohort_id,
                                                                                 bool for_update) {
  std::optional<CohortRecord> out;
  RETURN_IF_ERROR(Sql(uow).Query(for_update ? kFindCohortForInviteLocked : kFindCohortForInvite, {cohort_id},
                                 [&](const Row& r) {
    out = ReadCohort(r);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<int64_t> MySqlCohortRepository::Insert(UnitOfWork& uow, const CohortRecord& c) {
  return Sql(uow).Insert(
      kInsertCohort,
      {c.organisation_id, c.name, c.template_id, std::string(Name(c.status)),
       c.cancel_reason.empty() ? storage::SqlValue(nullptr) : storage::SqlValue(c.cancel_reason),
       c.plan.start_date, int64_t{c.plan.weekday}, TimeOfDay(c.plan.start_minute),
       int64_t{c.plan.duration_minutes}, c.plan.time_zone, int64_t{c.capacity},
       std::string(Name(c.group_type)), c.created_at, c.created_by, c.updated_at});
}

absl::Status MySqlCohortRepository::Update(UnitOfWork& uow, const CohortRecord& c) {
  return Sql(uow)
      .Execute(kUpdateCohort,
               {c.name, c.template_id, std::string(Name(c.status)),
                c.cancel_reason.empty() ? storage::SqlValue(nullptr) : storage::SqlValue(c.cancel_reason),
                c.plan.start_date, int64_t{c.plan.weekday}, TimeOfDay(c.plan.start_minute),
                int64_t{c.plan.duration_minutes}, c.plan.time_zone, int64_t{c.capacity},
                std::string(Name(c.group_type)), c.updated_at, c.id})
      .status();
}

absl::StatusOr<std::vector<CohortView>> MySqlCohortRepository::LoadViews(UnitOfWork& uow,
                                                                         const CohortFilter& filter) {
  std::vector<std::string> names;
  for (CohortStatus s : filter.statuses) names.emplace_back(Name(s));
  const std::string statuses = absl::StrJoin(names, ",");
  const auto cohort = storage::Nullable(filter.cohort_id);
  const auto facilitator = storage::Nullable(filter.facilitator_user_id);
  std::vector<CohortView> out;
  std::map<int64_t, size_t> index;
  RETURN_IF_ERROR(Sql(uow).Query(
      kLoadViews, {filter.organisation_id, cohort, cohort, facilitator, facilitator, statuses, statuses},
      [&](const Row& r) {
        CohortView v;
        v.record = ReadCohort(r);
        v.template_title = r.Str(kCohortColumns);
        v.template_version = static_cast<int>(r.Int(kCohortColumns + 1));
        v.week_count = static_cast<int>(r.Int(kCohortColumns + 2));
        v.enrolled_count = static_cast<int>(r.Int(kCohortColumns + 3));
        v.first_session_at = r.OptTime(kCohortColumns + 4);
        index[v.record.id] = out.size();
        out.push_back(std::move(v));
        return absl::OkStatus();
      }));
  if (out.empty()) return out;
  RETURN_IF_ERROR(Sql(uow).Query(
      kLoadViewFacilitators,
      {filter.organisation_id, cohort, cohort, facilitator, facilitator, statuses, statuses},
      [&](const Row& r) {
        auto it = index.find(r.Int(0));
        if (it == index.end()) return absl::OkStatus();
        out[it->second].facilitators.push_back(
            Facilitator{.user_id = r.Int(1),
                        .display_name = r.Str(2),
                        .email = r.Str(3),
                        .role = FacilitatorRoleFromName(r.Str(4)).value_or(FacilitatorRole::kCo)});
        return absl::OkStatus();
      }));
  return out;
}

absl::Status MySqlCohortRepository::PutFacilitator(UnitOfWork& uow, int64_t cohort_id, int64_t user_id,
                                                   FacilitatorRole role, absl::Time now) {
  const std::string r(Name(role));
  return Sql(uow).Execute(kPutFacilitator, {cohort_id, user_id, r, now, r}).status();
}

absl::Status MySqlCohortRepository::DemoteLead(UnitOfWork& uow, int64_t cohort_id) {
  return Sql(uow).Execute(kDemoteLead, {cohort_id}).status();
}

absl::StatusOr<bool> MySqlCohortRepository::RemoveFacilitator(UnitOfWork& uow, int64_t cohort_id,
                                                              int64_t user_id) {
  ASSIGN_OR_RETURN(int64_t n, Sql(uow).Execute(kRemoveFacilitator, {cohort_id, user_id}));
  return n > 0;
}

absl::StatusOr<std::optional<FacilitatorRole>> MySqlCohortRepository::FacilitatorRoleOf(UnitOfWork& uow,
                                                                                        int64_t cohort_id,
                                                                                        int64_t user_id) {
  std::optional<FacilitatorRole> role;
  RETURN_IF_ERROR(Sql(uow).Query(kFacilitatorRoleOf, {cohort_id, user_id}, [&](const Row& r) {
    role = FacilitatorRoleFromName(r.Str(0));
    return absl::OkStatus();
  }));
  return role;
}

absl::StatusOr<int> MySqlCohortRepository::CountFacilitators(UnitOfWork& uow, int64_t cohort_id) {
  int n = 0;
  RETURN_IF_ERROR(Sql(uow).Query(kCountFacilitators, {cohort_id}, [&](const Row& r) {
    n = static_cast<int>(r.Int(0));
    return absl::OkStatus();
  }));
  return n;
}

absl::StatusOr<ModuleRelease> MySqlCohortRepository::FindModuleRelease(UnitOfWork& uow,
                                                                       int64_t organisation_id) {
  ModuleRelease mode = ModuleRelease::kAtSessionStart;
  RETURN_IF_ERROR(Sql(uow).Query(kModuleRelease, {organisation_id}, [&](const Row& r) {
    if (r.Str(0) == "session_held") mode = ModuleRelease::kWhenSessionHeld;
    return absl::OkStatus();
  }));
  return mode;
}

}  // namespace cft::cohorts
