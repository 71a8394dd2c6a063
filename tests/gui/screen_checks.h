// What a person meets on a screen as it is shown now, for GUI tests: words
// cut off (a wrapped label shorter than its text, a button narrower than
// its caption), and controls that a screen reader cannot name or the
// keyboard cannot reach. Each problem is a sentence naming the widget, so a
// failing test says what to fix.
#pragma once

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QCalendarWidget>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStringList>
#include <QTabBar>
#include <QTextEdit>
#include <QWidget>

namespace cft::testing {

inline QString describeWidget(const QWidget* w) {
  QString text;
  if (const auto* l = qobject_cast<const QLabel*>(w)) text = l->text();
  if (const auto* b = qobject_cast<const QAbstractButton*>(w)) text = b->text();
  return QStringLiteral("%1 \"%2\" (%3)").arg(w->metaObject()->className(), w->objectName(), text.left(60));
}

// True for a widget that is part of another control (a spin box's line
// edit, a table's corner button, a tab bar's scroll arrows): the control
// itself is what is checked.
inline bool insideCompositeControl(const QWidget* w, const QWidget* root) {
  for (const QWidget* p = w->parentWidget(); p != nullptr && p != root; p = p->parentWidget()) {
    if (qobject_cast<const QAbstractSpinBox*>(p) || qobject_cast<const QComboBox*>(p) ||
        qobject_cast<const QAbstractItemView*>(p) || qobject_cast<const QTabBar*>(p) ||
        qobject_cast<const QScrollBar*>(p) || qobject_cast<const QCalendarWidget*>(p)) {
      return true;
    }
  }
  return false;
}

inline bool isControl(const QWidget* w) {
  return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
         qobject_cast<const QComboBox*>(w) || qobject_cast<const QPlainTextEdit*>(w) ||
         qobject_cast<const QTextEdit*>(w) || qobject_cast<const QLineEdit*>(w) ||
         (qobject_cast<const QAbstractItemView*>(w) && !qobject_cast<const QHeaderView*>(w));
}

// Words that do not fit where they are shown.
inline QStringList cutText(QWidget* root) {
  QStringList out;
  for (QWidget* w : root->findChildren<QWidget*>()) {
    if (!w->isVisible() || insideCompositeControl(w, root)) continue;
    if (auto* l = qobject_cast<QLabel*>(w)) {
      if (l->text().isEmpty()) continue;
      const bool tooShort = l->wordWrap() ? l->height() + 1 < l->heightForWidth(l->width())
                                          : l->height() + 1 < l->sizeHint().height();
      const bool tooNarrow = !l->wordWrap() && l->width() + 1 < l->sizeHint().width();
      if (tooShort || tooNarrow) {
        out << QStringLiteral("%1 is %2x%3 but needs %4x%5")
                   .arg(describeWidget(l))
                   .arg(l->width())
                   .arg(l->height())
                   .arg(l->wordWrap() ? l->width() : l->sizeHint().width())
                   .arg(l->wordWrap() ? l->heightForWidth(l->width()) : l->sizeHint().height());
      }
    } else if (auto* b = qobject_cast<QAbstractButton*>(w)) {
      if (b->text().isEmpty()) continue;
      if (b->width() + 1 < b->sizeHint().width() || b->height() + 1 < b->sizeHint().height()) {
        out << QStringLiteral("%1 is %2x%3 but needs %4x%5")
                   .arg(describeWidget(b))
                   .arg(b->width())
                   .arg(b->height())
                   .arg(b->sizeHint().width())
                   .arg(b->sizeHint().height());
      }
    }
  }
  return out;
}

// Controls without an accessible name (their own, a button's caption or a
// buddy label's), without an objectName, or out of the Tab order.
inline QStringList unreachableControls(QWidget* root) {
  QStringList out;
  QList<QWidget*> buddies;
  for (QLabel* l : root->findChildren<QLabel*>()) {
    if (l->buddy() != nullptr) buddies << l->buddy();
  }
  for (QWidget* w : root->findChildren<QWidget*>()) {
    if (!w->isVisible() || !isControl(w) || insideCompositeControl(w, root)) continue;
    const auto* b = qobject_cast<const QAbstractButton*>(w);
    const bool named = !w->accessibleName().isEmpty() || (b != nullptr && !b->text().isEmpty()) || buddies.contains(w);
    if (!named) out << describeWidget(w) + QStringLiteral(" has no accessible name");
    if (w->objectName().isEmpty()) out << describeWidget(w) + QStringLiteral(" has no objectName");
    if (!(w->focusPolicy() & Qt::TabFocus)) out << describeWidget(w) + QStringLiteral(" cannot be reached with Tab");
  }
  return out;
}

// Both of the above.
inline QStringList screenProblems(QWidget* root) { return cutText(root) + unreachableControls(root); }

}  // namespace cft::testing
