#include "clinician-client/cohorts/move_session_dialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QTimeEdit>

#include "client-shared/api_session.h"
#include "client-shared/calendar_api.h"

namespace cft::clinician {

MoveSessionDialog::MoveSessionDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                     const client::SessionInfo& meeting, QWidget* parent)
    : CallDialog(errors, "moveSessionDialog", QStringLiteral("Move the week %1 session").arg(meeting.week),
                 QStringLiteral("Week %1, %2, is planned for %3. Choose its new date and start time in the group's "
                                "local time (%4). Participants' calendars are updated.")
                     .arg(meeting.week)
                     .arg(meeting.weekTitle, meeting.localDisplay, meeting.timeZone),
                 parent) {
  auto* date = new QDateEdit(meeting.localDate);
  date->setObjectName("newSessionDateEdit");
  date->setCalendarPopup(true);
  date->setDisplayFormat("d MMMM yyyy");
  auto* time = new QTimeEdit(meeting.localTime);
  time->setObjectName("newSessionTimeEdit");
  time->setDisplayFormat("HH:mm");
  auto* shift = new QCheckBox(QStringLiteral("Also move the later sessions by the same amount"));
  shift->setObjectName("shiftFollowingCheck");
  addField("new_date", QStringLiteral("New date"), date);
  addField("new_start_time", QStringLiteral("Starts at (local time)"), time);
  form()->addRow(QString(), shift);
  setAction("saveMoveSessionButton", QStringLiteral("Move session"), [this, &session, id = meeting.id, date, time, shift] {
    return session.calendar().rescheduleSession(
        id, date->date(), time->time(), shift->isChecked(), this,
        succeeded([this](const client::ScheduleChange& change) { emit warned(change.warnings); }), failed());
  });
}

}  // namespace cft::clinician
