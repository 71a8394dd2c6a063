#include "client-shared/widgets.h"

#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>

#include "client-shared/api_client.h"
#include "client-shared/change_password_dialog.h"
#include "client-shared/error_reporter.h"

namespace cft::client {

QLabel* makeErrorLabel() {
  auto* label = new QLabel;
  label->setObjectName("errorLabel");
  label->setWordWrap(true);
  label->setStyleSheet("color: #a4262c;");
  label->setVisible(false);
  return label;
}

void installAccountMenu(QMainWindow* window, ApiClient& api) {
  QMenu* account = window->menuBar()->addMenu(QStringLiteral("&Account"));
  QAction* change = account->addAction(QStringLiteral("Change password…"));
  change->setObjectName("changePasswordAction");
  QObject::connect(change, &QAction::triggered, window, [window, &api] {
    auto* dialog = new ChangePasswordDialog(api, /*required=*/false, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, window,
                     [window] { window->statusBar()->showMessage(QStringLiteral("Password changed."), 8000); });
    dialog->open();
  });
  QAction* signOut = account->addAction(QStringLiteral("Sign out"));
  signOut->setObjectName("signOutAction");
  QObject::connect(signOut, &QAction::triggered, window, [&api] { api.logout(); });
}

bool saveCalendar(const CalendarFile& file, const QString& path, ErrorReporter& errors) {
  QFile out(path);
  if (!out.open(QIODevice::WriteOnly) || out.write(file.ics) != file.ics.size()) {
    errors.report(RpcError{.message = QStringLiteral("The calendar could not be saved to %1.").arg(path)});
    return false;
  }
  return true;
}

}  // namespace cft::client
