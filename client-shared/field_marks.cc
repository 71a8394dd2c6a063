#include "client-shared/field_marks.h"

namespace cft::client {

void FieldMarks::add(const QString& field, QWidget* input, const QString& label) {
  entries_.append(Entry{field, input, label, {}, false});
}

QString FieldMarks::mark(const RpcError& error) {
  clear();
  QString message = error.message;
  QWidget* first = nullptr;
  for (const FieldViolation& v : error.violations) {
    for (Entry& e : entries_) {
      if (e.field != v.field || !e.input) continue;
      const QString sentence = fieldSentence(e.label, v.description);
      if (first == nullptr) {
        first = e.input;
        message = sentence;
      }
      e.styleSheet = e.input->styleSheet();
      e.marked = true;
      // Colour is not the only sign: the sentence is beside the form and on
      // the input for screen readers.
      e.input->setStyleSheet(e.styleSheet + QStringLiteral(" border: 2px solid #a4262c;"));
      e.input->setProperty(kInvalidProperty, true);
      e.input->setAccessibleDescription(sentence);
      e.input->setToolTip(sentence);
    }
  }
  if (first != nullptr) first->setFocus(Qt::OtherFocusReason);
  return message;
}

void FieldMarks::clear() {
  for (Entry& e : entries_) {
    if (!e.marked || !e.input) continue;
    e.marked = false;
    e.input->setStyleSheet(e.styleSheet);
    e.input->setProperty(kInvalidProperty, false);
    e.input->setAccessibleDescription({});
    e.input->setToolTip({});
  }
}

bool FieldMarks::isMarked(const QWidget* input) { return input->property(kInvalidProperty).toBool(); }

}  // namespace cft::client
