#include "participant-client/homework/reminder_scheduler.h"

#include <QTimeZone>

#include "client-shared/clock.h"

namespace cft::participant {

ReminderScheduler::ReminderScheduler(client::Clock& clock, QObject* parent) : QObject(parent), clock_(clock) {
  // Coarse on purpose: a reminder a few seconds late is as good.
  poll_.setInterval(30000);
  connect(&poll_, &QTimer::timeout, this, &ReminderScheduler::check);
  poll_.start();
}

void ReminderScheduler::setTimes(const QList<QTime>& times) { times_ = times; }

void ReminderScheduler::setHomework(const client::MyAssignments& mine, const QHash<qint64, int>& queuedToday) {
  mine_ = mine;
  queuedToday_ = queuedToday;
}

QStringList ReminderScheduler::stillToDoToday(const client::MyAssignments& mine, const QHash<qint64, int>& queuedToday) {
  QStringList open;
  for (const client::AssignmentProgress& p : mine.assignments) {
    if (!p.thisWeek) continue;
    const int perWeek = p.assignment.dose.timesPerWeek;
    if (perWeek <= 0) continue;
    const int queued = queuedToday.value(p.assignment.id);
    if (p.logged + queued >= perWeek) continue;
    const int perDay = (perWeek + 6) / 7;
    const int today = p.loggedToday + queued;
    if (today >= perDay) continue;
    open << (perDay > 1 ? QStringLiteral("%1 (%2 of %3 today)").arg(p.assignment.title).arg(today).arg(perDay)
                        : p.assignment.title);
  }
  return open;
}

QString ReminderScheduler::message(const QStringList& stillToDo) {
  return QStringLiteral("A gentle reminder, at a time you chose: %1 %2 still open for today. "
                        "Only if it suits you now; there is no catching up to do.")
      .arg(stillToDo.join(QStringLiteral(", ")), stillToDo.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
}

void ReminderScheduler::setQuestionnaires(const QList<client::DueMeasureInfo>& listed) {
  questionnaires_ = listed;
  const QStringList open = questionnairesOpen(listed, clock_.now());
  bool opened = false;
  for (const QString& q : open) {
    if (!announced_.contains(q)) {
      announced_.insert(q);
      opened = true;
    }
  }
  if (opened) emit due(questionnaireMessage(open), true);
}

QStringList ReminderScheduler::questionnairesOpen(const QList<client::DueMeasureInfo>& due, const QDateTime& now) {
  QStringList open;
  for (const client::DueMeasureInfo& m : due) {
    const bool opened = m.status == client::DueStatus::Open || m.status == client::DueStatus::Overdue ||
                        (m.status == client::DueStatus::Upcoming && m.opensAt.isValid() && m.opensAt <= now);
    if (!opened || (m.closesAt.isValid() && m.closesAt <= now)) continue;
    open << QStringLiteral("%1 (%2)").arg(m.shortName, m.timePointLabel);
  }
  return open;
}

QString ReminderScheduler::questionnaireMessage(const QStringList& open) {
  if (open.isEmpty()) return {};
  return QStringLiteral("A questionnaire is waiting for you: %1. It takes a few minutes.")
      .arg(open.join(QStringLiteral(", ")));
}

void ReminderScheduler::check() {
  // Until the homework has loaded nothing is decided, so a time is not
  // passed over for want of knowing. Questionnaires are not waited for: the
  // times are the practice times, and a list that cannot be had (no server,
  // nothing kept yet) must not silence the practices.
  if (!mine_ || times_.isEmpty()) return;
  QTimeZone zone(mine_->timeZone.toUtf8());
  if (!zone.isValid()) zone = QTimeZone::systemTimeZone();
  const QDateTime local = clock_.now().toTimeZone(zone);
  const QDate today = local.date();
  const QTime now = local.time();
  for (const QTime& t : times_) {
    const QString key = today.toString(Qt::ISODate) + ' ' + t.toString(QStringLiteral("HH:mm"));
    if (handled_.contains(key) || now < t || t.secsTo(now) >= kWindowMinutes * 60) continue;
    handled_.insert(key);
    const QStringList practices = stillToDoToday(*mine_, queuedToday_);
    const QStringList questionnaires = questionnairesOpen(questionnaires_, clock_.now());
    QStringList words;
    if (!practices.isEmpty()) words << message(practices);
    if (!questionnaires.isEmpty()) words << questionnaireMessage(questionnaires);
    if (!words.isEmpty()) emit due(words.join(QLatin1Char(' ')), !questionnaires.isEmpty());
  }
}

}  // namespace cft::participant
