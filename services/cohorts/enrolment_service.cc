#include "services/cohorts/enrolment_service.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/cohorts/calendar.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::cohorts {
namespace {

constexpr absl::string_view kBadInvite =
    "this invite code is not valid: it may have expired or been used already; ask your facilitator for a new one";

absl::Status ValidateScreening(ScreeningStatus status, const std::string& note) {
  RETURN_IF_ERROR(ValidateText("screening_note", note, status == ScreeningStatus::kUnsuitable ? 1 : 0, 2000, true));
  return absl::OkStatus();
}

bool HoldsPlace(EnrolmentStatus s) { return s == EnrolmentStatus::kInvited || s == EnrolmentStatus::kActive; }

std::string CodeHash(absl::string_view normalized) { return HexEncode(Sha256(absl::StrCat("invite:", normalized))); }

}  // namespace

std::string NormalizeInviteCode(absl::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

EnrolmentService::EnrolmentService(CohortRepository& cohorts, EnrolmentRepository& enrolments,
                                   SessionRepository& sessions, auth::AuthService& auth,
                                   idempotency::Idempotency& idempotency, TransactionRunner& tx,
                                   audit::Auditor& auditor, const Clock& clock)
    : cohorts_(cohorts), enrolments_(enrolments), sessions_(sessions), auth_(auth), idempotency_(idempotency),
      tx_(tx), auditor_(auditor), clock_(clock), access_(cohorts) {}

absl::StatusOr<std::pair<Enrolment, CohortRecord>> EnrolmentService::RequireEnrolment(UnitOfWork& uow,
                                                                                    const Principal& caller,
                                                                                    int64_t enrolment_id) {
  if (enrolment_id <= 0) return InvalidField("enrolment_id", "is required");
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(auto e, enrolments_.FindEnrolment(uow, enrolment_id, now, false));
  if (!e) return absl::NotFoundError("enrolment_id: no such participant");
  absl::StatusOr<CohortRecord> cohort = access_.Require(uow, caller, e->cohort_id, "enrolment_id", true);
  // Another organisation's participant looks exactly like one that does not exist.
  if (cohort.status().code() == absl::StatusCode::kNotFound) {
    return absl::NotFoundError("enrolment_id: no such participant");
  }
  if (!cohort.ok()) return cohort.status();
  // Read again under the cohort lock, so the state we act on is current.
  ASSIGN_OR_RETURN(e, enrolments_.FindEnrolment(uow, enrolment_id, now, true));
  if (!e) return absl::NotFoundError("enrolment_id: no such participant");
  return std::make_pair(*std::move(e), *std::move(cohort));
}

absl::StatusOr<Referral> EnrolmentService::AddReferral(RequestContext& ctx, NewReferral request) {
  const Principal& me = ctx.caller();
  RETURN_IF_ERROR(ValidateText("name", request.name, 1, 200));
  const std::string email = NormalizeEmail(request.contact_email);
  RETURN_IF_ERROR(ValidateEmail("contact_email", email));
  RETURN_IF_ERROR(ValidateText("source", request.source, 0, 200));
  const ScreeningStatus screening = request.screening_status.value_or(ScreeningStatus::kPending);
  RETURN_IF_ERROR(ValidateScreening(screening, request.screening_note));
  if (request.preferred_cohort_id < 0) return InvalidField("preferred_cohort_id", "must not be negative");
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Referral> {
    ASSIGN_OR_RETURN(auto replay, idempotency_.Replay(uow, ctx, request.idempotency_key, request.request_hash));
    if (replay) {
      ASSIGN_OR_RETURN(auto existing, enrolments_.FindReferral(uow, me.organisation_id, *replay, false));
      if (!existing) return absl::NotFoundError("the referral this key created no longer exists");
      RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "referral", .target_id = absl::StrCat(existing->id)}));
      return *existing;
    }
    Referral r;
    r.organisation_id = me.organisation_id;
    r.name = Trimmed(request.name);
    r.contact_email = email;
    r.source = Trimmed(request.source);
    r.screening_status = screening;
    r.screening_note = Trimmed(request.screening_note);
    if (screening != ScreeningStatus::kPending) r.screened_at = now;
    if (request.preferred_cohort_id > 0) {
      // A preference, not access: any cohort of the organisation may be named.
      ASSIGN_OR_RETURN(auto cohort, cohorts_.Find(uow, request.preferred_cohort_id, me.organisation_id,
                                                  me.user_id, false));
      if (!cohort) return absl::NotFoundError("preferred_cohort_id: no such cohort");
      r.preferred_cohort_id = request.preferred_cohort_id;
    }
    r.created_at = now;
    r.created_by = me.user_id;
    ASSIGN_OR_RETURN(r.id, enrolments_.InsertReferral(uow, r));
    RETURN_IF_ERROR(idempotency_.Remember(uow, ctx, request.idempotency_key, request.request_hash, r.id, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "referral", .target_id = absl::StrCat(r.id)}));
    return r;
  });
}

