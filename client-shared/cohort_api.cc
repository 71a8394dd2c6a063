#include "client-shared/cohort_api.h"

#include <QUuid>

#include "cft/v1/cohort.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/cohort_mapping.h"
#include "client-shared/common_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {
namespace {

using Stub = v1::CohortService::Stub;

constexpr auto kFromProto = [](const auto& message) { return fromProto(message); };

// The key the caller gave, or one for this call alone: then gRPC's own
// retries are still harmless, though a second attempt by the person is not.
QString keyOr(const QString& key) {
  return key.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : key;
}

template <typename Response>
auto savedCohort(Done<CohortSaved> done) {
  return [done = std::move(done)](const Response& resp) {
    if (done) done(CohortSaved{fromProto(resp.cohort()), fromProto(resp.warnings())});
  };
}

}  // namespace

struct CohortApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::CohortService> stub;
};

CohortApi::CohortApi(ApiSession& session) : impl_(std::make_unique<Impl>(session.transport())) {}

CohortApi::~CohortApi() = default;

QStringList CohortApi::retriedMethods() {
  const QString s = QString::fromLatin1(v1::CohortService::service_full_name());
  return {
      s + "/ListCohorts", s + "/GetCohort", s + "/ListParticipants", s + "/ListWaitlist",
      // Always sent with an idempotency key (keyOr).
      s + "/CreateCohort", s + "/AddReferral",
      // Asking for the status the cohort already has, or a role a
      // facilitator already has, changes nothing.
      s + "/SetCohortStatus", s + "/AddFacilitator",
      // A repeated allocation returns the place the first one took.
      s + "/AllocateToCohort",
      // Not RemoveFacilitator ("not a facilitator" the second time),
      // CreateInvite (a second code would replace the first) or
      // WithdrawParticipant ("already withdrawn").
  };
}

Call CohortApi::listCohorts(QObject* caller, Done<QList<CohortInfo>> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::ListCohorts, v1::ListCohortsRequest(), caller,
      [done = std::move(done)](const v1::ListCohortsResponse& resp) {
        if (done) done(listOf(resp.cohorts(), kFromProto));
      },
      std::move(failed));
}

Call CohortApi::getCohort(qint64 cohortId, QObject* caller, Done<CohortInfo> done, Failed failed) {
  v1::GetCohortRequest req;
  req.set_cohort_id(cohortId);
  return detail::unary(
      impl_->stub, &Stub::async::GetCohort, req, caller,
      [done = std::move(done)](const v1::GetCohortResponse& resp) {
        if (done) done(fromProto(resp.cohort()));
      },
      std::move(failed));
}

Call CohortApi::createCohort(const NewCohortInput& input, QObject* caller, Done<CohortSaved> done, Failed failed) {
  return detail::unary(impl_->stub, &Stub::async::CreateCohort, toProto(input, keyOr(input.idempotencyKey)), caller,
                       savedCohort<v1::CreateCohortResponse>(std::move(done)), std::move(failed));
}

Call CohortApi::setCohortStatus(qint64 cohortId, CohortStatus status, const QString& reason, QObject* caller,
                                Done<CohortSaved> done, Failed failed) {
  v1::SetCohortStatusRequest req;
  req.set_cohort_id(cohortId);
  req.set_status(toProto(status));
  req.set_reason(ss(reason));
  return detail::unary(
      impl_->stub, &Stub::async::SetCohortStatus, std::move(req), caller,
      [done = std::move(done)](const v1::SetCohortStatusResponse& resp) {
        if (done) done(CohortSaved{fromProto(resp.cohort()), {}});
      },
      std::move(failed));
}

Call CohortApi::addFacilitator(qint64 cohortId, qint64 userId, bool lead, QObject* caller, Done<CohortSaved> done,
                               Failed failed) {
  v1::AddFacilitatorRequest req;
  req.set_cohort_id(cohortId);
  req.set_user_id(userId);
  req.set_role(lead ? v1::FACILITATOR_LEAD : v1::FACILITATOR_CO);
  return detail::unary(impl_->stub, &Stub::async::AddFacilitator, std::move(req), caller,
                       savedCohort<v1::AddFacilitatorResponse>(std::move(done)), std::move(failed));
}

