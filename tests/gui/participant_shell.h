// The participant program as main() makes it (the sign-in that also redeems
// invite codes, then the ParticipantWindow), with a test's environment: its
// data folder, settings file, clock and tray decision.
#pragma once

#include <QString>
#include <memory>

#include "client-shared/app_shell.h"
#include "participant-client/participant_window.h"

namespace cft::testing {

inline std::unique_ptr<client::AppShell> participantShell(client::ApiSession& api,
                                                          const participant::ParticipantEnvironment& env) {
  return std::make_unique<client::AppShell>(
      api, QStringLiteral("CFT Groups"),
      [env](client::ApiSession& a, client::ErrorReporter& e) { return new participant::ParticipantWindow(a, e, env); },
      /*offerInvite=*/true);
}

}  // namespace cft::testing
