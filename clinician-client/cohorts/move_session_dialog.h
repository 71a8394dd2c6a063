// Moves a session (and, if asked, every later one by the same amount) to a new date and time in the group's local time; passes on the server's warnings.
#pragma once

#include "client-shared/calendar_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class MoveSessionDialog : public CallDialog {
  Q_OBJECT

 public:
  MoveSessionDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::SessionInfo& meeting, QWidget* parent);
};

}  // namespace cft::clinician
