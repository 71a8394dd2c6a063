// The terms on which reads' audit records are written in batches off the
// request path (issue: "Audit that keeps up with reads"), each shown against
// the real MariaDB: batches reach the table, a full or lagging queue slows
// callers instead of dropping records, an audit outage fails reads rather
// than serving them unaudited, and an orderly stop writes everything queued.
// (A crash after a burst of reads losing nothing once the window has passed
// is shown with the real cftd binary in tests/python/outside_client_test.py.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "services/audit/mysql_audit_repository.h"
#include "services/audit/read_audit_queue.h"
#include "services/storage/connection_pool.h"
#include "services/storage/sql.h"
#include "services/storage/transaction_runner.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft::audit {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;

// Records of successful calls of `method`.
int64_t Rows(const std::string& method) {
  return std::stoll(TestDatabase::Get().Scalar(
      absl::StrCat("SELECT COUNT(*) FROM audit_log WHERE status_code = 0 AND method = '", method, "'")));
}

AuditRecord Read(const std::string& method) {
  AuditRecord r;
  r.occurred_at = absl::Now();
  r.method = method;
  r.target_type = "cohort";
  r.target_id = "1";
  return r;
}

// Holds `LOCK TABLES audit_log WRITE` on an owner connection until released,
// so the writer's INSERT waits (slow, not failing) meanwhile.
class AuditTableLock {
 public:
  AuditTableLock() : pool_(Owner()), lease_(*pool_.Acquire()), session_(*lease_) {
    EXPECT_THAT(session_.ExecuteRaw("lock", "LOCK TABLES audit_log WRITE"), IsOk());
  }
  ~AuditTableLock() { Release(); }
  void Release() {
    if (released_) return;
    released_ = true;
    EXPECT_THAT(session_.ExecuteRaw("unlock", "UNLOCK TABLES"), IsOk());
  }

 private:
  static storage::DbConfig Owner() {
    storage::DbConfig c = TestDatabase::Get().owner();
    c.pool_size = 1;
    return c;
  }
  storage::ConnectionPool pool_;
  storage::ConnectionPool::Lease lease_;
  storage::SqlSession session_;
  bool released_ = false;
};

class ReadAuditQueueTest : public ::testing::Test {
 protected:
  storage::DbConfig WriterDb() {
    storage::DbConfig c = TestDatabase::Get().app();
    c.pool_size = 1;
    return c;
  }
  MySqlAuditRepository repo_;
  storage::ConnectionPool pool_{WriterDb()};
  storage::MySqlTransactionRunner tx_{pool_};
};

TEST_F(ReadAuditQueueTest, QueuedRecordsReachTheTableInBatches) {
  const std::string method = "test batches " + testing::UniqueSuffix();
  ReadAuditQueue queue(repo_, tx_, ReadAuditOptions{.batch = 7});
  for (int i = 0; i < 50; ++i) ASSERT_THAT(queue.Push(Read(method)), IsOk());
  ASSERT_TRUE(queue.Drain(absl::Seconds(30)));
  EXPECT_EQ(Rows(method), 50);
  EXPECT_EQ(queue.written(), 50);
  EXPECT_EQ(queue.pending(), 0u);
}

TEST_F(ReadAuditQueueTest, AFullQueueSlowsCallersAndDropsNothing) {
  const std::string method = "test full queue " + testing::UniqueSuffix();
  // A window longer than the test, so only the capacity holds callers back.
  ReadAuditQueue queue(repo_, tx_, ReadAuditOptions{.capacity = 3, .window = absl::Seconds(60)});
  AuditTableLock lock;
  for (int i = 0; i < 3; ++i) ASSERT_THAT(queue.Push(Read(method)), IsOk());
  absl::Notification pushed;
  std::thread caller([&] {
    EXPECT_THAT(queue.Push(Read(method)), IsOk());
    pushed.Notify();
  });
  // The writer is stuck on the lock with the queue full: the fourth caller waits.
  EXPECT_FALSE(pushed.WaitForNotificationWithTimeout(absl::Milliseconds(400)));
  EXPECT_EQ(queue.pending(), 3u);
  lock.Release();
  EXPECT_TRUE(pushed.WaitForNotificationWithTimeout(absl::Seconds(30)));
  caller.join();
  ASSERT_TRUE(queue.Drain(absl::Seconds(30)));
  EXPECT_EQ(Rows(method), 4);
}

