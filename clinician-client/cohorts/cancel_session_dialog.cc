#include "clinician-client/cohorts/cancel_session_dialog.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QPlainTextEdit>

#include "client-shared/api_session.h"
#include "client-shared/calendar_api.h"

namespace cft::clinician {

CancelSessionDialog::CancelSessionDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                         const client::SessionInfo& meeting, QWidget* parent)
    : CallDialog(errors, "cancelSessionDialog", QStringLiteral("Cancel the week %1 session").arg(meeting.week),
                 QStringLiteral("Week %1, %2, on %3. Participants' calendars are updated. Without the box below the "
                                "group misses this week; with it, this week's session happens a week later and every "
                                "later session moves on a week.")
                     .arg(meeting.week)
                     .arg(meeting.weekTitle, meeting.localDisplay),
                 parent) {
  QPlainTextEdit* reason = addReason(QStringLiteral("For example: bank holiday"));
  auto* extend = new QCheckBox(QStringLiteral("Add a week at the end instead"));
  extend->setObjectName("extendProgrammeCheck");
  form()->addRow(QString(), extend);
  setAction("confirmCancelSessionButton", QStringLiteral("Cancel session"), [this, &session, id = meeting.id, reason, extend] {
    return session.calendar().cancelSession(id, reason->toPlainText().trimmed(), extend->isChecked(), this,
                                            succeeded(), failed());
  });
}

}  // namespace cft::clinician
