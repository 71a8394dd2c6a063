#pragma once

#include <string>

#include "absl/time/time.h"

namespace cft::storage {

// How to reach the database. Either `unix_socket` or `host`/`port` is used.
struct DbConfig {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string unix_socket;
  std::string user;
  std::string password;
  std::string database;
  // Upper bound on open connections; size it with the gRPC thread limit.
  int pool_size = 16;
  // How long a call waits for a free connection before failing UNAVAILABLE.
  absl::Duration acquire_timeout = absl::Seconds(5);
  absl::Duration connect_timeout = absl::Seconds(3);
  // Read/write timeout on the socket, so a hung server cannot hold a thread forever.
  absl::Duration io_timeout = absl::Seconds(30);
  // Idle connections older than this are pinged before reuse.
  absl::Duration validate_after_idle = absl::Seconds(5);
  // Connections for read-only work run each statement in a transaction of
  // its own, so a read needs no COMMIT round trip (see RunReadOnly).
  bool autocommit = false;
};

}  // namespace cft::storage
