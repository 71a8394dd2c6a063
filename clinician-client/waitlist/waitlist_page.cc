#include "clinician-client/waitlist/waitlist_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/waitlist/allocate_dialog.h"
#include "clinician-client/waitlist/referral_dialog.h"
#include "clinician-client/waitlist/waitlist_page_model.h"

namespace cft::clinician {

WaitlistPage::WaitlistPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), session_(session), errors_(errors), model_(new WaitlistPageModel(session, this)) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(model_->summary());
  summary_->setObjectName("waitlistSummary");
  bar->addWidget(summary_, 1);
  auto* add = new QPushButton(QStringLiteral("Add referral…"));
  add->setObjectName("addReferralButton");
  allocate_ = new QPushButton(QStringLiteral("Offer a place…"));
  allocate_->setObjectName("allocateReferralButton");
  bar->addWidget(add);
  bar->addWidget(allocate_);
  layout->addLayout(bar);
  table_ = client::makeTable("waitlistTable", model_->referrals(), model_->selection());
  layout->addWidget(table_);

  connect(add, &QPushButton::clicked, this, &WaitlistPage::addReferral);
  connect(allocate_, &QPushButton::clicked, this, &WaitlistPage::allocate);
  connect(model_, &WaitlistPageModel::changed, this, &WaitlistPage::updateActions);
  connect(model_, &WaitlistPageModel::failed, this, [this](const client::RpcError& e) { errors_.report(e); });
  updateActions();
}

void WaitlistPage::updateActions() {
  summary_->setText(model_->summary());
  table_->resizeColumnsToContents();
  allocate_->setEnabled(model_->canAllocate());
}

void WaitlistPage::addReferral() {
  auto* dialog = new ReferralDialog(session_, errors_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, model_, &WaitlistPageModel::refresh);
  dialog->open();
}

void WaitlistPage::allocate() {
  const auto* r = model_->selectedReferral();
  if (r == nullptr) return;
  auto* dialog = new AllocateDialog(session_, errors_, *r, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, model_, &WaitlistPageModel::refresh);
  dialog->open();
}

}  // namespace cft::clinician
