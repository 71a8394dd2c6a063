// A line chart of one instrument's scores over time, for the participant's
// "My progress" and the clinician's outcomes alike: the first score's
// severity bands shaded behind (each named with its range in the legend, so
// colour is never the only cue), a line per score, and reliable changes from
// baseline marked with stars and named in the legend and the accessible
// description. Owned by its parent widget; UI thread only.
#pragma once

#include <QChartView>
#include <QStringList>

#include "client-shared/measure_types.h"

namespace cft::client {

class ScoreChart : public QChartView {
  Q_OBJECT

 public:
  explicit ScoreChart(QWidget* parent = nullptr);

  void setOutcome(const InstrumentOutcomeInfo& outcome);
  // What the chart shows, in words: one line per point, for screen readers
  // and tests ("PHQ-9 total, Baseline: 14 (Moderate)").
  QStringList pointLabels() const { return labels_; }
  int bandCount() const { return bands_; }
  int reliableMarkers() const { return reliable_; }

 private:
  QStringList labels_;
  int bands_ = 0;
  int reliable_ = 0;
};

}  // namespace cft::client
