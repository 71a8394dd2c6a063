#include "participant-client/homework/pacer_widget.h"

#include <QPainter>
#include <QRadialGradient>
#include <algorithm>

#include "participant-client/homework/guided_practice.h"

namespace cft::participant {

PacerWidget::PacerWidget(BreathingPacer& pacer, QWidget* parent) : QWidget(parent), pacer_(pacer) {
  setObjectName("pacerWidget");
  setAccessibleName(QStringLiteral("Breathing pacer"));
  setAccessibleDescription(pacer_.instruction());
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  connect(&pacer_, &BreathingPacer::changed, this, qOverload<>(&QWidget::update));
  connect(&pacer_, &BreathingPacer::phaseChanged, this, [this] { setAccessibleDescription(pacer_.instruction()); });
  connect(&pacer_.timer(), &PracticeTimer::stateChanged, this,
          [this] { setAccessibleDescription(pacer_.instruction()); });
}

QSize PacerWidget::sizeHint() const {
  const int side = fontMetrics().height() * 16;
  return {side, side};
}

QSize PacerWidget::minimumSizeHint() const {
  const int side = fontMetrics().height() * 8;
  return {side, side};
}

void PacerWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QRectF area = rect();
  const QPointF centre = area.center();
  const double maxRadius = std::min(area.width(), area.height()) / 2.0 - 4.0;
  const double minRadius = maxRadius * 0.3;
  // A faint ring shows how full a breath can be, so the growing circle has
  // something to grow towards.
  p.setPen(QPen(QColor(0x9d, 0xb8, 0xc9), 1.5, Qt::DashLine));
  p.setBrush(Qt::NoBrush);
  p.drawEllipse(centre, maxRadius, maxRadius);
  const double radius = minRadius + (maxRadius - minRadius) * pacer_.size();
  QRadialGradient fill(centre, radius);
  fill.setColorAt(0.0, QColor(0xd8, 0xea, 0xf2));
  fill.setColorAt(1.0, QColor(0x7f, 0xae, 0xc4));
  p.setPen(QPen(QColor(0x4f, 0x7f, 0x99), 2.0));
  p.setBrush(fill);
  p.drawEllipse(centre, radius, radius);
}

}  // namespace cft::participant
