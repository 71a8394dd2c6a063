#pragma once

#include <ostream>

#include "absl/status/status.h"
#include "services/server/app.h"

namespace cft::cli {

// Creates the demo organisation and its accounts if missing, gives every demo
// account a fresh password, and prints the sign-ins. Safe to run repeatedly.
absl::Status SeedDemo(App& app, std::ostream& out);

}  // namespace cft::cli
