// Acknowledging (note optional) or resolving (note required: what was done)
// one risk alert, from the inbox. A CallDialog: the server's sentence with
// the note marked when it refuses; closes once the alert is updated.
#pragma once

#include "client-shared/measure_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class AlertNoteDialog : public CallDialog {
  Q_OBJECT

 public:
  enum class Action { Acknowledge, Resolve };

  AlertNoteDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::RiskAlertInfo& alert,
                  Action action, QWidget* parent = nullptr);
};

}  // namespace cft::clinician
