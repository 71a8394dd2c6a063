#include "client-shared/login_dialog.h"

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

LoginDialog::LoginDialog(ApiSession& session, ErrorReporter& errors, const QString& productName, bool offerInvite,
                         QWidget* parent)
    : QDialog(parent), session_(session), errors_(errors) {
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
  addField(form, &fields_, "email", QStringLiteral("E-mail address"), email_);
  addField(form, &fields_, "password", QStringLiteral("Password"), password_);
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
    addField(inviteForm, &fields_, "code", QStringLiteral("Invite code"), code_);
    addField(inviteForm, &fields_, "new_password", QStringLiteral("New password"), newPassword_);
    inviteForm->addRow(QStringLiteral("New password again"), confirm_);
    join_ = new QPushButton(QStringLiteral("Join my group"));
    join_->setObjectName("joinButton");
    inviteForm->addRow(join_);
    invitePane_->setVisible(false);
    layout->addWidget(invitePane_);
    connect(toggle, &QPushButton::clicked, this, [this] { invitePane_->setVisible(!invitePane_->isVisible()); });
    connect(join_, &QPushButton::clicked, this, &LoginDialog::redeem);
  }
  auto* server = new QLabel(QStringLiteral("Server: %1").arg(session_.settings().address));
  server->setStyleSheet("color: gray;");
  layout->addWidget(server);
  setMinimumWidth(380);

  connect(signIn_, &QPushButton::clicked, this, &LoginDialog::submit);
  connect(password_, &QLineEdit::returnPressed, this, &LoginDialog::submit);
}

void LoginDialog::setNotice(const QString& text) {
  notice_->setText(text);
  notice_->setVisible(!text.isEmpty());
}

void LoginDialog::showProblem(const QString& text) {
  error_->setText(text);
  error_->setVisible(true);
}

void LoginDialog::submit() {
  if (call_.isRunning()) return;
  ErrorReporter::clear(error_, &fields_);
  if (email_->text().trimmed().isEmpty() || password_->text().isEmpty()) {
    showProblem(QStringLiteral("Enter your e-mail address and password."));
    return;
  }
  setBusy(true);
  call_ = session_.auth().login(
      email_->text().trimmed(), password_->text(), this, [this](const UserInfo&) { onSignedIn(); },
      [this](const RpcError& e) { onFailed(e); });
}

void LoginDialog::redeem() {
  if (call_.isRunning()) return;
  ErrorReporter::clear(error_, &fields_);
  if (newPassword_->text() != confirm_->text()) {
    showProblem(QStringLiteral("The two new passwords do not match."));
    return;
  }
  setBusy(true);
  call_ = session_.auth().redeemInvite(
      code_->text().trimmed(), newPassword_->text(), this, [this](const UserInfo&) { onSignedIn(); },
      [this](const RpcError& e) { onFailed(e); });
}

void LoginDialog::onSignedIn() {
  setBusy(false);
  password_->clear();
  if (newPassword_ != nullptr) {
    for (QLineEdit* e : {code_, newPassword_, confirm_}) e->clear();
  }
  setNotice({});
  accept();
}

void LoginDialog::onFailed(const RpcError& error) {
  setBusy(false);
  errors_.report(error, error_, &fields_);
  if (error.violations.isEmpty()) {
    password_->selectAll();
    password_->setFocus();
  }
}

void LoginDialog::setBusy(bool busy) {
  signIn_->setEnabled(!busy);
  signIn_->setText(busy ? QStringLiteral("Signing in…") : QStringLiteral("Sign in"));
  email_->setEnabled(!busy);
  password_->setEnabled(!busy);
  if (join_ != nullptr) join_->setEnabled(!busy);
}

}  // namespace cft::client
