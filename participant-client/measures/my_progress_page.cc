#include "participant-client/measures/my_progress_page.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/score_chart.h"
#include "participant-client/measures/my_progress_model.h"

namespace cft::participant {

MyProgressPage::MyProgressPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), model_(new MyProgressModel(session, this)) {
  setObjectName("myProgressPage");
  auto* layout = new QVBoxLayout(this);
  heading_ = new QLabel;
  heading_->setObjectName("progressHeading");
  heading_->setWordWrap(true);
  layout->addWidget(heading_);
  summary_ = new QLabel;
  summary_->setObjectName("progressSummary");
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  auto* inner = new QWidget;
  chartsLayout_ = new QVBoxLayout(inner);
  scroll->setWidget(inner);
  layout->addWidget(scroll, 1);
  connect(model_, &MyProgressModel::loaded, this, &MyProgressPage::update);
  connect(model_, &MyProgressModel::failed, this, [this, &errors](const client::RpcError& e) {
    update();
    errors.report(e);
  });
  update();
}

void MyProgressPage::update() {
  heading_->setText(model_->heading());
  summary_->setText(model_->summaries().join('\n'));
  qDeleteAll(charts_);
  charts_.clear();
  for (const client::InstrumentOutcomeInfo& i : model_->outcomes().instruments) {
    auto* chart = new client::ScoreChart;
    chart->setObjectName(QStringLiteral("progressChart_%1").arg(i.instrumentKey));
    chart->setOutcome(i);
    chartsLayout_->addWidget(chart);
    charts_.append(chart);
  }
}

}  // namespace cft::participant
