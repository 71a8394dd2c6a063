// Choosing the practice times to be reminded at (kept per person on this
// computer). Reminders stop for the day once that day's practice is logged.
#pragma once

#include <QDialog>
#include <QList>
#include <QTime>

class QListWidget;
class QTimeEdit;

namespace cft::participant {

class RemindersDialog : public QDialog {
  Q_OBJECT

 public:
  RemindersDialog(const QList<QTime>& times, const QString& timeZone, QWidget* parent = nullptr);

  QList<QTime> times() const;

 private:
  void addTime();
  void removeSelected();

  QListWidget* list_;
  QTimeEdit* time_;
};

}  // namespace cft::participant
