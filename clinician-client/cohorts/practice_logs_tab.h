// The selected cohort's practice logs, newest first, with what the
// participants shared (their words only where they chose to share them) and
// the feedback on each; a facilitator gives feedback on the chosen log. A
// view over CohortHomeworkModel.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class CohortHomeworkModel;

class PracticeLogsTab : public QWidget {
  Q_OBJECT

 public:
  PracticeLogsTab(client::ApiSession& session, client::ErrorReporter& errors, CohortHomeworkModel& model,
                  QWidget* parent = nullptr);

  void giveFeedback();

 private:
  void render();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  CohortHomeworkModel& model_;
  QLabel* status_;
  QTableView* table_;
  QTextBrowser* detail_;
  QPushButton* feedback_;
  QPushButton* more_;
};

}  // namespace cft::clinician
