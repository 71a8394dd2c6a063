// cft-participant: the participants' desktop client.
#include <QApplication>

#include "client-shared/app_shell.h"
#include "participant-client/participant_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("cft-participant");
  cft::client::ApiClient api(cft::client::settingsFromEnvironment(QApplication::arguments()));
  cft::client::AppShell shell(api, QStringLiteral("CFT Groups"),
                              [](cft::client::ApiClient& a, cft::client::ErrorReporter& e) {
                                return new cft::participant::ParticipantWindow(a, e);
                              },
                              /*offerInvite=*/true);
  shell.start();
  return QApplication::exec();
}
