// Constructors for the errors every layer returns, so that messages have one
// shape. INVALID_ARGUMENT names the offending request field twice: in the
// message ("email: is required", for logs and plain clients) and in a payload
// that the RPC edge sends as a google.rpc.BadRequest field violation, which
// is what clients use to mark the input (they never parse the message).
#pragma once

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace cft {

// The payload of a field violation: the field path ("entries[3].status"),
// a NUL, then the plain description ("is required").
inline constexpr absl::string_view kFieldViolationPayload = "type.cft/field-violation";

struct FieldViolation {
  std::string field;
  std::string description;
};

inline absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  absl::Status status = absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
  status.SetPayload(kFieldViolationPayload, absl::Cord(absl::StrCat(field, absl::string_view("\0", 1), problem)));
  return status;
}

// The violation an InvalidField error carries, if any.
inline std::optional<FieldViolation> FieldViolationOf(const absl::Status& status) {
  auto payload = status.GetPayload(kFieldViolationPayload);
  if (!payload) return std::nullopt;
  const std::string text(*payload);
  const size_t nul = text.find('\0');
  if (nul == std::string::npos) return std::nullopt;
  return FieldViolation{text.substr(0, nul), text.substr(nul + 1)};
}

// Marks an error whose message is for the service's operators only (statement
// names, database error numbers): it goes to the log, and clients get a plain
// sentence for its code instead. Database errors carry it wherever they are
// passed up, so no layer has to remember to scrub them.
inline constexpr absl::string_view kOperatorDetailPayload = "type.cft/operator-detail";

inline absl::Status WithOperatorDetail(absl::Status status) {
  if (!status.ok()) status.SetPayload(kOperatorDetailPayload, absl::Cord("1"));
  return status;
}

inline bool HasOperatorDetail(const absl::Status& status) {
  return status.GetPayload(kOperatorDetailPayload).has_value();
}

// Prefixes context to an error while keeping its code and payloads, for errors
// passed up a layer.
inline absl::Status Annotate(const absl::Status& status, absl::string_view context) {
  if (status.ok()) return status;
  absl::Status annotated(status.code(), absl::StrCat(context, ": ", status.message()));
  status.ForEachPayload([&annotated](absl::string_view url, const absl::Cord& payload) {
    annotated.SetPayload(url, payload);
  });
  return annotated;
}

}  // namespace cft
