#include "tests/support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/codes.h"
#include "services/common/crypto.h"
#include "services/storage/connection_pool.h"
#include "services/server/setup.h"
#include "services/storage/sql.h"
#include "services/storage/transaction_runner.h"

namespace cft::testing {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    std::cerr << "FATAL: " << name
              << " is not set. Database tests run through ./deploy/test.sh, which starts a "
                 "private MariaDB and sets CFT_TEST_DB_HOST/PORT/USER/PASSWORD.\n";
    std::abort();
  }
  return v;
}

void Check(const absl::Status& s, const std::string& what) {
  if (!s.ok()) {
    std::cerr << "FATAL: test database: " << what << ": " << s << "\n";
    std::abort();
  }
}

}  // namespace

std::string SourceDir() { return CFT_SOURCE_DIR; }

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  return absl::StrCat(getpid(), "x", counter.fetch_add(1));
}

storage::DbConfig TestServerConfig() {
  storage::DbConfig c;
  c.host = Env("CFT_TEST_DB_HOST");
  if (!absl::SimpleAtoi(Env("CFT_TEST_DB_PORT"), &c.port)) {
    std::cerr << "FATAL: CFT_TEST_DB_PORT is not a number\n";
    std::abort();
  }
  c.user = Env("CFT_TEST_DB_USER");
  c.password = Env("CFT_TEST_DB_PASSWORD");
  c.pool_size = 4;
  return c;
}

TestDatabase& TestDatabase::Get() {
  static TestDatabase* db = [] {
    auto* d = new TestDatabase();
    std::atexit([] { Get().Drop(); });
    return d;
  }();
  return *db;
}

TestDatabase::TestDatabase() : base_(TestServerConfig()) {
  Check(InitCrypto(), "libsodium");
  const std::string suffix = absl::StrCat(getpid(), "_", RandomString(6, "abcdefghijkmnpqrstuvwxyz"));
  name_ = absl::StrCat("cft_t_", suffix);
  app_user_ = absl::StrCat("app_", suffix);
  app_password_ = RandomString(24, kPasswordAlphabet);
  {
    storage::ConnectionPool pool(base_);
    storage::MySqlTransactionRunner tx(pool);
    Check(tx.Run([&](UnitOfWork& uow) -> absl::Status {
      auto& s = storage::Sql(uow);
      absl::Status st = s.ExecuteRaw("create database",
                                     absl::StrCat("CREATE DATABASE `", name_,
                                                  "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
      if (!st.ok()) return st;
      return s.ExecuteRaw("create app user", absl::StrCat("CREATE USER '", app_user_,
                                                          "'@'%' IDENTIFIED BY '", app_password_, "'"));
    }),
          "create database and app account");
  }
  SetupOptions setup;
  setup.owner = owner();
  setup.migrations_dir = SourceDir() + "/deploy/mysql/migrations";
  setup.programmes_dir = SourceDir() + "/deploy/programmes";
  setup.instruments_dir = SourceDir() + "/deploy/instruments";
  setup.app_account = std::make_pair(app_user_, std::string("%"));
  Check(SetUpDatabase(setup).status(), "migrate, grant and load templates");
}

storage::DbConfig TestDatabase::owner() const {
  storage::DbConfig c = base_;
  c.database = name_;
  return c;
}

storage::DbConfig TestDatabase::app() const {
  storage::DbConfig c = base_;
  c.database = name_;
  c.user = app_user_;
  c.password = app_password_;
  c.pool_size = 16;
  return c;
}

std::vector<std::vector<std::string>> TestDatabase::Query(const std::string& sql) const {
  storage::ConnectionPool pool(owner());
  storage::MySqlTransactionRunner tx(pool);
  std::vector<std::vector<std::string>> rows;
  const storage::SqlStatement stmt{"test query", sql.c_str()};
  Check(tx.Run([&](UnitOfWork& uow) {
    rows.clear();
    return storage::Sql(uow).Query(stmt, {}, [&](const storage::Row& row) {
      std::vector<std::string> values;
      for (int c = 0; c < row.column_count(); ++c) {
        values.push_back(row.IsNull(c) ? "NULL" : row.Str(c));
      }
      rows.push_back(std::move(values));
      return absl::OkStatus();
    });
  }),
        "query: " + sql);
  return rows;
}

void TestDatabase::Execute(const std::string& sql) const {
  storage::ConnectionPool pool(owner());
  storage::MySqlTransactionRunner tx(pool);
  Check(tx.Run([&](UnitOfWork& uow) { return storage::Sql(uow).ExecuteRaw("test statement", sql); }),
        "execute: " + sql);
}

std::string TestDatabase::Scalar(const std::string& sql) const {
  auto rows = Query(sql);
  if (rows.empty() || rows[0].empty()) return "";
  return rows[0][0];
}

void TestDatabase::Drop() {
  if (dropped_) return;
  dropped_ = true;
  storage::ConnectionPool pool(base_);
  storage::MySqlTransactionRunner tx(pool);
  (void)tx.Run([&](UnitOfWork& uow) -> absl::Status {
    auto& s = storage::Sql(uow);
    (void)s.ExecuteRaw("drop user", absl::StrCat("DROP USER IF EXISTS '", app_user_, "'@'%'"));
    return s.ExecuteRaw("drop database", absl::StrCat("DROP DATABASE IF EXISTS `", name_, "`"));
  });
}

}  // namespace cft::testing
