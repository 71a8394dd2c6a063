#include "client-shared/rpc_error.h"

#include <QHash>

namespace cft::client {
namespace {

// grpc::StatusCode values, repeated here so this file needs no gRPC header.
enum Code {
  kCancelled = 1,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kInternal = 13,
  kUnavailable = 14,
  kUnauthenticated = 16,
};

QString fieldLabel(const QString& field) {
  static const QHash<QString, QString> labels = {
      {"email", "E-mail address"},
      {"password", "Password"},
      {"current_password", "Current password"},
      {"new_password", "New password"},
      {"display_name", "Name"},
      {"role", "Role"},
      {"name", "Name"},
  };
  auto it = labels.find(field);
  if (it != labels.end()) return *it;
  QString label = field;
  label.replace('_', ' ');
  if (!label.isEmpty()) label[0] = label[0].toUpper();
  return label;
}

QString sentence(QString text) {
  text = text.trimmed();
  if (text.isEmpty()) return text;
  text[0] = text[0].toUpper();
  if (!text.endsWith('.') && !text.endsWith('?') && !text.endsWith('!')) text += '.';
  return text;
}

}  // namespace

RpcError makeRpcError(int grpcCode, const QString& serverMessage) {
  RpcError e;
  e.grpcCode = grpcCode;
  switch (grpcCode) {
    case kUnavailable:
    case kDeadlineExceeded:
    case kCancelled:
      e.kind = RpcError::Kind::Unreachable;
      e.message = "Cannot reach the server. Check your connection; we will keep trying.";
      return e;
    case kUnauthenticated:
      e.kind = RpcError::Kind::SignedOut;
      e.message = sentence(serverMessage);
      return e;
    case kInternal:
      e.kind = RpcError::Kind::Other;
      e.message = "Something went wrong on the server. Please try again; if it keeps happening, tell your administrator.";
      return e;
    case kInvalidArgument: {
      e.kind = RpcError::Kind::InvalidInput;
      const int colon = serverMessage.indexOf(": ");
      if (colon > 0 && !serverMessage.left(colon).contains(' ')) {
        e.field = serverMessage.left(colon);
        e.message = sentence(fieldLabel(e.field) + " " + serverMessage.mid(colon + 2));
      } else {
        e.message = sentence(serverMessage);
      }
      return e;
    }
    case kPermissionDenied:
      e.kind = RpcError::Kind::NotAllowed;
      break;
    case kResourceExhausted:
      e.kind = RpcError::Kind::TooManyAttempts;
      break;
    case kAlreadyExists:
    case kFailedPrecondition:
    case kAborted:
      e.kind = RpcError::Kind::Conflict;
      break;
    case kNotFound:
      e.kind = RpcError::Kind::NotFound;
      break;
    default:
      e.kind = RpcError::Kind::Other;
      break;
  }
  // Messages of the form "field: problem" read better with the field's label,
  // except for ids: "Session id: the session has already started" says less
  // to a person than the sentence alone.
  const int colon = serverMessage.indexOf(": ");
  if (colon > 0 && !serverMessage.left(colon).contains(' ')) {
    e.field = serverMessage.left(colon);
    e.message = e.field.endsWith(QStringLiteral("_id"))
                    ? sentence(serverMessage.mid(colon + 2))
                    : sentence(fieldLabel(e.field) + ": " + serverMessage.mid(colon + 2));
  } else {
    e.message = sentence(serverMessage);
  }
  return e;
}

}  // namespace cft::client
