#include "client-shared/pre_post_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>
#include <algorithm>

namespace cft::client {

void fillPrePostChart(QChart* chart, const CohortOutcomesInfo& outcomes) {
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
  const QList<CohortScoreOutcomeInfo>& scores = outcomes.scores;
  if (scores.isEmpty()) return;
  chart->setTitle(QStringLiteral("Mean score before and after"));
  auto* pre = new QBarSet(QStringLiteral("Before (%1)").arg(outcomes.preTimePointKey));
  auto* post = new QBarSet(QStringLiteral("After (%1)").arg(outcomes.postTimePointKey));
  // A pattern as well as a colour tells the two apart.
  post->setBrush(QBrush(QColor(70, 110, 160), Qt::Dense4Pattern));
  pre->setColor(QColor(150, 170, 200));
  QStringList categories;
  double top = 1;
  for (const CohortScoreOutcomeInfo& s : scores) {
    categories << QStringLiteral("%1 (n=%2)%3").arg(s.title).arg(s.n).arg(s.smallGroup ? "*" : "");
    pre->append(s.preMean.value_or(0));
    post->append(s.postMean.value_or(0));
    top = std::max({top, s.preMean.value_or(0), s.postMean.value_or(0)});
  }
  auto* series = new QBarSeries;
  series->append(pre);
  series->append(post);
  series->setLabelsVisible(true);
  series->setLabelsPrecision(3);
  chart->addSeries(series);
  auto* x = new QBarCategoryAxis;
  x->append(categories);
  auto* y = new QValueAxis;
  y->setRange(0, top * 1.15);
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  series->attachAxis(x);
  series->attachAxis(y);
}

}  // namespace cft::client
