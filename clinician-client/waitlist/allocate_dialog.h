// Chooses the cohort for one referral and allocates the place.
#pragma once

#include "client-shared/cohort_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class AllocateDialog : public CallDialog {
  Q_OBJECT

 public:
  AllocateDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::ReferralInfo& referral,
                 QWidget* parent);
};

}  // namespace cft::clinician
