#include "client-shared/error_reporter.h"

#include <QLabel>
#include <QStatusBar>

namespace cft::client {

void ErrorReporter::setStatusBar(QStatusBar* bar) { statusBar_ = bar; }

void ErrorReporter::report(const RpcError& error, QLabel* label) {
  if (label != nullptr) {
    label->setText(error.message);
    label->setVisible(true);
    return;
  }
  if (statusBar_) statusBar_->showMessage(error.message, 15000);
}

void ErrorReporter::clear(QLabel* label) {
  label->clear();
  label->setVisible(false);
}

}  // namespace cft::client
