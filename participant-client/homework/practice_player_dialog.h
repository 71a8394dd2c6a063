// The guided practice player: for soothing rhythm breathing the animated
// pacer (counts in and out and the length adjustable, defaults in 4, out 6,
// 5 minutes), for the reflective and imagery practices a timer beside the
// instructions; start, pause, resume and stop, and the caution re-readable
// at any time. When the time is up, or the participant stops, practised()
// gives the minutes (and the counts used) for the log form. Time comes
// from the injected Clock, so tests move it by hand.
#pragma once

#include <QDialog>

#include "client-shared/homework_types.h"

class QLabel;
class QPushButton;
class QSpinBox;

namespace cft::client {
class Clock;
}

namespace cft::participant {

class BreathingPacer;
class PacerWidget;
class PracticeTimer;

class PracticePlayerDialog : public QDialog {
  Q_OBJECT

 public:
  // `guide`: BreathingPacer or Timer.
  PracticePlayerDialog(const client::AssignmentInfo& assignment, client::PracticeGuide guide, client::Clock& clock,
                       QWidget* parent = nullptr);

  PracticeTimer& timer();
  // Null unless this is the breathing pacer.
  BreathingPacer* pacer() const { return pacer_; }

 signals:
  // The practice ended (its time was up, or it was stopped): the minutes
  // practised, and for the pacer the counts used (0 otherwise).
  void practised(int minutes, int inCount, int outCount);

 private:
  void updateView();
  void rereadCaution();

  client::AssignmentInfo assignment_;
  BreathingPacer* pacer_ = nullptr;
  PracticeTimer* timer_ = nullptr;
  PacerWidget* pacerView_ = nullptr;
  QLabel* instruction_ = nullptr;
  QLabel* remaining_;
  QSpinBox* in_ = nullptr;
  QSpinBox* out_ = nullptr;
  QSpinBox* length_;
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* stop_;
};

}  // namespace cft::participant
