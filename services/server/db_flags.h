// Database connection flags shared by cftd and cftctl.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/storage/db_config.h"

namespace cft {

// Builds the connection settings from --db_* flags, reading the password from
// --db_password_file (trailing newline removed).
absl::StatusOr<storage::DbConfig> DbConfigFromFlags();

// Reads a whole file; NOT_FOUND when it cannot be opened.
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace cft
