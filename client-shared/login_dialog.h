// Sign-in: e-mail address and password (and, for participants, a first
// sign-in with an invite code). Shows progress while the call runs and the
// server's answer as a plain sentence, with the refused input marked.
// Owned by the AppShell.
#pragma once

#include <QDialog>

#include "client-shared/call.h"
#include "client-shared/field_marks.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace cft::client {

class ApiSession;
class ErrorReporter;

class LoginDialog : public QDialog {
  Q_OBJECT

 public:
  // `offerInvite`: also offer "I have an invite code" (participants' first sign-in).
  LoginDialog(ApiSession& session, ErrorReporter& errors, const QString& productName, bool offerInvite = false,
              QWidget* parent = nullptr);

  // For the shell: an explanation shown above the form (e.g. "Your session ended").
  void setNotice(const QString& text);

 private:
  void submit();
  void redeem();
  void onSignedIn();
  void onFailed(const RpcError& error);
  void setBusy(bool busy);
  void showProblem(const QString& text);

  ApiSession& session_;
  ErrorReporter& errors_;
  Call call_;
  FieldMarks fields_;
  QLabel* notice_;
  QLineEdit* email_;
  QLineEdit* password_;
  QPushButton* signIn_;
  QLabel* error_;
  // Invite redemption (participants only).
  QWidget* invitePane_ = nullptr;
  QLineEdit* code_ = nullptr;
  QLineEdit* newPassword_ = nullptr;
  QLineEdit* confirm_ = nullptr;
  QPushButton* join_ = nullptr;
};

}  // namespace cft::client
