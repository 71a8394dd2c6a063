// Shutdown drains: a call already running when the server is told to stop
// finishes normally, while new calls are refused. And a server with every
// thread busy says so (RESOURCE_EXHAUSTED, which clients retry), not that the
// request was bad.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "cft/testing/probe.grpc.pb.h"
#include "cft/v1/auth.grpc.pb.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcOk;
using ::cft::testing::TestServer;

class HoldingProbe final : public cft::testing::ProbeService::Service {
 public:
  std::atomic<int> entered_count{0};
  absl::Notification entered;
  absl::Notification release;
  std::atomic<bool> saw_cancellation{false};
  // Like a real handler stuck on a slow database, it gives up once the server
  // cancels the call.
  grpc::Status Hold(grpc::ServerContext* ctx, const cft::testing::HoldRequest*,
                    cft::testing::HoldResponse* resp) override {
    ++entered_count;
    if (!entered.HasBeenNotified()) entered.Notify();
    while (!release.WaitForNotificationWithTimeout(absl::Milliseconds(20))) {
      if (ctx->IsCancelled()) {
        saw_cancellation = true;
        return grpc::Status::CANCELLED;
      }
    }
    resp->set_completed(true);
    return grpc::Status::OK;
  }
};

// Starts a Hold call on another thread and returns once the handler runs:
// the call's status and whether it completed arrive through the future.
std::future<std::pair<grpc::Status, bool>> StartHeldCall(TestServer& server, HoldingProbe& probe) {
  auto in_flight = std::async(std::launch::async, [&server] {
    auto stub = cft::testing::ProbeService::NewStub(server.channel());
    cft::testing::HoldResponse resp;
    auto ctx = TestServer::Context();
    grpc::Status s = stub->Hold(ctx.get(), cft::testing::HoldRequest(), &resp);
    return std::make_pair(s, resp.completed());
  });
  probe.entered.WaitForNotification();
  return in_flight;
}

TEST(Shutdown, InFlightCallsFinishAndNewOnesAreRefused) {
  HoldingProbe probe;
  auto options = testing::DefaultTestServerOptions();
  options.extra_services.push_back(&probe);
  TestServer server(options);
  std::future<std::pair<grpc::Status, bool>> in_flight = StartHeldCall(server, probe);

  std::thread stopper([&] { server.server().Shutdown(absl::Seconds(20)); });
  // New calls are refused once shutdown has begun.
  auto auth = server.Stub<v1::AuthService>();
  grpc::Status refused;
  for (int i = 0; i < 200; ++i) {
    v1::WhoAmIResponse who;
    auto ctx = TestServer::Context();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    refused = auth->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &who);
    if (refused.error_code() != grpc::StatusCode::UNAUTHENTICATED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Refused either at the door (UNAVAILABLE) or, when it slipped in as the
  // listener closed, cancelled by the server (CANCELLED): never served.
  EXPECT_THAT(refused.error_code(),
              ::testing::AnyOf(grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::CANCELLED))
      << refused.error_message();

  probe.release.Notify();
  auto [status, completed] = in_flight.get();
  EXPECT_THAT(status, GrpcOk());
  EXPECT_TRUE(completed);
  stopper.join();
}

TEST(Shutdown, ACallStillRunningAtTheDrainDeadlineIsCancelled) {
  HoldingProbe probe;
  auto options = testing::DefaultTestServerOptions();
  options.extra_services.push_back(&probe);
  TestServer server(options);
  std::future<std::pair<grpc::Status, bool>> in_flight = StartHeldCall(server, probe);
  // Never released: the drain deadline, not the call, ends it, and shutdown
  // returns instead of waiting for ever.
  server.server().Shutdown(absl::Milliseconds(200));
  auto [status, completed] = in_flight.get();
  // The client sees the call cut off: cancelled, or the connection closing under it.
  EXPECT_THAT(status.error_code(), ::testing::AnyOf(grpc::StatusCode::CANCELLED, grpc::StatusCode::UNAVAILABLE))
      << status.error_message();
  EXPECT_FALSE(completed);
  EXPECT_TRUE(probe.saw_cancellation);
}

TEST(Overload, CallsBeyondTheThreadLimitAreRefusedAsResourceExhaustedNotAsBadRequests) {
  HoldingProbe probe;
  auto options = testing::DefaultTestServerOptions();
  options.extra_services.push_back(&probe);
  options.max_threads = 4;
  TestServer server(options);
  constexpr int kCalls = 12;
  std::vector<std::future<grpc::Status>> calls;
  for (int i = 0; i < kCalls; ++i) {
    calls.push_back(std::async(std::launch::async, [&server] {
      auto stub = cft::testing::ProbeService::NewStub(server.channel());
      cft::testing::HoldResponse resp;
      auto ctx = TestServer::Context();
      return stub->Hold(ctx.get(), cft::testing::HoldRequest(), &resp);
    }));
  }
  // Every call is either held by a handler or already answered.
  for (;;) {
    int answered = 0;
    for (auto& c : calls) answered += c.wait_for(std::chrono::milliseconds(5)) == std::future_status::ready;
    if (answered + probe.entered_count.load() == kCalls) break;
  }
  probe.release.Notify();
  int refused = 0;
  for (auto& c : calls) {
    const grpc::Status s = c.get();
    if (s.ok()) continue;
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
    ++refused;
  }
  EXPECT_GT(refused, 0);
  EXPECT_LT(refused, kCalls);
}

}  // namespace
}  // namespace cft
