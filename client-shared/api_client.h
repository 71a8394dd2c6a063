// The clients' only door to the server. A UI-thread facade: each call returns
// a request id at once and runs on a worker thread that owns the gRPC stubs;
// the outcome comes back on the UI thread as a signal carrying that id and
// Qt value types. Nothing here exposes protobuf or gRPC types. Not
// thread-safe: use from the UI thread only.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

#include "client-shared/connection_settings.h"
#include "client-shared/rpc_error.h"
#include "client-shared/value_types.h"

namespace cft::client {

class ApiClient : public QObject {
  Q_OBJECT

 public:
  explicit ApiClient(ConnectionSettings settings, QObject* parent = nullptr);
  ~ApiClient() override;

  const ConnectionSettings& settings() const;
  bool isSignedIn() const { return !token_.isEmpty(); }
  const UserInfo& currentUser() const { return user_; }
  // Calls sent and not yet answered; drives busy indicators.
  int pending() const { return pending_; }

  int login(const QString& email, const QString& password);
  int logout();
  int refreshAccount();
  int changePassword(const QString& currentPassword, const QString& newPassword);
  int listStaff(bool includeInactive);
  int createStaffAccount(const QString& email, const QString& displayName, UserRole role);

 signals:
  void signedIn(const cft::client::UserInfo& user);
  // The session ended: by logout, expiry or revocation.
  void signedOut();
  void accountRefreshed(int requestId, const cft::client::UserInfo& user);
  void passwordChanged(int requestId);
  void staffListed(int requestId, const QList<cft::client::UserInfo>& staff);
  void staffAccountCreated(int requestId, const cft::client::UserInfo& user,
                           const QString& temporaryPassword);
  void requestFailed(int requestId, const cft::client::RpcError& error);
  void pendingChanged(int pending);

 private:
  struct Worker;
  // Runs `work` on the worker thread; `work` returns the function to run on
  // the UI thread afterwards.
  int submit(std::function<std::function<void()>(int requestId)> work);
  void finish(int requestId);
  // Called on the UI thread for every failure: a dead session signs out.
  void fail(int requestId, const RpcError& error);
  // The UI-thread continuation that reports `error` for `requestId`.
  static std::function<void()> failure(QPointer<ApiClient> self, int requestId, RpcError error);

  std::unique_ptr<Worker> worker_;
  QString token_;
  UserInfo user_;
  int nextRequestId_ = 1;
  int pending_ = 0;
};

}  // namespace cft::client
