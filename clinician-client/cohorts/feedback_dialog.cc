#include "clinician-client/cohorts/feedback_dialog.h"

#include <QPlainTextEdit>
#include <QUuid>

#include "client-shared/api_session.h"
#include "client-shared/homework_api.h"
#include "client-shared/practice_log_text.h"

namespace cft::clinician {

FeedbackDialog::FeedbackDialog(client::ApiSession& session, client::ErrorReporter& errors,
                               const client::PracticeLogInfo& log, QWidget* parent)
    : CallDialog(errors, "feedbackDialog", QStringLiteral("Feedback for %1").arg(log.participantName),
                 QStringLiteral("%1 will see this with their log of %2 (%3). A few warm, specific words about "
                                "what they tried help more than a score.")
                     .arg(log.participantName, log.assignmentTitle, client::practisedWhen(log)),
                 parent) {
  auto* text = new QPlainTextEdit;
  text->setObjectName("feedbackEdit");
  text->setAccessibleName(QStringLiteral("Your feedback"));
  text->setTabChangesFocus(true);
  text->setMinimumHeight(text->fontMetrics().lineSpacing() * 5);
  addField(QStringLiteral("text"), QStringLiteral("Your feedback"), text);
  // One key for this dialog: sending again after a lost answer adds nothing.
  const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
  setAction("sendFeedbackButton", QStringLiteral("Send feedback"), [this, &session, id = log.id, text, key] {
    return session.homework().addFeedback(id, text->toPlainText().trimmed(), key, this, succeeded(), failed());
  });
}

}  // namespace cft::clinician
