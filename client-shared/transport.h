// The gRPC side of ApiSession, private to cft_client_core's .cc files (it
// includes gRPC; no view or model sees it). It runs every call on gRPC's
// callback API, so calls never wait for one another: each is in flight on
// its own, gRPC completes it on one of its threads, and the completion is
// posted back to the UI thread, where the caller's callback runs if the
// caller is still alive. Nothing here sleeps, and only closing the session
// waits (for gRPC to let go of the calls it cancels); retries are gRPC's own
// (the channel's service config), timed by gRPC, not by a thread of ours.
#pragma once

#include <grpcpp/grpcpp.h>

#include <QObject>
#include <QPointer>
#include <QString>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <unordered_map>

#include "client-shared/call.h"
#include "client-shared/connection_settings.h"
#include "client-shared/rpc_error.h"

namespace cft::client {

class ApiSession;

namespace detail {

inline constexpr std::chrono::seconds kDefaultDeadline{15};

// One call in flight. Created and read on the UI thread, except `context`
// (gRPC's) and `status`, which gRPC's thread writes before the state is
// posted back.
class CallState {
 public:
  virtual ~CallState() = default;

  grpc::ClientContext context;
  grpc::Status status;
  QPointer<QObject> caller;
  // The token it was sent with: an UNAUTHENTICATED answer to it ends the session.
  QString token;
  bool cancelled = false;
  bool finished = false;

  virtual void succeed() = 0;
  virtual void fail(const RpcError& error) = 0;
};

template <typename Request, typename Response>
class UnaryCall final : public CallState {
 public:
  Request request;
  Response response;
  std::function<void(const Response&)> onResponse;
  Failed onError;

  void succeed() override {
    if (onResponse) onResponse(response);
  }
  void fail(const RpcError& error) override {
    if (onError) onError(error);
  }
};

struct CallOptions {
  std::chrono::milliseconds deadline = kDefaultDeadline;
  // Sent with this token instead of the session's: the step of a sign-in
  // that runs before the session holds it.
  std::optional<QString> token;
};

// The error a caller sees for a failed status: its code, and from its
// details the field violations of a google.rpc.BadRequest and the sentence
// of a google.rpc.LocalizedMessage.
RpcError errorFromStatus(const grpc::Status& status);

// Owns the channel and tracks the calls in flight. Lives on the UI thread
// with its ApiSession; only the completion path runs on gRPC's threads.
class Transport {
 public:
  // `serviceConfigJson`: the channel's default service config (retry policy).
  Transport(ApiSession& session, ConnectionSettings settings, std::string serviceConfigJson);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Cancels what is still in flight and waits until gRPC has let go of it,
  // so no completion outlives the session; later completions are dropped.
  // Called by ~ApiSession before the facades' stubs go, and by ~Transport.
  void drain();

  const ConnectionSettings& settings() const { return settings_; }
  // Made on first use; null, with `error` set, when it cannot be (no CA file).
  std::shared_ptr<grpc::Channel> channel(RpcError* error);

  // Sends `state` through `send` (which starts the RPC on state->context
  // and hands gRPC the completion), or fails it with `early` without
  // sending. The callbacks always run later, from the event loop.
  Call start(std::shared_ptr<CallState> state, QObject* caller, const CallOptions& options,
             std::optional<RpcError> early, const std::function<void(std::function<void(grpc::Status)>)>& send);

 private:
  // Shared with gRPC's completion callbacks, which may run after a call's
  // caller and (until ~Transport has waited) alongside the destructor.
  struct Hub {
    std::mutex mutex;
    std::condition_variable idle;
    bool open = true;
    std::unordered_map<CallState*, std::shared_ptr<CallState>> inflight;
  };

  void finish(const std::shared_ptr<CallState>& state, std::optional<RpcError> early);

  ApiSession& session_;
  ConnectionSettings settings_;
  std::string serviceConfigJson_;
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<Hub> hub_;
  // Completions are posted here; deleting it (with the Transport) drops
  // those not yet delivered.
  QObject inbox_;
};

// A service's stub on the session's channel, made on first use.
template <typename Service>
class ServiceStub {
 public:
  explicit ServiceStub(Transport& transport) : transport_(transport) {}
  Transport& transport() { return transport_; }
  typename Service::Stub* get(RpcError* error) {
    if (!stub_) {
      std::shared_ptr<grpc::Channel> channel = transport_.channel(error);
      if (!channel) return nullptr;
      stub_ = Service::NewStub(channel);
    }
    return stub_.get();
  }

 private:
  Transport& transport_;
  std::unique_ptr<typename Service::Stub> stub_;
};

// One unary call through the stub's callback API: `method` is the async
// overload that takes a std::function (the reactor overload is not deduced).
template <typename Service, typename Async, typename Request, typename Response>
Call unary(ServiceStub<Service>& service,
           void (Async::*method)(grpc::ClientContext*, const Request*, Response*, std::function<void(grpc::Status)>),
           std::type_identity_t<Request> request, QObject* caller,
           std::type_identity_t<std::function<void(const Response&)>> onResponse, Failed onError,
           const CallOptions& options = {}) {
  auto state = std::make_shared<UnaryCall<Request, Response>>();
  state->request = std::move(request);
  state->onResponse = std::move(onResponse);
  state->onError = std::move(onError);
  RpcError channelError;
  auto* stub = service.get(&channelError);
  std::optional<RpcError> early;
  if (stub == nullptr) early = channelError;
  UnaryCall<Request, Response>* raw = state.get();
  return service.transport().start(std::move(state), caller, options, early,
                                   [stub, method, raw](std::function<void(grpc::Status)> done) {
                                     (stub->async()->*method)(&raw->context, &raw->request, &raw->response,
                                                              std::move(done));
                                   });
}

}  // namespace detail
}  // namespace cft::client
