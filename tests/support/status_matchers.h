// Matchers with the names abseil later shipped (absl/status/status_matchers.h),
// so an abseil upgrade is a rename.
#pragma once

#include <grpcpp/support/status.h>

#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace grpc {
// Readable failure messages for grpc::Status (GoogleTest would print bytes).
inline void PrintTo(const Status& s, std::ostream* os) {
  *os << "grpc::Status(" << s.error_code() << ", \"" << s.error_message() << "\")";
}
}  // namespace grpc

namespace cft::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << "status: " << s;
  return s.ok();
}

MATCHER_P(StatusIs, code, "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status: " << s;
  return s.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + absl::StatusCodeToString(code) + " and a matching message") {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status: " << s;
  return s.code() == code &&
         ::testing::Matches(message_matcher)(std::string(s.message()));
}

// For grpc::Status.
MATCHER_P(GrpcIs, code, "has gRPC status code " + std::to_string(static_cast<int>(code))) {
  *result_listener << "status: " << arg.error_code() << " " << arg.error_message();
  return arg.error_code() == code;
}

MATCHER_P2(GrpcIs, code, message_matcher, "has the gRPC status code and a matching message") {
  *result_listener << "status: " << arg.error_code() << " \"" << arg.error_message() << "\"";
  return arg.error_code() == code && ::testing::Matches(message_matcher)(arg.error_message());
}

MATCHER(GrpcOk, "is OK") {
  if (!arg.ok()) *result_listener << "status: " << arg.error_code() << " " << arg.error_message();
  return arg.ok();
}

}  // namespace cft::testing
