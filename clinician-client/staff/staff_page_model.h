// What the staff page shows and allows, without widgets: the organisation's
// active staff, and whether the signed-in account may add colleagues (admins
// only). Owns its request and table; owned by the page. UI thread only.
#pragma once

#include <QObject>
#include <QString>

#include "client-shared/call.h"
#include "clinician-client/table_models.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class StaffPageModel : public QObject {
  Q_OBJECT

 public:
  explicit StaffPageModel(client::ApiSession& session, QObject* parent = nullptr);

  StaffTableModel* staff() const { return staff_; }
  void refresh();
  // "2 staff members", or that they could not be loaded.
  QString summary() const { return summary_; }
  bool canAddStaff() const;

 signals:
  void changed();
  void failed(const cft::client::RpcError& error);

 private:
  client::ApiSession& session_;
  StaffTableModel* staff_;
  QString summary_;
  client::Call list_;
};

}  // namespace cft::clinician
