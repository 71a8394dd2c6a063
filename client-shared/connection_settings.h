// Where the server is and how to trust it.
#pragma once

#include <QString>
#include <QStringList>

namespace cft::client {

struct ConnectionSettings {
  // host:port
  QString address = "localhost:50051";
  // PEM file of the CA that signed the server certificate.
  QString caCertificatePath;
  // Plain text, for tests and local development only (--insecure).
  bool insecure = false;
};

// Defaults, then CFT_SERVER / CFT_CA_CERT from the environment, then the
// command line: --server=host:port --ca-cert=FILE --insecure.
ConnectionSettings settingsFromEnvironment(const QStringList& arguments);

}  // namespace cft::client
