// A read-only table over a list of value types, with one function per
// column: what every page model's tables are. Plain Qt value types in,
// display values out; never protos. Owned by its page model (QObject parent);
// UI thread only, like every model.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QVariant>
#include <functional>

namespace cft::client {

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
    if (role != Qt::DisplayRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
      return {};
    }
    return columns_[index.column()].value(rows_[index.row()]);
  }
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columns_.size()) {
      return {};
    }
    return columns_[section].title;
  }

 private:
  QList<Column> columns_;
  QList<T> rows_;
};

}  // namespace cft::client
