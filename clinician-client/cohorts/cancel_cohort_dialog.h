// Calls off a planned or running cohort, with a reason.
#pragma once

#include "client-shared/cohort_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class CancelCohortDialog : public CallDialog {
  Q_OBJECT

 public:
  CancelCohortDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::CohortInfo& cohort, QWidget* parent);
};

}  // namespace cft::clinician
