// Minimal line logger: abseil 20220623 has no logging library and gRPC's is
// not meant for applications. One line per call, written with a single
// write(2) so lines from concurrent threads never interleave. Thread-safe.
#pragma once

#include "absl/strings/string_view.h"

#include "absl/strings/str_cat.h"

namespace cft {

enum class LogLevel { kInfo, kWarning, kError };

void LogLine(LogLevel level, absl::string_view message);

template <typename... Args>
void LogInfo(const Args&... args) {
  LogLine(LogLevel::kInfo, absl::StrCat(args...));
}
template <typename... Args>
void LogWarning(const Args&... args) {
  LogLine(LogLevel::kWarning, absl::StrCat(args...));
}
template <typename... Args>
void LogError(const Args&... args) {
  LogLine(LogLevel::kError, absl::StrCat(args...));
}

}  // namespace cft
