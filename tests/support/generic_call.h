// Calls any unary method by its full name with a request given in protobuf
// text format, so access tests can sweep every method in the descriptors.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cft::testing {

// Every method of every service in the cft.v1 .proto files the build compiles.
std::vector<const google::protobuf::MethodDescriptor*> AllApiMethods();

// "/cft.v1.AuthService/Login"
std::string FullMethodName(const google::protobuf::MethodDescriptor* method);

// A new, empty request message for `method`, filled from `text_format` (which
// must parse; the test fails otherwise).
std::unique_ptr<google::protobuf::Message> MakeRequest(const google::protobuf::MethodDescriptor* method,
                                                       const std::string& text_format);

// Calls a unary or server-streaming method (reading the stream to its end).
grpc::Status CallGeneric(const std::shared_ptr<grpc::Channel>& channel,
                         const google::protobuf::MethodDescriptor* method,
                         const google::protobuf::Message& request, const std::string& token);

// Calls a unary method with `bytes` as the serialized request, exactly as
// given (for requests no generated code would produce, such as invalid UTF-8).
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::string& bytes, const std::string& token);

// The overall status the standard health service (grpc.health.v1) reports:
// 1 SERVING, 2 NOT_SERVING; -1 when the call fails. Encoded by hand (an empty
// request; the reply's field 1) so no health stubs are needed.
int HealthStatus(const std::shared_ptr<grpc::Channel>& channel);

}  // namespace cft::testing
