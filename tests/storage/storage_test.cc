// The storage layer against the real MariaDB: error mapping, transactions,
// the pool, migrations and the application account's grants.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/storage/connection_pool.h"
#include "services/storage/migrations.h"
#include "services/storage/sql.h"
#include "services/common/errors.h"
#include "services/storage/sql_errors.h"
#include "services/storage/transaction_runner.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace cft::storage {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::cft::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = absl::StatusCode;

constexpr SqlStatement kInsertOrg{"InsertOrg",
                                  "INSERT INTO organisations (name, created_at) VALUES (?, ?)"};
constexpr SqlStatement kCountOrgsNamed{"CountOrgsNamed",
                                       "SELECT COUNT(*) FROM organisations WHERE name = ?"};

int64_t CountNamed(TransactionRunner& tx, const std::string& name) {
  int64_t n = -1;
  EXPECT_THAT(tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kCountOrgsNamed, {name}, [&](const Row& r) {
      n = r.Int(0);
      return absl::OkStatus();
    });
  }),
              IsOk());
  return n;
}

TEST(SqlErrors, MapsTheCodesThatMatter) {
  EXPECT_EQ(StatusFromMySqlError(1062, "23000", "x").code(), Code::kAlreadyExists);
  EXPECT_EQ(StatusFromMySqlError(1452, "23000", "x").code(), Code::kFailedPrecondition);
  EXPECT_EQ(StatusFromMySqlError(1451, "23000", "x").code(), Code::kFailedPrecondition);
  EXPECT_EQ(StatusFromMySqlError(1213, "40001", "x").code(), Code::kAborted);
  EXPECT_EQ(StatusFromMySqlError(1205, "HY000", "x").code(), Code::kAborted);
  EXPECT_EQ(StatusFromMySqlError(2006, "HY000", "x").code(), Code::kUnavailable);
  EXPECT_EQ(StatusFromMySqlError(2013, "HY000", "x").code(), Code::kUnavailable);
  // A missing grant of our own account is an installation fault, not a refusal of the caller.
  EXPECT_EQ(StatusFromMySqlError(1142, "42000", "x").code(), Code::kInternal);
  EXPECT_EQ(StatusFromMySqlError(1045, "28000", "x").code(), Code::kInternal);
  EXPECT_EQ(StatusFromMySqlError(1064, "42000", "x").code(), Code::kInternal);
  // The message names the statement and the error number, nothing the server said.
  EXPECT_EQ(StatusFromMySqlError(1062, "23000", "InsertUser").message(),
            "InsertUser: database error 1062 (SQLSTATE 23000)");
  // ...and is marked as operators' detail, also after being passed up a layer.
  EXPECT_TRUE(HasOperatorDetail(StatusFromMySqlError(1213, "40001", "x")));
  EXPECT_TRUE(HasOperatorDetail(Annotate(StatusFromMySqlError(2013, "HY000", "x"), "allocate")));
  EXPECT_FALSE(HasOperatorDetail(absl::FailedPreconditionError("the cohort is full")));
}

TEST(Storage, DuplicateKeyIsAlreadyExistsAndRollsBackTheWholeTransaction) {
  ConnectionPool pool(TestDatabase::Get().app());
  MySqlTransactionRunner tx(pool);
  const std::string a = "Dup A " + testing::UniqueSuffix();
  const std::string b = "Dup B " + testing::UniqueSuffix();
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) { return Sql(uow).Insert(kInsertOrg, {a, absl::Now()}).status(); }),
              IsOk());
  absl::Status s = tx.Run([&](UnitOfWork& uow) -> absl::Status {
    auto first = Sql(uow).Insert(kInsertOrg, {b, absl::Now()});
    if (!first.ok()) return first.status();
    return Sql(uow).Insert(kInsertOrg, {a, absl::Now()}).status();
  });
  EXPECT_THAT(s, StatusIs(Code::kAlreadyExists, HasSubstr("InsertOrg: database error 1062")));
  EXPECT_EQ(CountNamed(tx, a), 1);
  EXPECT_EQ(CountNamed(tx, b), 0);  // the first insert was rolled back with the second
}

