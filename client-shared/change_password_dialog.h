// Replaces the caller's password. Used voluntarily from the account menu and,
// forced, right after signing in with a temporary password.
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

class ChangePasswordDialog : public QDialog {
  Q_OBJECT

 public:
  ChangePasswordDialog(ApiSession& session, ErrorReporter& errors, bool required, QWidget* parent = nullptr);

 private:
  void submit();

  ApiSession& session_;
  ErrorReporter& errors_;
  Call call_;
  FieldMarks fields_;
  QLineEdit* current_;
  QLineEdit* next_;
  QLineEdit* confirm_;
  QLabel* error_;
  QPushButton* save_;
};

}  // namespace cft::client
