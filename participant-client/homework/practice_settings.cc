#include "participant-client/homework/practice_settings.h"

#include <QStringList>
#include <algorithm>

namespace cft::participant {

PracticeSettings::PracticeSettings(QSettings& settings, qint64 userId) : settings_(settings), userId_(userId) {}

QString PracticeSettings::key(const QString& name) const {
  return QStringLiteral("participant-%1/%2").arg(userId_).arg(name);
}

QList<QTime> PracticeSettings::reminderTimes() const {
  QList<QTime> times;
  for (const QString& s : settings_.value(key(QStringLiteral("reminderTimes"))).toStringList()) {
    const QTime t = QTime::fromString(s, QStringLiteral("HH:mm"));
    if (t.isValid() && !times.contains(t)) times.append(t);
  }
  std::sort(times.begin(), times.end());
  return times;
}

void PracticeSettings::setReminderTimes(QList<QTime> times) {
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  QStringList out;
  for (const QTime& t : times) {
    if (t.isValid()) out << t.toString(QStringLiteral("HH:mm"));
  }
  settings_.setValue(key(QStringLiteral("reminderTimes")), out);
  settings_.sync();
}

bool PracticeSettings::cautionRead(const QString& practice) const {
  return settings_.value(key(QStringLiteral("cautionRead/") + practice), false).toBool();
}

void PracticeSettings::setCautionRead(const QString& practice) {
  settings_.setValue(key(QStringLiteral("cautionRead/") + practice), true);
  settings_.sync();
}

}  // namespace cft::participant
