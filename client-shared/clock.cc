#include "client-shared/clock.h"

namespace cft::client {

SystemClock::SystemClock(QObject* parent) : Clock(parent) {
  elapsed_.start();
  // About 30 frames a second: smooth enough for a slowly growing shape.
  timer_.setInterval(33);
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &Clock::ticked);
}

void SystemClock::startTicking() {
  if (tickers_++ == 0) timer_.start();
}

void SystemClock::stopTicking() {
  if (tickers_ > 0 && --tickers_ == 0) timer_.stop();
}

}  // namespace cft::client
