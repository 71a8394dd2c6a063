// A Caller for any unary RPC: one request, built once per caller, sent again
// and again with the caller's bearer token. A reply that is OK but not what
// the data holds (a check the workload supplies) counts as an error too.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "bench/channels.h"
#include "bench/workload.h"

namespace cft::bench {

template <typename Service, typename Request, typename Response>
class UnaryCaller final : public Caller {
 public:
  using Method = grpc::Status (Service::Stub::*)(grpc::ClientContext*, const Request&, Response*);

  UnaryCaller(const std::shared_ptr<grpc::Channel>& channel, Method method, std::string token, Request request,
              std::function<bool(const Response&)> reply_ok = nullptr)
      : stub_(Service::NewStub(channel)),
        method_(method),
        token_(std::move(token)),
        request_(std::move(request)),
        reply_ok_(std::move(reply_ok)) {}

  CallOutcome Call() override {
    std::unique_ptr<grpc::ClientContext> ctx = NewContext(token_);
    Response response;
    const grpc::Status status = ((*stub_).*method_)(ctx.get(), request_, &response);
    if (!status.ok()) return CallOutcome{.error = ErrorKey(status)};
    if (reply_ok_ && !reply_ok_(response)) return CallOutcome{.error = "unexpected reply"};
    return CallOutcome{};
  }

 private:
  std::unique_ptr<typename Service::Stub> stub_;
  Method method_;
  std::string token_;
  Request request_;
  std::function<bool(const Response&)> reply_ok_;
};

template <typename Service, typename Request, typename Response>
std::unique_ptr<Caller> MakeUnaryCaller(const std::shared_ptr<grpc::Channel>& channel,
                                        grpc::Status (Service::Stub::*method)(grpc::ClientContext*, const Request&,
                                                                              Response*),
                                        std::string token, Request request,
                                        std::type_identity_t<std::function<bool(const Response&)>> reply_ok = nullptr) {
  return std::make_unique<UnaryCaller<Service, Request, Response>>(channel, method, std::move(token),
                                                                   std::move(request), std::move(reply_ok));
}

}  // namespace cft::bench
