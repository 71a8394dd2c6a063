// Ends a participant's place in the group, with a reason; their records stay.
#pragma once

#include "client-shared/cohort_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class WithdrawDialog : public CallDialog {
  Q_OBJECT

 public:
  WithdrawDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::ParticipantInfo& participant, QWidget* parent);
};

}  // namespace cft::clinician
