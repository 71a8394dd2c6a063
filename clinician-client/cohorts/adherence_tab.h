// The selected cohort's adherence heat map: participants by released weeks,
// each cell the share of the week's dose logged (its number written in it,
// with the session's attendance), shaded by HeatMapDelegate; sessions
// attended beside it. A view over CohortHomeworkModel.
#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace cft::clinician {

class CohortHomeworkModel;

class AdherenceTab : public QWidget {
  Q_OBJECT

 public:
  explicit AdherenceTab(CohortHomeworkModel& model, QWidget* parent = nullptr);

 private:
  void render();

  CohortHomeworkModel& model_;
  QLabel* status_;
  QTableView* table_;
};

}  // namespace cft::clinician
