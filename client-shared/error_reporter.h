// The one place failed calls reach the user: the error's plain sentence
// (for an unreachable server, one that says we keep trying), next to the
// input when a label is given, otherwise in the main window's status bar.
// An ended session needs no report here: ApiClient signs out and the shell
// returns to sign-in.
#pragma once

#include <QObject>
#include <QPointer>

#include "client-shared/rpc_error.h"

class QLabel;
class QStatusBar;

namespace cft::client {

class ErrorReporter : public QObject {
  Q_OBJECT

 public:
  explicit ErrorReporter(QObject* parent = nullptr) : QObject(parent) {}

  void setStatusBar(QStatusBar* bar);
  // Shows `error` in `label` if given (made visible), else in the status bar.
  void report(const RpcError& error, QLabel* label = nullptr);
  static void clear(QLabel* label);

 private:
  QPointer<QStatusBar> statusBar_;
};

}  // namespace cft::client