TEST(Storage, ABodyErrorRollsBackAndSkipsCommitHooks) {
  ConnectionPool pool(TestDatabase::Get().app());
  MySqlTransactionRunner tx(pool);
  const std::string name = "Rolled back " + testing::UniqueSuffix();
  bool hook_ran = false;
  absl::Status s = tx.Run([&](UnitOfWork& uow) -> absl::Status {
    uow.OnCommit([&] { hook_ran = true; });
    auto id = Sql(uow).Insert(kInsertOrg, {name, absl::Now()});
    if (!id.ok()) return id.status();
    return absl::FailedPreconditionError("business rule said no");
  });
  EXPECT_THAT(s, StatusIs(Code::kFailedPrecondition, "business rule said no"));
  EXPECT_FALSE(hook_ran);
  EXPECT_EQ(CountNamed(tx, name), 0);
}

TEST(Storage, TimesRoundTripInUtcWithMicroseconds) {
  ConnectionPool pool(TestDatabase::Get().app());
  MySqlTransactionRunner tx(pool);
  const absl::Time t = absl::FromUnixMicros(1'795'000'000'123'456);
  const std::string name = "Time " + testing::UniqueSuffix();
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) { return Sql(uow).Insert(kInsertOrg, {name, t}).status(); }),
              IsOk());
  constexpr SqlStatement kRead{"Read", "SELECT created_at FROM organisations WHERE name = ?"};
  absl::Time got;
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kRead, {name}, [&](const Row& r) {
      got = r.Time(0);
      return absl::OkStatus();
    });
  }),
              IsOk());
  EXPECT_EQ(got, t);
  EXPECT_EQ(TestDatabase::Get().Scalar(absl::StrCat("SELECT created_at FROM organisations WHERE name = '", name, "'")),
            "2026-11-18 11:06:40.123456");
}

TEST(Storage, ExhaustedPoolFailsUnavailableAfterTheAcquireTimeout) {
  DbConfig config = TestDatabase::Get().app();
  config.pool_size = 1;
  config.acquire_timeout = absl::Milliseconds(200);
  ConnectionPool pool(config);
  auto held = pool.Acquire();
  ASSERT_THAT(held, IsOk());
  EXPECT_THAT(pool.Acquire(), StatusIs(Code::kUnavailable, "database connection pool exhausted"));
}

TEST(Storage, PoolNeverOpensMoreThanItsSize) {
  DbConfig config = TestDatabase::Get().app();
  config.pool_size = 3;
  ConnectionPool pool(config);
  MySqlTransactionRunner tx(pool);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j) {
        absl::Status s = tx.Run([&](UnitOfWork& uow) {
          return Sql(uow).Query(kCountOrgsNamed, {std::string("x")}, [](const Row&) { return absl::OkStatus(); });
        });
        if (!s.ok()) failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(pool.open_connections(), 3);
}

TEST(Storage, AKilledConnectionFailsUnavailableOnceAndIsReplaced) {
  DbConfig config = TestDatabase::Get().app();
  config.pool_size = 1;
  ConnectionPool pool(config);
  MySqlTransactionRunner tx(pool);
  constexpr SqlStatement kConnId{"ConnectionId", "SELECT CONNECTION_ID()"};
  int64_t id = 0;
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kConnId, {}, [&](const Row& r) {
      id = r.Int(0);
      return absl::OkStatus();
    });
  }),
              IsOk());
  TestDatabase::Get().Execute(absl::StrCat("KILL ", id));
  // The pooled connection is dead but was used a moment ago, so it is not
  // pinged first: the call fails UNAVAILABLE and the connection is discarded.
  absl::Status first = tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kConnId, {}, [](const Row&) { return absl::OkStatus(); });
  });
  EXPECT_THAT(first, StatusIs(Code::kUnavailable));
  int64_t new_id = 0;
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kConnId, {}, [&](const Row& r) {
      new_id = r.Int(0);
      return absl::OkStatus();
    });
  }),
              IsOk());
  EXPECT_NE(new_id, id);
}

