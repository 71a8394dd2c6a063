// Constructors for the errors every layer returns, so that messages have one
// shape: INVALID_ARGUMENT always starts with the name of the offending request
// field, which is what clients show next to the input.
#pragma once

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace cft {

inline absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
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
