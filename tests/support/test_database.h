// A fresh, migrated database for one test binary on the private MariaDB that
// deploy/test.sh starts (CFT_TEST_DB_* environment). Created on first use and
// dropped when the binary exits. The server under test connects with a
// restricted application account, exactly as in production.
#pragma once

#include <string>
#include <vector>

#include "services/storage/db_config.h"

namespace cft::testing {

class TestDatabase {
 public:
  // Aborts the test binary with a clear message when the environment is missing:
  // a database test that cannot reach its database must fail, never skip.
  static TestDatabase& Get();

  const std::string& name() const { return name_; }
  // DDL-capable account (migrations, raw assertions).
  storage::DbConfig owner() const;
  // The application account (no UPDATE/DELETE on audit_log).
  storage::DbConfig app() const;

  // Runs a query as the owner and returns every row as strings ("NULL" for null).
  std::vector<std::vector<std::string>> Query(const std::string& sql) const;
  // Runs a statement as the owner.
  void Execute(const std::string& sql) const;
  // Single value of a one-row, one-column query.
  std::string Scalar(const std::string& sql) const;

  void Drop();

 private:
  TestDatabase();
  storage::DbConfig base_;
  std::string name_;
  std::string app_user_;
  std::string app_password_;
  bool dropped_ = false;
};

// Base connection settings of the test server (no database selected).
storage::DbConfig TestServerConfig();

// Directory of the repository checkout (for migrations and scripts).
std::string SourceDir();

// A unique suffix for names in this process: e-mail addresses, cohort names.
std::string UniqueSuffix();

}  // namespace cft::testing
