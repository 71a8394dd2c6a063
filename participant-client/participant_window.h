// The participant's main window: a calm home for their own programme and
// practice. Tabs for the programme, this week's practice (the guided
// player, the log forms) and "My practice" (the chart, the logs and their
// feedback); the status bar says how many logs wait to be sent; reminders
// come at the times the participant chose, in the tray or in the window.
#pragma once

#include <QMainWindow>
#include <QString>
#include <memory>
#include <optional>

class QLabel;
class QSettings;
class QTabWidget;
class QTimer;

namespace cft::client {
class ApiSession;
class Clock;
class ErrorReporter;
}  // namespace cft::client

namespace cft::participant {

class HomeworkPage;
class MeasuresPage;
class MyProgressPage;
class MyPracticePage;
class PracticeSettings;
class ProgrammePage;
class ReminderNotice;
class ReminderNotifier;
class ReminderScheduler;

// Where the window keeps what it keeps, and the outside world it asks, so
// tests can give their own. Empty or unset: the program's defaults.
struct ParticipantEnvironment {
  // Per-person data such as the offline queue of logs; the application data
  // folder (QStandardPaths::AppDataLocation) when empty.
  QString dataDirectory;
  // An INI file for per-person choices (reminder times, cautions read); the
  // platform's own settings store when empty.
  QString settingsFile;
  // Time; the system clock when null. Not owned.
  client::Clock* clock = nullptr;
  // Whether the desktop has a system tray; asked of the system when unset.
  std::optional<bool> trayAvailable;
};

class ParticipantWindow : public QMainWindow {
  Q_OBJECT

 public:
  ParticipantWindow(client::ApiSession& session, client::ErrorReporter& errors,
                    const ParticipantEnvironment& environment = {}, QWidget* parent = nullptr);
  ~ParticipantWindow() override;

  ProgrammePage* programmePage() const { return programme_; }
  HomeworkPage* homeworkPage() const { return homework_; }
  MyPracticePage* myPracticePage() const { return myPractice_; }
  MeasuresPage* measuresPage() const { return measures_; }
  MyProgressPage* myProgressPage() const { return myProgress_; }
  QTabWidget* tabs() const { return tabs_; }
  ReminderScheduler* reminders() const { return scheduler_; }
  ReminderNotifier* notifier() const { return notifier_; }
  ReminderNotice* reminderNotice() const { return notice_; }

 private:
  void updateWaiting();

  std::unique_ptr<client::Clock> ownClock_;
  std::unique_ptr<QSettings> settingsStore_;
  std::unique_ptr<PracticeSettings> settings_;
  QLabel* greeting_;
  QTabWidget* tabs_;
  ProgrammePage* programme_;
  HomeworkPage* homework_;
  MyPracticePage* myPractice_;
  MeasuresPage* measures_;
  MyProgressPage* myProgress_;
  QLabel* waiting_;
  QLabel* questionnairesWaiting_;
  // The reminder shown last was for a questionnaire: opening it goes there.
  bool questionnaireReminder_ = false;
  ReminderNotice* notice_;
  ReminderNotifier* notifier_;
  ReminderScheduler* scheduler_;
};

}  // namespace cft::participant
