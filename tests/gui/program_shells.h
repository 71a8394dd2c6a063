// The two programs as their main() functions make them, for GUI suites: the
// clinician program, and the participant program (whose sign-in also redeems
// invite codes) with a test's environment: its data folder, settings file,
// clock and tray decision.
#pragma once

#include <QString>
#include <memory>

#include "client-shared/app_shell.h"
#include "clinician-client/clinician_window.h"
#include "participant-client/participant_window.h"

namespace cft::testing {

inline std::unique_ptr<client::AppShell> clinicianShell(client::ApiSession& api) {
  return std::make_unique<client::AppShell>(
      api, QStringLiteral("CFT Groups for clinicians"),
      [](client::ApiSession& a, client::ErrorReporter& e) { return new clinician::ClinicianWindow(a, e); });
}

inline std::unique_ptr<client::AppShell> participantShell(client::ApiSession& api,
                                                          const participant::ParticipantEnvironment& env) {
  return std::make_unique<client::AppShell>(
      api, QStringLiteral("CFT Groups"),
      [env](client::ApiSession& a, client::ErrorReporter& e) { return new participant::ParticipantWindow(a, e, env); },
      /*offerInvite=*/true);
}

}  // namespace cft::testing
