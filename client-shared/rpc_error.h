// A failed call as the clients present it: a plain sentence for people, the
// kind of failure for the code that decides what to do next, and the request
// fields the server refused (from the status details, never from the text).
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace cft::client {

// One refused input, as google.rpc.BadRequest names it: `field` is the
// request's field path ("email", "entries[3].status"), `description` the
// problem ("is required"). An empty field means the request as a whole.
struct FieldViolation {
  QString field;
  QString description;
};

struct RpcError {
  enum class Kind {
    Unreachable,     // network or server down: retrying makes sense
    SignedOut,       // the session ended: back to sign-in
    InvalidInput,    // an input is wrong: `violations` name it
    NotAllowed,      // permission denied
    TooManyAttempts, // throttled
    Conflict,        // already exists / state does not allow it
    NotFound,
    Other,
  };
  Kind kind = Kind::Other;
  int grpcCode = 0;
  QList<FieldViolation> violations;
  // Ready to show: a full sentence, no codes, no jargon. For refused input it
  // names the field by a general label; a form that knows its own label for
  // the field says it that way instead (FieldMarks).
  QString message;

  // The first refused field's path, or empty.
  QString field() const { return violations.isEmpty() ? QString() : violations.first().field; }
};

// Builds the error from a gRPC status code, the server's message and its
// status details: the field violations of a google.rpc.BadRequest and the
// plain sentence of a google.rpc.LocalizedMessage. Refused input is told from
// the violations, anything else with the server's sentence; the message text
// is shown (as a sentence) only when the server sent neither, and is never
// parsed.
RpcError makeRpcError(int grpcCode, const QString& serverMessage, const QList<FieldViolation>& violations = {},
                      const QString& localizedMessage = {});

// "E-mail address" + "is required" -> "E-mail address is required."
QString fieldSentence(const QString& label, const QString& description);

// A general label for a request field path, for errors shown away from their
// form: "contact_email" -> "Contact email", "entries[3].status" -> "Status".
QString fieldLabel(const QString& fieldPath);

}  // namespace cft::client

Q_DECLARE_METATYPE(cft::client::RpcError)
