// Replaces the caller's password. Used voluntarily from the account menu and,
// forced, right after signing in with a temporary password.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cft::client {

class ApiClient;
struct RpcError;

class ChangePasswordDialog : public QDialog {
  Q_OBJECT

 public:
  ChangePasswordDialog(ApiClient& api, bool required, QWidget* parent = nullptr);

 private:
  void submit();
  void onFailed(int requestId, const RpcError& error);

  ApiClient& api_;
  int pendingRequest_ = 0;
  QLineEdit* current_;
  QLineEdit* next_;
  QLineEdit* confirm_;
  QLabel* error_;
  QPushButton* save_;
};

}  // namespace cft::client
