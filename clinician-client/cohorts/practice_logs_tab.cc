#include "clinician-client/cohorts/practice_logs_tab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "client-shared/widgets.h"
#include "clinician-client/cohorts/cohort_homework_model.h"
#include "clinician-client/cohorts/feedback_dialog.h"

namespace cft::clinician {

PracticeLogsTab::PracticeLogsTab(client::ApiSession& session, client::ErrorReporter& errors,
                                 CohortHomeworkModel& model, QWidget* parent)
    : QWidget(parent), session_(session), errors_(errors), model_(model) {
  setObjectName("practiceLogsTab");
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  status_ = new QLabel;
  status_->setObjectName("logsStatus");
  status_->setWordWrap(true);
  bar->addWidget(status_, 1);
  feedback_ = new QPushButton(QStringLiteral("Give feedback…"));
  feedback_->setObjectName("giveFeedbackButton");
  feedback_->setAccessibleName(QStringLiteral("Give feedback on the chosen log"));
  auto* refresh = new QPushButton(QStringLiteral("Refresh"));
  refresh->setObjectName("refreshLogsButton");
  refresh->setAccessibleName(QStringLiteral("Refresh the practice logs"));
  bar->addWidget(feedback_, 0, Qt::AlignTop);
  bar->addWidget(refresh, 0, Qt::AlignTop);
  layout->addLayout(bar);
  auto* split = new QSplitter;
  split->setChildrenCollapsible(false);
  table_ = client::makeTable("cohortLogsTable", model.logs(), model.logSelection());
  table_->setAccessibleName(QStringLiteral("The cohort's practice logs"));
  split->addWidget(table_);
  detail_ = new QTextBrowser;
  detail_->setObjectName("cohortLogDetail");
  detail_->setAccessibleName(QStringLiteral("The chosen log and its feedback"));
  split->addWidget(detail_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);
  more_ = new QPushButton(QStringLiteral("Show older logs"));
  more_->setObjectName("moreCohortLogsButton");
  more_->setAccessibleName(more_->text());
  layout->addWidget(more_, 0, Qt::AlignLeft);
  connect(feedback_, &QPushButton::clicked, this, &PracticeLogsTab::giveFeedback);
  connect(more_, &QPushButton::clicked, &model_, &CohortHomeworkModel::loadMoreLogs);
  connect(refresh, &QPushButton::clicked, this, [this] { model_.reload(CohortHomeworkModel::Part::Logs); });
  connect(table_, &QTableView::activated, this, &PracticeLogsTab::giveFeedback);
  connect(&model_, &CohortHomeworkModel::changed, this, [this](CohortHomeworkModel::Part part) {
    if (part == CohortHomeworkModel::Part::Logs) render();
  });
  render();
}

void PracticeLogsTab::render() {
  status_->setText(model_.status(CohortHomeworkModel::Part::Logs));
  detail_->setHtml(model_.selectedLogHtml());
  feedback_->setEnabled(model_.selectedLog() != nullptr);
  more_->setVisible(model_.hasMoreLogs());
  table_->resizeColumnsToContents();
}

void PracticeLogsTab::giveFeedback() {
  const client::PracticeLogInfo* log = model_.selectedLog();
  if (log == nullptr) return;
  auto* dialog = new FeedbackDialog(session_, errors_, *log, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this] { model_.reload(CohortHomeworkModel::Part::Logs); });
  dialog->open();
}

}  // namespace cft::clinician
