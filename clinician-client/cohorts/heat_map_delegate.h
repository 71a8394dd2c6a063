// Paints the adherence heat map's week cells: shaded from pale (none of the
// dose) to deep blue (all of it) from AdherenceTableModel::ShareRole, with
// the text dark or light for contrast, and hatched grey where the week does
// not apply. The cell's own text (its number and attendance) is drawn as
// usual, so the shade is never the only carrier.
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace cft::clinician {

class HeatMapDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  // The shade for a share of 0-100.
  static QColor shade(int percent);
  // Text that reads on that shade.
  static QColor textOn(int percent);

 protected:
  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

}  // namespace cft::clinician
