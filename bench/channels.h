// TLS channels to a server under test, each on its own TCP connection.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cft::bench {

// `count` channels to `target`, trusting the CA in `ca_pem`, all connected
// before this returns. gRPC would share one connection between channels made
// with the same arguments (a global subchannel pool); a local pool per channel
// gives each its own connection, as separate clients would have.
absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> ConnectChannels(const std::string& target,
                                                                           const std::string& ca_pem,
                                                                           int count);

// A client context carrying the bearer token and a deadline.
std::unique_ptr<grpc::ClientContext> NewContext(const std::string& token,
                                                absl::Duration deadline = absl::Seconds(10));

// "UNAVAILABLE", or "" for OK: the key the report tallies errors by.
std::string ErrorKey(const grpc::Status& status);

// The status as absl::Status with `what` in front of the message, for set-up steps.
absl::Status Check(const grpc::Status& status, const std::string& what);

}  // namespace cft::bench
