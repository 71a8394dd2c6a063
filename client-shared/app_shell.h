// Moves a client between sign-in and its main window: shows the sign-in
// dialog, forces a password change after a temporary password, opens the
// main window, and returns to sign-in when the session ends. Owns the windows
// it creates and the error reporter they share.
#pragma once

#include <QMainWindow>
#include <QObject>
#include <QPointer>
#include <functional>

#include "client-shared/api_session.h"
#include "client-shared/error_reporter.h"
#include "client-shared/login_dialog.h"

namespace cft::client {

class AppShell : public QObject {
  Q_OBJECT

 public:
  using WindowFactory = std::function<QMainWindow*(ApiSession&, ErrorReporter&)>;
  // `offerInvite`: the sign-in dialog also redeems invite codes (participants).
  AppShell(ApiSession& session, QString productName, WindowFactory makeMainWindow, bool offerInvite = false,
           QObject* parent = nullptr);
  ~AppShell() override;

  void start();
  LoginDialog* loginDialog() const { return login_; }
  QMainWindow* mainWindow() const { return main_; }
  ErrorReporter& errors() { return errors_; }

 signals:
  void mainWindowShown(QMainWindow* window);

 private:
  void showSignIn(const QString& notice);
  void onSignedIn();
  void openMainWindow();

  ApiSession& session_;
  QString productName_;
  WindowFactory makeMainWindow_;
  ErrorReporter errors_;
  QPointer<LoginDialog> login_;
  // The forced password change: a top-level window of its own, deleted on
  // close, or by the shell if it is still open when the shell goes.
  QPointer<QDialog> passwordChange_;
  QPointer<QMainWindow> main_;
};

}  // namespace cft::client
