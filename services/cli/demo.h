#pragma once

#include <ostream>

#include "absl/status/status.h"
#include "services/common/clock.h"
#include "services/server/app.h"

namespace cft::cli {

// Creates the demo organisation and its accounts if missing, gives every demo
// account a fresh password, and prints the sign-ins. Safe to run repeatedly.
// The first run replays the demo group's first four weeks (registers, modules
// opened, homework logged) on `clock`, which must be the clock `app` runs on;
// it is left where it was.
absl::Status SeedDemo(App& app, FakeClock& clock, std::ostream& out);

}  // namespace cft::cli
