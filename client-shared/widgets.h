// Small pieces both clients' screens share, kept in one place so they look
// and behave alike.
#pragma once

#include <QString>

class QLabel;
class QMainWindow;

namespace cft::client {

class ApiClient;
class ErrorReporter;
struct CalendarFile;

// The red, word-wrapped, initially hidden label a dialog shows its error in
// (objectName "errorLabel", which the GUI tests look for).
QLabel* makeErrorLabel();

// The Account menu: change password (a non-modal dialog) and sign out.
void installAccountMenu(QMainWindow* window, ApiClient& api);

// Writes an exported calendar to `path`; reports a plain sentence on failure.
bool saveCalendar(const CalendarFile& file, const QString& path, ErrorReporter& errors);

}  // namespace cft::client
