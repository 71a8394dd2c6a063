#include "clinician-client/cohorts/adherence_table_model.h"

namespace cft::clinician {
namespace {

bool attended(client::Attendance a) { return a == client::Attendance::Present || a == client::Attendance::Late; }

}  // namespace

AdherenceTableModel::AdherenceTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AdherenceTableModel::setGrid(client::AdherenceGrid grid) {
  beginResetModel();
  grid_ = std::move(grid);
  endResetModel();
}

int AdherenceTableModel::weekAt(int column) const {
  const int index = column - 1;
  return index >= 0 && index < grid_.weeks.size() ? index : -1;
}

int AdherenceTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(grid_.rows.size());
}

int AdherenceTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : attendanceColumn() + 1;
}

QString AdherenceTableModel::attendanceText(client::Attendance a) {
  switch (a) {
    case client::Attendance::Present: return QStringLiteral("at the session");
    case client::Attendance::Late: return QStringLiteral("at the session, late");
    case client::Attendance::Absent: return QStringLiteral("missed the session");
    case client::Attendance::Excused: return QStringLiteral("excused from the session");
    case client::Attendance::Unknown: break;
  }
  return QStringLiteral("no register");
}

QString AdherenceTableModel::cellSentence(const client::AdherenceRowInfo& row, const client::AdherenceWeekInfo& week,
                                          const client::AdherenceCellInfo& cell) {
  if (!cell.applies) {
    return QStringLiteral("%1, week %2: not in the group that week.").arg(row.name).arg(week.week);
  }
  QString s = QStringLiteral("%1, week %2: %3 of %4 practices (%5% of the dose), %6 minutes")
                  .arg(row.name)
                  .arg(week.week)
                  .arg(cell.logged)
                  .arg(cell.dose)
                  .arg(cell.percent)
                  .arg(cell.minutes);
  s += cell.meanHelpfulness ? QStringLiteral(", helpfulness %1 of 10 on average").arg(*cell.meanHelpfulness, 0, 'f', 1)
                            : QStringLiteral(", no helpfulness ratings");
  s += QStringLiteral("; %1; module %2").arg(attendanceText(cell.attendance),
                                             cell.moduleOpened ? QStringLiteral("opened") : QStringLiteral("not opened"));
  if (!week.complete) s += QStringLiteral(" (the week is still running)");
  return s + '.';
}

QVariant AdherenceTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const client::AdherenceRowInfo& row = grid_.rows[index.row()];
  const int column = index.column();
  if (column == 0) {
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole) return {};
    return row.status == client::ParticipantStatus::Withdrawn ? row.name + QStringLiteral(" (withdrawn)") : row.name;
  }
  if (column == attendanceColumn()) {
    int attendedCount = 0, registers = 0;
    for (const client::AdherenceCellInfo& c : row.cells) {
      if (!c.applies || c.attendance == client::Attendance::Unknown) continue;
      ++registers;
      if (attended(c.attendance)) ++attendedCount;
    }
    switch (role) {
      case Qt::DisplayRole:
      case Qt::AccessibleTextRole:
        return registers == 0 ? QStringLiteral("no registers yet")
                              : QStringLiteral("%1 of %2").arg(attendedCount).arg(registers);
      case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
      default: return {};
    }
  }
  const int w = weekAt(column);
  if (w < 0 || w >= row.cells.size()) return {};
  const client::AdherenceCellInfo& cell = row.cells[w];
  switch (role) {
    case Qt::DisplayRole:
      return cell.applies ? QStringLiteral("%1%\n%2").arg(cell.percent).arg(attendanceText(cell.attendance))
                          : QStringLiteral("—\nnot in the group");
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: return cellSentence(row, grid_.weeks[w], cell);
    case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
    case ShareRole: return cell.applies ? QVariant(cell.percent) : QVariant();
    default: return {};
  }
}

QVariant AdherenceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
  if (section == 0) return role == Qt::DisplayRole ? QVariant(QStringLiteral("Participant")) : QVariant();
  if (section == attendanceColumn()) {
    return role == Qt::DisplayRole ? QVariant(QStringLiteral("Sessions attended")) : QVariant();
  }
  const client::AdherenceWeekInfo& week = grid_.weeks[weekAt(section)];
  if (role == Qt::DisplayRole) return QStringLiteral("Week %1").arg(week.week);
  if (role == Qt::ToolTipRole) {
    return QStringLiteral("%1%2").arg(week.title, week.complete ? QString() : QStringLiteral(" (still running)"));
  }
  return {};
}

}  // namespace cft::clinician
