// A client session signed in through the real AuthService facade of the
// in-process test server, for suites that drive page models without windows.
#pragma once

#include <QObject>
#include <QString>
#include <QTest>
#include <memory>

#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "tests/support/test_server.h"

namespace cft::testing {

// Null when the sign-in did not complete within 15 s.
inline std::unique_ptr<client::ApiSession> SignedInSession(int port, const TestUser& user) {
  client::ConnectionSettings settings;
  settings.address = QStringLiteral("127.0.0.1:%1").arg(port);
  settings.insecure = true;
  auto session = std::make_unique<client::ApiSession>(settings);
  QObject caller;
  bool done = false;
  session->auth().login(QString::fromStdString(user.email), QString::fromStdString(user.password), &caller,
                        [&](const client::UserInfo&) { done = true; }, nullptr);
  if (!QTest::qWaitFor([&] { return done; }, 15000)) return nullptr;
  return session;
}

}  // namespace cft::testing
