// Helpers for Qt Test GUI suites: a signed-in shell against the in-process
// server, and screenshots saved under the build tree for people to look at.
#pragma once

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QString>
#include <QTest>
#include <QWidget>

#include "client-shared/app_shell.h"
#include "client-shared/login_dialog.h"

namespace cft::testing {

// Saves `widget` as CFT_SCREENSHOT_DIR/<name>.png and fails the test if it cannot.
inline bool saveScreenshot(QWidget* widget, const QString& name) {
  QDir().mkpath(QStringLiteral(CFT_SCREENSHOT_DIR));
  const QString path = QStringLiteral(CFT_SCREENSHOT_DIR "/%1.png").arg(name);
  return widget->grab().save(path);
}

inline client::ConnectionSettings localSettings(int port) {
  client::ConnectionSettings s;
  s.address = QStringLiteral("127.0.0.1:%1").arg(port);
  s.insecure = true;
  return s;
}

// The visible top-level widget of type T with this objectName, if any.
template <typename T>
T* visibleTopLevel(const QString& objectName) {
  for (QWidget* w : QApplication::topLevelWidgets()) {
    if (w->objectName() == objectName && w->isVisible()) return qobject_cast<T*>(w);
  }
  return nullptr;
}

// Types into the sign-in dialog and presses the button, as a person would.
inline void typeSignIn(client::LoginDialog* dialog, const QString& email, const QString& password) {
  auto* emailEdit = dialog->findChild<QLineEdit*>("emailEdit");
  auto* passwordEdit = dialog->findChild<QLineEdit*>("passwordEdit");
  emailEdit->clear();
  passwordEdit->clear();
  QTest::keyClicks(emailEdit, email);
  QTest::keyClicks(passwordEdit, password);
  QTest::mouseClick(dialog->findChild<QPushButton*>("signInButton"), Qt::LeftButton);
}

}  // namespace cft::testing
