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

LoginDialog::LoginDialog(ApiClient& api, const QString& productName, bool offerInvite, QWidget* parent)
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
  if (offerInvite) {
    auto* toggle = new QPushButton(QStringLiteral("I have an invite code"));
    toggle->setObjectName("haveInviteButton");
    toggle->setFlat(true);
    layout->addWidget(toggle);
    invitePane_ = new QWidget;
    auto* inviteForm = new QFormLayout(invitePane_);
    auto* explain = new QLabel(QStringLiteral(
        "Your facilitator gave you a code. Enter it with a password of your own (at least 10 characters); "
        "you will use your e-mail address and this password from then on."));
    explain->setWordWrap(true);
    inviteForm->addRow(explain);
    code_ = new QLineEdit;
    code_->setObjectName("inviteCodeEdit");
    code_->setPlaceholderText("XXXX-XXXX-XXXX");
    newPassword_ = new QLineEdit;
    newPassword_->setObjectName("newPasswordEdit");
    confirm_ = new QLineEdit;
    confirm_->setObjectName("confirmPasswordEdit");
    for (QLineEdit* e : {newPassword_, confirm_}) e->setEchoMode(QLineEdit::Password);
    inviteForm->addRow(QStringLiteral("Invite code"), code_);
    inviteForm->addRow(QStringLiteral("New password"), newPassword_);
    inviteForm->addRow(QStringLiteral("New password again"), confirm_);
    join_ = new QPushButton(QStringLiteral("Join my group"));
    join_->setObjectName("joinButton");
    inviteForm->addRow(join_);
    invitePane_->setVisible(false);
    layout->addWidget(invitePane_);
    connect(toggle, &QPushButton::clicked, this, [this] { invitePane_->setVisible(!invitePane_->isVisible()); });
    connect(join_, &QPushButton::clicked, this, &LoginDialog::redeem);
  }
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

void LoginDialog::redeem() {
  if (pendingRequest_ != 0) return;
  ErrorReporter::clear(error_);
  if (newPassword_->text() != confirm_->text()) {
    error_->setText(QStringLiteral("The two new passwords do not match."));
    error_->setVisible(true);
    return;
  }
  setBusy(true);
  pendingRequest_ = api_.redeemInvite(code_->text().trimmed(), newPassword_->text());
}

void LoginDialog::onSignedIn(const UserInfo&) {
  if (pendingRequest_ == 0) return;
  pendingRequest_ = 0;
  setBusy(false);
  password_->clear();
  if (newPassword_ != nullptr) {
    for (QLineEdit* e : {code_, newPassword_, confirm_}) e->clear();
  }
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
  if (join_ != nullptr) join_->setEnabled(!busy);
}

}  // namespace cft::client
