#include "clinician-client/staff_table_model.h"

namespace cft::clinician {

void StaffTableModel::setStaff(QList<client::UserInfo> staff) {
  beginResetModel();
  staff_ = std::move(staff);
  endResetModel();
}

int StaffTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(staff_.size());
}

int StaffTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant StaffTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= staff_.size()) return {};
  const client::UserInfo& u = staff_.at(index.row());
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Name:
        return u.displayName;
      case Email:
        return u.email;
      case Role:
        return client::roleLabel(u.role);
      case Status:
        if (!u.active) return QStringLiteral("Disabled");
        return u.passwordChangeRequired ? QStringLiteral("Invited (temporary password)")
                                        : QStringLiteral("Active");
    }
  }
  if (role == Qt::UserRole) return u.id;
  return {};
}

QVariant StaffTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name:
      return QStringLiteral("Name");
    case Email:
      return QStringLiteral("E-mail address");
    case Role:
      return QStringLiteral("Role");
    case Status:
      return QStringLiteral("Status");
  }
  return {};
}

}  // namespace cft::clinician
