#include "participant-client/homework/my_practice_page.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "participant-client/homework/my_practice_model.h"

namespace cft::participant {

MyPracticePage::MyPracticePage(client::ApiSession& session, client::ErrorReporter& errors, client::Clock& clock,
                               QWidget* parent)
    : QWidget(parent), errors_(errors), model_(new MyPracticeModel(session, clock, this)) {
  setObjectName("myPracticePage");
  auto* layout = new QVBoxLayout(this);
  summary_ = new QLabel(model_->summary());
  summary_->setObjectName("myPracticeSummary");
  summary_->setWordWrap(true);
  layout->addWidget(summary_);

  auto* split = new QSplitter(Qt::Vertical);
  split->setChildrenCollapsible(false);
  auto* top = new QWidget;
  auto* tl = new QHBoxLayout(top);
  tl->setContentsMargins(0, 0, 0, 0);
  chart_ = new QChart;
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->setTitle(QStringLiteral("My practice, week by week"));
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chartView_ = new QChartView(chart_);
  chartView_->setObjectName("practiceChart");
  chartView_->setAccessibleName(QStringLiteral("Chart of minutes practised and how helpful it was, by week"));
  chartView_->setRenderHint(QPainter::Antialiasing);
  chartView_->setMinimumHeight(fontMetrics().height() * 14);
  tl->addWidget(chartView_, 3);
  weeks_ = client::makeTable("weekSummaryTable", model_->weeks());
  weeks_->setAccessibleName(QStringLiteral("Minutes and helpfulness by week"));
  tl->addWidget(weeks_, 2);
  split->addWidget(top);

  auto* bottom = new QWidget;
  auto* bl = new QVBoxLayout(bottom);
  bl->setContentsMargins(0, 0, 0, 0);
  auto* logSplit = new QSplitter;
  logSplit->setChildrenCollapsible(false);
  logs_ = client::makeTable("myLogsTable", model_->logs(), model_->selection());
  logs_->setAccessibleName(QStringLiteral("My practice logs, newest first"));
  logSplit->addWidget(logs_);
  detail_ = new QTextBrowser;
  detail_->setObjectName("myLogDetail");
  detail_->setAccessibleName(QStringLiteral("The chosen log and the feedback on it"));
  logSplit->addWidget(detail_);
  logSplit->setStretchFactor(0, 3);
  logSplit->setStretchFactor(1, 2);
  bl->addWidget(logSplit, 1);
  auto* bar = new QHBoxLayout;
  more_ = new QPushButton(QStringLiteral("Show older logs"));
  more_->setObjectName("moreLogsButton");
  more_->setAccessibleName(more_->text());
  delete_ = new QPushButton(QStringLiteral("Delete this log…"));
  delete_->setObjectName("deleteLogButton");
  delete_->setAccessibleName(delete_->text());
  auto* refresh = new QPushButton(QStringLiteral("Refresh"));
  refresh->setObjectName("refreshMyPracticeButton");
  refresh->setAccessibleName(QStringLiteral("Refresh my practice"));
  bar->addWidget(more_);
  bar->addStretch(1);
  bar->addWidget(delete_);
  bar->addWidget(refresh);
  bl->addLayout(bar);
  split->addWidget(bottom);
  layout->addWidget(split, 1);

  connect(more_, &QPushButton::clicked, model_, &MyPracticeModel::loadMore);
  connect(delete_, &QPushButton::clicked, this, &MyPracticePage::confirmDelete);
  connect(refresh, &QPushButton::clicked, model_, &MyPracticeModel::refresh);
  connect(model_, &MyPracticeModel::loaded, this, &MyPracticePage::render);
  connect(model_, &MyPracticeModel::selectionChanged, this, &MyPracticePage::render);
  connect(model_, &MyPracticeModel::failed, this, [this](const client::RpcError& e) {
    summary_->setText(model_->summary());
    errors_.report(e);
  });
  rebuildChart();
  render();
}

void MyPracticePage::render() {
  summary_->setText(model_->summary());
  detail_->setHtml(model_->selectedHtml());
  more_->setVisible(model_->hasMore());
  delete_->setEnabled(model_->canDeleteSelected());
  weeks_->resizeColumnsToContents();
  logs_->resizeColumnsToContents();
  rebuildChart();
}

void MyPracticePage::rebuildChart() {
  chart_->removeAllSeries();
  for (QAbstractAxis* axis : chart_->axes()) {
    chart_->removeAxis(axis);
    delete axis;
  }
  const QList<client::WeekPracticeSummary>& weeks = model_->weeks()->rows();
  auto* minutes = new QBarSet(QStringLiteral("Minutes practised"));
  minutes->setColor(QColor(0x7f, 0xae, 0xc4));
  minutes->setBorderColor(QColor(0x4f, 0x7f, 0x99));
  minutes->setLabelColor(Qt::black);
  auto* helpful = new QLineSeries;
  helpful->setName(QStringLiteral("How helpful, on average (0–10)"));
  QPen pen(QColor(0x8a, 0x5a, 0x2b));
  pen.setWidth(2);
  pen.setStyle(Qt::DashLine);
  helpful->setPen(pen);
  helpful->setPointsVisible(true);
  helpful->setPointLabelsVisible(true);
  helpful->setPointLabelsFormat(QStringLiteral("@yPoint"));
  helpful->setPointLabelsClipping(false);
  QStringList categories;
  int maxMinutes = 10;
  QStringList described;
  for (int i = 0; i < weeks.size(); ++i) {
    const client::WeekPracticeSummary& w = weeks[i];
    categories << QStringLiteral("Week %1").arg(w.week);
    *minutes << w.minutes;
    maxMinutes = std::max(maxMinutes, w.minutes);
    if (w.meanHelpfulness) helpful->append(i, std::round(*w.meanHelpfulness * 10) / 10);
    described << QStringLiteral("week %1: %2 minutes%3")
                     .arg(w.week)
                     .arg(w.minutes)
                     .arg(w.meanHelpfulness ? QStringLiteral(", helpfulness %1 of 10").arg(*w.meanHelpfulness, 0, 'f', 1)
                                            : QString());
  }
  auto* bars = new QBarSeries;
  bars->append(minutes);
  bars->setLabelsVisible(true);
  bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
  chart_->addSeries(bars);
  chart_->addSeries(helpful);
  auto* x = new QBarCategoryAxis;
  x->append(categories.isEmpty() ? QStringList{QStringLiteral("No weeks yet")} : categories);
  chart_->addAxis(x, Qt::AlignBottom);
  bars->attachAxis(x);
  helpful->attachAxis(x);
  auto* yMinutes = new QValueAxis;
  yMinutes->setTitleText(QStringLiteral("Minutes"));
  // Room above the tallest bar for its label.
  yMinutes->setRange(0, maxMinutes * 1.2);
  yMinutes->setLabelFormat(QStringLiteral("%d"));
  chart_->addAxis(yMinutes, Qt::AlignLeft);
  bars->attachAxis(yMinutes);
  auto* yHelpful = new QValueAxis;
  yHelpful->setTitleText(QStringLiteral("Helpfulness (0–10)"));
  yHelpful->setRange(0, 10);
  yHelpful->setLabelFormat(QStringLiteral("%d"));
  chart_->addAxis(yHelpful, Qt::AlignRight);
  helpful->attachAxis(yHelpful);
  chartView_->setAccessibleDescription(described.isEmpty() ? QStringLiteral("Nothing logged yet.")
                                                           : described.join(QStringLiteral("; ")));
}

void MyPracticePage::confirmDelete() {
  if (!model_->canDeleteSelected()) return;
  auto* box = new QMessageBox(QMessageBox::Question, QStringLiteral("Delete this log?"),
                              QStringLiteral("The log and anything you wrote in it will be gone for good."),
                              QMessageBox::NoButton, this);
  box->setObjectName("confirmDeleteLog");
  QPushButton* yes = box->addButton(QStringLiteral("Delete it"), QMessageBox::DestructiveRole);
  yes->setObjectName("confirmDeleteLogButton");
  box->addButton(QStringLiteral("Keep it"), QMessageBox::RejectRole)->setObjectName("keepLogButton");
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton* b) {
    if (b == yes) model_->deleteSelected();
  });
  box->open();
}

}  // namespace cft::participant
