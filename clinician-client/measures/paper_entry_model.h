// Keying in a participant's paper form, without widgets: the instruments,
// the time points of the participant's group that have opened, the chosen
// instrument's paper form (its boxes with their labels, as printed), and the
// request built from the boxes ticked, so the number keyed is always the one
// the form's definition expects (box position or printed score; never a
// reverse-keyed score typed by hand). Owns its requests; owned by its dialog
// (or a test). UI thread only.
#pragma once

#include <QHash>
#include <QObject>
#include <optional>

#include "client-shared/call.h"
#include "client-shared/measure_types.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class PaperEntryModel : public QObject {
  Q_OBJECT

 public:
  PaperEntryModel(client::ApiSession& session, qint64 cohortId, qint64 enrolmentId, QObject* parent = nullptr);

  void refresh();
  const QList<client::InstrumentSummaryInfo>& instruments() const { return instruments_; }
  // Time points that have opened (a closed one may still be keyed from paper).
  const QList<client::ScheduledTimePointInfo>& timePoints() const { return timePoints_; }
  void selectInstrument(const QString& key);
  const std::optional<client::InstrumentInfo>& instrument() const { return instrument_; }

  // The request for the boxes ticked (by item code, the box's position;
  // items not in the hash are blank).
  client::PaperFormInput input(const QString& timePointKey, const QHash<QString, int>& boxes,
                               const QDate& completedOn) const;
  void submit(const client::PaperFormInput& input);

  // "Saved: PHQ-9 total 14 (Moderate). An amber risk alert was raised: ..."
  static QString resultSentence(const client::EnteredResponse& entered);

 signals:
  void loaded();
  void instrumentLoaded();
  void submitted(const cft::client::EnteredResponse& entered);
  void failed(const cft::client::RpcError& error);
  void submitFailed(const cft::client::RpcError& error);

 private:
  client::ApiSession& session_;
  qint64 cohortId_;
  qint64 enrolmentId_;
  QList<client::InstrumentSummaryInfo> instruments_;
  QList<client::ScheduledTimePointInfo> timePoints_;
  std::optional<client::InstrumentInfo> instrument_;
  client::Call instrumentCall_;
  QString idempotencyKey_;
};

}  // namespace cft::clinician
