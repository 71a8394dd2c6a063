// A failed call as the clients present it: a plain sentence for people, and
// the kind of failure for the code that decides what to do next.
#pragma once

#include <QMetaType>
#include <QString>

namespace cft::client {

struct RpcError {
  enum class Kind {
    Unreachable,     // network or server down: retrying makes sense
    SignedOut,       // the session ended: back to sign-in
    InvalidInput,    // a field is wrong: `field` names it
    NotAllowed,      // permission denied
    TooManyAttempts, // throttled
    Conflict,        // already exists / state does not allow it
    NotFound,
    Other,
  };
  Kind kind = Kind::Other;
  int grpcCode = 0;
  // The request field the server named ("email"), when it named one.
  QString field;
  // Ready to show: a full sentence, no codes, no jargon.
  QString message;
};

// Builds the error from a gRPC status code and the server's message
// ("email: is required" -> field "email", "E-mail address is required.").
RpcError makeRpcError(int grpcCode, const QString& serverMessage);

}  // namespace cft::client

Q_DECLARE_METATYPE(cft::client::RpcError)
