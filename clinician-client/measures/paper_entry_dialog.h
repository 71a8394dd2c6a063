// Keying in a participant's paper form: the instrument, the time point, the
// date written on the form, and for each item its boxes by the labels
// printed on the form (never bare numbers), a blank allowed. A CallDialog:
// refusals name the item; closes once saved, and `entered` carries the
// scores and any alert raised.
#pragma once

#include <QHash>

#include "client-shared/measure_types.h"
#include "clinician-client/call_dialog.h"

class QComboBox;
class QDateEdit;
class QWidget;

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class PaperEntryModel;

class PaperEntryDialog : public CallDialog {
  Q_OBJECT

 public:
  PaperEntryDialog(client::ApiSession& session, client::ErrorReporter& errors, qint64 cohortId, qint64 enrolmentId,
                   const QString& participantName, QWidget* parent = nullptr);

  PaperEntryModel* model() const { return model_; }
  // Ticks the box at `position` for `itemCode` (-1: blank), as a choice would.
  void tick(const QString& itemCode, int position);
  void chooseInstrument(const QString& key);
  void chooseTimePoint(const QString& key);

 signals:
  void entered(const cft::client::EnteredResponse& entered);

 private:
  void showItems();

  PaperEntryModel* model_;
  QComboBox* instrument_;
  QComboBox* timePoint_;
  QDateEdit* date_;
  QHash<QString, QComboBox*> boxes_;
  QList<QWidget*> itemRows_;
};

}  // namespace cft::clinician
