// The one place failed calls reach the user. Unreachable: a sentence that
// says we keep trying. An ended session: nothing here (ApiSession signs out
// and the shell returns to sign-in). Otherwise the server's sentence, with
// the refused inputs marked from the error's field violations when the form
// is given. Next to the form when a label is given, otherwise in the main
// window's status bar. Owned by the AppShell; UI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "client-shared/rpc_error.h"

class QLabel;
class QStatusBar;

namespace cft::client {

class FieldMarks;

class ErrorReporter : public QObject {
  Q_OBJECT

 public:
  explicit ErrorReporter(QObject* parent = nullptr) : QObject(parent) {}

  void setStatusBar(QStatusBar* bar);
  // Shows `error` in `label` if given (made visible), else in the status
  // bar; `fields` marks the inputs it names.
  void report(const RpcError& error, QLabel* label = nullptr, FieldMarks* fields = nullptr);
  // The server's warnings after a save (fewer facilitators than a group
  // needs, a session a clock change moved), in the status bar.
  void warn(const QStringList& warnings);
  // Hides the label's sentence and takes the marks off.
  static void clear(QLabel* label, FieldMarks* fields = nullptr);

 private:
  QPointer<QStatusBar> statusBar_;
};

}  // namespace cft::client
