#include "client-shared/connection_settings.h"

#include <QDir>
#include <QFileInfo>

namespace cft::client {

ConnectionSettings settingsFromEnvironment(const QStringList& arguments) {
  ConnectionSettings s;
  // deploy/run.sh writes its CA here; running from the checkout finds it.
  for (const QString& candidate : {QStringLiteral("var/tls/ca.pem"), QStringLiteral("../var/tls/ca.pem")}) {
    if (QFileInfo::exists(candidate)) {
      s.caCertificatePath = QFileInfo(candidate).absoluteFilePath();
      break;
    }
  }
  const QString server = qEnvironmentVariable("CFT_SERVER");
  if (!server.isEmpty()) s.address = server;
  const QString ca = qEnvironmentVariable("CFT_CA_CERT");
  if (!ca.isEmpty()) s.caCertificatePath = ca;
  for (const QString& arg : arguments) {
    if (arg.startsWith("--server=")) s.address = arg.mid(9);
    if (arg.startsWith("--ca-cert=")) s.caCertificatePath = arg.mid(10);
    if (arg == "--insecure") s.insecure = true;
  }
  return s;
}

}  // namespace cft::client
