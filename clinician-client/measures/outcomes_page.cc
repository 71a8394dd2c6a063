#include "clinician-client/measures/outcomes_page.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/pre_post_chart.h"
#include "client-shared/score_chart.h"
#include "client-shared/widgets.h"
#include "clinician-client/measures/outcomes_model.h"
#include "clinician-client/measures/paper_entry_dialog.h"
#include "clinician-client/measures/paper_entry_model.h"
#include "clinician-client/reports/report_dialog.h"

namespace cft::clinician {

OutcomesPage::OutcomesPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), session_(session), errors_(errors), model_(new OutcomesModel(session, this)) {
  setObjectName("outcomesPage");
  auto* layout = new QVBoxLayout(this);
  auto* pick = new QFormLayout;
  cohort_ = new QComboBox;
  cohort_->setObjectName("outcomesCohortCombo");
  cohort_->setAccessibleName(QStringLiteral("Group"));
  pick->addRow(QStringLiteral("&Group"), cohort_);
  auto* personRow = new QHBoxLayout;
  participant_ = new QComboBox;
  participant_->setObjectName("outcomesParticipantCombo");
  participant_->setAccessibleName(QStringLiteral("Participant"));
  paper_ = new QPushButton(QStringLiteral("Enter a &paper form…"));
  paper_->setObjectName("paperFormButton");
  personRow->addWidget(participant_, 1);
  personRow->addWidget(paper_);
  report_ = new QPushButton(QStringLiteral("Participant &report (PDF)…"));
  report_->setObjectName("participantReportButton");
  personRow->addWidget(report_);
  auto* personLabel = new QLabel(QStringLiteral("P&articipant"));
  personLabel->setBuddy(participant_);
  pick->addRow(personLabel, personRow);
  layout->addLayout(pick);
  status_ = new QLabel;
  status_->setObjectName("outcomesStatus");
  status_->setWordWrap(true);
  layout->addWidget(status_);

  auto* tabs = new QTabWidget;
  tabs->setObjectName("outcomesTabs");
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  auto* inner = new QWidget;
  chartsLayout_ = new QVBoxLayout(inner);
  scroll->setWidget(inner);
  tabs->addTab(scroll, QStringLiteral("Participant"));
  auto* cohortTab = new QWidget;
  auto* cohortLayout = new QVBoxLayout(cohortTab);
  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);
  prePost_ = new QChartView(chart);
  prePost_->setObjectName("prePostChart");
  prePost_->setAccessibleName(QStringLiteral("Group means before and after, per score"));
  prePost_->setMinimumHeight(240);
  cohortLayout->addWidget(prePost_, 1);
  effects_ = client::makeTable("effectSizeTable", model_->effectSizes());
  effects_->setAccessibleName(QStringLiteral("Effect sizes per score"));
  cohortLayout->addWidget(effects_, 1);
  note_ = new QLabel;
  note_->setObjectName("effectSizeNote");
  note_->setWordWrap(true);
  cohortLayout->addWidget(note_);
  tabs->addTab(cohortTab, QStringLiteral("Group pre–post"));
  layout->addWidget(tabs, 1);

  connect(model_, &OutcomesModel::cohortsLoaded, this, [this] {
    const qint64 keep = model_->cohortId();
    QSignalBlocker block(cohort_);
    cohort_->clear();
    cohort_->addItem(QStringLiteral("Choose a group"), 0);
    for (const client::CohortInfo& c : model_->cohorts()) cohort_->addItem(c.name, c.id);
    cohort_->setCurrentIndex(std::max(0, cohort_->findData(keep)));
  });
  connect(cohort_, &QComboBox::currentIndexChanged, this,
          [this] { model_->selectCohort(cohort_->currentData().toLongLong()); });
  connect(model_, &OutcomesModel::participantsLoaded, this, [this] {
    QSignalBlocker block(participant_);
    participant_->clear();
    participant_->addItem(QStringLiteral("Choose a participant"), 0);
    for (const client::ParticipantInfo& p : model_->participants()) participant_->addItem(p.name, p.enrolmentId);
    participant_->setCurrentIndex(0);
    model_->selectParticipant(0);
    showParticipant();
  });
  connect(participant_, &QComboBox::currentIndexChanged, this, [this] {
    model_->selectParticipant(participant_->currentData().toLongLong());
    showParticipant();
  });
  connect(model_, &OutcomesModel::outcomesLoaded, this, &OutcomesPage::showParticipant);
  connect(model_, &OutcomesModel::cohortOutcomesLoaded, this, &OutcomesPage::showCohort);
  connect(model_, &OutcomesModel::failed, this, [this](const client::RpcError& e) { errors_.report(e, status_); });
  connect(paper_, &QPushButton::clicked, this, [this] { enterPaperForm(); });
  connect(report_, &QPushButton::clicked, this, [this] { openParticipantReport(); });
  showParticipant();
  showCohort();
}

void OutcomesPage::chooseCohort(qint64 cohortId) { cohort_->setCurrentIndex(cohort_->findData(cohortId)); }

void OutcomesPage::chooseParticipant(qint64 enrolmentId) {
  participant_->setCurrentIndex(participant_->findData(enrolmentId));
}

PaperEntryDialog* OutcomesPage::enterPaperForm() {
  const qint64 enrolment = model_->enrolmentId();
  if (enrolment == 0) {
    status_->setText(QStringLiteral("Choose the participant whose form this is first."));
    return nullptr;
  }
  auto* dialog = new PaperEntryDialog(session_, errors_, model_->cohortId(), enrolment, participant_->currentText(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &PaperEntryDialog::entered, this, [this](const client::EnteredResponse& e) {
    status_->setText(PaperEntryModel::resultSentence(e));
    model_->selectParticipant(model_->enrolmentId());
    model_->selectCohort(model_->cohortId());
  });
  dialog->open();
  return dialog;
}

ReportDialog* OutcomesPage::openParticipantReport() {
  if (model_->enrolmentId() == 0) return nullptr;
  auto* dialog = new ReportDialog(session_, errors_, model_->cohortId(), model_->enrolmentId(),
                                  participant_->currentText(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
  return dialog;
}

void OutcomesPage::showParticipant() {
  paper_->setEnabled(model_->enrolmentId() != 0);
  report_->setEnabled(model_->enrolmentId() != 0);
  qDeleteAll(charts_);
  charts_.clear();
  for (const client::InstrumentOutcomeInfo& i : model_->outcomes().instruments) {
    auto* chart = new client::ScoreChart;
    chart->setObjectName(QStringLiteral("outcomeChart_%1").arg(i.instrumentKey));
    chart->setOutcome(i);
    chartsLayout_->addWidget(chart);
    charts_.append(chart);
  }
}

void OutcomesPage::showCohort() {
  const QList<client::CohortScoreOutcomeInfo>& scores = model_->cohortOutcomes().scores;
  const bool small = std::any_of(scores.begin(), scores.end(), [](const auto& s) { return s.smallGroup; });
  note_->setText(model_->cohortNote() +
                 (small ? QStringLiteral(" * Fewer than 5 people: too few for the figures to mean much, and a reader "
                                         "could single someone out.")
                        : QString()));
  // Shared with the cohort PDF report, which draws the same chart.
  client::fillPrePostChart(prePost_->chart(), model_->cohortOutcomes());
}

}  // namespace cft::clinician
