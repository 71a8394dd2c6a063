#include "clinician-client/cohorts/heat_map_delegate.h"

#include <algorithm>

#include "clinician-client/cohorts/adherence_table_model.h"

namespace cft::clinician {

QColor HeatMapDelegate::shade(int percent) {
  // One hue, light to dark: ordered, and readable without colour vision.
  const double t = std::clamp(percent, 0, 100) / 100.0;
  const QColor low(0xf2, 0xf6, 0xfa), high(0x1f, 0x4e, 0x79);
  return QColor::fromRgbF(low.redF() + (high.redF() - low.redF()) * t, low.greenF() + (high.greenF() - low.greenF()) * t,
                          low.blueF() + (high.blueF() - low.blueF()) * t);
}

QColor HeatMapDelegate::textOn(int percent) { return percent >= 55 ? Qt::white : QColor(0x1a, 0x1a, 0x1a); }

void HeatMapDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
  QStyledItemDelegate::initStyleOption(option, index);
  const auto* model = qobject_cast<const AdherenceTableModel*>(index.model());
  if (model == nullptr || model->weekAt(index.column()) < 0) return;
  const QVariant share = index.data(AdherenceTableModel::ShareRole);
  if (!share.isValid()) {
    option->backgroundBrush = QBrush(QColor(0xb0, 0xb0, 0xb0), Qt::BDiagPattern);
    option->palette.setColor(QPalette::Text, QColor(0x44, 0x44, 0x44));
    return;
  }
  option->backgroundBrush = shade(share.toInt());
  option->palette.setColor(QPalette::Text, textOn(share.toInt()));
}

}  // namespace cft::clinician
