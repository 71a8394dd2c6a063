#include "participant-client/measures/questionnaire_model.h"

#include <QUuid>

namespace cft::participant {

QString fallbackCrisisText() {
  return QStringLiteral(
      "If you are in danger now, or might act on thoughts of harming yourself, call 999 (UK) or 988 (US), or go to "
      "your nearest emergency department.\n"
      "For urgent help that is not an emergency, call NHS 111 (UK).\n"
      "Samaritans are there day and night on 116 123 (UK, free).\n"
      "Your answers are not watched around the clock: if you need help now, please use these numbers.");
}

QuestionnaireModel::QuestionnaireModel(client::InstrumentInfo instrument, client::DueMeasureInfo due, QObject* parent)
    : QObject(parent), instrument_(std::move(instrument)), due_(std::move(due)) {}

void QuestionnaireModel::setAnswer(const QString& itemCode, int value) {
  if (instrument_.item(itemCode) == nullptr) return;
  answers_.insert(itemCode, value);
  checkRisk();
  emit changed();
}

void QuestionnaireModel::clearAnswer(const QString& itemCode) {
  answers_.remove(itemCode);
  checkRisk();
  emit changed();
}

void QuestionnaireModel::checkRisk() {
  QSet<QString> firing;
  client::RiskTier newTier = client::RiskTier::Unknown;
  for (const client::RiskRuleInfo& r : firedRules()) {
    firing.insert(r.key);
    if (!shown_.contains(r.key) && newTier != client::RiskTier::Red) newTier = r.tier;
  }
  const bool fresh = !(firing - shown_).isEmpty();
  shown_ = firing;
  if (fresh) emit riskItemAnswered(crisisText(), newTier);
}

QString QuestionnaireModel::heading() const {
  return QStringLiteral("%1 · %2").arg(instrument_.shortName, due_.timePointLabel);
}

int QuestionnaireModel::answered() const { return client::answeredCount(instrument_, answers_); }

int QuestionnaireModel::total() const { return client::itemCount(instrument_); }

QString QuestionnaireModel::progressText() const {
  return QStringLiteral("%1 of %2 answered").arg(answered()).arg(total());
}

QString QuestionnaireModel::submitProblem() const { return client::submitProblem(instrument_, answers_); }

QString QuestionnaireModel::crisisText() const {
  return instrument_.crisisText.trimmed().isEmpty() ? fallbackCrisisText() : instrument_.crisisText;
}

client::QuestionnaireAnswers QuestionnaireModel::result(const QDateTime& completedAt) const {
  client::QuestionnaireAnswers out;
  out.instrumentKey = instrument_.key;
  out.instrumentVersion = instrument_.version;
  out.timePointKey = due_.timePointKey;
  for (const client::ItemInfo& item : instrument_.items) {
    auto it = answers_.find(item.code);
    if (it != answers_.end()) out.answers.append(client::AnswerValue{item.code, *it});
  }
  out.completedAt = completedAt;
  out.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
  return out;
}

}  // namespace cft::participant
