// Qt value types the clients' models and views use. No protobuf, no gRPC.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace cft::client {

enum class UserRole { Unknown, Admin, Clinician, Participant };

QString roleLabel(UserRole role);

struct UserInfo {
  qint64 id = 0;
  qint64 organisationId = 0;
  QString email;
  QString displayName;
  UserRole role = UserRole::Unknown;
  bool active = true;
  bool passwordChangeRequired = false;
  QString organisationName;
  QDateTime sessionExpiresAt;
};

}  // namespace cft::client

Q_DECLARE_METATYPE(cft::client::UserInfo)
Q_DECLARE_METATYPE(QList<cft::client::UserInfo>)
