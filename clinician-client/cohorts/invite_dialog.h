// Makes a participant's one-time invite code as it opens and shows it, to be
// given in person or by phone. It owns the request: closing it early drops
// the answer.
#pragma once

#include <QDialog>

#include "client-shared/cohort_types.h"

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class InviteDialog : public QDialog {
  Q_OBJECT

 public:
  InviteDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::ParticipantInfo& participant,
               QWidget* parent);

 signals:
  // The code exists (and replaced any earlier one).
  void created();
};

}  // namespace cft::clinician
