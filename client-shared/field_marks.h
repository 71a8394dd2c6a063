// The inputs of one form by the request field each one fills, so a refused
// request marks the input the server named (from google.rpc.BadRequest, see
// RpcError::violations) and says the problem with the form's own label for
// it. Held by the dialog that owns the inputs; UI thread only.
#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include "client-shared/rpc_error.h"

namespace cft::client {

class FieldMarks {
 public:
  // Property set to true on a marked input (tests and style sheets read it).
  static constexpr const char* kInvalidProperty = "cftInvalid";

  // `field`: the request's field path as the server names it ("email",
  // "entries[2].status"); `label`: what the form calls the input.
  void add(const QString& field, QWidget* input, const QString& label);

  // Marks the inputs `error` names (a red border, the sentence as their
  // accessible description and tooltip), moves focus to the first, and
  // returns the sentence to show: the error's, told with this form's label
  // when the form has the field.
  QString mark(const RpcError& error);
  // Takes every mark off.
  void clear();

  static bool isMarked(const QWidget* input);

 private:
  struct Entry {
    QString field;
    QPointer<QWidget> input;
    QString label;
    QString styleSheet;  // as it was before marking
    bool marked = false;
  };
  QList<Entry> entries_;
};

}  // namespace cft::client
