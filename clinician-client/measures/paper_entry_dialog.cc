#include "clinician-client/measures/paper_entry_dialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLabel>

#include "clinician-client/measures/paper_entry_model.h"

namespace cft::clinician {

PaperEntryDialog::PaperEntryDialog(client::ApiSession& session, client::ErrorReporter& errors, qint64 cohortId,
                                   qint64 enrolmentId, const QString& participantName, QWidget* parent)
    : CallDialog(errors, "paperEntryDialog", QStringLiteral("Paper form for %1").arg(participantName),
                 QStringLiteral("Tick the boxes as %1 ticked them on the form. The form is recorded as keyed in by "
                                "you, and scored on the server.")
                     .arg(participantName),
                 parent),
      model_(new PaperEntryModel(session, cohortId, enrolmentId, this)) {
  instrument_ = new QComboBox;
  instrument_->setObjectName("paperInstrumentCombo");
  instrument_->setAccessibleName(QStringLiteral("Questionnaire"));
  addField(QStringLiteral("instrument_key"), QStringLiteral("Questionnaire"), instrument_);
  timePoint_ = new QComboBox;
  timePoint_->setObjectName("paperTimePointCombo");
  timePoint_->setAccessibleName(QStringLiteral("Time point"));
  addField(QStringLiteral("time_point_key"), QStringLiteral("Time point"), timePoint_);
  date_ = new QDateEdit(QDate::currentDate());
  date_->setObjectName("paperDateEdit");
  date_->setCalendarPopup(true);
  date_->setAccessibleName(QStringLiteral("Date on the form"));
  addField(QStringLiteral("completed_on"), QStringLiteral("Date on the form"), date_);

  connect(model_, &PaperEntryModel::loaded, this, [this] {
    instrument_->clear();
    for (const client::InstrumentSummaryInfo& i : model_->instruments()) {
      instrument_->addItem(QStringLiteral("%1 — %2").arg(i.shortName, i.title), i.key);
    }
    timePoint_->clear();
    for (const client::ScheduledTimePointInfo& t : model_->timePoints()) timePoint_->addItem(t.label, t.key);
  });
  connect(instrument_, &QComboBox::currentIndexChanged, this, [this] {
    const QString key = instrument_->currentData().toString();
    if (!key.isEmpty()) model_->selectInstrument(key);
  });
  connect(model_, &PaperEntryModel::instrumentLoaded, this, &PaperEntryDialog::showItems);
  connect(model_, &PaperEntryModel::failed, this, failed());
  connect(model_, &PaperEntryModel::submitted, this, [this](const client::EnteredResponse& e) {
    emit entered(e);
    accept();
  });
  connect(model_, &PaperEntryModel::submitFailed, this, failed());
  setAction("savePaperFormButton", QStringLiteral("Save form"), [this] {
    QHash<QString, int> ticked;
    for (auto it = boxes_.begin(); it != boxes_.end(); ++it) {
      const int position = (*it)->currentData().toInt();
      if (position >= 0) ticked.insert(it.key(), position);
    }
    model_->submit(model_->input(timePoint_->currentData().toString(), ticked, date_->date()));
    // The model's answer closes the dialog (or shows the refusal); no call
    // handle to keep here.
    return client::Call();
  });
  model_->refresh();
}

void PaperEntryDialog::showItems() {
  for (QWidget* w : itemRows_) form()->removeRow(w);
  itemRows_.clear();
  boxes_.clear();
  if (!model_->instrument()) return;
  const client::InstrumentInfo& in = *model_->instrument();
  for (int i = 0; i < in.paperItems.size(); ++i) {
    const client::PaperItemInfo& p = in.paperItems[i];
    auto* combo = new QComboBox;
    combo->setObjectName(QStringLiteral("paperItem_%1").arg(p.itemCode));
    combo->addItem(QStringLiteral("(left blank)"), -1);
    for (const client::PaperBoxInfo& b : p.boxes) combo->addItem(b.label, b.position);
    const client::ItemInfo* item = in.item(p.itemCode);
    const QString label = item == nullptr ? QStringLiteral("Item %1").arg(p.number)
                                          : QStringLiteral("%1. %2").arg(p.number).arg(client::itemLabel(*item));
    combo->setAccessibleName(label);
    // The server names a refused answer by its index in the request.
    addField(QStringLiteral("answers[%1].keyed_value").arg(i), label, combo);
    boxes_.insert(p.itemCode, combo);
    itemRows_.append(combo);
  }
}

void PaperEntryDialog::tick(const QString& itemCode, int position) {
  if (QComboBox* c = boxes_.value(itemCode)) c->setCurrentIndex(c->findData(position));
}

void PaperEntryDialog::chooseInstrument(const QString& key) { instrument_->setCurrentIndex(instrument_->findData(key)); }

void PaperEntryDialog::chooseTimePoint(const QString& key) { timePoint_->setCurrentIndex(timePoint_->findData(key)); }

}  // namespace cft::clinician
