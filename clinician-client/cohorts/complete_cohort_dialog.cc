#include "clinician-client/cohorts/complete_cohort_dialog.h"

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {

CompleteCohortDialog::CompleteCohortDialog(client::ApiSession& session, client::ErrorReporter& errors,
                                           const client::CohortInfo& cohort, QWidget* parent)
    : CallDialog(errors, "completeCohortDialog", QStringLiteral("Complete %1").arg(cohort.name),
                 QStringLiteral("Completing “%1” ends the programme now. Sessions still ahead are cancelled (calendars "
                                "that imported them are updated), invite codes nobody has used stop working and those "
                                "places end, and everyone taking part is marked as having completed it. Past sessions "
                                "stay open, so a register kept on paper can still be entered.")
                     .arg(cohort.name),
                 parent) {
  setAction("confirmCompleteCohortButton", QStringLiteral("Complete cohort"), [this, &session, id = cohort.id] {
    return session.cohorts().setCohortStatus(id, client::CohortStatus::Completed, QString(), this, succeeded(),
                                             failed());
  });
}

}  // namespace cft::clinician
