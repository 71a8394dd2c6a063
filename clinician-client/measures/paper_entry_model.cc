#include "clinician-client/measures/paper_entry_model.h"

#include <QUuid>

#include "client-shared/api_session.h"
#include "client-shared/measure_api.h"

namespace cft::clinician {

PaperEntryModel::PaperEntryModel(client::ApiSession& session, qint64 cohortId, qint64 enrolmentId, QObject* parent)
    : QObject(parent),
      session_(session),
      cohortId_(cohortId),
      enrolmentId_(enrolmentId),
      // One key for this form while it is retried; a new one once it is saved.
      idempotencyKey_(QUuid::createUuid().toString(QUuid::WithoutBraces)) {}

void PaperEntryModel::refresh() {
  auto pending = std::make_shared<int>(2);
  auto finish = [this, pending] {
    if (--*pending == 0) emit loaded();
  };
  session_.measures().listInstruments(
      this,
      [this, finish](const QList<client::InstrumentSummaryInfo>& list) {
        instruments_ = list;
        finish();
      },
      [this](const client::RpcError& e) { emit failed(e); });
  session_.measures().getMeasurementPlan(
      cohortId_, this,
      [this, finish](const client::MeasurementScheduleInfo& plan) {
        timePoints_.clear();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const client::ScheduledTimePointInfo& t : plan.schedule) {
          if (t.opensAt <= now) timePoints_.append(t);
        }
        finish();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

void PaperEntryModel::selectInstrument(const QString& key) {
  instrumentCall_.cancel();
  instrument_.reset();
  instrumentCall_ = session_.measures().getInstrument(
      key, 0, this,
      [this](const client::FetchedInstrument& f) {
        instrument_ = f.instrument;
        emit instrumentLoaded();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

client::PaperFormInput PaperEntryModel::input(const QString& timePointKey, const QHash<QString, int>& boxes,
                                              const QDate& completedOn) const {
  client::PaperFormInput in;
  in.enrolmentId = enrolmentId_;
  in.timePointKey = timePointKey;
  in.completedOn = completedOn;
  in.idempotencyKey = idempotencyKey_;
  if (!instrument_) return in;
  in.instrumentKey = instrument_->key;
  in.instrumentVersion = instrument_->version;
  in.keyedAs = instrument_->paperMode;
  for (const client::PaperItemInfo& item : instrument_->paperItems) {
    client::AnswerValue v{item.itemCode, std::nullopt};
    auto it = boxes.find(item.itemCode);
    if (it != boxes.end()) {
      for (const client::PaperBoxInfo& b : item.boxes) {
        if (b.position == *it) v.value = b.keyedValue;
      }
    }
    in.keyed.append(v);
  }
  return in;
}

void PaperEntryModel::submit(const client::PaperFormInput& input) {
  session_.measures().enterResponseOnBehalf(
      input, this,
      [this](const client::EnteredResponse& entered) {
        idempotencyKey_ = QUuid::createUuid().toString(QUuid::WithoutBraces);
        emit submitted(entered);
      },
      [this](const client::RpcError& e) { emit submitFailed(e); });
}

QString PaperEntryModel::resultSentence(const client::EnteredResponse& entered) {
  QStringList scores;
  for (const client::ScoreResultInfo& s : entered.response.scores) {
    if (!s.value) {
      scores << QStringLiteral("%1 not scored (too many items blank)").arg(s.title);
      continue;
    }
    scores << (s.bandLabel.isEmpty() ? QStringLiteral("%1 %2").arg(s.title, QString::number(*s.value, 'g', 4))
                                     : QStringLiteral("%1 %2 (%3)").arg(s.title, QString::number(*s.value, 'g', 4), s.bandLabel));
  }
  QString text = QStringLiteral("Saved: %1.").arg(scores.join(QStringLiteral("; ")));
  if (entered.alert) {
    text += QStringLiteral(" A %1 risk alert was raised: %2")
                .arg(client::riskTierLabel(entered.alert->tier).toLower(), entered.alert->reasons.join(QLatin1Char(' ')));
  }
  return text;
}

}  // namespace cft::clinician
