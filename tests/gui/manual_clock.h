// A clock the test moves by hand: the wall clock and the monotonic count
// advance together, and every advance ticks once while anyone is ticking, so
// timed screens update without a single sleep.
#pragma once

#include <algorithm>

#include "client-shared/clock.h"

namespace cft::testing {

class ManualClock final : public client::Clock {
 public:
  explicit ManualClock(QDateTime now) : now_(now.toUTC()) {}

  QDateTime now() const override { return now_; }
  qint64 elapsedMs() const override { return elapsed_; }
  void startTicking() override { ++tickers_; }
  void stopTicking() override {
    if (tickers_ > 0) --tickers_;
  }

  bool isTicking() const { return tickers_ > 0; }
  void setNow(const QDateTime& now) { now_ = now.toUTC(); }
  void advance(qint64 ms) {
    now_ = now_.addMSecs(ms);
    elapsed_ += ms;
    if (tickers_ > 0) emit ticked();
  }
  // Advances in steps of `stepMs`, ticking after each, as a real clock would.
  void run(qint64 totalMs, qint64 stepMs = 100) {
    for (qint64 done = 0; done < totalMs; done += stepMs) advance(std::min(stepMs, totalMs - done));
  }

 private:
  QDateTime now_;
  qint64 elapsed_ = 0;
  int tickers_ = 0;
};

}  // namespace cft::testing
