// The adherence heat map as a table: a row per participant, a column per
// released week, then sessions attended. Each week's cell says its number
// (the share of the week's dose logged) and the session's attendance in
// words, so the shading the view paints from ShareRole never carries the
// meaning alone; its tooltip adds minutes and helpfulness. A week before the
// person joined or after they left is "not applicable", never zero. Plain
// value types in (never protos); QtCore only. Owned by its page model.
#pragma once

#include <QAbstractTableModel>

#include "client-shared/homework_types.h"

namespace cft::clinician {

class AdherenceTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Role {
    // A week cell's share of the dose, 0-100; invalid where the week does
    // not apply (and outside week columns).
    ShareRole = Qt::UserRole + 1,
  };

  explicit AdherenceTableModel(QObject* parent = nullptr);

  void setGrid(client::AdherenceGrid grid);
  const client::AdherenceGrid& grid() const { return grid_; }

  // The column of week `index` in grid().weeks, and back (-1 if none).
  static int columnOfWeek(int index) { return 1 + index; }
  int weekAt(int column) const;
  int attendanceColumn() const { return 1 + static_cast<int>(grid_.weeks.size()); }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // "Present at the session", "No register", as a cell's second line.
  static QString attendanceText(client::Attendance a);
  // The whole cell in a sentence: tooltips and screen readers.
  static QString cellSentence(const client::AdherenceRowInfo& row, const client::AdherenceWeekInfo& week,
                              const client::AdherenceCellInfo& cell);

 private:
  client::AdherenceGrid grid_;
};

}  // namespace cft::clinician
