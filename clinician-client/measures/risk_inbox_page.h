// The clinician's risk inbox: alerts overdue first, then red, then amber,
// with the selected alert's details, and acknowledge and resolve (with a
// note) from the list. The window's badge follows its model's counts.
#pragma once

#include <QWidget>

class QCheckBox;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class RiskInboxModel;

class RiskInboxPage : public QWidget {
  Q_OBJECT

 public:
  RiskInboxPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  RiskInboxModel* pageModel() const { return model_; }
  // Open the acknowledge / resolve dialog for the selected alert.
  void acknowledgeSelected();
  void resolveSelected();

 private:
  void update();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  RiskInboxModel* model_;
  QTableView* table_;
  QTextBrowser* details_;
  QPushButton* acknowledge_;
  QPushButton* resolve_;
  QCheckBox* showResolved_;
};

}  // namespace cft::clinician
