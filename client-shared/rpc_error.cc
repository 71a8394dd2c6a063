#include "client-shared/rpc_error.h"

#include <QHash>
#include <QRegularExpression>

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

QString sentence(QString text) {
  text = text.trimmed();
  if (text.isEmpty()) return text;
  text[0] = text[0].toUpper();
  if (!text.endsWith('.') && !text.endsWith('?') && !text.endsWith('!')) text += '.';
  return text;
}

}  // namespace

QString fieldLabel(const QString& fieldPath) {
  static const QHash<QString, QString> labels = {
      {"email", "E-mail address"},
      {"contact_email", "E-mail address"},
      {"password", "Password"},
      {"current_password", "Current password"},
      {"new_password", "New password"},
      {"display_name", "Name"},
      {"role", "Role"},
      {"name", "Name"},
      {"time_zone", "Time zone"},
      {"local_start_time", "Start time"},
      {"duration_minutes", "Session length"},
  };
  // The last step of the path names the input: "entries[3].status" -> "status".
  QString field = fieldPath.section('.', -1);
  field.remove(QRegularExpression(QStringLiteral("\\[\\d+\\]")));
  auto it = labels.find(field);
  if (it != labels.end()) return *it;
  QString label = field;
  label.replace('_', ' ');
  if (!label.isEmpty()) label[0] = label[0].toUpper();
  return label;
}

QString fieldSentence(const QString& label, const QString& description) {
  return label.isEmpty() ? sentence(description) : sentence(label + ' ' + description);
}

RpcError makeRpcError(int grpcCode, const QString& serverMessage, const QList<FieldViolation>& violations,
                      const QString& localizedMessage) {
  // The server's own sentence for people when it sent one; an older server
  // or a proxy's bare message otherwise.
  const QString serverSentence = localizedMessage.isEmpty() ? sentence(serverMessage) : localizedMessage;
  RpcError e;
  e.grpcCode = grpcCode;
  switch (grpcCode) {
    case kUnavailable:
    case kDeadlineExceeded:
    case kCancelled:
      e.kind = RpcError::Kind::Unreachable;
      e.message = QStringLiteral("Cannot reach the server. Check your connection; we will keep trying.");
      return e;
    case kUnauthenticated:
      e.kind = RpcError::Kind::SignedOut;
      e.message = serverSentence;
      return e;
    case kInternal:
      e.kind = RpcError::Kind::Other;
      e.message = QStringLiteral(
          "Something went wrong on the server. Please try again; if it keeps happening, tell your administrator.");
      return e;
    case kInvalidArgument:
      e.kind = RpcError::Kind::InvalidInput;
      e.violations = violations;
      if (!violations.isEmpty()) {
        const FieldViolation& v = violations.first();
        e.message = fieldSentence(v.field.isEmpty() ? QString() : fieldLabel(v.field), v.description);
      } else {
        e.message = serverSentence;
      }
      return e;
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
  e.message = serverSentence;
  return e;
}

}  // namespace cft::client
