// The one path every RPC takes: identify the method from its request type,
// look up its access rule (none: refused), authenticate, check the role and
// the password-change gate, run the handler body, then audit a failure, log
// it, and convert the status. Handlers stay thin: map proto to domain, call
// the domain service, map back. Thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "google/protobuf/descriptor.h"
#include "services/access/access_rules.h"
#include "services/audit/audit.h"
#include "services/common/errors.h"
#include "services/rpc/authenticator.h"
#include "services/common/principal.h"

namespace cft::rpc {

// The full method name ("/pkg.Service/Method") of the one RPC taking `request`
// as input, or "" when none or several do. Every RPC has its own request type,
// so the request type identifies the method without string literals in handlers.
std::string MethodForRequest(const google::protobuf::Descriptor* request);

// Converts at the edge. INTERNAL, UNKNOWN and DATA_LOSS reach clients with a
// generic message: their details are for the log only. Every error carries
// status details (the grpc-status-details-bin trailer, a google.rpc.Status):
// a google.rpc.LocalizedMessage with the plain sentence people are shown,
// and for INVALID_ARGUMENT a google.rpc.BadRequest naming the field at fault.
// Clients read these; they never parse the message.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The sentence people are shown for one of our messages: "session_id: the
// session has already started" -> "The session has already started.",
// "capacity: 3 people hold places" -> "Capacity: 3 people hold places.".
std::string PlainSentence(absl::StatusCode code, absl::string_view message);

// A serialized google.rpc.Status for `code` and `message`: the plain sentence
// as a LocalizedMessage and, with `violation`, a BadRequest.
std::string StatusDetails(absl::StatusCode code, absl::string_view message, const FieldViolation* violation);

// Successful calls of audited methods whose domain service wrote no audit
// record (the RPC layer wrote a fallback). Always 0 in a correct build; the
// test server fails any test that makes it grow.
int64_t MissingAuditRecords();

// "ipv4:127.0.0.1:5000" -> "127.0.0.1"; "ipv6:[::1]:5000" -> "::1".
std::string PeerAddress(absl::string_view grpc_peer);

class RpcRuntime {
 public:
  RpcRuntime(Authenticator& authenticator, audit::Auditor& auditor)
      : authenticator_(authenticator), auditor_(auditor) {}

  // `body(RequestContext&, const Req&, Resp&) -> absl::Status`.
  template <typename Req, typename Resp, typename Body>
  grpc::Status Unary(grpc::ServerContext* server_context, const Req* request, Resp* response,
                     Body&& body) {
    static const std::string method = MethodForRequest(Req::descriptor());
    const absl::Time start = absl::Now();
    RequestContext ctx;
    const access::AccessRule* rule = nullptr;
    absl::Status status = Admit(*server_context, method, ctx, rule);
    if (status.ok()) status = body(ctx, *request, *response);
    if (!status.ok()) response->Clear();
    return Finish(ctx, rule, status, start);
  }

  // `body(RequestContext&, const Req&, grpc::ServerWriter<Resp>&) -> absl::Status`.
  template <typename Req, typename Resp, typename Body>
  grpc::Status ServerStreaming(grpc::ServerContext* server_context, const Req* request,
                               grpc::ServerWriter<Resp>* writer, Body&& body) {
    static const std::string method = MethodForRequest(Req::descriptor());
    const absl::Time start = absl::Now();
    RequestContext ctx;
    const access::AccessRule* rule = nullptr;
    absl::Status status = Admit(*server_context, method, ctx, rule);
    if (status.ok()) status = body(ctx, *request, *writer);
    return Finish(ctx, rule, status, start);
  }

 private:
  absl::Status Admit(const grpc::ServerContext& server_context, const std::string& method,
                     RequestContext& ctx, const access::AccessRule*& rule);
  grpc::Status Finish(RequestContext& ctx, const access::AccessRule* rule,
                      const absl::Status& status, absl::Time start);

  Authenticator& authenticator_;
  audit::Auditor& auditor_;
};

}  // namespace cft::rpc
