// A request that cannot be parsed (a string field that is not valid UTF-8, a
// truncated message) never reaches a handler: gRPC answers it by itself, as
// INTERNAL with an empty message and no log line. This interceptor turns that
// answer into INVALID_ARGUMENT with a plain sentence (and a BadRequest detail
// like every refusal of input) and logs it like any failed call.
#pragma once

#include <grpcpp/support/server_interceptor.h>

namespace cft::rpc {

class ParseFailureInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace cft::rpc
