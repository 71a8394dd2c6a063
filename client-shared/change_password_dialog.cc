#include "client-shared/change_password_dialog.h"

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

namespace cft::client {

ChangePasswordDialog::ChangePasswordDialog(ApiSession& session, ErrorReporter& errors, bool required,
                                           QWidget* parent)
    : QDialog(parent), session_(session), errors_(errors) {
  setObjectName("changePasswordDialog");
  setWindowTitle(QStringLiteral("Change password"));
  auto* layout = new QVBoxLayout(this);
  if (required) {
    auto* why = new QLabel(QStringLiteral(
        "You signed in with a temporary password. Choose your own password to continue."));
    why->setWordWrap(true);
    layout->addWidget(why);
  }
  auto* form = new QFormLayout;
  current_ = new QLineEdit;
  current_->setObjectName("currentPasswordEdit");
  next_ = new QLineEdit;
  next_->setObjectName("newPasswordEdit");
  confirm_ = new QLineEdit;
  confirm_->setObjectName("confirmPasswordEdit");
  for (QLineEdit* e : {current_, next_, confirm_}) e->setEchoMode(QLineEdit::Password);
  addField(form, &fields_, "current_password", QStringLiteral("Current password"), current_);
  addField(form, &fields_, "new_password", QStringLiteral("New password"), next_);
  form->addRow(QStringLiteral("New password again"), confirm_);
  layout->addLayout(form);
  auto* hint = new QLabel(QStringLiteral("At least 10 characters. A short sentence is easy to remember."));
  hint->setStyleSheet("color: gray;");
  layout->addWidget(hint);
  error_ = makeErrorLabel();
  layout->addWidget(error_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
  save_ = buttons->button(QDialogButtonBox::Save);
  save_->setObjectName("savePasswordButton");
  buttons->button(QDialogButtonBox::Cancel)->setObjectName("cancelButton");
  layout->addWidget(buttons);

  connect(save_, &QPushButton::clicked, this, &ChangePasswordDialog::submit);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ChangePasswordDialog::submit() {
  if (call_.isRunning()) return;
  ErrorReporter::clear(error_, &fields_);
  // The server checks everything again; this only saves a round trip for a typo.
  if (next_->text() != confirm_->text()) {
    error_->setText(QStringLiteral("The two new passwords do not match."));
    error_->setVisible(true);
    return;
  }
  save_->setEnabled(false);
  call_ = session_.auth().changePassword(
      current_->text(), next_->text(), this, [this] { accept(); },
      [this](const RpcError& e) {
        save_->setEnabled(true);
        errors_.report(e, error_, &fields_);
      });
}

}  // namespace cft::client
