// Matchers with the names abseil later shipped (absl/status/status_matchers.h),
// so an abseil upgrade is a rename.
#pragma once

#include <grpcpp/support/status.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

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

// The field violations of a gRPC status's google.rpc.BadRequest detail, as
// "field: description", or the description alone for a violation of the
// request as a whole (empty when there is none).
inline std::vector<std::string> FieldViolations(const grpc::Status& status) {
  std::vector<std::string> out;
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) {
      out.push_back(v.field().empty() ? v.description() : v.field() + ": " + v.description());
    }
  }
  return out;
}

// An INVALID_ARGUMENT whose BadRequest detail names exactly the field and
// problem its message states, as every one of ours must. Any other status passes.
inline bool DetailMatchesMessage(const grpc::Status& status, ::testing::MatchResultListener* listener) {
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) return true;
  const std::vector<std::string> violations = FieldViolations(status);
  if (violations.size() == 1 && violations[0] == status.error_message()) return true;
  *listener << " (its google.rpc.BadRequest detail does not state the message: " << violations.size()
            << " violation(s)" << (violations.empty() ? "" : ", first \"" + violations[0] + "\"") << ")";
  return false;
}

// For grpc::Status. INVALID_ARGUMENT must also carry the matching field violation.
MATCHER_P(GrpcIs, code, "has gRPC status code " + std::to_string(static_cast<int>(code))) {
  *result_listener << "status: " << arg.error_code() << " " << arg.error_message();
  return arg.error_code() == code && DetailMatchesMessage(arg, result_listener);
}

MATCHER_P2(GrpcIs, code, message_matcher, "has the gRPC status code and a matching message") {
  *result_listener << "status: " << arg.error_code() << " \"" << arg.error_message() << "\"";
  return arg.error_code() == code && ::testing::Matches(message_matcher)(arg.error_message()) &&
         DetailMatchesMessage(arg, result_listener);
}

// The plain sentence of a gRPC status's google.rpc.LocalizedMessage detail ("" if none).
inline std::string LocalizedMessageOf(const grpc::Status& status) {
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return "";
  for (const auto& any : details.details()) {
    google::rpc::LocalizedMessage m;
    if (any.UnpackTo(&m)) return m.message();
  }
  return "";
}

// A gRPC status whose BadRequest detail has a violation of `field` with `description`.
MATCHER_P2(HasFieldViolation, field, description, "has a google.rpc.BadRequest field violation") {
  const std::vector<std::string> violations = FieldViolations(arg);
  *result_listener << "violations:";
  for (const auto& v : violations) *result_listener << " \"" << v << "\"";
  const std::string want = std::string(field).empty() ? std::string(description)
                                                     : std::string(field) + ": " + description;
  return std::find(violations.begin(), violations.end(), want) != violations.end();
}

MATCHER(GrpcOk, "is OK") {
  if (!arg.ok()) *result_listener << "status: " << arg.error_code() << " " << arg.error_message();
  return arg.ok();
}

}  // namespace cft::testing
