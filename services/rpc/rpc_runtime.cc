#include "services/rpc/rpc_runtime.h"

#include <atomic>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/errors.h"
#include "services/common/log.h"

namespace cft::rpc {
namespace {
std::atomic<int64_t> g_missing_audit{0};
}  // namespace

int64_t MissingAuditRecords() { return g_missing_audit.load(); }

std::string MethodForRequest(const google::protobuf::Descriptor* request) {
  const google::protobuf::FileDescriptor* file = request->file();
  std::string found;
  for (int s = 0; s < file->service_count(); ++s) {
    const google::protobuf::ServiceDescriptor* service = file->service(s);
    for (int m = 0; m < service->method_count(); ++m) {
      if (service->method(m)->input_type() != request) continue;
      if (!found.empty()) return "";  // shared request type: refuse rather than guess
      found = absl::StrCat("/", service->full_name(), "/", service->method(m)->name());
    }
  }
  return found;
}

namespace {

// What a client is told when the real message is for operators only. Plain
// sentences, because the clients show them to people as they are.
const char* PlainSentenceFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
      return "The service cannot reach its database just now. Please try again in a moment.";
    case absl::StatusCode::kAborted:
      return "Someone else changed the same records at the same moment. Please try again.";
    case absl::StatusCode::kAlreadyExists:
      return "That record already exists.";
    case absl::StatusCode::kFailedPrecondition:
      return "The change does not fit the records it refers to; reload and try again.";
    case absl::StatusCode::kDeadlineExceeded:
      return "The service took too long to answer. Please try again.";
    default:
      return "internal error; it has been logged for the service's operators";
  }
}

}  // namespace

namespace {

bool IsSubject(absl::string_view s) {
  if (s.empty() || !absl::ascii_islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_islower(static_cast<unsigned char>(c)) || absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
           c == '_' || c == '.' || c == '[' || c == ']';
  });
}

std::string Sentence(std::string text) {
  absl::StripAsciiWhitespace(&text);
  if (text.empty()) return text;
  text[0] = absl::ascii_toupper(static_cast<unsigned char>(text[0]));
  const char last = text.back();
  if (last != '.' && last != '?' && last != '!') text.push_back('.');
  return text;
}

// "entries[3].status" -> "Status"; "preferred_cohort_id" -> "Preferred cohort id".
std::string Humanized(absl::string_view field) {
  if (const size_t dot = field.rfind('.'); dot != absl::string_view::npos) field.remove_prefix(dot + 1);
  std::string out;
  for (char c : field) {
    if (c == '[') break;
    out.push_back(c == '_' ? ' ' : c);
  }
  return out;
}

}  // namespace

std::string PlainSentence(absl::StatusCode code, absl::string_view message) {
  // Our messages name what they are about first ("session_id: a cancelled
  // session cannot be cancelled"), which serves the log; people are told the
  // problem, with the field's name only where it is not an id.
  const size_t colon = message.find(": ");
  if (colon == absl::string_view::npos || !IsSubject(message.substr(0, colon))) {
    return Sentence(std::string(message));
  }
  const absl::string_view subject = message.substr(0, colon);
  const absl::string_view problem = message.substr(colon + 2);
  // Refused input reads as "<field> <problem>" ("Display name is required").
  if (code == absl::StatusCode::kInvalidArgument) return Sentence(absl::StrCat(Humanized(subject), " ", problem));
  if (absl::EndsWith(subject, "_id") || absl::StrContains(subject, ".") || absl::StrContains(subject, "[")) {
    return Sentence(std::string(problem));
  }
  return Sentence(absl::StrCat(Humanized(subject), ": ", problem));
}

