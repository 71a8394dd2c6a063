// One questionnaire being answered, without widgets: the answers so far,
// progress, whether it may be sent under the missing-item rules, and the
// moment a risk item is answered positively (riskItemAnswered, evaluated here
// from the definition's own rules, so it needs no server). Owned by its
// dialog (or a test); UI thread only.
#pragma once

#include <QObject>
#include <QSet>

#include "client-shared/measure_logic.h"
#include "client-shared/measure_types.h"

namespace cft::participant {

// Shown when a definition kept on this computer somehow has no crisis text:
// the defaults of the platform's safety rules, so resources are never missing.
QString fallbackCrisisText();

class QuestionnaireModel : public QObject {
  Q_OBJECT

 public:
  QuestionnaireModel(client::InstrumentInfo instrument, client::DueMeasureInfo due, QObject* parent = nullptr);

  const client::InstrumentInfo& instrument() const { return instrument_; }
  const client::DueMeasureInfo& due() const { return due_; }
  const client::AnswerMap& answers() const { return answers_; }

  void setAnswer(const QString& itemCode, int value);
  void clearAnswer(const QString& itemCode);

  // "PHQ-9 · Baseline".
  QString heading() const;
  int answered() const;
  int total() const;
  // "4 of 9 answered".
  QString progressText() const;
  // Empty when it may be sent; otherwise the sentence saying what is missing.
  QString submitProblem() const;
  bool canSubmit() const { return submitProblem().isEmpty(); }
  // The crisis resources to show (the organisation's, kept with the definition).
  QString crisisText() const;
  // Risk rules firing now: item rules (red first), then score rules.
  QList<client::RiskRuleInfo> firedRules() const {
    return client::firedItemRules(instrument_, answers_) + client::firedScoreRules(instrument_, answers_);
  }

  // The answers to send, completed at `completedAt`, with a new idempotency key.
  client::QuestionnaireAnswers result(const QDateTime& completedAt) const;

 signals:
  void changed();
  // A risk rule began to fire with this answer: show the crisis text now.
  void riskItemAnswered(const QString& crisisText, cft::client::RiskTier tier);

 private:
  void checkRisk();

  client::InstrumentInfo instrument_;
  client::DueMeasureInfo due_;
  client::AnswerMap answers_;
  // Rules already shown that still fire: not shown again until they stop.
  QSet<QString> shown_;
};

}  // namespace cft::participant
