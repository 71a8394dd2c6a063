// A session's register: one row per participant still in the group, with a
// status each; saving records it.
#pragma once

#include <QList>

#include "client-shared/calendar_types.h"
#include "client-shared/cohort_types.h"
#include "clinician-client/call_dialog.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class AttendanceDialog : public CallDialog {
  Q_OBJECT

 public:
  AttendanceDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::SessionInfo& meeting,
                   const QList<client::ParticipantInfo>& people, QWidget* parent);
};

}  // namespace cft::clinician
