#include "participant-client/measures/my_progress_model.h"

#include "client-shared/api_session.h"
#include "client-shared/measure_api.h"

namespace cft::participant {
namespace {

QString points(double v) {
  const double a = std::abs(v);
  return QStringLiteral("%1 point%2").arg(QString::number(a, 'f', a == static_cast<int>(a) ? 0 : 1), a == 1 ? "" : "s");
}

}  // namespace

MyProgressModel::MyProgressModel(client::ApiSession& session, QObject* parent) : QObject(parent), session_(session) {}

void MyProgressModel::refresh() {
  load_.cancel();
  load_ = session_.measures().getOutcomes(
      0, this,
      [this](const client::OutcomesInfo& o) {
        outcomes_ = o;
        loaded_ = true;
        problem_.clear();
        emit loaded();
      },
      [this](const client::RpcError& e) {
        if (!loaded_) problem_ = e.message;
        emit failed(e);
      });
}

QString MyProgressModel::heading() const {
  if (!problem_.isEmpty()) return problem_;
  if (!loaded_) return QStringLiteral("Loading your questionnaires…");
  if (outcomes_.instruments.isEmpty()) {
    return QStringLiteral("Your scores appear here once you have filled in a questionnaire.");
  }
  return QStringLiteral("Your own scores over time. They are a guide for you and your facilitators, not a verdict.");
}

QStringList MyProgressModel::summaries() const {
  QStringList out;
  for (const client::InstrumentOutcomeInfo& i : outcomes_.instruments) {
    for (const client::ScoreSeriesInfo& s : i.scores) {
      const client::OutcomePointInfo* last = nullptr;
      for (const client::OutcomePointInfo& p : s.points) {
        if (p.value) last = &p;
      }
      if (last == nullptr) continue;
      QString line = QStringLiteral("%1: %2 at %3").arg(s.title, QString::number(*last->value, 'g', 4), last->timePointLabel);
      if (!last->bandLabel.isEmpty()) line += QStringLiteral(" (%1)").arg(last->bandLabel);
      if (last->changeFromBaseline && *last->changeFromBaseline != 0) {
        line += QStringLiteral(", %1 %2 than at the start")
                    .arg(points(*last->changeFromBaseline), *last->changeFromBaseline < 0 ? "lower" : "higher");
      }
      out << line + QLatin1Char('.');
    }
  }
  return out;
}

}  // namespace cft::participant
