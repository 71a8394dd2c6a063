#include "tests/cohorts/fake_cohort_repositories.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cft::testing {

using cohorts::AttendanceRecord;
using cohorts::AttendanceStatus;
using cohorts::CohortFilter;
using cohorts::CohortRecord;
using cohorts::CohortView;
using cohorts::Enrolment;
using cohorts::EnrolmentStatus;
using cohorts::Facilitator;
using cohorts::FacilitatorRole;
using cohorts::Invite;
using cohorts::InviteState;
using cohorts::Referral;
using cohorts::ScreeningStatus;
using cohorts::Session;
using cohorts::SessionStatus;

namespace {

// Messages shaped as sql_errors.cc shapes them.
absl::Status Duplicate(absl::string_view statement) {
  return absl::AlreadyExistsError(absl::StrCat(statement, ": database error 1062"));
}
absl::Status NoParent(absl::string_view statement) {
  return absl::FailedPreconditionError(absl::StrCat(statement, ": database error 1452"));
}
absl::Status CheckFailed(absl::string_view statement) {
  return absl::FailedPreconditionError(absl::StrCat(statement, ": database error 4025"));
}

bool HoldsPlace(EnrolmentStatus s) { return s == EnrolmentStatus::kInvited || s == EnrolmentStatus::kActive; }

}  // namespace

bool CollatedLess(const std::string& a, const std::string& b) {
  return absl::AsciiStrToLower(a) < absl::AsciiStrToLower(b);
}

// ---- cohorts ----

