#include "services/rpc/parse_failure_interceptor.h"

#include <grpcpp/grpcpp.h>

#include <string>

#include "services/common/log.h"
#include "services/rpc/rpc_runtime.h"

namespace cft::rpc {
namespace {

constexpr char kUnreadable[] =
    "The request could not be read: a text field in it is not valid UTF-8, or the message is damaged.";

class ParseFailureInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit ParseFailureInterceptor(grpc::experimental::ServerRpcInfo* info) : info_(info) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      // gRPC passes no message on when it could not deserialize one.
      unparsed_ = true;
    }
    if (unparsed_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status sent = methods->GetSendStatus();
      // gRPC reports a message it could not deserialize as INTERNAL; any
      // other code (RESOURCE_EXHAUSTED when every thread is busy, a deadline,
      // a cancellation) is true as it stands and tells the client to retry.
      if (sent.error_code() == grpc::StatusCode::INTERNAL) {
        LogWarning("rpc failed method=", info_->method(), " code=INVALID_ARGUMENT peer=",
                   PeerAddress(info_->server_context()->peer()), " detail=\"request could not be parsed (",
                   static_cast<int>(sent.error_code()), ")\"");
        const FieldViolation whole_request{"", kUnreadable};
        methods->ModifySendStatus(
            grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, kUnreadable,
                         StatusDetails(absl::StatusCode::kInvalidArgument, kUnreadable, &whole_request)));
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  bool unparsed_ = false;
};

}  // namespace

grpc::experimental::Interceptor* ParseFailureInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new ParseFailureInterceptor(info);
}

}  // namespace cft::rpc
