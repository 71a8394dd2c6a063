// Collects a new colleague's details, sends them, and then shows the
// temporary password in place of the form. It owns its request.
#pragma once

#include <QDialog>

#include "client-shared/call.h"
#include "client-shared/field_marks.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cft::client {
class ApiSession;
class ErrorReporter;
struct NewStaffAccount;
}  // namespace cft::client

namespace cft::clinician {

class AddStaffDialog : public QDialog {
  Q_OBJECT

 public:
  AddStaffDialog(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent);

 private:
  void submit();
  void showCreated(const client::NewStaffAccount& created);

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  client::FieldMarks fields_;
  client::Call call_;
  QLineEdit* name_;
  QLineEdit* email_;
  QComboBox* role_;
  QLabel* error_;
  QLabel* result_;
  QLineEdit* temporary_;
  QDialogButtonBox* buttons_;
  bool done_ = false;
};

}  // namespace cft::clinician
