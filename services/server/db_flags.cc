#include "services/server/db_flags.h"

#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

ABSL_FLAG(std::string, db_host, "127.0.0.1", "MariaDB/MySQL host (ignored with --db_socket)");
ABSL_FLAG(int, db_port, 3306, "MariaDB/MySQL port");
ABSL_FLAG(std::string, db_socket, "", "Unix socket of the database server, instead of host/port");
ABSL_FLAG(std::string, db_name, "cft", "Database (schema) name");
ABSL_FLAG(std::string, db_user, "cft_app", "Database account");
ABSL_FLAG(std::string, db_password_file, "", "File holding the database account's password");
ABSL_FLAG(int, db_pool_size, 32, "Maximum open database connections");

namespace cft {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

absl::StatusOr<storage::DbConfig> DbConfigFromFlags() {
  storage::DbConfig c;
  c.host = absl::GetFlag(FLAGS_db_host);
  c.port = absl::GetFlag(FLAGS_db_port);
  c.unix_socket = absl::GetFlag(FLAGS_db_socket);
  c.database = absl::GetFlag(FLAGS_db_name);
  c.user = absl::GetFlag(FLAGS_db_user);
  c.pool_size = absl::GetFlag(FLAGS_db_pool_size);
  const std::string file = absl::GetFlag(FLAGS_db_password_file);
  if (!file.empty()) {
    auto content = ReadFile(file);
    if (!content.ok()) return content.status();
    c.password = std::string(absl::StripTrailingAsciiWhitespace(*content));
  }
  return c;
}

}  // namespace cft
