#include "clinician-client/staff/staff_page_model.h"

#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"

namespace cft::clinician {

StaffPageModel::StaffPageModel(client::ApiSession& session, QObject* parent)
    : QObject(parent), session_(session), staff_(makeStaffModel(this)), summary_(QStringLiteral("Loading staff…")) {}

void StaffPageModel::refresh() {
  list_.cancel();
  list_ = session_.auth().listStaff(
      false, this,
      [this](const QList<client::UserInfo>& staff) {
        staff_->setRows(staff);
        summary_ = staff.size() == 1 ? QStringLiteral("1 staff member")
                                     : QStringLiteral("%1 staff members").arg(staff.size());
        emit changed();
      },
      [this](const client::RpcError& e) {
        summary_ = QStringLiteral("Staff could not be loaded.");
        emit changed();
        emit failed(e);
      });
}

bool StaffPageModel::canAddStaff() const { return session_.currentUser().role == client::UserRole::Admin; }

}  // namespace cft::clinician
