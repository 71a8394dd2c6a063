// When a practice reminder is due, without widgets: at each practice time
// the participant chose (the group's wall clock, like every practice time),
// once a day, unless that day's practice is already logged. Reminders are an
// offer, not a score: a missed one is not made up later in the day (a time
// counts for an hour), and nothing counts days in a row. The window shows
// what due() says, in the system tray or inside the window (ReminderNotifier).
// Owned by the window (or a test); UI thread only.
#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTime>
#include <QTimer>
#include <optional>

#include "client-shared/homework_types.h"

namespace cft::client {
class Clock;
}

namespace cft::participant {

class ReminderScheduler : public QObject {
  Q_OBJECT

 public:
  // How long after a chosen time its reminder may still come.
  static constexpr int kWindowMinutes = 60;

  explicit ReminderScheduler(client::Clock& clock, QObject* parent = nullptr);

  void setTimes(const QList<QTime>& times);
  const QList<QTime>& times() const { return times_; }
  // The participant's homework as last loaded, with `queuedToday` more
  // practices per assignment id logged today and still waiting to be sent.
  void setHomework(const client::MyAssignments& mine, const QHash<qint64, int>& queuedToday = {});

  // Looks at the clock now: the window's timer calls it twice a minute,
  // tests call it after moving their clock.
  void check();

  // This week's practices still open today: each asks for its share of the
  // week's dose per day (a practice of 14 a week, two; of 1 a week, one),
  // and none once the week's dose is met.
  static QStringList stillToDoToday(const client::MyAssignments& mine, const QHash<qint64, int>& queuedToday = {});
  // The reminder's words for what is still to do.
  static QString message(const QStringList& stillToDo);

 signals:
  void due(const QString& message);

 private:
  client::Clock& clock_;
  QTimer poll_;
  QList<QTime> times_;
  std::optional<client::MyAssignments> mine_;
  QHash<qint64, int> queuedToday_;
  // "2026-10-06 08:00": the times already dealt with (reminded or not needed).
  QSet<QString> handled_;
};

}  // namespace cft::participant
