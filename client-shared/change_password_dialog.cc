#include "client-shared/change_password_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

namespace cft::client {

ChangePasswordDialog::ChangePasswordDialog(ApiClient& api, bool required, QWidget* parent)
    : QDialog(parent), api_(api) {
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
  form->addRow(QStringLiteral("Current password"), current_);
  form->addRow(QStringLiteral("New password"), next_);
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
  connect(&api_, &ApiClient::passwordChanged, this, [this](int id) {
    if (id != pendingRequest_) return;
    pendingRequest_ = 0;
    accept();
  });
  connect(&api_, &ApiClient::requestFailed, this, &ChangePasswordDialog::onFailed);
}

void ChangePasswordDialog::submit() {
  if (pendingRequest_ != 0) return;
  ErrorReporter::clear(error_);
  // The server checks everything again; this only saves a round trip for a typo.
  if (next_->text() != confirm_->text()) {
    error_->setText(QStringLiteral("The two new passwords do not match."));
    error_->setVisible(true);
    return;
  }
  save_->setEnabled(false);
  pendingRequest_ = api_.changePassword(current_->text(), next_->text());
}

void ChangePasswordDialog::onFailed(int requestId, const RpcError& error) {
  if (requestId != pendingRequest_) return;
  pendingRequest_ = 0;
  save_->setEnabled(true);
  error_->setText(error.message);
  error_->setVisible(true);
}

}  // namespace cft::client
