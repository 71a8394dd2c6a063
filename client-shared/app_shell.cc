#include "client-shared/app_shell.h"

#include <QProgressBar>
#include <QStatusBar>

#include "client-shared/change_password_dialog.h"
#include "client-shared/login_dialog.h"

namespace cft::client {

AppShell::AppShell(ApiSession& session, QString productName, WindowFactory makeMainWindow, bool offerInvite,
                   QObject* parent)
    : QObject(parent), session_(session), productName_(std::move(productName)),
      makeMainWindow_(std::move(makeMainWindow)) {
  login_ = new LoginDialog(session_, errors_, productName_, offerInvite);
  connect(login_, &QDialog::accepted, this, &AppShell::onSignedIn);
  connect(&session_, &ApiSession::signedOut, this, [this] {
    showSignIn(QStringLiteral("You have been signed out. Sign in again to continue."));
  });
}

AppShell::~AppShell() {
  delete passwordChange_;
  delete main_;
  delete login_;
}

void AppShell::start() { showSignIn({}); }

void AppShell::showSignIn(const QString& notice) {
  if (main_) {
    main_->close();
    main_->deleteLater();
    main_ = nullptr;
  }
  login_->setNotice(notice);
  login_->show();
  login_->raise();
}

void AppShell::onSignedIn() {
  if (session_.currentUser().passwordChangeRequired) {
    auto* dialog = new ChangePasswordDialog(session_, errors_, /*required=*/true);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    passwordChange_ = dialog;
    connect(dialog, &QDialog::accepted, this, &AppShell::openMainWindow);
    connect(dialog, &QDialog::rejected, this, [this] { session_.signOut(); });
    dialog->show();
    return;
  }
  openMainWindow();
}

void AppShell::openMainWindow() {
  main_ = makeMainWindow_(session_, errors_);
  main_->setAttribute(Qt::WA_DeleteOnClose, false);
  errors_.setStatusBar(main_->statusBar());
  // Every window shows the same quiet progress indicator while calls run.
  auto* busy = new QProgressBar;
  busy->setObjectName("busyIndicator");
  busy->setRange(0, 0);
  busy->setMaximumWidth(120);
  busy->setTextVisible(false);
  busy->setVisible(session_.pending() > 0);
  main_->statusBar()->addPermanentWidget(busy);
  connect(&session_, &ApiSession::pendingChanged, busy, [busy](int pending) { busy->setVisible(pending > 0); });
  main_->show();
  emit mainWindowShown(main_);
}

}  // namespace cft::client
