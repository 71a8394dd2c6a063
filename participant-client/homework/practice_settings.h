// What a participant chose on this computer, kept in QSettings under their
// account so two people sharing a computer keep their own: the practice
// times they want reminders at, and which practices' cautions they have read
// (a caution is shown before a practice's first use). Held by the window;
// the QSettings it reads belongs to the caller. UI thread only.
#pragma once

#include <QList>
#include <QSettings>
#include <QString>
#include <QTime>

namespace cft::participant {

class PracticeSettings {
 public:
  PracticeSettings(QSettings& settings, qint64 userId);

  // Sorted, without repeats.
  QList<QTime> reminderTimes() const;
  void setReminderTimes(QList<QTime> times);

  // `practice`: a stable name of the practice (PracticeKey()).
  bool cautionRead(const QString& practice) const;
  void setCautionRead(const QString& practice);

 private:
  QString key(const QString& name) const;

  QSettings& settings_;
  const qint64 userId_;
};

}  // namespace cft::participant
