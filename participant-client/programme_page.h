// The participant's programme: where they are (week n of 8, next session in
// their group's local time), the weeks released so far with their module
// text and practices, and a calendar file of the sessions.
#pragma once

#include <QWidget>

#include "client-shared/value_types.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace cft::client {
class ApiClient;
class ErrorReporter;
}  // namespace cft::client

namespace cft::participant {

class ProgrammePage : public QWidget {
  Q_OBJECT

 public:
  ProgrammePage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent = nullptr);

  void refresh();
  void showWeek(int index);
  // Saves the group's sessions as an .ics file at `path`; emits calendarSaved.
  void exportCalendarTo(const QString& path);
  const client::MyProgrammeInfo& programme() const { return programme_; }

 signals:
  void loaded();
  void calendarSaved(const QString& path);

 private:
  void render();

  client::ApiClient& api_;
  client::ErrorReporter& errors_;
  client::MyProgrammeInfo programme_;
  QLabel* title_;
  QLabel* heading_;
  QLabel* next_;
  QListWidget* weeks_;
  QTextBrowser* content_;
  QPushButton* export_;
  int request_ = 0;
  int exportRequest_ = 0;
  QString exportPath_;
};

// The week's module and practices as HTML for the reading pane.
QString weekHtml(const client::WeekContent& week);

}  // namespace cft::participant
