// cft-clinician: the clinicians' and admins' desktop client.
#include <QApplication>

#include "client-shared/app_shell.h"
#include "clinician-client/clinician_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("cft-clinician");
  cft::client::ApiSession session(cft::client::settingsFromEnvironment(QApplication::arguments()));
  cft::client::AppShell shell(session, QStringLiteral("CFT Groups for clinicians"),
                              [](cft::client::ApiSession& a, cft::client::ErrorReporter& e) {
                                return new cft::clinician::ClinicianWindow(a, e);
                              });
  shell.start();
  return QApplication::exec();
}
