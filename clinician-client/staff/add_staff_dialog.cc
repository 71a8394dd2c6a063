#include "clinician-client/staff/add_staff_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

namespace cft::clinician {

AddStaffDialog::AddStaffDialog(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QDialog(parent), session_(session), errors_(errors) {
  setObjectName("addStaffDialog");
  setWindowTitle(QStringLiteral("Add a staff member"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  name_ = new QLineEdit;
  name_->setObjectName("staffNameEdit");
  email_ = new QLineEdit;
  email_->setObjectName("staffEmailEdit");
  role_ = new QComboBox;
  role_->setObjectName("staffRoleCombo");
  for (client::UserRole r : {client::UserRole::Clinician, client::UserRole::Admin}) {
    role_->addItem(client::roleLabel(r), static_cast<int>(r));
  }
  client::addField(form, &fields_, "display_name", QStringLiteral("Name"), name_);
  client::addField(form, &fields_, "email", QStringLiteral("E-mail address"), email_);
  client::addField(form, &fields_, "role", QStringLiteral("Role"), role_);
  layout->addLayout(form);
  error_ = client::makeErrorLabel();
  layout->addWidget(error_);
  result_ = new QLabel;
  result_->setObjectName("resultLabel");
  result_->setWordWrap(true);
  result_->setVisible(false);
  layout->addWidget(result_);
  temporary_ = new QLineEdit;
  temporary_->setObjectName("temporaryPasswordField");
  temporary_->setReadOnly(true);
  temporary_->setVisible(false);
  layout->addWidget(temporary_);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons_->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Create account"));
  buttons_->button(QDialogButtonBox::Ok)->setObjectName("createStaffButton");
  layout->addWidget(buttons_);
  connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
    if (done_) {
      accept();
    } else {
      submit();
    }
  });
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void AddStaffDialog::submit() {
  if (call_.isRunning()) return;
  client::ErrorReporter::clear(error_, &fields_);
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);
  client::NewStaffInput in;
  in.email = email_->text().trimmed();
  in.displayName = name_->text().trimmed();
  in.role = static_cast<client::UserRole>(role_->currentData().toInt());
  call_ = session_.auth().createStaffAccount(
      in, this, [this](const client::NewStaffAccount& created) { showCreated(created); },
      [this](const client::RpcError& e) {
        buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
        errors_.report(e, error_, &fields_);
      });
}

void AddStaffDialog::showCreated(const client::NewStaffAccount& created) {
  done_ = true;
  result_->setText(QStringLiteral("%1 can now sign in as %2 with this temporary password. Give it to them in person "
                                  "or by phone; they choose their own password when they first sign in.")
                       .arg(created.user.displayName.toHtmlEscaped(), created.user.email.toHtmlEscaped()));
  result_->setVisible(true);
  temporary_->setText(created.temporaryPassword);
  temporary_->setVisible(true);
  for (QWidget* w : std::initializer_list<QWidget*>{name_, email_, role_}) w->setEnabled(false);
  buttons_->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Done"));
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
  buttons_->button(QDialogButtonBox::Cancel)->setVisible(false);
}

}  // namespace cft::clinician
