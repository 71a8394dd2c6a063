#include "client-shared/error_reporter.h"

#include <QLabel>
#include <QStatusBar>

#include "client-shared/field_marks.h"

namespace cft::client {

void ErrorReporter::setStatusBar(QStatusBar* bar) { statusBar_ = bar; }

void ErrorReporter::report(const RpcError& error, QLabel* label, FieldMarks* fields) {
  const QString message = fields != nullptr ? fields->mark(error) : error.message;
  if (label != nullptr) {
    // A form shows even an ended session's sentence: a failed sign-in is one.
    label->setText(message);
    label->setVisible(true);
    return;
  }
  if (error.kind == RpcError::Kind::SignedOut) return;
  if (statusBar_) statusBar_->showMessage(message, 15000);
}

void ErrorReporter::warn(const QStringList& warnings) {
  if (!warnings.isEmpty() && statusBar_) statusBar_->showMessage(warnings.join(' '), 15000);
}

void ErrorReporter::clear(QLabel* label, FieldMarks* fields) {
  if (label != nullptr) {
    label->clear();
    label->setVisible(false);
  }
  if (fields != nullptr) fields->clear();
}

}  // namespace cft::client
