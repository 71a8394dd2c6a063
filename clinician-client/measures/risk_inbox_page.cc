#include "clinician-client/measures/risk_inbox_page.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/measures/alert_note_dialog.h"
#include "clinician-client/measures/risk_inbox_model.h"

namespace cft::clinician {

RiskInboxPage::RiskInboxPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), session_(session), errors_(errors), model_(new RiskInboxModel(session, this)) {
  setObjectName("riskInboxPage");
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(QStringLiteral(
      "Alerts raised by questionnaire answers. Red: same-day contact and a structured risk assessment. Amber: review "
      "within one working day. The software only routes; the assessment is yours."));
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* split = new QSplitter;
  table_ = client::makeTable("riskAlertTable", model_->alerts(), model_->selection());
  table_->setAccessibleName(QStringLiteral("Risk alerts, most urgent first"));
  split->addWidget(table_);
  details_ = new QTextBrowser;
  details_->setObjectName("alertDetails");
  details_->setAccessibleName(QStringLiteral("The selected alert"));
  split->addWidget(details_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);
  auto* buttons = new QHBoxLayout;
  acknowledge_ = new QPushButton(QStringLiteral("&Acknowledge…"));
  acknowledge_->setObjectName("acknowledgeButton");
  resolve_ = new QPushButton(QStringLiteral("&Resolve…"));
  resolve_->setObjectName("resolveButton");
  showResolved_ = new QCheckBox(QStringLiteral("Show resolved alerts"));
  showResolved_->setObjectName("showResolvedCheck");
  buttons->addWidget(acknowledge_);
  buttons->addWidget(resolve_);
  buttons->addStretch();
  buttons->addWidget(showResolved_);
  layout->addLayout(buttons);

  connect(acknowledge_, &QPushButton::clicked, this, &RiskInboxPage::acknowledgeSelected);
  connect(resolve_, &QPushButton::clicked, this, &RiskInboxPage::resolveSelected);
  connect(showResolved_, &QCheckBox::toggled, model_, &RiskInboxModel::setIncludeResolved);
  connect(model_, &RiskInboxModel::loaded, this, &RiskInboxPage::update);
  connect(model_->selection(), &QItemSelectionModel::currentRowChanged, this, &RiskInboxPage::update);
  connect(model_, &RiskInboxModel::failed, this, [this](const client::RpcError& e) { errors_.report(e); });
  connect(model_, &RiskInboxModel::actionFailed, this, [this](const client::RpcError& e) { errors_.report(e); });
  update();
}

void RiskInboxPage::update() {
  details_->setHtml(model_->selectedHtml());
  const client::RiskAlertInfo* a = model_->selectedAlert();
  acknowledge_->setEnabled(a != nullptr && a->status == client::RiskAlertStatus::Open);
  resolve_->setEnabled(a != nullptr && a->status != client::RiskAlertStatus::Resolved);
}

void RiskInboxPage::acknowledgeSelected() {
  const client::RiskAlertInfo* a = model_->selectedAlert();
  if (a == nullptr) return;
  auto* dialog = new AlertNoteDialog(session_, errors_, *a, AlertNoteDialog::Action::Acknowledge, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, model_, &RiskInboxModel::refresh);
  dialog->open();
}

void RiskInboxPage::resolveSelected() {
  const client::RiskAlertInfo* a = model_->selectedAlert();
  if (a == nullptr) return;
  auto* dialog = new AlertNoteDialog(session_, errors_, *a, AlertNoteDialog::Action::Resolve, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, model_, &RiskInboxModel::refresh);
  dialog->open();
}

}  // namespace cft::clinician
