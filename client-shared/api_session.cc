#include "client-shared/api_session.h"

#include "client-shared/auth_api.h"
#include "client-shared/calendar_api.h"
#include "client-shared/cohort_api.h"
#include "client-shared/homework_api.h"
#include "client-shared/measure_api.h"
#include "client-shared/programme_api.h"
#include "client-shared/report_api.h"
#include "client-shared/transport.h"

namespace cft::client {

ApiSession::ApiSession(ConnectionSettings settings, QObject* parent)
    : QObject(parent),
      transport_(std::make_unique<detail::Transport>(*this, std::move(settings), serviceConfigJson())),
      auth_(std::make_unique<AuthApi>(*this)),
      cohorts_(std::make_unique<CohortApi>(*this)),
      calendar_(std::make_unique<CalendarApi>(*this)),
      programme_(std::make_unique<ProgrammeApi>(*this)),
      homework_(std::make_unique<HomeworkApi>(*this)),
      measures_(std::make_unique<MeasureApi>(*this)),
      reports_(std::make_unique<ReportApi>(*this)) {
  qRegisterMetaType<UserInfo>();
  qRegisterMetaType<RpcError>();
}

ApiSession::~ApiSession() { transport_->drain(); }

const ConnectionSettings& ApiSession::settings() const { return transport_->settings(); }

QStringList ApiSession::retriedMethods() {
  // A service added later adds its facade's list here.
  return AuthApi::retriedMethods() + CohortApi::retriedMethods() + CalendarApi::retriedMethods() +
         ProgrammeApi::retriedMethods() + HomeworkApi::retriedMethods() +
         MeasureApi::retriedMethods() + ReportApi::retriedMethods();
}

std::string ApiSession::serviceConfigJson() {
  QStringList names;
  for (const QString& full : retriedMethods()) {
    names << QStringLiteral(R"({"service":"%1","method":"%2"})").arg(full.section('/', 0, 0), full.section('/', 1));
  }
  // Up to three attempts, backing off from about 0.4 s (gRPC randomises
  // each wait), only for UNAVAILABLE: the server was not reached, or could
  // not reach its database, so nothing was done. gRPC times the waits on its
  // own timers, and the call's deadline bounds them all.
  return QStringLiteral(
             R"({"methodConfig":[{"name":[%1],"retryPolicy":{"maxAttempts":3,"initialBackoff":"0.4s",)"
             R"("maxBackoff":"2s","backoffMultiplier":2,"retryableStatusCodes":["UNAVAILABLE"]}}]})")
      .arg(names.join(','))
      .toStdString();
}

void ApiSession::signOut() {
  const QString token = token_;
  if (token.isEmpty()) return;
  endSession();
  auth_->sendLogout(token);
}

void ApiSession::beginSession(const QString& token, const UserInfo& user) {
  token_ = token;
  user_ = user;
  emit signedIn(user_);
}

void ApiSession::endSession() {
  token_.clear();
  user_ = UserInfo();
  emit signedOut();
}

void ApiSession::setPending(int pending) {
  pending_ = pending;
  emit pendingChanged(pending_);
}

}  // namespace cft::client
