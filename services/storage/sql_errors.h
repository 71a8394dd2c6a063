// The one mapping from MySQL/MariaDB error numbers to absl::Status codes.
#pragma once

#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace cft::storage {

// Maps a server or client error number. The message names `context` (a
// statement's constant name or an operation) and the error number, never the
// SQL text or the server's message, which may echo values or host names.
absl::Status StatusFromMySqlError(int error_code, absl::string_view sql_state,
                                  absl::string_view context);

// True for errors after which the connection must not be reused.
bool IsConnectionLost(int error_code);

}  // namespace cft::storage
