// Sign-in: e-mail address and password. Shows progress while the call runs
// and the server's answer as a plain sentence.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cft::client {

class ApiClient;
struct RpcError;
struct UserInfo;

class LoginDialog : public QDialog {
  Q_OBJECT

 public:
  // `offerInvite`: also offer "I have an invite code" (participants' first sign-in).
  LoginDialog(ApiClient& api, const QString& productName, bool offerInvite = false, QWidget* parent = nullptr);

  // For the shell: an explanation shown above the form (e.g. "Your session ended").
  void setNotice(const QString& text);

 private:
  void submit();
  void onSignedIn(const UserInfo& user);
  void onFailed(int requestId, const RpcError& error);
  void setBusy(bool busy);
  void redeem();

  ApiClient& api_;
  int pendingRequest_ = 0;
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
