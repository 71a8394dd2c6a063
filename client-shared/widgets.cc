#include "client-shared/widgets.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>

#include "client-shared/api_session.h"
#include "client-shared/change_password_dialog.h"
#include "client-shared/error_reporter.h"
#include "client-shared/field_marks.h"

namespace cft::client {

QLabel* makeErrorLabel() {
  auto* label = new QLabel;
  label->setObjectName("errorLabel");
  label->setWordWrap(true);
  label->setStyleSheet("color: #a4262c;");
  label->setVisible(false);
  return label;
}

void addField(QFormLayout* form, FieldMarks* fields, const QString& field, const QString& label, QWidget* input) {
  form->addRow(label, input);
  fields->add(field, input, label);
}

QTableView* makeTable(const char* objectName, QAbstractItemModel* model, QItemSelectionModel* selection) {
  auto* t = new QTableView;
  t->setObjectName(objectName);
  t->setModel(model);
  // The view's own selection model is parented to it; the page model's
  // replaces it, so the page model knows what is selected.
  if (selection != nullptr) t->setSelectionModel(selection);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->horizontalHeader()->setStretchLastSection(true);
  t->verticalHeader()->setVisible(false);
  return t;
}

void installAccountMenu(QMainWindow* window, ApiSession& session, ErrorReporter& errors) {
  QMenu* account = window->menuBar()->addMenu(QStringLiteral("&Account"));
  QAction* change = account->addAction(QStringLiteral("Change password…"));
  change->setObjectName("changePasswordAction");
  QObject::connect(change, &QAction::triggered, window, [window, &session, &errors] {
    auto* dialog = new ChangePasswordDialog(session, errors, /*required=*/false, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, window,
                     [window] { window->statusBar()->showMessage(QStringLiteral("Password changed."), 8000); });
    dialog->open();
  });
  QAction* signOut = account->addAction(QStringLiteral("Sign out"));
  signOut->setObjectName("signOutAction");
  QObject::connect(signOut, &QAction::triggered, window, [&session] { session.signOut(); });
}

}  // namespace cft::client
