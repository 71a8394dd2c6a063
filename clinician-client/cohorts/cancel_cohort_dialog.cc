#include "clinician-client/cohorts/cancel_cohort_dialog.h"

#include <QPlainTextEdit>

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {

CancelCohortDialog::CancelCohortDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                       const client::CohortInfo& cohort, QWidget* parent)
    : CallDialog(errors, "cancelCohortDialog", QStringLiteral("Cancel %1").arg(cohort.name),
                 QStringLiteral("Cancelling “%1” stops the group. Sessions still ahead are cancelled (calendars that "
                                "imported them are updated) and invite codes nobody has used stop working. Everyone's "
                                "records are kept, and past sessions stay open so a register kept on paper can still "
                                "be entered.")
                     .arg(cohort.name),
                 parent) {
  QPlainTextEdit* reason = addReason(QStringLiteral("Why the group is not going ahead"));
  setAction("confirmCancelCohortButton", QStringLiteral("Cancel cohort"), [this, &session, id = cohort.id, reason] {
    return session.cohorts().setCohortStatus(id, client::CohortStatus::Cancelled, reason->toPlainText().trimmed(),
                                             this, succeeded(), failed());
  });
}

}  // namespace cft::clinician
