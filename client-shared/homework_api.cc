#include "client-shared/homework_api.h"

#include <QUuid>

#include "cft/v1/homework.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/common_mapping.h"
#include "client-shared/homework_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {
namespace {

using Stub = v1::HomeworkService::Stub;

// As CohortApi's: the caller's key, or one for this call alone.
QString keyOr(const QString& key) {
  return key.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : key;
}

}  // namespace

struct HomeworkApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::HomeworkService> stub;
};

HomeworkApi::HomeworkApi(ApiSession& session) : impl_(std::make_unique<Impl>(session.transport())) {}

HomeworkApi::~HomeworkApi() = default;

QStringList HomeworkApi::retriedMethods() {
  const QString s = QString::fromLatin1(v1::HomeworkService::service_full_name());
  return {
      s + "/ListMyAssignments", s + "/ListPracticeLogs", s + "/GetAdherence", s + "/GetFacilitatorDigest",
      // Always sent with an idempotency key: a repeat returns the first log,
      // assignment or comment.
      s + "/LogPractice", s + "/CreateAssignment", s + "/AddFeedback",
      // The first open is kept; a repeat records nothing new.
      s + "/RecordModuleOpened",
      // The same content written twice is the same content.
      s + "/UpdatePracticeLog",
      // Not DeletePracticeLog: the repeat would find no log.
  };
}

Call HomeworkApi::listMyAssignments(QObject* caller, Done<MyAssignments> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::ListMyAssignments, v1::ListMyAssignmentsRequest(), caller,
      [done = std::move(done)](const v1::ListMyAssignmentsResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call HomeworkApi::createAssignment(const NewAssignmentInput& input, QObject* caller, Done<AssignmentInfo> done,
                                   Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::CreateAssignment, toProto(input, keyOr(input.idempotencyKey)), caller,
      [done = std::move(done)](const v1::CreateAssignmentResponse& resp) {
        if (done) done(fromProto(resp.assignment()));
      },
      std::move(failed));
}

QByteArray HomeworkApi::encodeLogPractice(const PracticeEntry& entry) {
  return QByteArray::fromStdString(toLogRequest(entry).SerializeAsString());
}

Call HomeworkApi::logPractice(const QByteArray& encoded, QObject* caller, Done<LoggedPractice> done, Failed failed) {
  using State = detail::UnaryCall<v1::LogPracticeRequest, v1::LogPracticeResponse>;
  v1::LogPracticeRequest req;
  if (!req.ParseFromArray(encoded.constData(), static_cast<int>(encoded.size())) || req.idempotency_key().empty()) {
    // Reported like any refusal, from the event loop, never sent: a repeat
    // could not make it readable.
    auto state = std::make_shared<State>();
    state->onError = std::move(failed);
    RpcError error;
    error.kind = RpcError::Kind::InvalidInput;
    error.message = QStringLiteral("This saved practice could not be read, so it cannot be sent.");
    return impl_->stub.transport().start(std::move(state), caller, {}, error,
                                         [](std::function<void(grpc::Status)>) {});
  }
  return detail::unary(
      impl_->stub, &Stub::async::LogPractice, std::move(req), caller,
      [done = std::move(done)](const v1::LogPracticeResponse& resp) {
        if (done) done(LoggedPractice{fromProto(resp.log()), resp.replayed()});
      },
      std::move(failed));
}

Call HomeworkApi::updatePracticeLog(qint64 logId, const PracticeEntry& entry, QObject* caller,
                                    Done<UpdatedPractice> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::UpdatePracticeLog, toUpdateRequest(logId, entry), caller,
      [done = std::move(done)](const v1::UpdatePracticeLogResponse& resp) {
        if (done) done(UpdatedPractice{fromProto(resp.log()), fromProto(resp.changed_fields())});
      },
      std::move(failed));
}

Call HomeworkApi::deletePracticeLog(qint64 logId, QObject* caller, Done<qint64> done, Failed failed) {
  v1::DeletePracticeLogRequest req;
  req.set_log_id(logId);
  return detail::unary(
      impl_->stub, &Stub::async::DeletePracticeLog, std::move(req), caller,
      [done = std::move(done), logId](const v1::DeletePracticeLogResponse&) {
        if (done) done(logId);
      },
      std::move(failed));
}

Call HomeworkApi::listPracticeLogs(const PracticeLogQuery& query, QObject* caller, Done<PracticeLogPage> done,
                                   Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::ListPracticeLogs, toProto(query), caller,
      [done = std::move(done)](const v1::ListPracticeLogsResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call HomeworkApi::addFeedback(qint64 logId, const QString& text, const QString& idempotencyKey, QObject* caller,
                              Done<FeedbackInfo> done, Failed failed) {
  v1::AddFeedbackRequest req;
  req.set_log_id(logId);
  req.set_text(ss(text));
  req.set_idempotency_key(ss(keyOr(idempotencyKey)));
  return detail::unary(
      impl_->stub, &Stub::async::AddFeedback, std::move(req), caller,
      [done = std::move(done)](const v1::AddFeedbackResponse& resp) {
        if (done) done(fromProto(resp.feedback()));
      },
      std::move(failed));
}

Call HomeworkApi::getAdherence(qint64 cohortId, QObject* caller, Done<AdherenceGrid> done, Failed failed) {
  v1::GetAdherenceRequest req;
  req.set_cohort_id(cohortId);
  return detail::unary(
      impl_->stub, &Stub::async::GetAdherence, std::move(req), caller,
      [done = std::move(done)](const v1::GetAdherenceResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call HomeworkApi::getFacilitatorDigest(qint64 cohortId, qint64 sessionId, QObject* caller,
                                       Done<FacilitatorDigest> done, Failed failed) {
  v1::GetFacilitatorDigestRequest req;
  req.set_cohort_id(cohortId);
  req.set_session_id(sessionId);
  return detail::unary(
      impl_->stub, &Stub::async::GetFacilitatorDigest, std::move(req), caller,
      [done = std::move(done)](const v1::GetFacilitatorDigestResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call HomeworkApi::recordModuleOpened(int week, QObject* caller, Done<QDateTime> done, Failed failed) {
  v1::RecordModuleOpenedRequest req;
  req.set_week_number(week);
  return detail::unary(
      impl_->stub, &Stub::async::RecordModuleOpened, std::move(req), caller,
      [done = std::move(done)](const v1::RecordModuleOpenedResponse& resp) {
        if (done) done(fromProto(resp.first_opened_at()));
      },
      std::move(failed));
}

}  // namespace cft::client
