#include "clinician-client/measures/alert_note_dialog.h"

#include <QPlainTextEdit>

#include "client-shared/api_session.h"
#include "client-shared/measure_api.h"
#include "clinician-client/measures/risk_inbox_model.h"

namespace cft::clinician {

AlertNoteDialog::AlertNoteDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                 const client::RiskAlertInfo& alert, Action action, QWidget* parent)
    : CallDialog(errors, action == Action::Resolve ? "resolveAlertDialog" : "acknowledgeAlertDialog",
                 action == Action::Resolve ? QStringLiteral("Resolve alert for %1").arg(alert.participantName)
                                           : QStringLiteral("Acknowledge alert for %1").arg(alert.participantName),
                 action == Action::Resolve
                     ? QStringLiteral("%1 alert (%2). Say what was done: the contact made, the risk assessment and "
                                      "the plan. The note is kept with the alert and audited.")
                           .arg(alertTierText(alert), alert.reasons.join(QLatin1Char(' ')))
                     : QStringLiteral("%1 alert (%2). Acknowledging records that you have seen it and are acting "
                                      "on it; a note is optional.")
                           .arg(alertTierText(alert), alert.reasons.join(QLatin1Char(' '))),
                 parent) {
  auto* note = new QPlainTextEdit;
  note->setObjectName("alertNoteEdit");
  note->setTabChangesFocus(true);
  note->setMinimumHeight(note->fontMetrics().lineSpacing() * 5);
  const QString label = action == Action::Resolve ? QStringLiteral("What was done (required)") : QStringLiteral("Note");
  note->setAccessibleName(label);
  addField(QStringLiteral("note"), label, note);
  const qint64 id = alert.id;
  if (action == Action::Resolve) {
    setAction("resolveAlertButton", QStringLiteral("Resolve alert"), [this, &session, id, note] {
      return session.measures().resolveRiskAlert(id, note->toPlainText().trimmed(), this, succeeded(), failed());
    });
  } else {
    setAction("acknowledgeAlertButton", QStringLiteral("Acknowledge"), [this, &session, id, note] {
      return session.measures().acknowledgeRiskAlert(id, note->toPlainText().trimmed(), this, succeeded(), failed());
    });
  }
}

}  // namespace cft::clinician
