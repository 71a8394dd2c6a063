#include "client-shared/api_client.h"

#include <grpcpp/grpcpp.h>

#include <QFile>
#include <QPointer>
#include <QThread>
#include <chrono>
#include <thread>

#include "cft/v1/auth.grpc.pb.h"

namespace cft::client {
namespace {

constexpr auto kCallTimeout = std::chrono::seconds(15);

QString qs(const std::string& s) { return QString::fromStdString(s); }
std::string ss(const QString& s) { return s.toStdString(); }

UserRole fromProto(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN:
      return UserRole::Admin;
    case v1::ROLE_CLINICIAN:
      return UserRole::Clinician;
    case v1::ROLE_PARTICIPANT:
      return UserRole::Participant;
    default:
      return UserRole::Unknown;
  }
}

v1::Role toProto(UserRole role) {
  switch (role) {
    case UserRole::Admin:
      return v1::ROLE_ADMIN;
    case UserRole::Clinician:
      return v1::ROLE_CLINICIAN;
    case UserRole::Participant:
      return v1::ROLE_PARTICIPANT;
    default:
      return v1::ROLE_UNSPECIFIED;
  }
}

UserInfo fromProto(const v1::User& u) {
  UserInfo info;
  info.id = u.id();
  info.organisationId = u.organisation_id();
  info.email = qs(u.email());
  info.displayName = qs(u.display_name());
  info.role = fromProto(u.role());
  info.active = u.active();
  info.passwordChangeRequired = u.password_change_required();
  return info;
}

QDateTime fromProto(const google::protobuf::Timestamp& t) {
  return QDateTime::fromSecsSinceEpoch(t.seconds(), Qt::UTC);
}

RpcError fromStatus(const grpc::Status& s) {
  return makeRpcError(static_cast<int>(s.error_code()), qs(s.error_message()));
}

}  // namespace

QString roleLabel(UserRole role) {
  switch (role) {
    case UserRole::Admin:
      return QStringLiteral("Administrator");
    case UserRole::Clinician:
      return QStringLiteral("Clinician");
    case UserRole::Participant:
      return QStringLiteral("Participant");
    default:
      return QStringLiteral("Unknown role");
  }
}

// Lives on its own thread; owns the channel and stubs. Only touched from that
// thread after construction.
struct ApiClient::Worker {
  explicit Worker(const ConnectionSettings& s) : settings(s) {
    thread.setObjectName("cft-api");
    context.moveToThread(&thread);
    thread.start();
  }
  ~Worker() {
    thread.quit();
    thread.wait();
  }

  // Lazily, on the worker thread: reading the CA file and building the
  // channel are I/O.
  bool ensureChannel(RpcError* error) {
    if (channel) return true;
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (settings.insecure) {
      creds = grpc::InsecureChannelCredentials();
    } else {
      QFile ca(settings.caCertificatePath);
      if (settings.caCertificatePath.isEmpty() || !ca.open(QIODevice::ReadOnly)) {
        error->kind = RpcError::Kind::Other;
        error->message = QStringLiteral(
                             "The server's certificate authority file was not found (%1). "
                             "Start the client with --ca-cert=FILE.")
                             .arg(settings.caCertificatePath.isEmpty() ? QStringLiteral("none given")
                                                                       : settings.caCertificatePath);
        return false;
      }
      grpc::SslCredentialsOptions opts;
      opts.pem_root_certs = ca.readAll().toStdString();
      creds = grpc::SslCredentials(opts);
    }
    channel = grpc::CreateChannel(ss(settings.address), creds);
    auth = v1::AuthService::NewStub(channel);
    return true;
  }

  std::unique_ptr<grpc::ClientContext> context_for(const QString& token) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    if (!token.isEmpty()) ctx->AddMetadata("authorization", "Bearer " + ss(token));
    return ctx;
  }

  // Reads may be retried while the server is unreachable; the user sees
  // "retrying" only if all attempts fail.
  template <typename Call>
  grpc::Status withRetry(bool idempotent, Call&& call) {
    grpc::Status s = call();
    for (int attempt = 1; idempotent && attempt <= 2 &&
                          s.error_code() == grpc::StatusCode::UNAVAILABLE;
         ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400 * attempt));
      s = call();
    }
    return s;
  }

  ConnectionSettings settings;
  QThread thread;
  QObject context;  // lives on `thread`; queued work is invoked through it
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::AuthService::Stub> auth;
};

ApiClient::ApiClient(ConnectionSettings settings, QObject* parent)
    : QObject(parent), worker_(std::make_unique<Worker>(settings)) {
  qRegisterMetaType<UserInfo>();
  qRegisterMetaType<QList<UserInfo>>();
  qRegisterMetaType<RpcError>();
}

ApiClient::~ApiClient() = default;

const ConnectionSettings& ApiClient::settings() const { return worker_->settings; }

int ApiClient::submit(std::function<std::function<void()>(int)> work) {
  const int id = nextRequestId_++;
  ++pending_;
  emit pendingChanged(pending_);
  QPointer<ApiClient> self(this);
  Worker* w = worker_.get();
  QMetaObject::invokeMethod(
      &w->context,
      [self, w, id, work = std::move(work)] {
        std::function<void()> then;
        RpcError channel_error;
        if (!w->ensureChannel(&channel_error)) {
          then = failure(self, id, channel_error);
        } else {
          then = work(id);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, id, then] {
              if (!self) return;
              self->finish(id);
              then();
            },
            Qt::QueuedConnection);
      },
      Qt::QueuedConnection);
  return id;
}

