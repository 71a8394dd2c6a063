// cft-participant: the participants' desktop client.
#include <QApplication>

#include "client-shared/app_shell.h"
#include "participant-client/participant_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("cft-participant");
  cft::client::ApiSession session(cft::client::settingsFromEnvironment(QApplication::arguments()));
  cft::client::AppShell shell(session, QStringLiteral("CFT Groups"),
                              [](cft::client::ApiSession& a, cft::client::ErrorReporter& e) {
                                return new cft::participant::ParticipantWindow(a, e);
                              },
                              /*offerInvite=*/true);
  shell.start();
  return QApplication::exec();
}
