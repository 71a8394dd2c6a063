// Small pieces both clients' screens share, kept in one place so they look
// and behave alike.
#pragma once

#include <QString>

class QAbstractItemModel;
class QFormLayout;
class QItemSelectionModel;
class QLabel;
class QMainWindow;
class QTableView;
class QWidget;

namespace cft::client {

class ApiSession;
class ErrorReporter;
class FieldMarks;

// The red, word-wrapped, initially hidden label a dialog shows its error in
// (objectName "errorLabel", which the GUI tests look for).
QLabel* makeErrorLabel();

// A form row for the request field `field`: the input under `label`, known
// to `fields` so a refusal of that field marks it.
void addField(QFormLayout* form, FieldMarks* fields, const QString& field, const QString& label, QWidget* input);

// A read-only, single-row-selection table over `model`, sharing the page
// model's `selection` when one is given.
QTableView* makeTable(const char* objectName, QAbstractItemModel* model, QItemSelectionModel* selection = nullptr);

// The Account menu: change password (a non-modal dialog) and sign out.
void installAccountMenu(QMainWindow* window, ApiSession& session, ErrorReporter& errors);

}  // namespace cft::client
