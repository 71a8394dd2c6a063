// The breathing pacer drawn: a soft circle that grows while breathing in and
// shrinks while breathing out, with the instruction in words beneath it, so
// neither the motion nor the colour is the only carrier. Paints a
// BreathingPacer it does not own. For screen readers its accessible
// description changes once a phase, not once a frame.
#pragma once

#include <QWidget>

namespace cft::participant {

class BreathingPacer;

class PacerWidget : public QWidget {
  Q_OBJECT

 public:
  explicit PacerWidget(BreathingPacer& pacer, QWidget* parent = nullptr);

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  BreathingPacer& pacer_;
};

}  // namespace cft::participant
