// When a reminder is due, without widgets: at each practice time the
// participant chose (the group's wall clock, like every practice time), once
// a day, for what is still open then: the day's practices not yet logged and
// the questionnaires open and not yet answered. Reminders are an offer, not a
// score: a missed one is not made up later in the day (a time counts for an
// hour), and nothing counts days in a row. The window shows what due() says,
// in the system tray or inside the window (ReminderNotifier).
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
#include "client-shared/measure_types.h"

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
  // The participant's questionnaires as last loaded, without those answered
  // on this computer and waiting to be sent (MeasuresPageModel::due()). One
  // open that was not open before is reminded of at once too, whatever the
  // time: a list that only shrank (one was answered) is not news.
  void setQuestionnaires(const QList<client::DueMeasureInfo>& listed);

  // Looks at the clock now: the window's timer calls it twice a minute,
  // tests call it after moving their clock.
  void check();

  // This week's practices still open today: each asks for its share of the
  // week's dose per day (a practice of 14 a week, two; of 1 a week, one),
  // and none once the week's dose is met.
  static QStringList stillToDoToday(const client::MyAssignments& mine, const QHash<qint64, int>& queuedToday = {});
  // The reminder's words for what is still to do.
  static QString message(const QStringList& stillToDo);
  // The questionnaires of `due` open at `now`, as "PHQ-9 (Baseline)": one
  // listed as opening soon counts once its time has come, one closed since
  // it was listed does not.
  static QStringList questionnairesOpen(const QList<client::DueMeasureInfo>& due, const QDateTime& now);
  // The reminder's words for the open questionnaires; empty when none are.
  static QString questionnaireMessage(const QStringList& open);

 signals:
  // One reminder per chosen time, naming all that is open. `questionnaire`:
  // it names a questionnaire, so opening it goes to the questionnaires (they
  // close at a set time; a practice is only an offer).
  void due(const QString& message, bool questionnaire);

 private:
  client::Clock& clock_;
  QTimer poll_;
  QList<QTime> times_;
  std::optional<client::MyAssignments> mine_;
  QHash<qint64, int> queuedToday_;
  QList<client::DueMeasureInfo> questionnaires_;
  // "PHQ-9 (Baseline)": the open questionnaires already reminded of at once.
  QSet<QString> announced_;
  // "2026-10-06 08:00": the times already dealt with (reminded or not needed).
  QSet<QString> handled_;
};

}  // namespace cft::participant
