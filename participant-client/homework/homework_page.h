// The participant's "This week's practice": the practices set (this week's
// first) with progress towards each dose, the chosen one's instructions and
// caution, and the way into it: the caution before its first use, then the
// guided player (the breathing pacer or a timer), then the log form filled
// with the minutes. Logs the server refused are listed with its reason. A
// view over HomeworkPageModel; its dialogs are in files of their own.
#pragma once

#include <QWidget>
#include <memory>

class QLabel;
class QListWidget;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace cft::client {
class ApiSession;
class Clock;
class ErrorReporter;
class Outbox;
struct AssignmentInfo;
struct PracticeEntry;
}  // namespace cft::client

namespace cft::participant {

class HomeworkPageModel;
class PracticeSettings;

class HomeworkPage : public QWidget {
  Q_OBJECT

 public:
  HomeworkPage(client::ApiSession& session, client::ErrorReporter& errors, client::Clock& clock,
               PracticeSettings& settings, std::unique_ptr<client::Outbox> outbox, const QString& outboxProblem,
               QWidget* parent = nullptr);

  HomeworkPageModel* pageModel() const { return model_; }

  // The selected practice: its caution first if it has not been read, then
  // its guide, then the log form.
  void startPractice();
  // The log form straight away.
  void logWithoutGuide();
  void rereadCaution();
  void chooseReminders();

 signals:
  // New reminder times were saved.
  void reminderTimesChanged();

 private:
  void render();
  void openPlayer(const client::AssignmentInfo& a);
  void openLogForm(const client::AssignmentInfo& a, const client::PracticeEntry& draft);
  void showRefusals();

  client::ErrorReporter& errors_;
  client::Clock& clock_;
  PracticeSettings& settings_;
  HomeworkPageModel* model_;
  QLabel* heading_;
  QTableView* table_;
  QTextBrowser* detail_;
  QPushButton* start_;
  QPushButton* log_;
  QPushButton* caution_;
  QLabel* status_;
  QLabel* refusedLabel_;
  QListWidget* refused_;
  QPushButton* dismiss_;
};

}  // namespace cft::participant
