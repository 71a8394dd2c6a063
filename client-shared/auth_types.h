// Qt value types of cft.v1.AuthService. No protobuf, no gRPC.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace cft::client {

enum class UserRole { Unknown, Admin, Clinician, Participant };

inline QString roleLabel(UserRole role) {
  switch (role) {
    case UserRole::Admin: return QStringLiteral("Administrator");
    case UserRole::Clinician: return QStringLiteral("Clinician");
    case UserRole::Participant: return QStringLiteral("Participant");
    case UserRole::Unknown: break;
  }
  return QStringLiteral("Unknown role");
}

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

struct NewStaffInput {
  QString email;
  QString displayName;
  UserRole role = UserRole::Clinician;
};

// A staff account just made, with the temporary password shown once.
struct NewStaffAccount {
  UserInfo user;
  QString temporaryPassword;
};

}  // namespace cft::client

Q_DECLARE_METATYPE(cft::client::UserInfo)
