// Conversions every service's mapping uses: strings, instants, and the
// API's local dates and times (cft/v1/common.proto). Core only.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <string>

#include "cft/v1/common.pb.h"
#include "google/protobuf/repeated_field.h"
#include "google/protobuf/timestamp.pb.h"

namespace cft::client {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string ss(const QString& s) { return s.toStdString(); }

QDateTime fromProto(const google::protobuf::Timestamp& t);
QDate fromProto(const v1::LocalDate& d);
QTime fromProto(const v1::LocalTime& t);
void toProto(const QDate& d, v1::LocalDate* out);
void toProto(const QTime& t, v1::LocalTime* out);
QStringList fromProto(const google::protobuf::RepeatedPtrField<std::string>& strings);

// Every element of a repeated message field, converted by `convert`.
template <typename Repeated, typename Convert>
auto listOf(const Repeated& items, Convert convert) {
  QList<decltype(convert(*items.begin()))> list;
  list.reserve(items.size());
  for (const auto& item : items) list.append(convert(item));
  return list;
}

}  // namespace cft::client
