// Constructors for the errors every layer returns, so that messages have one
// shape: INVALID_ARGUMENT always starts with the name of the offending request
// field, which is what clients show next to the input.
#pragma once

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cft {

inline absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

// Prefixes context to an error while keeping its code, for errors passed up a layer.
inline absl::Status Annotate(const absl::Status& status, absl::string_view context) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(context, ": ", status.message()));
}

}  // namespace cft
