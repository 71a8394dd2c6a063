// Time as the clients' timed screens see it: the wall clock (reminders, the
// date of a practice), a monotonic count for intervals (the breathing pacer,
// practice timers), and ticks while something animates. One interface, so
// tests drive time by hand instead of sleeping. UI thread only.
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace cft::client {

class Clock : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;

  // The wall clock, UTC.
  virtual QDateTime now() const = 0;
  // Milliseconds on a clock that only moves forwards (no changes of the
  // system clock): for measuring how long something ran.
  virtual qint64 elapsedMs() const = 0;
  // ticked() about 30 times a second between a start and its stop; the
  // calls are counted, so each user starts and stops its own.
  virtual void startTicking() = 0;
  virtual void stopTicking() = 0;

 signals:
  void ticked();
};

// The system's clock, ticking on a QTimer while anyone asks.
class SystemClock final : public Clock {
  Q_OBJECT

 public:
  explicit SystemClock(QObject* parent = nullptr);

  QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
  qint64 elapsedMs() const override { return elapsed_.elapsed(); }
  void startTicking() override;
  void stopTicking() override;

 private:
  QElapsedTimer elapsed_;
  QTimer timer_;
  int tickers_ = 0;
};

}  // namespace cft::client
