#include "clinician-client/cohorts/attendance_dialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <utility>

#include "client-shared/api_session.h"
#include "client-shared/calendar_api.h"

namespace cft::clinician {

AttendanceDialog::AttendanceDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                   const client::SessionInfo& meeting, const QList<client::ParticipantInfo>& people,
                                   QWidget* parent)
    : CallDialog(errors, "attendanceDialog", QStringLiteral("Register — week %1").arg(meeting.week),
                 QStringLiteral("Week %1: %2\n%3").arg(meeting.week).arg(meeting.weekTitle, meeting.localDisplay),
                 parent) {
  QList<std::pair<qint64, QComboBox*>> rows;
  for (const client::ParticipantInfo& p : people) {
    if (p.status == client::ParticipantStatus::Withdrawn) continue;
    auto* combo = new QComboBox;
    combo->setObjectName(QStringLiteral("attendance_%1").arg(p.enrolmentId));
    for (client::Attendance a : {client::Attendance::Present, client::Attendance::Late, client::Attendance::Absent,
                                 client::Attendance::Excused}) {
      combo->addItem(client::attendanceLabel(a), static_cast<int>(a));
    }
    // The request lists the rows in this order, so the server's
    // "entries[i]" is this row.
    form()->addRow(p.name, combo);
    fields().add(QStringLiteral("entries[%1].status").arg(rows.size()), combo,
                 QStringLiteral("Attendance for %1").arg(p.name));
    rows.append({p.enrolmentId, combo});
  }
  setAction("saveAttendanceButton", QStringLiteral("Save"), [this, &session, rows, id = meeting.id] {
    QList<client::AttendanceMark> marks;
    for (const auto& [enrolment, combo] : rows) {
      marks.append({enrolment, static_cast<client::Attendance>(combo->currentData().toInt()), {}, {}});
    }
    return session.calendar().recordAttendance(id, marks, this, succeeded(), failed());
  });
}

}  // namespace cft::clinician
