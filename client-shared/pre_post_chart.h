// The cohort's pre–post bar chart: a pair of bars per score (before plain,
// after hatched, so the pattern tells them apart without colour), each score
// named with its n and a star for a small group. Filled into a chart the
// caller owns: the clinician's Outcomes page shows it, the cohort PDF report
// renders it onto its painter. UI thread only.
#pragma once

#include "client-shared/measure_types.h"

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace cft::client {

// Replaces what `chart` shows; leaves it empty when there are no scores.
void fillPrePostChart(QChart* chart, const CohortOutcomesInfo& outcomes);

}  // namespace cft::client
