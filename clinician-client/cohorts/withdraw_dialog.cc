#include "clinician-client/cohorts/withdraw_dialog.h"

#include <QPlainTextEdit>

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {

WithdrawDialog::WithdrawDialog(client::ApiSession& session, client::ErrorReporter& errors,
                               const client::ParticipantInfo& participant, QWidget* parent)
    : CallDialog(errors, "withdrawDialog", QStringLiteral("Withdraw %1").arg(participant.name),
                 QStringLiteral("%1's place in this group ends. Their records (attendance and anything they wrote) "
                                "are kept, but they can no longer sign in, and an invite code they have not used stops "
                                "working. They can be referred again later.")
                     .arg(participant.name),
                 parent) {
  QPlainTextEdit* reason = addReason(QStringLiteral("Why they are leaving the group"));
  setAction("confirmWithdrawButton", QStringLiteral("Withdraw"), [this, &session, id = participant.enrolmentId, reason] {
    return session.cohorts().withdrawParticipant(id, reason->toPlainText().trimmed(), this, succeeded(), failed());
  });
}

}  // namespace cft::clinician
