#include "client-shared/common_mapping.h"

namespace cft::client {

QDateTime fromProto(const google::protobuf::Timestamp& t) {
  return QDateTime::fromSecsSinceEpoch(t.seconds(), Qt::UTC);
}

QDate fromProto(const v1::LocalDate& d) { return QDate(d.year(), d.month(), d.day()); }
QTime fromProto(const v1::LocalTime& t) { return QTime(t.hour(), t.minute()); }

void toProto(const QDate& d, v1::LocalDate* out) {
  out->set_year(d.year());
  out->set_month(d.month());
  out->set_day(d.day());
}

void toProto(const QTime& t, v1::LocalTime* out) {
  out->set_hour(t.hour());
  out->set_minute(t.minute());
}

QStringList fromProto(const google::protobuf::RepeatedPtrField<std::string>& strings) {
  QStringList list;
  for (const auto& s : strings) list << qs(s);
  return list;
}

}  // namespace cft::client