Call CohortApi::removeFacilitator(qint64 cohortId, qint64 userId, QObject* caller, Done<CohortSaved> done,
                                  Failed failed) {
  v1::RemoveFacilitatorRequest req;
  req.set_cohort_id(cohortId);
  req.set_user_id(userId);
  return detail::unary(impl_->stub, &Stub::async::RemoveFacilitator, std::move(req), caller,
                       savedCohort<v1::RemoveFacilitatorResponse>(std::move(done)), std::move(failed));
}

Call CohortApi::listParticipants(qint64 cohortId, QObject* caller, Done<QList<ParticipantInfo>> done,
                                 Failed failed) {
  v1::ListParticipantsRequest req;
  req.set_cohort_id(cohortId);
  return detail::unary(
      impl_->stub, &Stub::async::ListParticipants, std::move(req), caller,
      [done = std::move(done)](const v1::ListParticipantsResponse& resp) {
        if (done) done(listOf(resp.participants(), kFromProto));
      },
      std::move(failed));
}

Call CohortApi::createInvite(qint64 enrolmentId, QObject* caller, Done<InviteCode> done, Failed failed) {
  v1::CreateInviteRequest req;
  req.set_enrolment_id(enrolmentId);
  return detail::unary(
      impl_->stub, &Stub::async::CreateInvite, std::move(req), caller,
      [done = std::move(done)](const v1::CreateInviteResponse& resp) {
        if (done) done(InviteCode{qs(resp.code()), fromProto(resp.expires_at())});
      },
      std::move(failed));
}

Call CohortApi::withdrawParticipant(qint64 enrolmentId, const QString& reason, QObject* caller,
                                    Done<ParticipantInfo> done, Failed failed) {
  v1::WithdrawParticipantRequest req;
  req.set_enrolment_id(enrolmentId);
  req.set_reason(ss(reason));
  return detail::unary(
      impl_->stub, &Stub::async::WithdrawParticipant, std::move(req), caller,
      [done = std::move(done)](const v1::WithdrawParticipantResponse& resp) {
        if (done) done(fromProto(resp.participant()));
      },
      std::move(failed));
}

Call CohortApi::listWaitlist(QObject* caller, Done<QList<ReferralInfo>> done, Failed failed) {
  // Staff see everyone referred; the table says who already has a place.
  v1::ListWaitlistRequest req;
  req.set_include_allocated(true);
  return detail::unary(
      impl_->stub, &Stub::async::ListWaitlist, std::move(req), caller,
      [done = std::move(done)](const v1::ListWaitlistResponse& resp) {
        if (done) done(listOf(resp.referrals(), kFromProto));
      },
      std::move(failed));
}

Call CohortApi::addReferral(const NewReferralInput& input, QObject* caller, Done<ReferralInfo> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::AddReferral, toProto(input, keyOr(input.idempotencyKey)), caller,
      [done = std::move(done)](const v1::AddReferralResponse& resp) {
        if (done) done(fromProto(resp.referral()));
      },
      std::move(failed));
}

Call CohortApi::allocate(qint64 referralId, qint64 cohortId, bool overrideClosedGroup, QObject* caller,
                         Done<ParticipantInfo> done, Failed failed) {
  v1::AllocateToCohortRequest req;
  req.set_referral_id(referralId);
  req.set_cohort_id(cohortId);
  req.set_override_closed_group(overrideClosedGroup);
  return detail::unary(
      impl_->stub, &Stub::async::AllocateToCohort, std::move(req), caller,
      [done = std::move(done)](const v1::AllocateToCohortResponse& resp) {
        if (done) done(fromProto(resp.participant()));
      },
      std::move(failed));
}

}  // namespace cft::client
