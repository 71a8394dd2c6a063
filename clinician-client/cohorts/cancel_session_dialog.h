// Cancels a session, with a reason; the group misses the week, or the programme gains a week at the end.
#pragma once

#include "client-shared/calendar_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class CancelSessionDialog : public CallDialog {
  Q_OBJECT

 public:
  CancelSessionDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::SessionInfo& meeting, QWidget* parent);
};

}  // namespace cft::clinician