void ApiClient::finish(int) {
  --pending_;
  emit pendingChanged(pending_);
}

std::function<void()> ApiClient::failure(QPointer<ApiClient> self, int requestId, RpcError error) {
  return [self, requestId, error] {
    if (self) self->fail(requestId, error);
  };
}

void ApiClient::fail(int requestId, const RpcError& error) {
  if (error.kind == RpcError::Kind::SignedOut && !token_.isEmpty()) {
    token_.clear();
    user_ = UserInfo();
    emit signedOut();
  }
  emit requestFailed(requestId, error);
}

int ApiClient::login(const QString& email, const QString& password) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  return submit([w, self, email, password](int id) -> std::function<void()> {
    v1::LoginRequest req;
    req.set_email(ss(email));
    req.set_password(ss(password));
    v1::LoginResponse resp;
    grpc::Status s = w->withRetry(true, [&] {
      auto ctx = w->context_for({});
      return w->auth->Login(ctx.get(), req, &resp);
    });
    if (!s.ok()) return failure(self, id, fromStatus(s));
    UserInfo user = fromProto(resp.user());
    user.sessionExpiresAt = fromProto(resp.expires_at());
    const QString token = qs(resp.token());
    // The organisation's name comes with WhoAmI; one more call now spares
    // every screen from asking.
    v1::WhoAmIResponse me;
    auto ctx = w->context_for(token);
    if (w->auth->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &me).ok()) {
      user.organisationName = qs(me.organisation_name());
    }
    return [self, user, token] {
      if (!self) return;
      self->token_ = token;
      self->user_ = user;
      emit self->signedIn(user);
    };
  });
}

int ApiClient::logout() {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  // Forget the token at once: whatever the server says, this client is out.
  token_.clear();
  user_ = UserInfo();
  emit signedOut();
  return submit([w, self, token](int) -> std::function<void()> {
    v1::LogoutResponse resp;
    auto ctx = w->context_for(token);
    (void)w->auth->Logout(ctx.get(), v1::LogoutRequest(), &resp);
    return [] {};
  });
}

int ApiClient::refreshAccount() {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  return submit([w, self, token](int id) -> std::function<void()> {
    v1::WhoAmIResponse me;
    grpc::Status s = w->withRetry(true, [&] {
      auto ctx = w->context_for(token);
      return w->auth->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &me);
    });
    if (!s.ok()) return failure(self, id, fromStatus(s));
    UserInfo user = fromProto(me.user());
    user.organisationName = qs(me.organisation_name());
    user.sessionExpiresAt = fromProto(me.session_expires_at());
    return [self, id, user] {
      if (!self) return;
      self->user_ = user;
      emit self->accountRefreshed(id, user);
    };
  });
}

int ApiClient::changePassword(const QString& currentPassword, const QString& newPassword) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  return submit([w, self, token, currentPassword, newPassword](int id) -> std::function<void()> {
    v1::ChangePasswordRequest req;
    req.set_current_password(ss(currentPassword));
    req.set_new_password(ss(newPassword));
    v1::ChangePasswordResponse resp;
    auto ctx = w->context_for(token);
    grpc::Status s = w->auth->ChangePassword(ctx.get(), req, &resp);
    if (!s.ok()) return failure(self, id, fromStatus(s));
    return [self, id] {
      if (!self) return;
      self->user_.passwordChangeRequired = false;
      emit self->passwordChanged(id);
    };
  });
}

int ApiClient::listStaff(bool includeInactive) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  return submit([w, self, token, includeInactive](int id) -> std::function<void()> {
    v1::ListStaffRequest req;
    req.set_include_inactive(includeInactive);
    v1::ListStaffResponse resp;
    grpc::Status s = w->withRetry(true, [&] {
      auto ctx = w->context_for(token);
      return w->auth->ListStaff(ctx.get(), req, &resp);
    });
    if (!s.ok()) return failure(self, id, fromStatus(s));
    QList<UserInfo> staff;
    for (const auto& u : resp.staff()) staff.append(fromProto(u));
    return [self, id, staff] {
      if (self) emit self->staffListed(id, staff);
    };
  });
}

int ApiClient::createStaffAccount(const QString& email, const QString& displayName, UserRole role) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  return submit([w, self, token, email, displayName, role](int id) -> std::function<void()> {
    v1::CreateStaffAccountRequest req;
    req.set_email(ss(email));
    req.set_display_name(ss(displayName));
    req.set_role(toProto(role));
    v1::CreateStaffAccountResponse resp;
    auto ctx = w->context_for(token);
    grpc::Status s = w->auth->CreateStaffAccount(ctx.get(), req, &resp);
    if (!s.ok()) return failure(self, id, fromStatus(s));
    const UserInfo user = fromProto(resp.user());
    const QString temporary = qs(resp.temporary_password());
    return [self, id, user, temporary] {
      if (self) emit self->staffAccountCreated(id, user, temporary);
    };
  });
}

}  // namespace cft::client