TEST(Storage, ConnectionsUseUtcStrictModeAndReadCommitted) {
  ConnectionPool pool(TestDatabase::Get().app());
  MySqlTransactionRunner tx(pool);
  constexpr SqlStatement kSettings{
      "Settings", "SELECT @@session.time_zone, @@session.sql_mode, @@session.tx_isolation"};
  std::vector<std::string> got;
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kSettings, {}, [&](const Row& r) {
      got = {r.Str(0), r.Str(1), r.Str(2)};
      return absl::OkStatus();
    });
  }),
              IsOk());
  EXPECT_EQ(got[0], "+00:00");
  EXPECT_THAT(got[1], HasSubstr("STRICT_ALL_TABLES"));
  EXPECT_EQ(got[2], "READ-COMMITTED");
}

TEST(Grants, TheApplicationAccountCannotRewriteTheAuditTrail) {
  ConnectionPool pool(TestDatabase::Get().app());
  MySqlTransactionRunner tx(pool);
  constexpr SqlStatement kInsert{
      "InsertAudit",
      "INSERT INTO audit_log (occurred_at, method, status_code) VALUES (?, 'grant test', 0)"};
  constexpr SqlStatement kUpdate{"UpdateAudit", "UPDATE audit_log SET status_code = 5"};
  constexpr SqlStatement kDelete{"DeleteAudit", "DELETE FROM audit_log"};
  EXPECT_THAT(tx.Run([&](UnitOfWork& uow) { return Sql(uow).Execute(kInsert, {absl::Now()}).status(); }),
              IsOk());
  EXPECT_THAT(tx.Run([&](UnitOfWork& uow) { return Sql(uow).Execute(kUpdate, {}).status(); }),
              StatusIs(Code::kInternal, HasSubstr("1142")));
  EXPECT_THAT(tx.Run([&](UnitOfWork& uow) { return Sql(uow).Execute(kDelete, {}).status(); }),
              StatusIs(Code::kInternal, HasSubstr("1142")));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM audit_log WHERE method = 'grant test' AND status_code = 0"),
            "1");
}

TEST(Migrations, SplitsStatementsOutsideQuotesAndComments) {
  EXPECT_THAT(SplitSqlStatements("CREATE TABLE a (x INT); -- one; two\n"
                                 "INSERT INTO a VALUES (';'); /* ; */ SELECT 1;\n# c;\n"),
              ElementsAre("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (';')", "SELECT 1"));
  EXPECT_THAT(SplitSqlStatements("SELECT 'it''s; fine', \"a;b\", `c;d`"),
              ElementsAre("SELECT 'it''s; fine', \"a;b\", `c;d`"));
}

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("cft-migrations-" + testing::UniqueSuffix());
    std::filesystem::create_directories(dir_);
    db_ = "cft_mig_" + testing::UniqueSuffix();
    TestDatabase::Get().Execute("CREATE DATABASE " + db_);
    config_ = testing::TestServerConfig();
    config_.database = db_;
  }
  void TearDown() override {
    TestDatabase::Get().Execute("DROP DATABASE IF EXISTS " + db_);
    std::filesystem::remove_all(dir_);
  }
  void Write(const std::string& file, const std::string& sql) {
    std::ofstream(dir_ / file) << sql;
  }
  absl::StatusOr<MigrationReport> Apply() {
    auto m = LoadMigrations(dir_.string());
    if (!m.ok()) return m.status();
    ConnectionPool pool(config_);
    return ApplyMigrations(pool, *m);
  }
  std::filesystem::path dir_;
  std::string db_;
  DbConfig config_;
};

TEST_F(MigrationsTest, AppliesInOrderOnceAndRecordsChecksums) {
  Write("0002_add.sql", "ALTER TABLE t ADD COLUMN y INT;");
  Write("0001_create.sql", "CREATE TABLE t (x INT);\nINSERT INTO t (x) VALUES (1);");
  auto first = Apply();
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->applied, 2);
  EXPECT_EQ(first->schema_version, 2);
  auto again = Apply();
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM " + db_ + ".t"), "1");
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT LENGTH(checksum) FROM " + db_ +
                                       ".schema_migrations WHERE version = 1"),
            "64");
}

