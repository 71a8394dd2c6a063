#include "client-shared/score_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include "client-shared/measure_logic.h"

namespace cft::client {
namespace {

// Light fills from calm to strong; the legend names each band.
QColor bandColour(int severity) {
  static const QColor kColours[] = {QColor(232, 245, 233), QColor(255, 249, 219), QColor(255, 236, 210),
                                    QColor(253, 222, 210), QColor(248, 208, 208)};
  return kColours[std::clamp(severity, 0, 4)];
}

}  // namespace

// The chart is given at construction: QChartView(parent) would make a
// default one that setChart() releases without deleting.
ScoreChart::ScoreChart(QWidget* parent) : QChartView(new QChart, parent) {
  setObjectName("scoreChart");
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(260);
  chart()->setAnimationOptions(QChart::NoAnimation);
}

void ScoreChart::setOutcome(const InstrumentOutcomeInfo& outcome) {
  QChart* c = chart();
  c->removeAllSeries();
  for (QAbstractAxis* axis : c->axes()) {
    c->removeAxis(axis);
    delete axis;
  }
  labels_.clear();
  bands_ = 0;
  reliable_ = 0;
  c->setTitle(outcome.shortName);
  if (outcome.scores.isEmpty()) return;

  double xMax = 1;
  QList<QList<ChartPoint>> points;
  for (const ScoreSeriesInfo& s : outcome.scores) {
    points.append(chartPoints(s));
    for (const ChartPoint& p : points.last()) xMax = std::max(xMax, p.x);
  }
  const ScoreSeriesInfo& first = outcome.scores.first();
  auto [yMin, yMax] = chartRange(first);
  for (const ScoreSeriesInfo& s : outcome.scores) {
    auto [lo, hi] = chartRange(s);
    yMin = std::min(yMin, lo);
    yMax = std::max(yMax, hi);
  }
  auto* x = new QValueAxis;
  x->setTitleText(QStringLiteral("Weeks since the first questionnaire"));
  x->setRange(0, std::ceil(xMax));
  x->setLabelFormat(QStringLiteral("%d"));
  auto* y = new QValueAxis;
  y->setTitleText(QStringLiteral("Score"));
  y->setRange(yMin, yMax);
  y->applyNiceNumbers();
  c->addAxis(x, Qt::AlignBottom);
  c->addAxis(y, Qt::AlignLeft);
  auto attach = [&](QAbstractSeries* series) {
    c->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
  };

  // Bands of the first score behind everything: the area between the band's
  // bottom and top across the whole time axis.
  for (const BandInfo& band : first.bands) {
    auto* lower = new QLineSeries(c);
    auto* upper = new QLineSeries(c);
    lower->append(0, band.min);
    lower->append(std::ceil(xMax), band.min);
    upper->append(0, band.max);
    upper->append(std::ceil(xMax), band.max);
    auto* area = new QAreaSeries(upper, lower);
    area->setName(bandRangeLabel(band));
    area->setColor(bandColour(band.severity));
    area->setBorderColor(bandColour(band.severity).darker(115));
    attach(area);
    ++bands_;
  }

  auto* marks = new QScatterSeries;
  marks->setName(QStringLiteral("★ Reliable change from baseline"));
  marks->setMarkerShape(QScatterSeries::MarkerShapeStar);
  marks->setMarkerSize(18);
  marks->setColor(QColor(40, 40, 40));
  for (int i = 0; i < outcome.scores.size(); ++i) {
    const ScoreSeriesInfo& s = outcome.scores[i];
    auto* line = new QLineSeries;
    line->setName(s.title);
    line->setPointsVisible(true);
    line->setPointLabelsVisible(true);
    line->setPointLabelsFormat(QStringLiteral("@yPoint"));
    line->setPointLabelsClipping(false);
    for (const ChartPoint& p : points[i]) {
      line->append(p.x, p.y);
      QString label = s.title + QStringLiteral(", ") + p.label;
      if (p.reliable) {
        marks->append(p.x, p.y);
        ++reliable_;
        label += QStringLiteral(", reliable change: ") + changeClassificationLabel(p.classification);
      }
      labels_.append(label);
    }
    attach(line);
  }
  attach(marks);
  setAccessibleName(QStringLiteral("Chart of %1 scores over time").arg(outcome.shortName));
  setAccessibleDescription(labels_.join(QStringLiteral("; ")));
}

}  // namespace cft::client
