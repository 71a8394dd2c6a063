// Shows a reminder (of practices, questionnaires or both) where the participant will see it: a system
// tray notification where the desktop has a tray, otherwise a quiet notice
// inside the main window with a way to start and a way to dismiss it.
// Whether a tray exists is given (the window asks
// QSystemTrayIcon::isSystemTrayAvailable(); tests say), so both paths are
// testable. Owned by the window; UI thread only.
#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QPushButton;
class QSystemTrayIcon;

namespace cft::participant {

// The in-window notice; hidden until a reminder comes.
class ReminderNotice : public QFrame {
  Q_OBJECT

 public:
  explicit ReminderNotice(QWidget* parent = nullptr);
  // `questionnaire`: the reminder names a questionnaire, and its button
  // opens the questionnaires rather than the practice.
  void showMessage(const QString& message, bool questionnaire = false);
  QString message() const;

 signals:
  // "Open my practice" (or "Open my questionnaires") was chosen.
  void openRequested();

 private:
  QLabel* text_;
  QPushButton* open_;
};

class ReminderNotifier : public QObject {
  Q_OBJECT

 public:
  enum class Channel { Tray, Window };

  // Where reminders go when a tray does or does not exist.
  static Channel channelFor(bool trayAvailable) { return trayAvailable ? Channel::Tray : Channel::Window; }

  ReminderNotifier(bool trayAvailable, ReminderNotice* notice, QObject* parent = nullptr);

  Channel channel() const { return channel_; }
  // `questionnaire`: as for the due() signal of ReminderScheduler.
  void notify(const QString& message, bool questionnaire = false);
  // Made on the first tray reminder; null for the window channel.
  QSystemTrayIcon* trayIcon() const { return tray_; }
  int shown() const { return shown_; }

 signals:
  // The participant clicked the tray message or the notice's button.
  void openRequested();

 private:
  Channel channel_;
  QPointer<ReminderNotice> notice_;
  QSystemTrayIcon* tray_ = nullptr;
  int shown_ = 0;
};

}  // namespace cft::participant