TEST_F(MigrationsTest, EachDatabaseMigratesUnderItsOwnLock) {
  // Another schema's migration is under way on the same server (its lock is
  // held by a connection that stays open): this schema still migrates.
  ConnectionPool other(TestDatabase::Get().owner());
  MySqlTransactionRunner tx(other);
  constexpr SqlStatement kHold{"HoldOtherLock", "SELECT GET_LOCK(CONCAT('cft_migrate:', SHA1(DATABASE())), 0)"};
  int64_t held = 0;
  ASSERT_THAT(tx.Run([&](UnitOfWork& uow) {
    return Sql(uow).Query(kHold, {}, [&](const Row& r) {
      held = r.Int(0);
      return absl::OkStatus();
    });
  }),
              IsOk());
  ASSERT_EQ(held, 1);
  // The migration records whether this schema's own lock is held while it runs.
  Write("0001_create.sql",
        "CREATE TABLE t AS SELECT IS_USED_LOCK(CONCAT('cft_migrate:', SHA1(DATABASE()))) IS NOT NULL AS locked;");
  auto report = Apply();
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->applied, 1);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT locked FROM " + db_ + ".t"), "1");
}

TEST_F(MigrationsTest, AChangedAppliedMigrationIsAnError) {
  Write("0001_create.sql", "CREATE TABLE t (x INT);");
  ASSERT_THAT(Apply(), IsOk());
  Write("0001_create.sql", "CREATE TABLE t (x BIGINT);");
  EXPECT_THAT(Apply(), StatusIs(Code::kFailedPrecondition, HasSubstr("migration 1 (create) was changed")));
}

TEST_F(MigrationsTest, ADatabaseAheadOfTheBuildIsAnError) {
  Write("0001_create.sql", "CREATE TABLE t (x INT);");
  Write("0002_more.sql", "CREATE TABLE u (x INT);");
  ASSERT_THAT(Apply(), IsOk());
  std::filesystem::remove(dir_ / "0002_more.sql");
  EXPECT_THAT(Apply(), StatusIs(Code::kFailedPrecondition, HasSubstr("migration 2")));
}

TEST_F(MigrationsTest, BadFileNamesAndDuplicateVersionsAreRejected) {
  Write("1_bad.sql", "SELECT 1;");
  EXPECT_THAT(LoadMigrations(dir_.string()), StatusIs(Code::kInvalidArgument, HasSubstr("NNNN_name.sql")));
  std::filesystem::remove(dir_ / "1_bad.sql");
  Write("0001_a.sql", "SELECT 1;");
  Write("0001_b.sql", "SELECT 1;");
  EXPECT_THAT(LoadMigrations(dir_.string()), StatusIs(Code::kInvalidArgument, HasSubstr("share version 1")));
}

TEST_F(MigrationsTest, AFailingStatementStopsTheRunAndIsNotRecorded) {
  Write("0001_ok.sql", "CREATE TABLE t (x INT);");
  Write("0002_bad.sql", "CREATE TABLE t (x INT);");  // already exists
  auto r = Apply();
  EXPECT_THAT(r, StatusIs(Code::kInternal, HasSubstr("migration 2 statement 1")));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COALESCE(MAX(version), 0) FROM " + db_ + ".schema_migrations"),
            "1");
}

TEST(Migrations, TheShippedMigrationsLoad) {
  auto m = LoadMigrations(testing::SourceDir() + "/deploy/mysql/migrations");
  ASSERT_THAT(m, IsOk());
  ASSERT_FALSE(m->empty());
  EXPECT_EQ(m->front().version, 1);
  for (size_t i = 0; i < m->size(); ++i) EXPECT_EQ((*m)[i].version, static_cast<int>(i + 1));
}

}  // namespace
}  // namespace cft::storage
