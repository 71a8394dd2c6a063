// What the waitlist page shows and allows, without widgets: everyone
// referred, their screening and place, and which referral is selected (the
// page's table shares the selection model). Owns its requests and table;
// owned by the page. UI thread only.
#pragma once

#include <QItemSelectionModel>
#include <QObject>
#include <QString>

#include "client-shared/call.h"
#include "clinician-client/table_models.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class WaitlistPageModel : public QObject {
  Q_OBJECT

 public:
  explicit WaitlistPageModel(client::ApiSession& session, QObject* parent = nullptr);

  ReferralTableModel* referrals() const { return referrals_; }
  QItemSelectionModel* selection() const { return selection_; }

  void refresh();
  void selectReferral(int row);
  const client::ReferralInfo* selectedReferral() const;
  // "3 waiting".
  QString summary() const { return summary_; }
  // A place is offered to people screened suitable who have none yet.
  bool canAllocate() const;

 signals:
  void changed();
  void failed(const cft::client::RpcError& error);

 private:
  client::ApiSession& session_;
  ReferralTableModel* referrals_;
  QItemSelectionModel* selection_;
  QString summary_;
  client::Call list_;
};

}  // namespace cft::clinician
