#include "clinician-client/cohorts/adherence_tab.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "client-shared/widgets.h"
#include "clinician-client/cohorts/cohort_homework_model.h"
#include "clinician-client/cohorts/heat_map_delegate.h"

namespace cft::clinician {

AdherenceTab::AdherenceTab(CohortHomeworkModel& model, QWidget* parent) : QWidget(parent), model_(model) {
  setObjectName("adherenceTab");
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  status_ = new QLabel;
  status_->setObjectName("adherenceStatus");
  status_->setWordWrap(true);
  bar->addWidget(status_, 1);
  auto* refresh = new QPushButton(QStringLiteral("Refresh"));
  refresh->setObjectName("refreshAdherenceButton");
  refresh->setAccessibleName(QStringLiteral("Refresh the heat map"));
  bar->addWidget(refresh, 0, Qt::AlignTop);
  layout->addLayout(bar);
  table_ = client::makeTable("adherenceTable", model.adherence());
  table_->setAccessibleName(QStringLiteral("Practice against the dose, by participant and week"));
  table_->setItemDelegate(new HeatMapDelegate(table_));
  table_->setSelectionBehavior(QAbstractItemView::SelectItems);
  table_->setWordWrap(true);
  table_->horizontalHeader()->setStretchLastSection(false);
  layout->addWidget(table_, 1);
  connect(refresh, &QPushButton::clicked, this, [this] { model_.reload(CohortHomeworkModel::Part::Adherence); });
  connect(&model_, &CohortHomeworkModel::changed, this, [this](CohortHomeworkModel::Part part) {
    if (part == CohortHomeworkModel::Part::Adherence) render();
  });
  render();
}

void AdherenceTab::render() {
  status_->setText(model_.status(CohortHomeworkModel::Part::Adherence));
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
}

}  // namespace cft::clinician
