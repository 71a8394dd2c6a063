#include "clinician-client/staff/staff_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/staff/add_staff_dialog.h"
#include "clinician-client/staff/staff_page_model.h"

namespace cft::clinician {

StaffPage::StaffPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), session_(session), errors_(errors), model_(new StaffPageModel(session, this)) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(model_->summary());
  summary_->setObjectName("staffSummary");
  bar->addWidget(summary_, 1);
  add_ = new QPushButton(QStringLiteral("Add staff member…"));
  add_->setObjectName("addStaffButton");
  add_->setVisible(model_->canAddStaff());
  bar->addWidget(add_);
  auto* refresh = new QPushButton(QStringLiteral("Refresh"));
  refresh->setObjectName("refreshStaffButton");
  bar->addWidget(refresh);
  layout->addLayout(bar);
  table_ = client::makeTable("staffTable", model_->staff());
  layout->addWidget(table_);

  connect(add_, &QPushButton::clicked, this, &StaffPage::addStaffMember);
  connect(refresh, &QPushButton::clicked, model_, &StaffPageModel::refresh);
  connect(model_, &StaffPageModel::changed, this, &StaffPage::updateView);
  connect(model_, &StaffPageModel::failed, this, [this](const client::RpcError& e) { errors_.report(e); });
}

void StaffPage::updateView() {
  summary_->setText(model_->summary());
  table_->resizeColumnsToContents();
}

void StaffPage::addStaffMember() {
  // open(), not exec(): the window stays responsive to answers meanwhile.
  auto* dialog = new AddStaffDialog(session_, errors_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::finished, model_, &StaffPageModel::refresh);
  dialog->open();
}

}  // namespace cft::clinician
