#include "clinician-client/waitlist/waitlist_page_model.h"

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {

WaitlistPageModel::WaitlistPageModel(client::ApiSession& session, QObject* parent)
    : QObject(parent),
      session_(session),
      referrals_(makeReferralModel(this)),
      selection_(new QItemSelectionModel(referrals_, this)),
      summary_(QStringLiteral("Loading the waitlist…")) {
  connect(selection_, &QItemSelectionModel::currentRowChanged, this, &WaitlistPageModel::changed);
}

void WaitlistPageModel::refresh() {
  list_.cancel();
  list_ = session_.cohorts().listWaitlist(
      this,
      [this](const QList<client::ReferralInfo>& list) {
        referrals_->setRows(list);
        int waiting = 0;
        for (const auto& r : list) waiting += r.allocated ? 0 : 1;
        summary_ = QStringLiteral("%1 waiting").arg(waiting);
        emit changed();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

void WaitlistPageModel::selectReferral(int row) {
  selection_->setCurrentIndex(referrals_->index(row, 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

const client::ReferralInfo* WaitlistPageModel::selectedReferral() const {
  return referrals_->rowAt(selection_->currentIndex().row());
}

bool WaitlistPageModel::canAllocate() const {
  const auto* r = selectedReferral();
  return r != nullptr && !r->allocated && r->screening == client::ScreeningStatus::Suitable;
}

}  // namespace cft::clinician
