// The organisation's waitlist: people referred, their screening, and
// allocation of suitable people to a cohort with places. A view over
// WaitlistPageModel; its dialogs are in files of their own beside it.
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

class WaitlistPageModel;

class WaitlistPage : public QWidget {
  Q_OBJECT

 public:
  WaitlistPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  WaitlistPageModel* pageModel() const { return model_; }

 private:
  void addReferral();
  void allocate();
  void updateActions();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  WaitlistPageModel* model_;
  QTableView* table_;
  QLabel* summary_;
  QPushButton* allocate_;
};

}  // namespace cft::clinician