absl::StatusOr<Referral> EnrolmentService::ScreenReferral(RequestContext& ctx, int64_t referral_id,
                                                          std::optional<ScreeningStatus> status,
                                                          const std::string& note) {
  const Principal& me = ctx.caller();
  if (referral_id <= 0) return InvalidField("referral_id", "is required");
  if (!status) return InvalidField("screening_status", "is required");
  RETURN_IF_ERROR(ValidateScreening(*status, note));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Referral> {
    ASSIGN_OR_RETURN(auto r, enrolments_.FindReferral(uow, me.organisation_id, referral_id, true));
    if (!r) return absl::NotFoundError("referral_id: no such referral");
    if (r->allocated_cohort_id) {
      RETURN_IF_ERROR(access_.Require(uow, me, *r->allocated_cohort_id, "referral_id", false).status());
    }
    if (r->allocated_cohort_id && *status != ScreeningStatus::kSuitable) {
      return absl::FailedPreconditionError(
          "screening_status: this person holds a place; withdraw them from the cohort first");
    }
    RETURN_IF_ERROR(enrolments_.UpdateScreening(uow, r->id, *status, Trimmed(note), now, me.user_id));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "referral", .target_id = absl::StrCat(r->id)}));
    r->screening_status = *status;
    r->screening_note = Trimmed(note);
    r->screened_at = now;
    return *r;
  });
}

absl::StatusOr<std::vector<Referral>> EnrolmentService::ListWaitlist(RequestContext& ctx,
                                                                     const std::vector<ScreeningStatus>& statuses,
                                                                     bool include_allocated) {
  const Principal& me = ctx.caller();
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<std::vector<Referral>> {
    // Waiting referrals are the organisation's; once someone holds a place
    // their record belongs to that cohort's facilitators (and the admins).
    std::optional<int64_t> facilitator;
    if (me.role != Role::kAdmin) facilitator = me.user_id;
    ASSIGN_OR_RETURN(auto list,
                     enrolments_.ListReferrals(uow, me.organisation_id, statuses, include_allocated, facilitator));
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "waitlist",
                                               .target_id = absl::StrCat(me.organisation_id)}));
    return list;
  });
}

absl::StatusOr<Enrolment> EnrolmentService::AllocateToCohort(RequestContext& ctx, int64_t referral_id,
                                                             int64_t cohort_id, bool override_closed_group) {
  const Principal& me = ctx.caller();
  if (referral_id <= 0) return InvalidField("referral_id", "is required");
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Enrolment> {
    // The cohort row lock serialises allocations to this cohort: two callers
    // racing for the last place cannot both see it free.
    ASSIGN_OR_RETURN(CohortRecord c, access_.Require(uow, me, cohort_id, "cohort_id", true));
    if (c.status != CohortStatus::kPlanned && c.status != CohortStatus::kRunning) {
      return absl::FailedPreconditionError(absl::StrCat("cohort_id: the cohort is ", Name(c.status)));
    }
    ASSIGN_OR_RETURN(auto r, enrolments_.FindReferral(uow, me.organisation_id, referral_id, true));
    if (!r) return absl::NotFoundError("referral_id: no such referral");
    ASSIGN_OR_RETURN(auto existing, enrolments_.FindEnrolmentByReferral(uow, r->id, now));
    if (existing) {
      // Whether this referral holds (or held) a place elsewhere is that
      // cohort's business: a clinician who does not facilitate it is refused
      // exactly as ScreenReferral refuses them, learning nothing.
      if (existing->cohort_id != c.id) {
        RETURN_IF_ERROR(access_.Require(uow, me, existing->cohort_id, "referral_id", false).status());
      }
      // A retried call: the place it took is the answer.
      if (existing->cohort_id == c.id && HoldsPlace(existing->status)) {
        RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(existing->id)}));
        return *existing;
      }
      return absl::FailedPreconditionError(
          "referral_id: this referral already had a place; refer the person again to offer another");
    }
    if (r->screening_status != ScreeningStatus::kSuitable) {
      return absl::FailedPreconditionError("referral_id: screening must find the person suitable first");
    }
    ASSIGN_OR_RETURN(int places, enrolments_.CountPlaces(uow, c.id));
    if (places >= c.capacity) {
      return absl::FailedPreconditionError(
          absl::StrCat("cohort_id: the cohort is full (", places, " of ", c.capacity, " places taken)"));
    }
    ASSIGN_OR_RETURN(std::vector<Session> sessions, sessions_.ListSessions(uow, c.id));
    std::optional<absl::Time> first;
    for (const Session& s : sessions) {
      if (s.status != SessionStatus::kCancelled && (!first || s.starts_at < *first)) first = s.starts_at;
    }
    const bool late = first && now >= *first;
    if (late && c.group_type == GroupType::kClosed && !override_closed_group) {
      return absl::FailedPreconditionError(
          "cohort_id: this closed group has started; a facilitator can override to add a late joiner");
    }
    Enrolment e;
    e.cohort_id = c.id;
    e.referral_id = r->id;
    e.name = r->name;
    e.contact_email = r->contact_email;
    e.status = EnrolmentStatus::kInvited;
    e.allocated_at = now;
    e.allocated_by = me.user_id;
    e.late_joiner = late;
    e.closed_group_override = late && c.group_type == GroupType::kClosed;
    ASSIGN_OR_RETURN(e.id, enrolments_.InsertEnrolment(uow, e));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(e.id)}));
    return e;
  });
}

