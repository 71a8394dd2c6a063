// The crisis resources, shown the moment a risk item is answered positively
// (or the server says a risk rule fired): application-modal, on top, with
// the organisation's text and a plain statement that answers are not watched
// around the clock. It closes only by its button, so it is read, not
// dismissed by a stray Escape. Deletes itself when closed.
#pragma once

#include <QDialog>

class QLabel;

namespace cft::participant {

class CrisisDialog : public QDialog {
  Q_OBJECT

 public:
  explicit CrisisDialog(const QString& crisisText, QWidget* parent = nullptr);
  // Shows a new one over `parent` at once, without waiting for it.
  static CrisisDialog* showNow(const QString& crisisText, QWidget* parent);
  QString text() const;

  void reject() override {}

 private:
  QLabel* text_;
};

}  // namespace cft::participant
