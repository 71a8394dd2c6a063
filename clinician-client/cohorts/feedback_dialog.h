// A facilitator's comment on one practice log; the participant sees it with
// the log it answers.
#pragma once

#include "client-shared/homework_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class FeedbackDialog : public CallDialog {
  Q_OBJECT

 public:
  FeedbackDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::PracticeLogInfo& log,
                 QWidget* parent);
};

}  // namespace cft::clinician
