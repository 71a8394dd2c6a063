#include "client-shared/transport.h"

#include <QFile>
#include <vector>

#include "client-shared/api_session.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace cft::client::detail {

RpcError errorFromStatus(const grpc::Status& status) {
  QList<FieldViolation> violations;
  QString localized;
  if (!status.error_details().empty()) {
    google::rpc::Status details;
    if (details.ParseFromString(status.error_details())) {
      for (const google::protobuf::Any& any : details.details()) {
        google::rpc::BadRequest badRequest;
        google::rpc::LocalizedMessage sentence;
        if (any.Is<google::rpc::BadRequest>() && any.UnpackTo(&badRequest)) {
          for (const auto& v : badRequest.field_violations()) {
            violations.append({QString::fromStdString(v.field()), QString::fromStdString(v.description())});
          }
        } else if (any.Is<google::rpc::LocalizedMessage>() && any.UnpackTo(&sentence)) {
          localized = QString::fromStdString(sentence.message());
        }
      }
    }
  }
  return makeRpcError(static_cast<int>(status.error_code()), QString::fromStdString(status.error_message()),
                      violations, localized);
}

Transport::Transport(ApiSession& session, ConnectionSettings settings, std::string serviceConfigJson)
    : session_(session),
      settings_(std::move(settings)),
      serviceConfigJson_(std::move(serviceConfigJson)),
      hub_(std::make_shared<Hub>()) {}

Transport::~Transport() { drain(); }

void Transport::drain() {
  std::vector<std::shared_ptr<CallState>> running;
  {
    std::lock_guard<std::mutex> lock(hub_->mutex);
    hub_->open = false;
    for (const auto& [raw, state] : hub_->inflight) running.push_back(state);
  }
  // Not under the lock: a cancelled call may complete on this thread.
  for (const auto& state : running) state->context.TryCancel();
  std::unique_lock<std::mutex> lock(hub_->mutex);
  hub_->idle.wait(lock, [this] { return hub_->inflight.empty(); });
}

std::shared_ptr<grpc::Channel> Transport::channel(RpcError* error) {
  if (channel_) return channel_;
  std::shared_ptr<grpc::ChannelCredentials> creds;
  if (settings_.insecure) {
    creds = grpc::InsecureChannelCredentials();
  } else {
    QFile ca(settings_.caCertificatePath);
    if (settings_.caCertificatePath.isEmpty() || !ca.open(QIODevice::ReadOnly)) {
      error->kind = RpcError::Kind::Other;
      error->message = QStringLiteral(
                           "The server's certificate authority file was not found (%1). "
                           "Start the client with --ca-cert=FILE.")
                           .arg(settings_.caCertificatePath.isEmpty() ? QStringLiteral("none given")
                                                                      : settings_.caCertificatePath);
      return nullptr;
    }
    grpc::SslCredentialsOptions opts;
    opts.pem_root_certs = ca.readAll().toStdString();
    creds = grpc::SslCredentials(opts);
  }
  grpc::ChannelArguments args;
  // Retries are on by default in gRPC 1.51; said here because the service
  // config's retry policy depends on it.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  args.SetServiceConfigJSON(serviceConfigJson_);
  channel_ = grpc::CreateCustomChannel(settings_.address.toStdString(), creds, args);
  return channel_;
}

Call Transport::start(std::shared_ptr<CallState> state, QObject* caller, const CallOptions& options,
                      std::optional<RpcError> early,
                      const std::function<void(std::function<void(grpc::Status)>)>& send) {
  state->caller = caller;
  state->token = options.token.value_or(session_.token_);
  state->context.set_deadline(std::chrono::system_clock::now() + options.deadline);
  if (!state->token.isEmpty()) state->context.AddMetadata("authorization", "Bearer " + state->token.toStdString());
  session_.setPending(session_.pending_ + 1);
  Call handle(state);
  if (early) {
    QMetaObject::invokeMethod(
        &inbox_, [this, state, error = *early] { finish(state, error); }, Qt::QueuedConnection);
    return handle;
  }
  {
    std::lock_guard<std::mutex> lock(hub_->mutex);
    hub_->inflight.emplace(state.get(), state);
  }
  // On one of gRPC's threads, possibly before send() returns.
  send([this, hub = hub_, raw = state.get()](grpc::Status status) {
    std::lock_guard<std::mutex> lock(hub->mutex);
    auto it = hub->inflight.find(raw);
    std::shared_ptr<CallState> done = std::move(it->second);
    hub->inflight.erase(it);
    done->status = std::move(status);
    if (hub->open) {
      // `this` outlives the posted event: ~Transport closes the hub before
      // inbox_ (which removes undelivered events) goes.
      QMetaObject::invokeMethod(
          &inbox_, [this, done] { finish(done, std::nullopt); }, Qt::QueuedConnection);
    }
    hub->idle.notify_all();
  });
  return handle;
}

void Transport::finish(const std::shared_ptr<CallState>& state, std::optional<RpcError> early) {
  state->finished = true;
  session_.setPending(session_.pending_ - 1);
  std::optional<RpcError> error = early;
  if (!error && !state->status.ok()) error = errorFromStatus(state->status);
  // A session that ended on the server ends here, whoever asked; an
  // UNAUTHENTICATED answer to a sign-in (sent without a token) does not.
  if (error && error->kind == RpcError::Kind::SignedOut && !state->token.isEmpty() &&
      state->token == session_.token_) {
    session_.endSession();
  }
  if (state->cancelled || !state->caller) return;
  if (error) {
    state->fail(*error);
  } else {
    state->succeed();
  }
}

}  // namespace cft::client::detail
