// Table models for the clinician's lists. Plain Qt value types in, display
// strings out; never protos.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include "client-shared/value_types.h"

namespace cft::clinician {

// A read-only table over a list of T, with one function per column.
template <typename T>
class ListTableModel : public QAbstractTableModel {
 public:
  struct Column {
    QString title;
    std::function<QVariant(const T&)> value;
  };
  ListTableModel(QList<Column> columns, QObject* parent) : QAbstractTableModel(parent), columns_(std::move(columns)) {}

  void setRows(QList<T> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
  }
  const QList<T>& rows() const { return rows_; }
  const T* rowAt(int row) const { return row >= 0 && row < rows_.size() ? &rows_[row] : nullptr; }

  int rowCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
  }
  int columnCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() ? 0 : static_cast<int>(columns_.size());
  }
  QVariant data(const QModelIndex& index, int role) const override {
    if (role != Qt::DisplayRole || !index.isValid() || index.row() >= rows_.size() ||
        index.column() >= columns_.size()) {
      return {};
    }
    return columns_[index.column()].value(rows_[index.row()]);
  }
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section >= columns_.size()) return {};
    return columns_[section].title;
  }

 private:
  QList<Column> columns_;
  QList<T> rows_;
};

using CohortTableModel = ListTableModel<client::CohortInfo>;
using SessionTableModel = ListTableModel<client::SessionInfo>;
using ParticipantTableModel = ListTableModel<client::ParticipantInfo>;
using ReferralTableModel = ListTableModel<client::ReferralInfo>;
using FacilitatorTableModel = ListTableModel<client::FacilitatorInfo>;

CohortTableModel* makeCohortModel(QObject* parent);
SessionTableModel* makeSessionModel(QObject* parent);
ParticipantTableModel* makeParticipantModel(QObject* parent);
ReferralTableModel* makeReferralModel(QObject* parent);
FacilitatorTableModel* makeFacilitatorModel(QObject* parent);

QString weekdayName(int isoWeekday);
QString facilitatorRoleLabel(bool lead);

}  // namespace cft::clinician