absl::StatusOr<CreatedInvite> EnrolmentService::CreateInvite(RequestContext& ctx, int64_t enrolment_id) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<CreatedInvite> {
    ASSIGN_OR_RETURN(auto found, RequireEnrolment(uow, me, enrolment_id));
    auto& [e, c] = found;
    if (e.status != EnrolmentStatus::kInvited) {
      return absl::FailedPreconditionError(absl::StrCat(
          "enrolment_id: ", e.status == EnrolmentStatus::kActive ? "the participant has already joined"
                                                                 : "the participant no longer holds a place"));
    }
    if (c.status != CohortStatus::kPlanned && c.status != CohortStatus::kRunning) {
      return absl::FailedPreconditionError(absl::StrCat("enrolment_id: the cohort is ", Name(c.status)));
    }
    RETURN_IF_ERROR(enrolments_.RevokeOpenInvites(uow, e.id, now));
    const std::string code = RandomString(kInviteCodeLength, kCodeAlphabet);
    CreatedInvite out;
    out.code = absl::StrCat(code.substr(0, 4), "-", code.substr(4, 4), "-", code.substr(8, 4));
    out.expires_at = now + kInviteLifetime;
    RETURN_IF_ERROR(enrolments_.InsertInvite(uow, e.id, CodeHash(code), now, me.user_id, out.expires_at).status());
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(e.id)}));
    e.invite_state = InviteState::kPending;
    e.invite_expires_at = out.expires_at;
    out.participant = e;
    return out;
  });
}

absl::StatusOr<Enrolment> EnrolmentService::RevokeInvite(RequestContext& ctx, int64_t enrolment_id) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Enrolment> {
    ASSIGN_OR_RETURN(auto found, RequireEnrolment(uow, me, enrolment_id));
    Enrolment& e = found.first;
    RETURN_IF_ERROR(enrolments_.RevokeOpenInvites(uow, e.id, now));
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(e.id)}));
    if (e.invite_state == InviteState::kPending) e.invite_state = InviteState::kRevoked;
    return e;
  });
}

absl::StatusOr<std::vector<Enrolment>> EnrolmentService::ListParticipants(RequestContext& ctx, int64_t cohort_id) {
  const Principal& me = ctx.caller();
  const absl::Time now = clock_.Now();
  return InReadOnly(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<std::vector<Enrolment>> {
    RETURN_IF_ERROR(access_.Require(uow, me, cohort_id, "cohort_id", false).status());
    ASSIGN_OR_RETURN(auto list, enrolments_.ListEnrolments(uow, cohort_id, now));
    RETURN_IF_ERROR(auditor_.RecordRead(uow, ctx, {.target_type = "cohort", .target_id = absl::StrCat(cohort_id)}));
    return list;
  });
}

absl::StatusOr<Enrolment> EnrolmentService::WithdrawParticipant(RequestContext& ctx, int64_t enrolment_id,
                                                                const std::string& reason) {
  const Principal& me = ctx.caller();
  RETURN_IF_ERROR(ValidateText("reason", reason, 1, 500, true));
  const absl::Time now = clock_.Now();
  return InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<Enrolment> {
    ASSIGN_OR_RETURN(auto found, RequireEnrolment(uow, me, enrolment_id));
    Enrolment& e = found.first;
    if (!HoldsPlace(e.status)) {
      return absl::FailedPreconditionError(absl::StrCat("enrolment_id: the participant is already ", Name(e.status)));
    }
    e.status = EnrolmentStatus::kWithdrawn;
    e.withdrawn_at = now;
    e.withdrawal_reason = Trimmed(reason);
    RETURN_IF_ERROR(enrolments_.UpdateEnrolment(uow, e));
    RETURN_IF_ERROR(enrolments_.RevokeOpenInvites(uow, e.id, now));
    // Their records stay; their access ends.
    if (e.user_id) RETURN_IF_ERROR(auth_.DeactivateAccount(uow, *e.user_id));
    if (e.invite_state == InviteState::kPending) e.invite_state = InviteState::kRevoked;
    RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(e.id)}));
    return e;
  });
}

