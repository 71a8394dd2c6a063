// Ends a running cohort's programme now, after saying what that does.
#pragma once

#include "client-shared/cohort_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class CompleteCohortDialog : public CallDialog {
  Q_OBJECT

 public:
  CompleteCohortDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::CohortInfo& cohort, QWidget* parent);
};

}  // namespace cft::clinician
