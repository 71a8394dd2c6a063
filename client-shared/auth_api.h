// cft.v1.AuthService for the clients: signing in and out, the account, and
// staff accounts. Reached as session.auth(); owned by the ApiSession. Every
// call answers `caller` only (call.h). UI thread only. No gRPC here.
#pragma once

#include <QList>
#include <QStringList>
#include <functional>
#include <memory>

#include "client-shared/auth_types.h"
#include "client-shared/call.h"

namespace cft::client {

class ApiSession;

class AuthApi {
 public:
  explicit AuthApi(ApiSession& session);
  ~AuthApi();

  // Those of this service's methods gRPC may retry (ApiSession::retriedMethods).
  static QStringList retriedMethods();

  // Signs in. On success the session holds the new token and emits
  // signedIn, then `done` gets the account with its organisation's name.
  Call login(const QString& email, const QString& password, QObject* caller, Done<UserInfo> done, Failed failed);
  // A participant's first sign-in: the facilitator's one-time code and a
  // password of their own. Signs in on success, like login().
  Call redeemInvite(const QString& code, const QString& newPassword, QObject* caller, Done<UserInfo> done,
                    Failed failed);
  // The signed-in account again (it also becomes the session's).
  Call whoAmI(QObject* caller, Done<UserInfo> done, Failed failed);
  Call changePassword(const QString& currentPassword, const QString& newPassword, QObject* caller,
                      std::function<void()> done, Failed failed);
  Call listStaff(bool includeInactive, QObject* caller, Done<QList<UserInfo>> done, Failed failed);
  Call createStaffAccount(const NewStaffInput& input, QObject* caller, Done<NewStaffAccount> done, Failed failed);

 private:
  friend class ApiSession;
  // Tells the server a session ended; nobody waits for the answer.
  void sendLogout(const QString& token);
  // After Login or RedeemInvite: WhoAmI with the new token for the
  // organisation's name, then the session begins.
  void completeSignIn(const QString& token, UserInfo account, QObject* caller, Done<UserInfo> done);

  struct Impl;
  ApiSession& session_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
