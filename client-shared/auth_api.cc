#include "client-shared/auth_api.h"

#include <QPointer>

#include "cft/v1/auth.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/auth_mapping.h"
#include "client-shared/common_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {

using Stub = v1::AuthService::Stub;

struct AuthApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::AuthService> stub;
};

AuthApi::AuthApi(ApiSession& session)
    : session_(session), impl_(std::make_unique<Impl>(session.transport())) {}

AuthApi::~AuthApi() = default;

QStringList AuthApi::retriedMethods() {
  const QString s = QString::fromLatin1(v1::AuthService::service_full_name());
  // Not RedeemInvite (the code works once, so a repeat after a lost answer
  // would fail), ChangePassword (the repeat would find the password
  // changed) or CreateStaffAccount (it would answer "already exists").
  return {s + "/Login", s + "/WhoAmI", s + "/ListStaff"};
}

Call AuthApi::login(const QString& email, const QString& password, QObject* caller, Done<UserInfo> done,
                    Failed failed) {
  v1::LoginRequest req;
  req.set_email(ss(email));
  req.set_password(ss(password));
  return detail::unary(
      impl_->stub, &Stub::async::Login, std::move(req), caller,
      [this, caller, done = std::move(done)](const v1::LoginResponse& resp) {
        UserInfo account = fromProto(resp.user());
        account.sessionExpiresAt = fromProto(resp.expires_at());
        completeSignIn(qs(resp.token()), account, caller, done);
      },
      std::move(failed), {.token = QString()});
}

Call AuthApi::redeemInvite(const QString& code, const QString& newPassword, QObject* caller, Done<UserInfo> done,
                           Failed failed) {
  v1::RedeemInviteRequest req;
  req.set_code(ss(code));
  req.set_new_password(ss(newPassword));
  return detail::unary(
      impl_->stub, &Stub::async::RedeemInvite, std::move(req), caller,
      [this, caller, done = std::move(done)](const v1::RedeemInviteResponse& resp) {
        UserInfo account = fromProto(resp.user());
        account.sessionExpiresAt = fromProto(resp.expires_at());
        completeSignIn(qs(resp.token()), account, caller, done);
      },
      std::move(failed), {.token = QString()});
}

void AuthApi::completeSignIn(const QString& token, UserInfo account, QObject* caller, Done<UserInfo> done) {
  // The organisation's name comes with WhoAmI; one more call now spares
  // every screen from asking. Without it the session still begins. It runs
  // for the session, not the caller, so a sign-in is never left half done.
  QPointer<QObject> who(caller);
  auto begin = [this, token, who, done](const UserInfo& user) {
    session_.beginSession(token, user);
    if (who && done) done(session_.currentUser());
  };
  detail::unary(
      impl_->stub, &Stub::async::WhoAmI, v1::WhoAmIRequest(), &session_,
      [begin, account](const v1::WhoAmIResponse& me) {
        UserInfo user = account;
        user.organisationName = qs(me.organisation_name());
        begin(user);
      },
      [begin, account](const RpcError&) { begin(account); }, {.token = token});
}

Call AuthApi::whoAmI(QObject* caller, Done<UserInfo> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::WhoAmI, v1::WhoAmIRequest(), caller,
      [this, done = std::move(done)](const v1::WhoAmIResponse& me) {
        const UserInfo user = fromProto(me);
        if (session_.isSignedIn()) session_.setUser(user);
        if (done) done(user);
      },
      std::move(failed));
}

Call AuthApi::changePassword(const QString& currentPassword, const QString& newPassword, QObject* caller,
                             std::function<void()> done, Failed failed) {
  v1::ChangePasswordRequest req;
  req.set_current_password(ss(currentPassword));
  req.set_new_password(ss(newPassword));
  return detail::unary(
      impl_->stub, &Stub::async::ChangePassword, std::move(req), caller,
      [this, done = std::move(done)](const v1::ChangePasswordResponse&) {
        UserInfo user = session_.currentUser();
        user.passwordChangeRequired = false;
        session_.setUser(user);
        if (done) done();
      },
      std::move(failed));
}

Call AuthApi::listStaff(bool includeInactive, QObject* caller, Done<QList<UserInfo>> done, Failed failed) {
  v1::ListStaffRequest req;
  req.set_include_inactive(includeInactive);
  return detail::unary(
      impl_->stub, &Stub::async::ListStaff, std::move(req), caller,
      [done = std::move(done)](const v1::ListStaffResponse& resp) {
        if (done) done(listOf(resp.staff(), [](const v1::User& u) { return fromProto(u); }));
      },
      std::move(failed));
}

Call AuthApi::createStaffAccount(const NewStaffInput& input, QObject* caller, Done<NewStaffAccount> done,
                                 Failed failed) {
  v1::CreateStaffAccountRequest req;
  req.set_email(ss(input.email));
  req.set_display_name(ss(input.displayName));
  req.set_role(toProto(input.role));
  return detail::unary(
      impl_->stub, &Stub::async::CreateStaffAccount, std::move(req), caller,
      [done = std::move(done)](const v1::CreateStaffAccountResponse& resp) {
        if (done) done(NewStaffAccount{fromProto(resp.user()), qs(resp.temporary_password())});
      },
      std::move(failed));
}

void AuthApi::sendLogout(const QString& token) {
  detail::unary(impl_->stub, &Stub::async::Logout, v1::LogoutRequest(), &session_, nullptr, nullptr,
                {.token = token});
}

}  // namespace cft::client
