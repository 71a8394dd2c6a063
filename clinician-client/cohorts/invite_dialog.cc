#include "clinician-client/cohorts/invite_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"
#include "client-shared/error_reporter.h"

namespace cft::clinician {

InviteDialog::InviteDialog(client::ApiSession& session, client::ErrorReporter& errors,
                           const client::ParticipantInfo& participant, QWidget* parent)
    : QDialog(parent) {
  setObjectName("inviteDialog");
  setWindowTitle(QStringLiteral("Invite code for %1").arg(participant.name));
  auto* layout = new QVBoxLayout(this);
  auto* text = new QLabel(QStringLiteral("Creating a code…"));
  text->setObjectName("inviteTextLabel");
  text->setWordWrap(true);
  layout->addWidget(text);
  auto* code = new QLineEdit;
  code->setObjectName("inviteCodeField");
  code->setReadOnly(true);
  code->setVisible(false);
  layout->addWidget(code);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  session.cohorts().createInvite(
      participant.enrolmentId, this,
      [this, text, code, name = participant.name](const client::InviteCode& invite) {
        text->setText(QStringLiteral("Give this code to %1 in person or by phone. It works once, until %2, and "
                                     "replaces any earlier code.")
                          .arg(name.toHtmlEscaped(), invite.expiresAt.toLocalTime().toString("d MMMM yyyy")));
        code->setText(invite.code);
        code->setVisible(true);
        emit created();
      },
      [&errors, text](const client::RpcError& e) { errors.report(e, text); });
}

}  // namespace cft::clinician
