// Staff of the organisation for a table view. Never sees protos.
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "client-shared/value_types.h"

namespace cft::clinician {

class StaffTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Name, Email, Role, Status, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void setStaff(QList<client::UserInfo> staff);
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  QList<client::UserInfo> staff_;
};

}  // namespace cft::clinician