absl::StatusOr<auth::Account> EnrolmentService::JoiningAccount(UnitOfWork& uow, const CohortRecord& cohort,
                                                              const Enrolment& e, const std::string& password_hash) {
  ASSIGN_OR_RETURN(std::optional<auth::Account> existing, auth_.FindAccountByEmail(uow, e.contact_email));
  if (!existing) {
    return auth_.CreateParticipantAccount(uow, cohort.organisation_id, e.contact_email, e.name, password_hash);
  }
  // Someone coming back for a later group of the same organisation keeps
  // their account, so their records stay together. The facilitator who
  // referred them to this address vouches for it, as for a first invite.
  if (existing->role != Role::kParticipant || existing->organisation_id != cohort.organisation_id) {
    return absl::FailedPreconditionError(
        "an account already uses the e-mail address your facilitator has for you; ask them to check it");
  }
  // Reopening writes the user row first, so a second invite for the same
  // person redeemed at the same moment waits here and then sees this place.
  RETURN_IF_ERROR(auth_.ReopenParticipantAccount(uow, existing->id, password_hash));
  ASSIGN_OR_RETURN(bool placed, enrolments_.HasCurrentPlace(uow, existing->id));
  if (placed) {
    return absl::FailedPreconditionError(
        "you already have a place in a group; ask your facilitator before joining another");
  }
  existing->active = true;
  return *existing;
}

absl::StatusOr<auth::LoginResult> EnrolmentService::RedeemInvite(RequestContext& ctx, absl::string_view code,
                                                                  absl::string_view new_password) {
  const std::string normalized = NormalizeInviteCode(code);
  if (normalized.empty()) return InvalidField("code", "is required");
  if (code.size() > 64) return InvalidField("code", "must be at most 64 characters");
  RETURN_IF_ERROR(auth_.CheckPeerThrottle(ctx));
  ASSIGN_OR_RETURN(std::string hash, auth_.HashNewPassword("new_password", new_password, ""));
  const absl::Time now = clock_.Now();
  absl::StatusOr<auth::LoginResult> result =
      InTransaction(tx_, [&](UnitOfWork& uow) -> absl::StatusOr<auth::LoginResult> {
        const absl::Status bad = absl::UnauthenticatedError(kBadInvite);
        // Find the way in without locks, then lock in the order every other
        // enrolment change uses (cohort, enrolment, invite) and check again.
        ASSIGN_OR_RETURN(auto found, enrolments_.FindInviteByHash(uow, CodeHash(normalized), false));
        if (!found) return bad;
        ASSIGN_OR_RETURN(auto placed, enrolments_.FindEnrolment(uow, found->enrolment_id, now, false));
        if (!placed) return bad;
        ASSIGN_OR_RETURN(auto cohort, cohorts_.FindForInvite(uow, placed->cohort_id, true));
        if (!cohort || (cohort->status != CohortStatus::kPlanned && cohort->status != CohortStatus::kRunning)) {
          return bad;
        }
        ASSIGN_OR_RETURN(auto e, enrolments_.FindEnrolment(uow, found->enrolment_id, now, true));
        if (!e || e->status != EnrolmentStatus::kInvited) return bad;
        ASSIGN_OR_RETURN(auto invite, enrolments_.FindInviteByHash(uow, CodeHash(normalized), true));
        if (!invite || invite->revoked_at || invite->redeemed_at || invite->expires_at <= now) return bad;
        ASSIGN_OR_RETURN(auth::Account account, JoiningAccount(uow, *cohort, *e, hash));
        RETURN_IF_ERROR(enrolments_.MarkInviteRedeemed(uow, invite->id, now));
        e->status = EnrolmentStatus::kActive;
        e->user_id = account.id;
        e->joined_at = now;
        RETURN_IF_ERROR(enrolments_.UpdateEnrolment(uow, *e));
        ASSIGN_OR_RETURN(auth::LoginResult login, auth_.StartSession(uow, ctx, account));
        RETURN_IF_ERROR(auditor_.Record(uow, ctx, {.target_type = "enrolment", .target_id = absl::StrCat(e->id)}));
        return login;
      });
  if (result.status().code() == absl::StatusCode::kUnauthenticated) {
    RETURN_IF_ERROR(auth_.RecordPeerFailure(ctx, absl::StatusCode::kUnauthenticated));
  }
  return result;
}

}  // namespace cft::cohorts
