#include "clinician-client/waitlist/allocate_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {

AllocateDialog::AllocateDialog(client::ApiSession& session, client::ErrorReporter& errors,
                               const client::ReferralInfo& referral, QWidget* parent)
    : CallDialog(errors, "allocateDialog", QStringLiteral("Offer %1 a place").arg(referral.name), QString(), parent) {
  auto* cohort = new QComboBox;
  cohort->setObjectName("allocateCohortCombo");
  auto* overrideClosed = new QCheckBox(QStringLiteral("Add as a late joiner even though the closed group has started"));
  overrideClosed->setObjectName("overrideClosedCheck");
  addField("cohort_id", QStringLiteral("Cohort"), cohort);
  form()->addRow(QString(), overrideClosed);
  setAction("allocateButton", QStringLiteral("Allocate"), [this, &session, cohort, overrideClosed, id = referral.id] {
    return session.cohorts().allocate(id, cohort->currentData().toLongLong(), overrideClosed->isChecked(), this,
                                      succeeded(), failed());
  });
  session.cohorts().listCohorts(
      this,
      [cohort](const QList<client::CohortInfo>& list) {
        for (const auto& c : list) {
          if (!client::isOpen(c.status)) continue;
          cohort->addItem(QStringLiteral("%1 (%2 of %3 places)").arg(c.name).arg(c.enrolled).arg(c.capacity), c.id);
        }
      },
      failed());
}

}  // namespace cft::clinician
