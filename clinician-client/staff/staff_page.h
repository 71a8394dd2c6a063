// The organisation's staff: who can facilitate groups. Admins add colleagues
// here; each new account gets a temporary password shown exactly once. A
// view over StaffPageModel; its dialog is in a file of its own beside it.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class StaffPageModel;

class StaffPage : public QWidget {
  Q_OBJECT

 public:
  StaffPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  StaffPageModel* pageModel() const { return model_; }

 private:
  void addStaffMember();
  void updateView();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  StaffPageModel* model_;
  QTableView* table_;
  QLabel* summary_;
  QPushButton* add_;
};

}  // namespace cft::clinician
