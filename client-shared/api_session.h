// The clients' one connection to cftd: the channel and its TLS trust, the
// session token, deadlines, the retry policy, and the end of the session when
// the server answers UNAUTHENTICATED. Calls go through one small facade per
// proto service (session.cohorts().listCohorts(...)); each answers its
// caller only (see call.h). Calls run concurrently: none waits for another.
// Owned by main() (or a test); the shell, pages and dialogs hold references.
// Not thread-safe: use from the UI thread only. No gRPC or protobuf type
// appears here.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "client-shared/auth_types.h"
#include "client-shared/connection_settings.h"

namespace cft::client {

class AuthApi;
class CalendarApi;
class CohortApi;
class HomeworkApi;
class MeasureApi;
class ProgrammeApi;
class ReportApi;

namespace detail {
class Transport;
}

class ApiSession : public QObject {
  Q_OBJECT

 public:
  explicit ApiSession(ConnectionSettings settings, QObject* parent = nullptr);
  ~ApiSession() override;

  const ConnectionSettings& settings() const;
  bool isSignedIn() const { return !token_.isEmpty(); }
  const UserInfo& currentUser() const { return user_; }
  // Calls sent and not yet answered; drives busy indicators.
  int pending() const { return pending_; }

  AuthApi& auth() { return *auth_; }
  CohortApi& cohorts() { return *cohorts_; }
  CalendarApi& calendar() { return *calendar_; }
  ProgrammeApi& programme() { return *programme_; }
  HomeworkApi& homework() { return *homework_; }
  MeasureApi& measures() { return *measures_; }
  ReportApi& reports() { return *reports_; }

  // Ends the session here at once (whatever the server says, this client is
  // out) and tells the server.
  void signOut();

  // The methods gRPC may retry ("cft.v1.CohortService/ListCohorts"): those
  // the facades call idempotent. A repeat after a lost answer changes nothing.
  static QStringList retriedMethods();
  // The channel's service config: the retry policy for those methods.
  static std::string serviceConfigJson();

  // For the facades (their .cc files see the gRPC side).
  detail::Transport& transport() { return *transport_; }

 signals:
  void signedIn(const cft::client::UserInfo& user);
  // The session ended: by sign-out, expiry or revocation.
  void signedOut();
  void pendingChanged(int pending);

 private:
  friend class AuthApi;
  friend class detail::Transport;

  void beginSession(const QString& token, const UserInfo& user);
  void setUser(const UserInfo& user) { user_ = user; }
  void endSession();
  void setPending(int pending);

  QString token_;
  UserInfo user_;
  int pending_ = 0;
  // Declared before the facades, so their stubs go before the channel does
  // (~ApiSession drains the calls in flight before either).
  std::unique_ptr<detail::Transport> transport_;
  std::unique_ptr<AuthApi> auth_;
  std::unique_ptr<CohortApi> cohorts_;
  std::unique_ptr<CalendarApi> calendar_;
  std::unique_ptr<ProgrammeApi> programme_;
  std::unique_ptr<HomeworkApi> homework_;
  std::unique_ptr<MeasureApi> measures_;
  std::unique_ptr<ReportApi> reports_;
};

}  // namespace cft::client
