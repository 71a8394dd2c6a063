// Collects a referral to the waitlist, with its screening.
#pragma once

#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class ReferralDialog : public CallDialog {
  Q_OBJECT

 public:
  ReferralDialog(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent);
};

}  // namespace cft::clinician
