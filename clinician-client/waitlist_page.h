// The organisation's waitlist: people referred, their screening, and
// allocation of suitable people to a cohort with places.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QPushButton;
class QTableView;

namespace cft::client {
class ApiClient;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {


class WaitlistPage : public QWidget {
  Q_OBJECT

 public:
  WaitlistPage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent = nullptr);

  void refresh();
  void selectReferral(int row);
  QAbstractItemModel* model() const;

 private:
  void addReferral();
  void allocate();

  client::ApiClient& api_;
  client::ErrorReporter& errors_;
  struct Models;
  Models* m_;
  QTableView* table_;
  QLabel* summary_;
  QPushButton* allocate_;
  int request_ = 0;
};

}  // namespace cft::clinician
