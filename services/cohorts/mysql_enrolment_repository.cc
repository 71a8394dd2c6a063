#include "absl/strings/str_join.h"
#include "services/cohorts/mysql_cohort_rows.h"
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

#define CFT_REFERRAL_SELECT                                                                       \
  "SELECT r.id, r.organisation_id, r.name, r.contact_email, r.source, r.screening_status, "      \
  "r.screening_note, r.screened_at, r.preferred_cohort_id, e.cohort_id, r.created_at, r.created_by " \
  "FROM referrals r LEFT JOIN enrolments e ON e.referral_id = r.id "

constexpr SqlStatement kInsertReferral{
    "InsertReferral",
    "INSERT INTO referrals (organisation_id, name, contact_email, source, screening_status, "
    "screening_note, screened_at, screened_by, preferred_cohort_id, created_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
constexpr SqlStatement kFindReferral{
    "FindReferral", CFT_REFERRAL_SELECT "WHERE r.organisation_id = ? AND r.id = ?"};
constexpr SqlStatement kFindReferralForUpdate{
    "FindReferralForUpdate", CFT_REFERRAL_SELECT "WHERE r.organisation_id = ? AND r.id = ? FOR UPDATE"};
constexpr SqlStatement kUpdateScreening{
    "UpdateScreening",
    "UPDATE referrals SET screening_status = ?, screening_note = ?, screened_at = ?, screened_by = ? "
    "WHERE id = ?"};
constexpr SqlStatement kListReferrals{
    "ListReferrals",
    CFT_REFERRAL_SELECT
    "WHERE r.organisation_id = ? AND (? = '' OR FIND_IN_SET(r.screening_status, ?) > 0) "
    "AND (e.id IS NULL OR (? AND (? IS NULL OR EXISTS (SELECT 1 FROM cohort_facilitators f "
    "WHERE f.cohort_id = e.cohort_id AND f.user_id = ?)))) ORDER BY r.created_at, r.id"};

constexpr SqlStatement kCountPlaces{
    "CountPlaces",
    "SELECT COUNT(*) FROM enrolments WHERE cohort_id = ? AND status IN ('invited', 'active')"};
constexpr SqlStatement kInsertEnrolment{
    "InsertEnrolment",
    "INSERT INTO enrolments (cohort_id, referral_id, user_id, status, allocated_at, allocated_by, "
    "late_joiner, closed_group_override) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"};

// The latest invite rides along, so invite state costs no extra query. The
// TEXT column is read as the VARCHAR(500) its validation bounds it to
// (nothing else writes it): sorting rows that carry a TEXT, or a VARCHAR over
// 512 characters, makes MariaDB put them in an on-disk temporary table.
#define CFT_ENROLMENT_COLUMNS                                                                       \
  "e.id, e.cohort_id, e.referral_id, e.user_id, r.name, r.contact_email, e.status, "                 \
  "e.allocated_at, e.allocated_by, e.late_joiner, e.closed_group_override, e.joined_at, "            \
  "e.withdrawn_at, CAST(e.withdrawal_reason AS CHAR(500)), e.completed_at, i.expires_at, i.revoked_at, i.redeemed_at"
constexpr int kEnrolmentColumns = 18;
#define CFT_ENROLMENT_FROM                                                                          \
  "FROM enrolments e JOIN referrals r ON r.id = e.referral_id "                                    \
  "LEFT JOIN invites i ON i.id = (SELECT MAX(i2.id) FROM invites i2 WHERE i2.enrolment_id = e.id) "
#define CFT_ENROLMENT_SELECT "SELECT " CFT_ENROLMENT_COLUMNS " " CFT_ENROLMENT_FROM

constexpr SqlStatement kFindEnrolment{"FindEnrolment", CFT_ENROLMENT_SELECT "WHERE e.id = ?"};
constexpr SqlStatement kFindEnrolmentForUpdate{"FindEnrolmentForUpdate",
                                               CFT_ENROLMENT_SELECT "WHERE e.id = ? FOR UPDATE"};
constexpr SqlStatement kFindEnrolmentByReferral{"FindEnrolmentByReferral",
                                                CFT_ENROLMENT_SELECT "WHERE e.referral_id = ?"};
// A returning participant has one enrolment per group: the current place
// first, else the latest. The subquery picks it on ix_enrolments_user, so the
// row that carries the cohort's TEXT columns is found by its key, never sorted.
constexpr SqlStatement kFindPlaceByUser{
    "FindPlaceByUser",
    "SELECT " CFT_ENROLMENT_COLUMNS ", " CFT_COHORT_COLUMNS " " CFT_ENROLMENT_FROM
    "JOIN cohorts c ON c.id = e.cohort_id "
    "WHERE e.id = (SELECT e2.id FROM enrolments e2 WHERE e2.user_id = ? "
    "ORDER BY e2.status IN ('invited', 'active') DESC, e2.allocated_at DESC, e2.id DESC LIMIT 1)"};
// A place in a cancelled group is history, not a current place, though the
// people who had joined it stay 'active' in its records.
constexpr SqlStatement kHasCurrentPlace{
    "HasCurrentPlace",
    "SELECT COUNT(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id "
    "WHERE e.user_id = ? AND e.status IN ('invited', 'active') AND c.status <> 'cancelled'"};
constexpr SqlStatement kListEnrolments{"ListEnrolments",
                                       CFT_ENROLMENT_SELECT "WHERE e.cohort_id = ? ORDER BY r.name, e.id"};
constexpr SqlStatement kUpdateEnrolment{
    "UpdateEnrolment",
    "UPDATE enrolments SET status = ?, user_id = ?, joined_at = ?, withdrawn_at = ?, "
    "withdrawal_reason = ?, completed_at = ? WHERE id = ?"};
constexpr SqlStatement kCompleteActive{
    "CompleteActiveEnrolments",
    "UPDATE enrolments SET status = 'completed', completed_at = ? "
    "WHERE cohort_id = ? AND status = 'active'"};

constexpr SqlStatement kRevokeInvitesOfInvited{
    "RevokeInvitesOfInvited",
    "UPDATE invites i JOIN enrolments e ON e.id = i.enrolment_id SET i.revoked_at = ? "
    "WHERE e.cohort_id = ? AND e.status = 'invited' AND i.revoked_at IS NULL AND i.redeemed_at IS NULL"};
constexpr SqlStatement kWithdrawInvited{
    "WithdrawInvitedEnrolments",
    "UPDATE enrolments SET status = 'withdrawn', withdrawn_at = ?, withdrawal_reason = ? "
    "WHERE cohort_id = ? AND status = 'invited'"};

constexpr SqlStatement kRevokeOpenInvites{
    "RevokeOpenInvites",
    "UPDATE invites SET revoked_at = ? "
    "WHERE enrolment_id = ? AND revoked_at IS NULL AND redeemed_at IS NULL"};
constexpr SqlStatement kInsertInvite{
    "InsertInvite",
    "INSERT INTO invites (enrolment_id, code_hash, created_at, created_by, expires_at) "
    "VALUES (?, ?, ?, ?, ?)"};
constexpr SqlStatement kFindInviteByHash{
    "FindInviteByHash",
    "SELECT id, enrolment_id, created_at, expires_at, revoked_at, redeemed_at FROM invites "
    "WHERE code_hash = ?"};
constexpr SqlStatement kFindInviteByHashLocked{
    "FindInviteByHashLocked",
    "SELECT id, enrolment_id, created_at, expires_at, revoked_at, redeemed_at FROM invites "
    "WHERE code_hash = ? FOR UPDATE"};
constexpr SqlStatement kMarkInviteRedeemed{
    "MarkInviteRedeemed", "UPDATE invites SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL"};

std::string JoinStatuses(const std::vector<ScreeningStatus>& statuses) {
  std::vector<std::string> names;
  for (ScreeningStatus s : statuses) names.emplace_back(Name(s));
  return absl::StrJoin(names, ",");
}

Referral ReadReferral(const Row& r) {
  Referral x;
  x.id = r.Int(0);
  x.organisation_id = r.Int(1);
  x.name = r.Str(2);
  x.contact_email = r.Str(3);
  x.source = r.Str(4);
  x.screening_status = ScreeningStatusFromName(r.Str(5)).value_or(ScreeningStatus::kPending);
  x.screening_note = r.Str(6);
  x.screened_at = r.OptTime(7);
  x.preferred_cohort_id = r.OptInt(8);
  x.allocated_cohort_id = r.OptInt(9);
  x.created_at = r.Time(10);
  x.created_by = r.Int(11);
  return x;
}

Enrolment ReadEnrolment(const Row& r, absl::Time now) {
  Enrolment e;
  e.id = r.Int(0);
  e.cohort_id = r.Int(1);
  e.referral_id = r.Int(2);
  e.user_id = r.OptInt(3);
  e.name = r.Str(4);
  e.contact_email = r.Str(5);
  e.status = EnrolmentStatusFromName(r.Str(6)).value_or(EnrolmentStatus::kInvited);
  e.allocated_at = r.Time(7);
  e.allocated_by = r.Int(8);
  e.late_joiner = r.Bool(9);
  e.closed_group_override = r.Bool(10);
  e.joined_at = r.OptTime(11);
  e.withdrawn_at = r.OptTime(12);
  e.withdrawal_reason = r.OptStr(13).value_or("");
  e.completed_at = r.OptTime(14);
  e.invite_expires_at = r.OptTime(15);
  if (!e.invite_expires_at) {
    e.invite_state = InviteState::kNone;
  } else if (r.OptTime(17)) {
    e.invite_state = InviteState::kRedeemed;
  } else if (r.OptTime(16)) {
    e.invite_state = InviteState::kRevoked;
  } else if (*e.invite_expires_at <= now) {
    e.invite_state = InviteState::kExpired;
  } else {
    e.invite_state = InviteState::kPending;
  }
  return e;
}

absl::StatusOr<std::optional<Enrolment>> FindOneEnrolment(UnitOfWork& uow, const SqlStatement& stmt,
                                                          int64_t key, absl::Time now) {
  std::optional<Enrolment> out;
  RETURN_IF_ERROR(Sql(uow).Query(stmt, {key}, [&](const Row& r) {
    out = ReadEnrolment(r, now);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace

absl::StatusOr<int64_t> MySqlEnrolmentRepository::InsertReferral(UnitOfWork& uow, const Referral& r) {
  return Sql(uow).Insert(kInsertReferral,
                         {r.organisation_id, r.name, r.contact_email, r.source,
                          std::string(Name(r.screening_status)), r.screening_note,
                          Nullable(r.screened_at),
                          r.screened_at ? SqlValue(r.created_by) : SqlValue(nullptr),
                          Nullable(r.preferred_cohort_id), r.created_at, r.created_by});
}

absl::StatusOr<std::optional<Referral>> MySqlEnrolmentRepository::FindReferral(UnitOfWork& uow,
                                                                               int64_t organisation_id,
                                                                               int64_t referral_id,
                                                                               bool for_update) {
  std::optional<Referral> out;
  RETURN_IF_ERROR(Sql(uow).Query(for_update ? kFindReferralForUpdate : kFindReferral,
                                 {organisation_id, referral_id}, [&](const Row& r) {
                                   out = ReadReferral(r);
                                   return absl::OkStatus();
                                 }));
  return out;
}

absl::Status MySqlEnrolmentRepository::UpdateScreening(UnitOfWork& uow, int64_t referral_id,
                                                       ScreeningStatus status, const std::string& note,
                                                       absl::Time screened_at, int64_t screened_by) {
  return Sql(uow)
      .Execute(kUpdateScreening, {std::string(Name(status)), note, screened_at, screened_by, referral_id})
      .status();
}

absl::StatusOr<std::vector<Referral>> MySqlEnrolmentRepository::ListReferrals(
    UnitOfWork& uow, int64_t organisation_id, const std::vector<ScreeningStatus>& statuses,
    bool include_allocated, std::optional<int64_t> facilitator_user_id) {
  const std::string joined = JoinStatuses(statuses);
  const SqlValue facilitator = Nullable(facilitator_user_id);
  std::vector<Referral> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListReferrals,
                                 {organisation_id, joined, joined, include_allocated, facilitator, facilitator},
                                 [&](const Row& r) {
                                   out.push_back(ReadReferral(r));
                                   return absl::OkStatus();
                                 }));
  return out;
}

absl::StatusOr<int> MySqlEnrolmentRepository::CountPlaces(UnitOfWork& uow, int64_t cohort_id) {
  int n = 0;
  RETURN_IF_ERROR(Sql(uow).Query(kCountPlaces, {cohort_id}, [&](const Row& r) {
    n = static_cast<int>(r.Int(0));
    return absl::OkStatus();
  }));
  return n;
}

absl::StatusOr<int64_t> MySqlEnrolmentRepository::InsertEnrolment(UnitOfWork& uow, const Enrolment& e) {
  return Sql(uow).Insert(kInsertEnrolment,
                         {e.cohort_id, e.referral_id, Nullable(e.user_id), std::string(Name(e.status)),
                          e.allocated_at, e.allocated_by, e.late_joiner, e.closed_group_override});
}

absl::StatusOr<std::optional<Enrolment>> MySqlEnrolmentRepository::FindEnrolment(UnitOfWork& uow,
                                                                                 int64_t enrolment_id,
                                                                                 absl::Time now,
                                                                                 bool for_update) {
  return FindOneEnrolment(uow, for_update ? kFindEnrolmentForUpdate : kFindEnrolment, enrolment_id, now);
}

absl::StatusOr<std::optional<Enrolment>> MySqlEnrolmentRepository::FindEnrolmentByReferral(
    UnitOfWork& uow, int64_t referral_id, absl::Time now) {
  return FindOneEnrolment(uow, kFindEnrolmentByReferral, referral_id, now);
}

absl::StatusOr<std::optional<Place>> MySqlEnrolmentRepository::FindPlaceByUser(UnitOfWork& uow, int64_t user_id,
                                                                               absl::Time now) {
  std::optional<Place> out;
  RETURN_IF_ERROR(Sql(uow).Query(kFindPlaceByUser, {user_id}, [&](const Row& r) {
    out = Place{.enrolment = ReadEnrolment(r, now), .cohort = mysql_rows::ReadCohort(r, kEnrolmentColumns)};
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Enrolment>> MySqlEnrolmentRepository::ListEnrolments(UnitOfWork& uow,
                                                                               int64_t cohort_id,
                                                                               absl::Time now) {
  std::vector<Enrolment> out;
  RETURN_IF_ERROR(Sql(uow).Query(kListEnrolments, {cohort_id}, [&](const Row& r) {
    out.push_back(ReadEnrolment(r, now));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlEnrolmentRepository::UpdateEnrolment(UnitOfWork& uow, const Enrolment& e) {
  return Sql(uow)
      .Execute(kUpdateEnrolment,
               {std::string(Name(e.status)), Nullable(e.user_id), Nullable(e.joined_at),
                Nullable(e.withdrawn_at),
                e.withdrawal_reason.empty() ? SqlValue(nullptr) : SqlValue(e.withdrawal_reason),
                Nullable(e.completed_at), e.id})
      .status();
}

absl::Status MySqlEnrolmentRepository::CompleteActive(UnitOfWork& uow, int64_t cohort_id, absl::Time now) {
  return Sql(uow).Execute(kCompleteActive, {now, cohort_id}).status();
}

absl::StatusOr<bool> MySqlEnrolmentRepository::HasCurrentPlace(UnitOfWork& uow, int64_t user_id) {
  int64_t n = 0;
  RETURN_IF_ERROR(Sql(uow).Query(kHasCurrentPlace, {user_id}, [&](const Row& r) {
    n = r.Int(0);
    return absl::OkStatus();
  }));
  return n > 0;
}

absl::Status MySqlEnrolmentRepository::WithdrawInvited(UnitOfWork& uow, int64_t cohort_id, absl::Time now,
                                                       absl::string_view reason) {
  RETURN_IF_ERROR(Sql(uow).Execute(kRevokeInvitesOfInvited, {now, cohort_id}).status());
  return Sql(uow).Execute(kWithdrawInvited, {now, std::string(reason), cohort_id}).status();
}

absl::Status MySqlEnrolmentRepository::RevokeOpenInvites(UnitOfWork& uow, int64_t enrolment_id,
                                                         absl::Time now) {
  return Sql(uow).Execute(kRevokeOpenInvites, {now, enrolment_id}).status();
}

absl::StatusOr<int64_t> MySqlEnrolmentRepository::InsertInvite(UnitOfWork& uow, int64_t enrolment_id,
                                                               const std::string& code_hash,
                                                               absl::Time created_at, int64_t created_by,
                                                               absl::Time expires_at) {
  return Sql(uow).Insert(kInsertInvite, {enrolment_id, code_hash, created_at, created_by, expires_at});
}

absl::StatusOr<std::optional<Invite>> MySqlEnrolmentRepository::FindInviteByHash(UnitOfWork& uow,
                                                                                 const std::string& code_hash,
                                                                                 bool for_update) {
  std::optional<Invite> out;
  RETURN_IF_ERROR(Sql(uow).Query(for_update ? kFindInviteByHashLocked : kFindInviteByHash, {code_hash},
                                 [&](const Row& r) {
    out = Invite{.id = r.Int(0),
                 .enrolment_id = r.Int(1),
                 .created_at = r.Time(2),
                 .expires_at = r.Time(3),
                 .revoked_at = r.OptTime(4),
                 .redeemed_at = r.OptTime(5)};
    return absl::OkStatus();
  }));
  return out;
}

absl::Status MySqlEnrolmentRepository::MarkInviteRedeemed(UnitOfWork& uow, int64_t invite_id, absl::Time now) {
  ASSIGN_OR_RETURN(int64_t n, Sql(uow).Execute(kMarkInviteRedeemed, {now, invite_id}));
  if (n != 1) return absl::AbortedError("invite was redeemed concurrently");
  return absl::OkStatus();
}

}  // namespace cft::cohorts
