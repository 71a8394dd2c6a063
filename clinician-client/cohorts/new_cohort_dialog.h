// Plans a new cohort of one of the organisation's programmes.
#pragma once

#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class NewCohortDialog : public CallDialog {
  Q_OBJECT

 public:
  NewCohortDialog(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent);
};

}  // namespace cft::clinician