TEST_F(ReadAuditQueueTest, UnwrittenRecordsNeverSpanMoreThanTheWindow) {
  const std::string method = "test window " + testing::UniqueSuffix();
  ReadAuditQueue queue(repo_, tx_, ReadAuditOptions{.window = absl::Milliseconds(200)});
  AuditTableLock lock;
  ASSERT_THAT(queue.Push(Read(method)), IsOk());
  const absl::Time first = absl::Now();
  absl::Notification pushed;
  std::thread caller([&] {
    // Past the window while the first record is still unwritten: a crash now
    // would lose one window of reads, so this one waits rather than add to it.
    absl::SleepFor(absl::Milliseconds(250) - (absl::Now() - first));
    EXPECT_THAT(queue.Push(Read(method)), IsOk());
    pushed.Notify();
  });
  EXPECT_FALSE(pushed.WaitForNotificationWithTimeout(absl::Milliseconds(600)));
  EXPECT_EQ(queue.pending(), 1u);
  lock.Release();
  EXPECT_TRUE(pushed.WaitForNotificationWithTimeout(absl::Seconds(30)));
  caller.join();
  ASSERT_TRUE(queue.Drain(absl::Seconds(30)));
  EXPECT_EQ(Rows(method), 2);
}

testing::TestServerOptions WithWindow(absl::Duration window) {
  testing::TestServerOptions o = testing::At(testing::Utc(2026, 10, 7, 12, 0));
  o.app.read_audit.window = window;
  return o;
}

// Through the real server: GetSchedule, an audited read. The default window
// (200 ms), as in production.
class ReadAuditServerTest : public ::testing::Test {
 protected:
  explicit ReadAuditServerTest(absl::Duration window = absl::Milliseconds(200))
      : server_(WithWindow(window)),
        world_(testing::BuildCohortWorld(server_, {.label = "Audit", .start_date = absl::CivilDay(2026, 10, 1)})),
        calendar_(server_.Stub<v1::CalendarService>()) {}

  grpc::Status Schedule() {
    v1::GetScheduleRequest req;
    req.set_cohort_id(world_.cohort_id);
    v1::GetScheduleResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    return calendar_->GetSchedule(ctx.get(), req, &resp);
  }

  static constexpr const char* kMethod = "/cft.v1.CalendarService/GetSchedule";
  TestServer server_;
  testing::CohortWorld world_;
  std::unique_ptr<v1::CalendarService::Stub> calendar_;
};

TEST_F(ReadAuditServerTest, AnAuditOutageFailsReadsInsteadOfServingThemUnaudited) {
  const std::string app = TestDatabase::Get().app().user;
  const std::string table = absl::StrCat("`", TestDatabase::Get().name(), "`.`audit_log`");
  server_.FlushAudit();
  const int64_t before = Rows(kMethod);
  // The application may no longer append to the trail (as if its storage had failed).
  TestDatabase::Get().Execute(absl::StrCat("REVOKE INSERT ON ", table, " FROM '", app, "'@'%'"));
  grpc::Status status = grpc::Status::OK;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  int served_during_outage = 0;
  while (status.ok() && absl::Now() < deadline) {
    status = Schedule();
    if (status.ok()) ++served_during_outage;
  }
  EXPECT_THAT(status, GrpcIs(grpc::StatusCode::UNAVAILABLE, ::testing::HasSubstr("audit trail")));
  // Served only while the writer had failed for less than the window.
  const int64_t window_reads = served_during_outage;
  TestDatabase::Get().Execute(absl::StrCat("GRANT INSERT ON ", table, " TO '", app, "'@'%'"));
  // Back to normal once the trail can be written; the reads served during
  // the window were kept and are written too.
  const absl::Time recover = absl::Now() + absl::Seconds(10);
  do {
    status = Schedule();
  } while (!status.ok() && absl::Now() < recover);
  EXPECT_THAT(status, GrpcOk());
  server_.FlushAudit();
  EXPECT_EQ(Rows(kMethod), before + window_reads + 1);
}

// A window longer than the test, so that the reads below queue their records
// while the writer is held up however slowly this machine runs them.
class ReadAuditShutdownTest : public ReadAuditServerTest {
 protected:
  ReadAuditShutdownTest() : ReadAuditServerTest(absl::Seconds(60)) {}
};

TEST_F(ReadAuditShutdownTest, ShutdownWritesEveryQueuedRecord) {
  server_.FlushAudit();
  const int64_t before = Rows(kMethod);
  int served = 0;
  {
    // The writer is held up, so the records of these reads are still queued...
    AuditTableLock lock;
    for (int i = 0; i < 5; ++i) {
      ASSERT_THAT(Schedule(), GrpcOk());
      ++served;
    }
    EXPECT_GE(server_.app().read_audit()->pending(), 1u);
    auto stopping = std::async(std::launch::async, [&] { server_.server().Shutdown(absl::Seconds(5)); });
    // ...when the server is told to stop: it waits for them.
    EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
    lock.Release();
    stopping.wait();
  }
  EXPECT_EQ(server_.app().read_audit()->pending(), 0u);
  EXPECT_EQ(Rows(kMethod), before + served);
}

}  // namespace
}  // namespace cft::audit
