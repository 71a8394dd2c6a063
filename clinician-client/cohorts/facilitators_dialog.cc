#include "clinician-client/cohorts/facilitators_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "client-shared/cohort_api.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

namespace cft::clinician {

FacilitatorsDialog::FacilitatorsDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                       const client::CohortInfo& cohort, QWidget* parent)
    : QDialog(parent), session_(session), errors_(errors), cohortId_(cohort.id), model_(makeFacilitatorModel(this)) {
  setObjectName("facilitatorsDialog");
  setWindowTitle(QStringLiteral("Facilitators — %1").arg(cohort.name));
  auto* layout = new QVBoxLayout(this);
  table_ = client::makeTable("facilitatorsTable", model_);
  layout->addWidget(table_);
  auto* rowBar = new QHBoxLayout;
  role_ = new QPushButton;
  role_->setObjectName("facilitatorRoleButton");
  remove_ = new QPushButton(QStringLiteral("Remove"));
  remove_->setObjectName("removeFacilitatorButton");
  rowBar->addStretch(1);
  rowBar->addWidget(role_);
  rowBar->addWidget(remove_);
  layout->addLayout(rowBar);
  auto* addBar = new QHBoxLayout;
  staff_ = new QComboBox;
  staff_->setObjectName("facilitatorStaffCombo");
  newRole_ = new QComboBox;
  newRole_->setObjectName("facilitatorRoleCombo");
  newRole_->addItem(client::facilitatorRoleLabel(false), false);
  newRole_->addItem(client::facilitatorRoleLabel(true), true);
  add_ = new QPushButton(QStringLiteral("Add"));
  add_->setObjectName("addFacilitatorButton");
  addBar->addWidget(staff_, 1);
  addBar->addWidget(newRole_);
  addBar->addWidget(add_);
  auto* form = new QFormLayout;
  form->addRow(QStringLiteral("Add a clinician"), addBar);
  fields_.add(QStringLiteral("user_id"), staff_, QStringLiteral("The clinician"));
  fields_.add(QStringLiteral("role"), newRole_, QStringLiteral("The role"));
  layout->addLayout(form);
  warnings_ = new QLabel;
  warnings_->setObjectName("facilitatorWarningsLabel");
  warnings_->setTextFormat(Qt::PlainText);
  warnings_->setWordWrap(true);
  warnings_->setVisible(false);
  layout->addWidget(warnings_);
  error_ = client::makeErrorLabel();
  layout->addWidget(error_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  layout->addWidget(buttons);
  setMinimumWidth(640);

  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateButtons(); });
  connect(add_, &QPushButton::clicked, this, [this] {
    const qint64 user = staff_->currentData().toLongLong();
    const bool lead = newRole_->currentData().toBool();
    send([=, this](auto done, auto failed) {
      return session_.cohorts().addFacilitator(cohortId_, user, lead, this, done, failed);
    });
  });
  connect(role_, &QPushButton::clicked, this, [this] {
    const auto* f = selected();
    if (f == nullptr) return;
    const qint64 user = f->userId;
    const bool lead = !f->lead;
    send([=, this](auto done, auto failed) {
      return session_.cohorts().addFacilitator(cohortId_, user, lead, this, done, failed);
    });
  });
  connect(remove_, &QPushButton::clicked, this, [this] {
    const auto* f = selected();
    if (f == nullptr) return;
    const qint64 user = f->userId;
    send([=, this](auto done, auto failed) {
      return session_.cohorts().removeFacilitator(cohortId_, user, this, done, failed);
    });
  });

  model_->setRows(cohort.facilitators);
  table_->resizeColumnsToContents();
  session_.auth().listStaff(
      false, this,
      [this](const QList<client::UserInfo>& staff) {
        clinicians_.clear();
        for (const client::UserInfo& u : staff) {
          if (u.role == client::UserRole::Clinician && u.active) clinicians_.append(u);
        }
        staff_->setPlaceholderText(QStringLiteral("Every active clinician facilitates this cohort"));
        fillStaff();
        updateButtons();
      },
      [this](const client::RpcError& e) { errors_.report(e, error_); });
  updateButtons();
}

const client::FacilitatorInfo* FacilitatorsDialog::selected() const {
  return model_->rowAt(table_->currentIndex().row());
}

void FacilitatorsDialog::send(const Change& change) {
  if (change_.isRunning()) return;
  client::ErrorReporter::clear(error_, &fields_);
  change_ = change([this](const client::CohortSaved& saved) { showCohort(saved); },
                   [this](const client::RpcError& e) {
                     errors_.report(e, error_, &fields_);
                     adjustSize();
                     updateButtons();
                   });
  updateButtons();
}

void FacilitatorsDialog::showCohort(const client::CohortSaved& saved) {
  warnings_->setText(saved.warnings.join('\n'));
  warnings_->setVisible(!saved.warnings.isEmpty());
  model_->setRows(saved.cohort.facilitators);
  table_->resizeColumnsToContents();
  fillStaff();
  updateButtons();
  adjustSize();
}

void FacilitatorsDialog::fillStaff() {
  staff_->clear();
  const auto& rows = model_->rows();
  for (const client::UserInfo& u : clinicians_) {
    if (std::any_of(rows.begin(), rows.end(), [&u](const client::FacilitatorInfo& f) { return f.userId == u.id; })) {
      continue;
    }
    staff_->addItem(QStringLiteral("%1 (%2)").arg(u.displayName, u.email), u.id);
  }
  // With a placeholder the combo would otherwise show it, with nobody chosen.
  staff_->setCurrentIndex(staff_->count() > 0 ? 0 : -1);
}

void FacilitatorsDialog::updateButtons() {
  const bool idle = !change_.isRunning();
  const auto* f = selected();
  role_->setText(f != nullptr && f->lead ? QStringLiteral("Make co-facilitator") : QStringLiteral("Make lead"));
  role_->setEnabled(idle && f != nullptr);
  remove_->setEnabled(idle && f != nullptr);
  add_->setEnabled(idle && staff_->currentIndex() >= 0);
}

}  // namespace cft::clinician
