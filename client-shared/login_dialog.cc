#include "client-shared/login_dialog.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"

namespace cft::client {

LoginDialog::LoginDialog(ApiClient& api, const QString& productName, QWidget* parent)
    : QDialog(parent), api_(api) {
  setWindowTitle(productName + QStringLiteral(" — Sign in"));
  setObjectName("loginDialog");
  auto* layout = new QVBoxLayout(this);
  auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(productName.toHtmlEscaped()));
  layout->addWidget(title);
  notice_ = new QLabel;
  notice_->setObjectName("noticeLabel");
  notice_->setWordWrap(true);
  notice_->setVisible(false);
  layout->addWidget(notice_);

  auto* form = new QFormLayout;
  email_ = new QLineEdit;
  email_->setObjectName("emailEdit");
  email_->setPlaceholderText("name@example.org");
  password_ = new QLineEdit;
  password_->setObjectName("passwordEdit");
  password_->setEchoMode(QLineEdit::Password);
  form->addRow(QStringLiteral("E-mail address"), email_);
  form->addRow(QStringLiteral("Password"), password_);
  layout->addLayout(form);

  error_ = makeErrorLabel();
  layout->addWidget(error_);

  signIn_ = new QPushButton(QStringLiteral("Sign in"));
  signIn_->setObjectName("signInButton");
  signIn_->setDefault(true);
  layout->addWidget(signIn_);
  auto* server = new QLabel(QStringLiteral("Server: %1").arg(api_.settings().address));
  server->setStyleSheet("color: gray;");
  layout->addWidget(server);
  setMinimumWidth(380);

  connect(signIn_, &QPushButton::clicked, this, &LoginDialog::submit);
  connect(password_, &QLineEdit::returnPressed, this, &LoginDialog::submit);
  connect(&api_, &ApiClient::signedIn, this, &LoginDialog::onSignedIn);
  connect(&api_, &ApiClient::requestFailed, this, &LoginDialog::onFailed);
}

void LoginDialog::setNotice(const QString& text) {
  notice_->setText(text);
  notice_->setVisible(!text.isEmpty());
}

void LoginDialog::submit() {
  if (pendingRequest_ != 0) return;
  ErrorReporter::clear(error_);
  if (email_->text().trimmed().isEmpty() || password_->text().isEmpty()) {
    error_->setText(QStringLiteral("Enter your e-mail address and password."));
    error_->setVisible(true);
    return;
  }
  setBusy(true);
  pendingRequest_ = api_.login(email_->text().trimmed(), password_->text());
}

void LoginDialog::onSignedIn(const UserInfo&) {
  if (pendingRequest_ == 0) return;
  pendingRequest_ = 0;
  setBusy(false);
  password_->clear();
  setNotice({});
  accept();
}

void LoginDialog::onFailed(int requestId, const RpcError& error) {
  if (requestId != pendingRequest_) return;
  pendingRequest_ = 0;
  setBusy(false);
  error_->setText(error.message);
  error_->setVisible(true);
  password_->selectAll();
  password_->setFocus();
}

void LoginDialog::setBusy(bool busy) {
  signIn_->setEnabled(!busy);
  signIn_->setText(busy ? QStringLiteral("Signing in…") : QStringLiteral("Sign in"));
  email_->setEnabled(!busy);
  password_->setEnabled(!busy);
}

}  // namespace cft::client
