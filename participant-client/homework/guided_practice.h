// The time of a guided practice, without widgets: a length, started,
// paused, resumed, stopped early or run to its end, measured on an injected
// Clock (tests move it by hand), and the minutes it gives the log form. The
// breathing pacer adds the rhythm on top: in for a count, out for a count,
// one count a second, and how full the breath is at each moment. Owned by
// the player dialog (or a test); UI thread only.
#pragma once

#include <QObject>
#include <QString>

namespace cft::client {
class Clock;
}

namespace cft::participant {

class PracticeTimer : public QObject {
  Q_OBJECT

 public:
  enum class State { Ready, Running, Paused, Finished };

  // Lengths the player offers, in minutes.
  static constexpr int kMinLength = 1;
  static constexpr int kMaxLength = 60;

  explicit PracticeTimer(client::Clock& clock, QObject* parent = nullptr);
  ~PracticeTimer() override;

  State state() const { return state_; }
  // Only before starting; clamped to kMinLength..kMaxLength.
  void setLengthMinutes(int minutes);
  int lengthMinutes() const { return lengthMinutes_; }

  void start();
  void pause();
  void resume();
  // Ends it now: finished() reports the time practised so far.
  void stop();

  // Time practised, pauses left out.
  qint64 activeMs() const { return activeMs_; }
  qint64 remainingMs() const;
  // True when stop() ended it before its length.
  bool stoppedEarly() const { return stoppedEarly_; }
  // For the log: the time practised to the nearest minute, at least 1.
  int minutesPractised() const;
  // "4:05 left".
  QString remainingLabel() const;

 signals:
  // Time moved or the state changed: views repaint.
  void changed();
  void stateChanged(cft::participant::PracticeTimer::State state);
  // Ran to its end or was stopped, with the minutes for the log.
  void finished(int minutes);

 private:
  void tick();
  void setState(State s);
  void setTicking(bool on);

  client::Clock& clock_;
  State state_ = State::Ready;
  int lengthMinutes_ = 5;
  qint64 activeMs_ = 0;
  // The clock's reading when activeMs_ was last brought up to date.
  qint64 markMs_ = 0;
  bool ticking_ = false;
  bool stoppedEarly_ = false;
};

// Soothing rhythm breathing: the timer plus the breath. The shape the
// player draws grows from 0 to 1 while breathing in and shrinks back while
// breathing out, eased so the turn at the top and bottom is gentle.
class BreathingPacer : public QObject {
  Q_OBJECT

 public:
  enum class Phase { In, Out };

  // The kind's ranges for its in_count and out_count fields.
  static constexpr int kMinIn = 2, kMaxIn = 10, kMinOut = 2, kMaxOut = 12;
  static constexpr int kDefaultIn = 4, kDefaultOut = 6;
  static constexpr qint64 kCountMs = 1000;

  explicit BreathingPacer(client::Clock& clock, QObject* parent = nullptr);

  PracticeTimer& timer() { return timer_; }
  const PracticeTimer& timer() const { return timer_; }

  // Clamped to the ranges above. A change takes effect with a new breath in.
  void setCounts(int in, int out);
  int inCount() const { return in_; }
  int outCount() const { return out_; }

  Phase phase() const;
  // 0 (empty) to 1 (full).
  double size() const;
  // Within the phase, from 1: "Breathe in… 2".
  int count() const;
  // What the pacer says now: "Breathe in", "Breathe out", "Paused", ...
  QString instruction() const;

 signals:
  void changed();
  void phaseChanged(cft::participant::BreathingPacer::Phase phase);

 private:
  // Time into the current breath.
  qint64 intoBreathMs() const;

  PracticeTimer timer_;
  int in_ = kDefaultIn;
  int out_ = kDefaultOut;
  // activeMs when the current rhythm began (a change of counts restarts it).
  qint64 originMs_ = 0;
  Phase lastPhase_ = Phase::In;
};

}  // namespace cft::participant