absl::Status FakeCohortRepository::CheckRow(const CohortRecord& c, absl::string_view statement) const {
  if (!users_.state().orgs.count(c.organisation_id) || templates_.Summary(c.template_id) == nullptr) {
    return NoParent(statement);
  }
  if (c.capacity < 1 || c.capacity > 20 || c.plan.weekday < 1 || c.plan.weekday > 7) return CheckFailed(statement);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<FakeCohortRepository::Found>> FakeCohortRepository::Find(
    UnitOfWork&, int64_t cohort_id, int64_t organisation_id, int64_t user_id, bool) {
  auto it = state_.cohorts.find(cohort_id);
  if (it == state_.cohorts.end() || it->second.organisation_id != organisation_id) return std::nullopt;
  return Found{it->second, Facilitates(cohort_id, user_id)};
}

absl::StatusOr<std::optional<CohortRecord>> FakeCohortRepository::FindForInvite(UnitOfWork&, int64_t cohort_id,
                                                                                bool) {
  auto it = state_.cohorts.find(cohort_id);
  if (it == state_.cohorts.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<int64_t> FakeCohortRepository::Insert(UnitOfWork&, const CohortRecord& c) {
  if (absl::Status s = CheckRow(c, "InsertCohort"); !s.ok()) return s;
  CohortRecord row = c;
  row.id = state_.next_id++;
  state_.cohorts[row.id] = row;
  return row.id;
}

absl::Status FakeCohortRepository::Update(UnitOfWork&, const CohortRecord& c) {
  auto it = state_.cohorts.find(c.id);
  // UPDATE ... WHERE id = ?: no row, no change, no error.
  if (it == state_.cohorts.end()) return absl::OkStatus();
  if (absl::Status s = CheckRow(c, "UpdateCohort"); !s.ok()) return s;
  // Identity and creation columns are not in the UPDATE.
  CohortRecord row = c;
  row.organisation_id = it->second.organisation_id;
  row.created_at = it->second.created_at;
  row.created_by = it->second.created_by;
  it->second = row;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<CohortView>> FakeCohortRepository::LoadViews(UnitOfWork&, const CohortFilter& filter) {
  std::vector<CohortView> out;
  for (const auto& [id, c] : state_.cohorts) {
    if (c.organisation_id != filter.organisation_id) continue;
    if (filter.cohort_id && *filter.cohort_id != id) continue;
    if (filter.facilitator_user_id && !Facilitates(id, *filter.facilitator_user_id)) continue;
    if (!filter.statuses.empty() &&
        std::find(filter.statuses.begin(), filter.statuses.end(), c.status) == filter.statuses.end()) {
      continue;
    }
    // JOIN programme_templates: a cohort without its template is not listed.
    const programme::TemplateSummary* t = templates_.Summary(c.template_id);
    if (t == nullptr) continue;
    CohortView v;
    v.record = c;
    v.template_title = t->title;
    v.template_version = t->version;
    v.week_count = t->week_count;
    v.enrolled_count = enrolments_ ? enrolments_->PlacesHeld(id) : 0;
    v.first_session_at = sessions_ ? sessions_->FirstLiveStart(id) : std::nullopt;
    for (const auto& [key, f] : state_.facilitators) {
      if (key.first != id) continue;
      const auth::UserRecord& u = users_.state().users.at(key.second);
      v.facilitators.push_back(
          Facilitator{.user_id = u.id, .display_name = u.display_name, .email = u.email, .role = f.role});
    }
    // ORDER BY f.role = 'co', u.display_name: the lead first, then by name.
    std::stable_sort(v.facilitators.begin(), v.facilitators.end(), [](const Facilitator& a, const Facilitator& b) {
      const bool a_co = a.role == FacilitatorRole::kCo;
      const bool b_co = b.role == FacilitatorRole::kCo;
      if (a_co != b_co) return !a_co;
      return CollatedLess(a.display_name, b.display_name);
    });
    out.push_back(std::move(v));
  }
  // ORDER BY c.start_date DESC, c.id DESC
  std::sort(out.begin(), out.end(), [](const CohortView& a, const CohortView& b) {
    if (a.record.plan.start_date != b.record.plan.start_date) return a.record.plan.start_date > b.record.plan.start_date;
    return a.record.id > b.record.id;
  });
  return out;
}

absl::Status FakeCohortRepository::PutFacilitator(UnitOfWork&, int64_t cohort_id, int64_t user_id,
                                                  FacilitatorRole role, absl::Time now) {
  if (!state_.cohorts.count(cohort_id) || !users_.state().users.count(user_id)) return NoParent("PutFacilitator");
  auto [it, inserted] = state_.facilitators.try_emplace({cohort_id, user_id}, FacilitatorRow{role, now});
  // ON DUPLICATE KEY UPDATE role = ?: added_at stays.
  if (!inserted) it->second.role = role;
  return absl::OkStatus();
}

absl::Status FakeCohortRepository::DemoteLead(UnitOfWork&, int64_t cohort_id) {
  for (auto& [key, f] : state_.facilitators) {
    if (key.first == cohort_id && f.role == FacilitatorRole::kLead) f.role = FacilitatorRole::kCo;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> FakeCohortRepository::RemoveFacilitator(UnitOfWork&, int64_t cohort_id, int64_t user_id) {
  return state_.facilitators.erase({cohort_id, user_id}) > 0;
}

absl::StatusOr<int> FakeCohortRepository::CountFacilitators(UnitOfWork&, int64_t cohort_id) {
  int n = 0;
  for (const auto& [key, f] : state_.facilitators) n += key.first == cohort_id;
  return n;
}

absl::StatusOr<std::optional<FacilitatorRole>> FakeCohortRepository::FacilitatorRoleOf(UnitOfWork&,
                                                                                       int64_t cohort_id,
                                                                                       int64_t user_id) {
  auto it = state_.facilitators.find({cohort_id, user_id});
  if (it == state_.facilitators.end()) return std::nullopt;
  return it->second.role;
}

absl::StatusOr<cohorts::ModuleRelease> FakeCohortRepository::FindModuleRelease(UnitOfWork&,
                                                                               int64_t organisation_id) {
  auto it = state_.module_release.find(organisation_id);
  return it == state_.module_release.end() ? cohorts::ModuleRelease::kAtSessionStart : it->second;
}

// ---- referrals, enrolments, invites ----

int FakeEnrolmentRepository::PlacesHeld(int64_t cohort_id) const {
  int n = 0;
  for (const auto& [id, e] : state_.enrolments) n += e.cohort_id == cohort_id && HoldsPlace(e.status);
  return n;
}

const Referral* FakeEnrolmentRepository::ReferralOf(int64_t enrolment_id) const {
  auto e = state_.enrolments.find(enrolment_id);
  if (e == state_.enrolments.end()) return nullptr;
  auto r = state_.referrals.find(e->second.referral_id);
  return r == state_.referrals.end() ? nullptr : &r->second.referral;
}

Referral FakeEnrolmentRepository::ReadReferral(const ReferralRow& row) const {
  Referral r = row.referral;
  // LEFT JOIN enrolments e ON e.referral_id = r.id, whatever the enrolment's status.
  r.allocated_cohort_id.reset();
  for (const auto& [id, e] : state_.enrolments) {
    if (e.referral_id == r.id) r.allocated_cohort_id = e.cohort_id;
  }
  return r;
}

Enrolment FakeEnrolmentRepository::Read(const Enrolment& stored, absl::Time now) const {
  Enrolment e = stored;
  const Referral& r = state_.referrals.at(e.referral_id).referral;
  e.name = r.name;
  e.contact_email = r.contact_email;
  // The invite with the highest id.
  const InviteRow* latest = nullptr;
  for (const auto& [id, i] : state_.invites) {
    if (i.invite.enrolment_id == e.id) latest = &i;
  }
  e.invite_state = InviteState::kNone;
  e.invite_expires_at.reset();
  if (latest != nullptr) {
    const Invite& i = latest->invite;
    e.invite_expires_at = i.expires_at;
    if (i.redeemed_at) {
      e.invite_state = InviteState::kRedeemed;
    } else if (i.revoked_at) {
      e.invite_state = InviteState::kRevoked;
    } else if (i.expires_at <= now) {
      e.invite_state = InviteState::kExpired;
    } else {
      e.invite_state = InviteState::kPending;
    }
  }
  return e;
}

absl::StatusOr<int64_t> FakeEnrolmentRepository::InsertReferral(UnitOfWork&, const Referral& r) {
  if (r.preferred_cohort_id && !cohorts_.state().cohorts.count(*r.preferred_cohort_id)) {
    return NoParent("InsertReferral");
  }
  ReferralRow row{r, r.screened_at ? std::optional<int64_t>(r.created_by) : std::nullopt};
  row.referral.id = state_.next_id++;
  row.referral.allocated_cohort_id.reset();
  state_.referrals[row.referral.id] = row;
  return row.referral.id;
}

absl::StatusOr<std::optional<Referral>> FakeEnrolmentRepository::FindReferral(UnitOfWork&, int64_t organisation_id,
                                                                              int64_t referral_id, bool) {
  auto it = state_.referrals.find(referral_id);
  if (it == state_.referrals.end() || it->second.referral.organisation_id != organisation_id) return std::nullopt;
  return ReadReferral(it->second);
}

absl::Status FakeEnrolmentRepository::UpdateScreening(UnitOfWork&, int64_t referral_id, ScreeningStatus status,
                                                      const std::string& note, absl::Time screened_at,
                                                      int64_t screened_by) {
  auto it = state_.referrals.find(referral_id);
  if (it == state_.referrals.end()) return absl::OkStatus();
  it->second.referral.screening_status = status;
  it->second.referral.screening_note = note;
  it->second.referral.screened_at = screened_at;
  it->second.screened_by = screened_by;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Referral>> FakeEnrolmentRepository::ListReferrals(
    UnitOfWork&, int64_t organisation_id, const std::vector<ScreeningStatus>& statuses, bool include_allocated,
    std::optional<int64_t> facilitator_user_id) {
  std::vector<Referral> out;
  for (const auto& [id, row] : state_.referrals) {
    Referral r = ReadReferral(row);
    if (r.organisation_id != organisation_id) continue;
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), r.screening_status) == statuses.end()) {
      continue;
    }
    if (r.allocated_cohort_id &&
        (!include_allocated ||
         (facilitator_user_id && !cohorts_.Facilitates(*r.allocated_cohort_id, *facilitator_user_id)))) {
      continue;
    }
    out.push_back(std::move(r));
  }
  // ORDER BY r.created_at, r.id
  std::sort(out.begin(), out.end(), [](const Referral& a, const Referral& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
  return out;
}

absl::StatusOr<int> FakeEnrolmentRepository::CountPlaces(UnitOfWork&, int64_t cohort_id) {
  return PlacesHeld(cohort_id);
}

absl::StatusOr<int64_t> FakeEnrolmentRepository::InsertEnrolment(UnitOfWork&, const Enrolment& e) {
  if (!cohorts_.state().cohorts.count(e.cohort_id) || !state_.referrals.count(e.referral_id)) {
    return NoParent("InsertEnrolment");
  }
  // uq_enrolments_referral
  for (const auto& [id, other] : state_.enrolments) {
    if (other.referral_id == e.referral_id) return Duplicate("InsertEnrolment");
  }
  Enrolment row = e;
  row.id = state_.next_id++;
  // Only the INSERT's columns are stored.
  row.name.clear();
  row.contact_email.clear();
  row.joined_at.reset();
  row.withdrawn_at.reset();
  row.withdrawal_reason.clear();
  row.completed_at.reset();
  state_.enrolments[row.id] = row;
  return row.id;
}

absl::StatusOr<std::optional<Enrolment>> FakeEnrolmentRepository::FindEnrolment(UnitOfWork&, int64_t enrolment_id,
                                                                                absl::Time now, bool) {
  auto it = state_.enrolments.find(enrolment_id);
  if (it == state_.enrolments.end()) return std::nullopt;
  return Read(it->second, now);
}

absl::StatusOr<std::optional<Enrolment>> FakeEnrolmentRepository::FindEnrolmentByReferral(UnitOfWork&,
                                                                                          int64_t referral_id,
                                                                                          absl::Time now) {
  for (const auto& [id, e] : state_.enrolments) {
    if (e.referral_id == referral_id) return Read(e, now);
  }
  return std::nullopt;
}

absl::StatusOr<std::optional<cohorts::Place>> FakeEnrolmentRepository::FindPlaceByUser(UnitOfWork&, int64_t user_id,
                                                                                       absl::Time now) {
  // ORDER BY e.status IN ('invited', 'active') DESC, e.allocated_at DESC, e.id DESC LIMIT 1
  const Enrolment* best = nullptr;
  for (const auto& [id, e] : state_.enrolments) {
    if (e.user_id != user_id) continue;
    if (best == nullptr || std::make_tuple(HoldsPlace(e.status), e.allocated_at, e.id) >
                               std::make_tuple(HoldsPlace(best->status), best->allocated_at, best->id)) {
      best = &e;
    }
  }
  if (best == nullptr) return std::nullopt;
  // JOIN cohorts c ON c.id = e.cohort_id
  auto cohort = cohorts_.state().cohorts.find(best->cohort_id);
  if (cohort == cohorts_.state().cohorts.end()) return std::nullopt;
  return cohorts::Place{.enrolment = Read(*best, now), .cohort = cohort->second};
}

absl::StatusOr<std::vector<Enrolment>> FakeEnrolmentRepository::ListEnrolments(UnitOfWork&, int64_t cohort_id,
                                                                              absl::Time now) {
  std::vector<Enrolment> out;
  for (const auto& [id, e] : state_.enrolments) {
    if (e.cohort_id == cohort_id) out.push_back(Read(e, now));
  }
  // ORDER BY r.name, e.id
  std::stable_sort(out.begin(), out.end(), [](const Enrolment& a, const Enrolment& b) {
    if (CollatedLess(a.name, b.name)) return true;
    if (CollatedLess(b.name, a.name)) return false;
    return a.id < b.id;
  });
  return out;
}

absl::Status FakeEnrolmentRepository::UpdateEnrolment(UnitOfWork&, const Enrolment& e) {
  auto it = state_.enrolments.find(e.id);
  if (it == state_.enrolments.end()) return absl::OkStatus();
  Enrolment& row = it->second;
  row.status = e.status;
  row.user_id = e.user_id;
  row.joined_at = e.joined_at;
  row.withdrawn_at = e.withdrawn_at;
  row.withdrawal_reason = e.withdrawal_reason;
  row.completed_at = e.completed_at;
  return absl::OkStatus();
}

absl::Status FakeEnrolmentRepository::CompleteActive(UnitOfWork&, int64_t cohort_id, absl::Time now) {
  for (auto& [id, e] : state_.enrolments) {
    if (e.cohort_id == cohort_id && e.status == EnrolmentStatus::kActive) {
      e.status = EnrolmentStatus::kCompleted;
      e.completed_at = now;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> FakeEnrolmentRepository::HasCurrentPlace(UnitOfWork&, int64_t user_id) {
  for (const auto& [id, e] : state_.enrolments) {
    // As the SQL: a place in a cancelled group is not a current one.
    if (e.user_id == user_id && HoldsPlace(e.status) &&
        cohorts_.state().cohorts.at(e.cohort_id).status != cohorts::CohortStatus::kCancelled) {
      return true;
    }
  }
  return false;
}

absl::Status FakeEnrolmentRepository::WithdrawInvited(UnitOfWork&, int64_t cohort_id, absl::Time now,
                                                      absl::string_view reason) {
  for (auto& [id, i] : state_.invites) {
    const Enrolment& e = state_.enrolments.at(i.invite.enrolment_id);
    if (e.cohort_id == cohort_id && e.status == EnrolmentStatus::kInvited && !i.invite.revoked_at &&
        !i.invite.redeemed_at) {
      i.invite.revoked_at = now;
    }
  }
  for (auto& [id, e] : state_.enrolments) {
    if (e.cohort_id == cohort_id && e.status == EnrolmentStatus::kInvited) {
      e.status = EnrolmentStatus::kWithdrawn;
      e.withdrawn_at = now;
      e.withdrawal_reason = std::string(reason);
    }
  }
  return absl::OkStatus();
}

absl::Status FakeEnrolmentRepository::RevokeOpenInvites(UnitOfWork&, int64_t enrolment_id, absl::Time now) {
  for (auto& [id, i] : state_.invites) {
    if (i.invite.enrolment_id == enrolment_id && !i.invite.revoked_at && !i.invite.redeemed_at) {
      i.invite.revoked_at = now;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> FakeEnrolmentRepository::InsertInvite(UnitOfWork&, int64_t enrolment_id,
                                                              const std::string& code_hash, absl::Time created_at,
                                                              int64_t created_by, absl::Time expires_at) {
  if (!state_.enrolments.count(enrolment_id)) return NoParent("InsertInvite");
  // uq_invites_code
  for (const auto& [id, i] : state_.invites) {
    if (i.code_hash == code_hash) return Duplicate("InsertInvite");
  }
  const int64_t id = state_.next_id++;
  state_.invites[id] = InviteRow{
      Invite{.id = id, .enrolment_id = enrolment_id, .created_at = created_at, .expires_at = expires_at},
      code_hash, created_by};
  return id;
}

absl::StatusOr<std::optional<Invite>> FakeEnrolmentRepository::FindInviteByHash(UnitOfWork&,
                                                                               const std::string& code_hash, bool) {
  for (const auto& [id, i] : state_.invites) {
    if (i.code_hash == code_hash) return i.invite;
  }
  return std::nullopt;
}

absl::Status FakeEnrolmentRepository::MarkInviteRedeemed(UnitOfWork&, int64_t invite_id, absl::Time now) {
  auto it = state_.invites.find(invite_id);
  // UPDATE ... WHERE id = ? AND redeemed_at IS NULL must touch exactly one row.
  if (it == state_.invites.end() || it->second.invite.redeemed_at) {
    return absl::AbortedError("invite was redeemed concurrently");
  }
  it->second.invite.redeemed_at = now;
  return absl::OkStatus();
}

// ---- sessions and attendance ----

std::optional<absl::Time> FakeSessionRepository::FirstLiveStart(int64_t cohort_id) const {
  std::optional<absl::Time> first;
  for (const auto& [id, s] : state_.sessions) {
    if (s.cohort_id != cohort_id || s.status == SessionStatus::kCancelled) continue;
    if (!first || s.starts_at < *first) first = s.starts_at;
  }
  return first;
}

absl::Status FakeSessionRepository::Put(Session s, absl::Time now, absl::string_view statement) {
  s.attendance = cohorts::AttendanceCounts{};
  s.updated_at = now;
  auto it = state_.sessions.find(s.id);
  if (it != state_.sessions.end()) {
    // ON DUPLICATE KEY UPDATE leaves cohort_id as it was.
    s.cohort_id = it->second.cohort_id;
    it->second = s;
  } else {
    if (!cohorts_.state().cohorts.count(s.cohort_id)) return NoParent(statement);
    state_.sessions[s.id] = s;
    state_.next_id = std::max(state_.next_id, s.id + 1);
  }
  // uq_cohort_sessions_live_week: live_week is NULL once cancelled, so only
  // live sessions compete for their week. Checked row by row, as the server does.
  if (s.status != SessionStatus::kCancelled) {
    for (const auto& [id, other] : state_.sessions) {
      if (id != s.id && other.cohort_id == s.cohort_id && other.status != SessionStatus::kCancelled &&
          other.week_number == s.week_number) {
        return Duplicate(statement);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status FakeSessionRepository::SaveSessions(UnitOfWork&, const std::vector<Session>& sessions,
                                                 absl::Time now) {
  // The upsert of rows with ids runs first, then the plain INSERT of new
  // ones; a statement that fails leaves no row of its own behind.
  const State before_updates = state_;
  for (const Session& s : sessions) {
    if (s.id == 0) continue;
    if (absl::Status st = Put(s, now, "UpdateSessions"); !st.ok()) {
      state_ = before_updates;
      return st;
    }
  }
  const State before_inserts = state_;
  for (const Session& s : sessions) {
    if (s.id != 0) continue;
    Session row = s;
    row.id = state_.next_id;
    if (absl::Status st = Put(row, now, "InsertSessions"); !st.ok()) {
      state_ = before_inserts;
      return st;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Session>> FakeSessionRepository::ListSessions(UnitOfWork&, int64_t cohort_id) {
  std::vector<Session> out;
  for (const auto& [id, s] : state_.sessions) {
    if (s.cohort_id != cohort_id) continue;
    Session v = s;
    for (const auto& [key, a] : state_.attendance) {
      if (key.first != id) continue;
      switch (a.status) {
        case AttendanceStatus::kPresent: ++v.attendance.present; break;
        case AttendanceStatus::kLate: ++v.attendance.late; break;
        case AttendanceStatus::kAbsent: ++v.attendance.absent; break;
        case AttendanceStatus::kExcused: ++v.attendance.excused; break;
      }
    }
    out.push_back(std::move(v));
  }
  // ORDER BY s.starts_at, s.id
  std::sort(out.begin(), out.end(),
            [](const Session& a, const Session& b) { return std::tie(a.starts_at, a.id) < std::tie(b.starts_at, b.id); });
  return out;
}

absl::StatusOr<std::optional<Session>> FakeSessionRepository::FindSession(UnitOfWork&, int64_t session_id) {
  auto it = state_.sessions.find(session_id);
  if (it == state_.sessions.end()) return std::nullopt;
  return it->second;  // without counts, as the query selects zeros
}

absl::Status FakeSessionRepository::PutAttendance(UnitOfWork&, int64_t session_id,
                                                  const std::vector<AttendanceRecord>& entries, absl::Time now,
                                                  int64_t recorded_by) {
  // One statement: every row's parents exist, or nothing is written.
  for (const AttendanceRecord& a : entries) {
    if (!state_.sessions.count(session_id) || enrolments_.ReferralOf(a.enrolment_id) == nullptr) {
      return NoParent("PutAttendance");
    }
  }
  for (const AttendanceRecord& a : entries) {
    state_.attendance[{session_id, a.enrolment_id}] = AttendanceRow{a.status, a.note, now, recorded_by};
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AttendanceRecord>> FakeSessionRepository::ListAttendance(UnitOfWork&,
                                                                                   int64_t session_id) {
  std::vector<AttendanceRecord> out;
  for (const auto& [key, a] : state_.attendance) {
    if (key.first != session_id) continue;
    const Referral* r = enrolments_.ReferralOf(key.second);
    out.push_back(AttendanceRecord{.enrolment_id = key.second,
                                   .status = a.status,
                                   .note = a.note,
                                   .participant_name = r ? r->name : ""});
  }
  // ORDER BY r.name, a.enrolment_id
  std::stable_sort(out.begin(), out.end(), [](const AttendanceRecord& a, const AttendanceRecord& b) {
    if (CollatedLess(a.participant_name, b.participant_name)) return true;
    if (CollatedLess(b.participant_name, a.participant_name)) return false;
    return a.enrolment_id < b.enrolment_id;
  });
  return out;
}

absl::StatusOr<std::map<int64_t, AttendanceStatus>> FakeSessionRepository::AttendanceOf(UnitOfWork&,
                                                                                       int64_t enrolment_id) {
  std::map<int64_t, AttendanceStatus> out;
  for (const auto& [key, a] : state_.attendance) {
    if (key.second == enrolment_id) out[key.first] = a.status;
  }
  return out;
}

}  // namespace cft::testing
