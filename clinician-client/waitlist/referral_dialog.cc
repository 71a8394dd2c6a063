#include "clinician-client/waitlist/referral_dialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QUuid>

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {

ReferralDialog::ReferralDialog(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : CallDialog(errors, "referralDialog", QStringLiteral("Add a referral"), QString(), parent) {
  auto* name = new QLineEdit;
  name->setObjectName("referralNameEdit");
  auto* email = new QLineEdit;
  email->setObjectName("referralEmailEdit");
  auto* source = new QLineEdit;
  source->setObjectName("referralSourceEdit");
  source->setPlaceholderText(QStringLiteral("GP, self-referral, team…"));
  auto* screening = new QComboBox;
  screening->setObjectName("screeningCombo");
  for (client::ScreeningStatus s :
       {client::ScreeningStatus::Pending, client::ScreeningStatus::Suitable, client::ScreeningStatus::Unsuitable}) {
    screening->addItem(client::screeningLabel(s), static_cast<int>(s));
  }
  auto* note = new QPlainTextEdit;
  note->setObjectName("screeningNoteEdit");
  note->setPlaceholderText(QStringLiteral("Screening notes (required when unsuitable)"));
  addField("name", QStringLiteral("Name"), name);
  addField("contact_email", QStringLiteral("E-mail address"), email);
  addField("source", QStringLiteral("Referred by"), source);
  addField("screening_status", QStringLiteral("Screening"), screening);
  addField("screening_note", QStringLiteral("Notes"), note);
  // One key per dialog: a second press after a lost answer adds one referral.
  const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
  setAction("saveReferralButton", QStringLiteral("Save"), [this, &session, name, email, source, screening, note, key] {
    client::NewReferralInput in;
    in.name = name->text().trimmed();
    in.email = email->text().trimmed();
    in.source = source->text().trimmed();
    in.screening = static_cast<client::ScreeningStatus>(screening->currentData().toInt());
    in.screeningNote = note->toPlainText().trimmed();
    in.idempotencyKey = key;
    return session.cohorts().addReferral(in, this, succeeded(), failed());
  });
}

}  // namespace cft::clinician