std::string StatusDetails(absl::StatusCode code, absl::string_view message, const FieldViolation* violation) {
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(std::string(message));
  if (violation != nullptr) {
    google::rpc::BadRequest bad_request;
    auto* v = bad_request.add_field_violations();
    v->set_field(violation->field);
    v->set_description(violation->description);
    details.add_details()->PackFrom(bad_request);
  }
  google::rpc::LocalizedMessage localized;
  localized.set_locale("en-GB");
  localized.set_message(PlainSentence(code, message));
  details.add_details()->PackFrom(localized);
  return details.SerializeAsString();
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInvalidArgument) {
    std::optional<FieldViolation> v = FieldViolationOf(status);
    if (!v) {
      // Every refusal of input should name its field (InvalidField); one that
      // does not is still described, so clients find a violation to show.
      LogWarning("INVALID_ARGUMENT without a field violation: ", message);
      v = FieldViolation{"", message};
    }
    return grpc::Status(code, message, StatusDetails(status.code(), message, &*v));
  }
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      message = PlainSentenceFor(status.code());
      break;
    default:
      if (HasOperatorDetail(status)) message = PlainSentenceFor(status.code());
      break;
  }
  return grpc::Status(code, message, StatusDetails(status.code(), message, nullptr));
}

std::string PeerAddress(absl::string_view peer) {
  if (absl::StartsWith(peer, "ipv4:")) {
    peer.remove_prefix(5);
    if (auto colon = peer.rfind(':'); colon != absl::string_view::npos) peer = peer.substr(0, colon);
    return std::string(peer);
  }
  if (absl::StartsWith(peer, "ipv6:")) {
    peer.remove_prefix(5);
    if (absl::StartsWith(peer, "[")) {
      auto close = peer.find(']');
      if (close != absl::string_view::npos) return std::string(peer.substr(1, close - 1));
    }
    return std::string(peer);
  }
  if (absl::StartsWith(peer, "unix:")) return "unix";
  return std::string(peer.substr(0, 64));
}

absl::Status RpcRuntime::Admit(const grpc::ServerContext& server_context, const std::string& method,
                               RequestContext& ctx, const access::AccessRule*& rule) {
  ctx.method = method.empty() ? "unknown" : method;
  ctx.peer = PeerAddress(server_context.peer());
  rule = method.empty() ? nullptr : access::FindAccessRule(method);
  if (rule == nullptr) {
    // Fail closed: a method nobody declared a rule for is nobody's to call.
    return absl::PermissionDeniedError("this action is not available");
  }
  if (!rule->authenticated) return absl::OkStatus();

  const auto& metadata = server_context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError("please sign in first");
  }
  absl::string_view header(it->second.data(), it->second.size());
  if (!absl::StartsWith(header, "Bearer ")) {
    return absl::UnauthenticatedError("please sign in first");
  }
  auto principal = authenticator_.Authenticate(header.substr(7));
  if (!principal.ok()) return principal.status();
  ctx.principal = *principal;
  if (!access::RoleAllowed(*rule, principal->role)) {
    return absl::PermissionDeniedError(absl::StrCat("this action is not available to the ",
                                                    RoleName(principal->role), " role"));
  }
  if (principal->password_change_required && !rule->allowed_before_password_change) {
    return absl::FailedPreconditionError(
        "please replace your temporary password before doing anything else");
  }
  return absl::OkStatus();
}

grpc::Status RpcRuntime::Finish(RequestContext& ctx, const access::AccessRule* rule,
                                const absl::Status& status, absl::Time start) {
  const bool security_event = status.code() == absl::StatusCode::kUnauthenticated ||
                              status.code() == absl::StatusCode::kPermissionDenied ||
                              status.code() == absl::StatusCode::kResourceExhausted;
  const bool audited_method = rule == nullptr || rule->audited;
  if (!ctx.audited && (audited_method || security_event)) {
    if (status.ok()) {
      // Safety net: the domain service should have audited inside its transaction.
      LogError("audited method returned without an audit record method=", ctx.method);
      g_missing_audit.fetch_add(1);
    }
    auditor_.RecordOutcome(ctx, status.code());
  }
  if (!status.ok()) {
    const int64_t ms = absl::ToInt64Milliseconds(absl::Now() - start);
    // The message is ours (field names, statement names, error numbers): never
    // SQL text, tokens or passwords.
    LogWarning("rpc failed method=", ctx.method, " code=", absl::StatusCodeToString(status.code()),
               " ms=", ms, " peer=", ctx.peer,
               ctx.principal ? absl::StrCat(" user=", ctx.principal->user_id) : "",
               " detail=\"", status.message(), "\"");
  }
  return ToGrpcStatus(status);
}

}  // namespace cft::rpc
