// The organisation's staff: who can facilitate groups. Admins add colleagues
// here; each new account gets a temporary password shown exactly once.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace cft::client {
class ApiClient;
class ErrorReporter;
struct RpcError;
struct UserInfo;
}  // namespace cft::client

namespace cft::clinician {

class StaffTableModel;

class StaffPage : public QWidget {
  Q_OBJECT

 public:
  StaffPage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent = nullptr);

  void refresh();
  StaffTableModel* model() const { return model_; }

 private:
  void addStaffMember();

  client::ApiClient& api_;
  client::ErrorReporter& errors_;
  StaffTableModel* model_;
  QTableView* table_;
  QLabel* summary_;
  QPushButton* add_;
  int listRequest_ = 0;
};

}  // namespace cft::clinician
