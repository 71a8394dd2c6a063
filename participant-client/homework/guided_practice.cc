#include "participant-client/homework/guided_practice.h"

#include <QtMath>
#include <algorithm>

#include "client-shared/clock.h"

namespace cft::participant {

PracticeTimer::PracticeTimer(client::Clock& clock, QObject* parent) : QObject(parent), clock_(clock) {
  connect(&clock_, &client::Clock::ticked, this, &PracticeTimer::tick);
}

PracticeTimer::~PracticeTimer() { setTicking(false); }

void PracticeTimer::setLengthMinutes(int minutes) {
  if (state_ != State::Ready) return;
  lengthMinutes_ = std::clamp(minutes, kMinLength, kMaxLength);
  emit changed();
}

void PracticeTimer::start() {
  if (state_ != State::Ready) return;
  activeMs_ = 0;
  markMs_ = clock_.elapsedMs();
  setTicking(true);
  setState(State::Running);
}

void PracticeTimer::pause() {
  if (state_ != State::Running) return;
  tick();
  if (state_ != State::Running) return;  // the tick ended it
  setTicking(false);
  setState(State::Paused);
}

void PracticeTimer::resume() {
  if (state_ != State::Paused) return;
  // The pause is not practice time.
  markMs_ = clock_.elapsedMs();
  setTicking(true);
  setState(State::Running);
}

void PracticeTimer::stop() {
  if (state_ != State::Running && state_ != State::Paused) return;
  if (state_ == State::Running) tick();
  if (state_ == State::Finished) return;
  stoppedEarly_ = true;
  setTicking(false);
  setState(State::Finished);
  emit finished(minutesPractised());
}

qint64 PracticeTimer::remainingMs() const {
  return std::max<qint64>(0, qint64(lengthMinutes_) * 60000 - activeMs_);
}

int PracticeTimer::minutesPractised() const {
  return std::max(1, static_cast<int>((activeMs_ + 30000) / 60000));
}

QString PracticeTimer::remainingLabel() const {
  // Whole seconds, rounded up, so the display reaches 0:00 at the end.
  const qint64 seconds = (remainingMs() + 999) / 1000;
  return QStringLiteral("%1:%2 left").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void PracticeTimer::tick() {
  if (state_ != State::Running) return;
  const qint64 now = clock_.elapsedMs();
  activeMs_ += std::max<qint64>(0, now - markMs_);
  markMs_ = now;
  const qint64 length = qint64(lengthMinutes_) * 60000;
  if (activeMs_ >= length) {
    activeMs_ = length;
    setTicking(false);
    setState(State::Finished);
    emit finished(minutesPractised());
    return;
  }
  emit changed();
}

void PracticeTimer::setState(State s) {
  state_ = s;
  emit stateChanged(s);
  emit changed();
}

void PracticeTimer::setTicking(bool on) {
  if (on == ticking_) return;
  ticking_ = on;
  if (on) {
    clock_.startTicking();
  } else {
    clock_.stopTicking();
  }
}

BreathingPacer::BreathingPacer(client::Clock& clock, QObject* parent) : QObject(parent), timer_(clock) {
  connect(&timer_, &PracticeTimer::changed, this, [this] {
    const Phase now = phase();
    if (now != lastPhase_) {
      lastPhase_ = now;
      emit phaseChanged(now);
    }
    emit changed();
  });
}

void BreathingPacer::setCounts(int in, int out) {
  in_ = std::clamp(in, kMinIn, kMaxIn);
  out_ = std::clamp(out, kMinOut, kMaxOut);
  originMs_ = timer_.activeMs();
  lastPhase_ = Phase::In;
  emit changed();
}

qint64 BreathingPacer::intoBreathMs() const {
  const qint64 breath = qint64(in_ + out_) * kCountMs;
  return (timer_.activeMs() - originMs_) % breath;
}

BreathingPacer::Phase BreathingPacer::phase() const {
  return intoBreathMs() < qint64(in_) * kCountMs ? Phase::In : Phase::Out;
}

double BreathingPacer::size() const {
  if (timer_.state() == PracticeTimer::State::Ready || timer_.state() == PracticeTimer::State::Finished) return 0.0;
  const qint64 t = intoBreathMs();
  const qint64 inMs = qint64(in_) * kCountMs;
  // Half a cosine each way: slow at the turns, steady in between.
  if (t < inMs) return 0.5 - 0.5 * qCos(M_PI * double(t) / double(inMs));
  const qint64 outMs = qint64(out_) * kCountMs;
  return 0.5 + 0.5 * qCos(M_PI * double(t - inMs) / double(outMs));
}

int BreathingPacer::count() const {
  const qint64 t = intoBreathMs();
  const qint64 inMs = qint64(in_) * kCountMs;
  return static_cast<int>((t < inMs ? t : t - inMs) / kCountMs) + 1;
}

QString BreathingPacer::instruction() const {
  switch (timer_.state()) {
    case PracticeTimer::State::Ready: return QStringLiteral("Ready when you are");
    case PracticeTimer::State::Paused: return QStringLiteral("Paused. Breathe naturally.");
    case PracticeTimer::State::Finished: return QStringLiteral("Finished. Let your breathing return to its own pace.");
    case PracticeTimer::State::Running: break;
  }
  return phase() == Phase::In ? QStringLiteral("Breathe in… %1").arg(count())
                              : QStringLiteral("Breathe out… %1").arg(count());
}

}  // namespace cft::participant
