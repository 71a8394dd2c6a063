// Qt value types of cft.v1.MeasureService: instrument definitions as the
// clients render them (items, answer boxes, scores with their missing-item
// rules and bands, risk rules, the paper form), due questionnaires, answers
// and the server's scores, outcomes over time, cohort effect sizes, and risk
// alerts. No protobuf, no gRPC. Enums carry label functions; logic compares
// the enums, never the labels.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace cft::client {

enum class Polarity { Unknown, HigherIsWorse, HigherIsBetter };

enum class RiskTier { Unknown, Amber, Red };

inline QString riskTierLabel(RiskTier t) {
  switch (t) {
    case RiskTier::Red: return QStringLiteral("Red");
    case RiskTier::Amber: return QStringLiteral("Amber");
    case RiskTier::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

enum class TimePointKind { Unknown, Baseline, Mid, Post, FollowUp, Session };

inline QString timePointKindLabel(TimePointKind k) {
  switch (k) {
    case TimePointKind::Baseline: return QStringLiteral("Before the programme");
    case TimePointKind::Mid: return QStringLiteral("During the programme");
    case TimePointKind::Post: return QStringLiteral("End of the programme");
    case TimePointKind::FollowUp: return QStringLiteral("Follow-up");
    case TimePointKind::Session: return QStringLiteral("Session check-in");
    case TimePointKind::Unknown: break;
  }
  return QStringLiteral("Questionnaire");
}

enum class DueStatus { Unknown, Upcoming, Open, Overdue };

inline QString dueStatusLabel(DueStatus s) {
  switch (s) {
    case DueStatus::Upcoming: return QStringLiteral("Opens soon");
    case DueStatus::Open: return QStringLiteral("Open");
    case DueStatus::Overdue: return QStringLiteral("Past its due time, still open");
    case DueStatus::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

enum class EntryMode { Unknown, Online, Paper };

inline QString entryModeLabel(EntryMode m) {
  switch (m) {
    case EntryMode::Online: return QStringLiteral("In the app");
    case EntryMode::Paper: return QStringLiteral("Keyed from paper");
    case EntryMode::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

enum class PaperValueMode { Unknown, BoxPosition, PrintedScore };

enum class ChangeClassification { Unknown, Recovered, Improved, Unchanged, Deteriorated, NotAvailable };

inline QString changeClassificationLabel(ChangeClassification c) {
  switch (c) {
    case ChangeClassification::Recovered: return QStringLiteral("Recovered");
    case ChangeClassification::Improved: return QStringLiteral("Reliably improved");
    case ChangeClassification::Unchanged: return QStringLiteral("No reliable change");
    case ChangeClassification::Deteriorated: return QStringLiteral("Reliably deteriorated");
    case ChangeClassification::NotAvailable: return QStringLiteral("Not available");
    case ChangeClassification::Unknown: break;
  }
  return QString();
}

enum class RiskAlertStatus { Unknown, Open, Acknowledged, Resolved };

inline QString riskAlertStatusLabel(RiskAlertStatus s) {
  switch (s) {
    case RiskAlertStatus::Open: return QStringLiteral("Not yet acknowledged");
    case RiskAlertStatus::Acknowledged: return QStringLiteral("Acknowledged");
    case RiskAlertStatus::Resolved: return QStringLiteral("Resolved");
    case RiskAlertStatus::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

// ---------------------------------------------------------------------------
// Instruments

struct InstrumentSummaryInfo {
  QString key;
  int version = 0;
  QString shortName;
  QString title;
  bool itemTextAvailable = false;
  int itemCount = 0;
  QString copyrightLine;
};

struct ResponseOptionInfo {
  int value = 0;
  QString label;
};

struct SectionInfo {
  QString key;
  QString title;
  QString instructions;
  bool optional = false;
};

struct ItemInfo {
  QString code;
  int number = 0;
  // Empty when the caller may not see it: show "Item <number>".
  QString text;
  // In box order.
  QList<ResponseOptionInfo> options;
  bool unscored = false;
  QString section;
  // Scored as min + max - value.
  bool reverseKeyed = false;
};

struct BandInfo {
  double min = 0;
  double max = 0;
  QString label;
  int severity = 0;
};

struct ScoreDefinitionInfo {
  QString key;
  QString title;
  QStringList itemCodes;
  // Unanswered items the score tolerates, and whether a response with more
  // is still accepted (without this score).
  int maxProrated = 0;
  bool acceptWithoutScore = false;
  Polarity polarity = Polarity::Unknown;
  QList<BandInfo> bands;
  bool primary = false;
  // Mean rather than sum, then times `multiplier`.
  bool mean = false;
  double multiplier = 1;
};

enum class RiskConditionKind { Unknown, Item, Score, Deterioration };

struct RiskRuleInfo {
  QString key;
  RiskTier tier = RiskTier::Unknown;
  RiskConditionKind kind = RiskConditionKind::Unknown;
  // Item conditions: an answer value in [minValue, maxValue].
  QString itemCode;
  int minValue = 0;
  int maxValue = 0;
  // Score conditions.
  QString scoreKey;
  double atLeast = 0;
  QString description;
};

struct PaperBoxInfo {
  int position = 0;
  QString label;
  int keyedValue = 0;
};

struct PaperItemInfo {
  QString itemCode;
  int number = 0;
  QList<PaperBoxInfo> boxes;
};

// One instrument version as GetInstrument gives it to this caller.
struct InstrumentInfo {
  QString key;
  int version = 0;
  QString shortName;
  QString title;
  QString instructions;
  QString copyrightLine;
  bool itemTextAvailable = false;
  QList<SectionInfo> sections;
  QList<ItemInfo> items;
  QList<ScoreDefinitionInfo> scores;
  QList<RiskRuleInfo> riskRules;
  PaperValueMode paperMode = PaperValueMode::Unknown;
  QList<PaperItemInfo> paperItems;
  // The caller's organisation's crisis resources, kept with the definition so
  // a positive risk item shows them offline too.
  QString crisisText;

  const ItemInfo* item(const QString& code) const {
    for (const ItemInfo& i : items) {
      if (i.code == code) return &i;
    }
    return nullptr;
  }
  const SectionInfo* section(const QString& k) const {
    for (const SectionInfo& s : sections) {
      if (s.key == k) return &s;
    }
    return nullptr;
  }
};

// "Item 4" where the text may not be shown.
inline QString itemLabel(const ItemInfo& item) {
  return item.text.isEmpty() ? QStringLiteral("Item %1").arg(item.number) : item.text;
}

// A GetInstrument answer with the bytes a cache keeps to read it back
// (MeasureApi::decodeInstrument) when the server cannot be reached.
struct FetchedInstrument {
  InstrumentInfo instrument;
  QByteArray encoded;
};

struct MeasureSettingsInfo {
  QString crisisText;
  int redResponseMinutes = 0;
  int amberResponseMinutes = 0;
  bool defaults = false;
};

struct ScheduledTimePointInfo {
  QString key;
  QString label;
  TimePointKind kind = TimePointKind::Unknown;
  int week = 0;
  QDateTime opensAt;
  QDateTime dueAt;
  QDateTime closesAt;
  QString dueLocal;
  QStringList instrumentKeys;
};

struct MeasurementScheduleInfo {
  qint64 cohortId = 0;
  QString timeZone;
  QList<ScheduledTimePointInfo> schedule;
};

// ---------------------------------------------------------------------------
// Due questionnaires and responses

struct DueMeasureInfo {
  QString instrumentKey;
  int instrumentVersion = 0;
  QString shortName;
  QString title;
  QString timePointKey;
  QString timePointLabel;
  TimePointKind timePointKind = TimePointKind::Unknown;
  DueStatus status = DueStatus::Unknown;
  QDateTime opensAt;
  QDateTime dueAt;
  QDateTime closesAt;
  QString dueLocal;
  QString closesLocal;
};

// A ListDueMeasures answer with the bytes a cache keeps
// (MeasureApi::decodeDueMeasures).
struct DueMeasures {
  QList<DueMeasureInfo> measures;
  QByteArray encoded;
};

struct AnswerValue {
  QString itemCode;
  // Unset: left unanswered.
  std::optional<int> value;
};

// What the participant submits: SubmitResponse, queued in the outbox.
struct QuestionnaireAnswers {
  QString instrumentKey;
  int instrumentVersion = 0;
  QString timePointKey;
  QList<AnswerValue> answers;
  // When it was completed on this computer (it may be sent later).
  QDateTime completedAt;
  // One new random key per questionnaire, kept while it is retried.
  QString idempotencyKey;
};

struct ScoreResultInfo {
  QString scoreKey;
  QString title;
  std::optional<double> value;
  int itemsAnswered = 0;
  int itemCount = 0;
  bool prorated = false;
  QString bandLabel;
  int bandSeverity = 0;
  std::optional<bool> caseness;
};

struct MeasureResponseInfo {
  qint64 id = 0;
  qint64 cohortId = 0;
  qint64 enrolmentId = 0;
  QString instrumentKey;
  int instrumentVersion = 0;
  QString timePointKey;
  QString timePointLabel;
  int week = 0;
  QDateTime completedAt;
  QDateTime submittedAt;
  EntryMode entryMode = EntryMode::Unknown;
  QList<AnswerValue> answers;
  QList<ScoreResultInfo> scores;
};

struct SubmittedResponse {
  MeasureResponseInfo response;
  bool riskRuleFired = false;
  QString crisisText;
};

// A paper form keyed in by staff (EnterResponseOnBehalf).
struct PaperFormInput {
  qint64 enrolmentId = 0;
  QString instrumentKey;
  int instrumentVersion = 0;
  QString timePointKey;
  // Must be the form's own (InstrumentInfo::paperMode).
  PaperValueMode keyedAs = PaperValueMode::Unknown;
  // Keyed numbers by item code; unset: a blank item.
  QList<AnswerValue> keyed;
  QDate completedOn;
  QString idempotencyKey;
};

struct RaisedAlertInfo {
  qint64 alertId = 0;
  RiskTier tier = RiskTier::Unknown;
  QStringList reasons;
  QDateTime dueAt;
};

struct EnteredResponse {
  MeasureResponseInfo response;
  // Set when a risk rule fired.
  std::optional<RaisedAlertInfo> alert;
};

// ---------------------------------------------------------------------------
// Outcomes

struct ReliableChangeInfo {
  QString scoreKey;
  bool available = false;
  double pointsNeeded = 0;
  QString method;
};

struct OutcomePointInfo {
  qint64 responseId = 0;
  QString timePointKey;
  QString timePointLabel;
  TimePointKind timePointKind = TimePointKind::Unknown;
  int week = 0;
  QDateTime completedAt;
  EntryMode entryMode = EntryMode::Unknown;
  std::optional<double> value;
  QString bandLabel;
  int bandSeverity = 0;
  std::optional<bool> caseness;
  std::optional<double> changeFromBaseline;
  std::optional<double> rci;
  bool reliable = false;
  ChangeClassification classification = ChangeClassification::Unknown;
};

struct ScoreSeriesInfo {
  QString scoreKey;
  QString title;
  Polarity polarity = Polarity::Unknown;
  bool primary = false;
  QList<BandInfo> bands;
  std::optional<double> casenessCutoff;
  std::optional<double> recoveryCutoff;
  QString recoveryCutoffMethod;
  ReliableChangeInfo reliableChange;
  // In time order.
  QList<OutcomePointInfo> points;
};

struct InstrumentOutcomeInfo {
  QString instrumentKey;
  QString shortName;
  QList<ScoreSeriesInfo> scores;
};

struct OutcomesInfo {
  qint64 enrolmentId = 0;
  qint64 cohortId = 0;
  QString participantName;
  QList<InstrumentOutcomeInfo> instruments;
};

struct ClassificationCountsInfo {
  int recovered = 0;
  int improved = 0;
  int unchanged = 0;
  int deteriorated = 0;
  int notAvailable = 0;
};

struct CohortScoreOutcomeInfo {
  QString instrumentKey;
  QString shortName;
  QString scoreKey;
  QString title;
  Polarity polarity = Polarity::Unknown;
  int n = 0;
  std::optional<double> preMean, preSd, postMean, postSd, r, meanImprovement;
  std::optional<double> dAv, gAv, dRm, gRm;
  ClassificationCountsInfo counts;
  std::optional<double> shareImprovedOrRecovered;
  bool smallGroup = false;
  QString method;
};

struct CohortOutcomesInfo {
  qint64 cohortId = 0;
  QString preTimePointKey;
  QString postTimePointKey;
  QList<CohortScoreOutcomeInfo> scores;
};

// ---------------------------------------------------------------------------
// Risk alerts

struct RiskAlertInfo {
  qint64 id = 0;
  qint64 cohortId = 0;
  QString cohortName;
  qint64 enrolmentId = 0;
  QString participantName;
  qint64 responseId = 0;
  QString instrumentKey;
  QString instrumentShortName;
  QString timePointLabel;
  RiskTier tier = RiskTier::Unknown;
  QStringList reasons;
  RiskAlertStatus status = RiskAlertStatus::Unknown;
  QDateTime createdAt;
  QDateTime dueAt;
  bool overdue = false;
  QDateTime acknowledgedAt;
  QString acknowledgedByName;
  QString acknowledgeNote;
  QDateTime resolvedAt;
  QString resolvedByName;
  QString resolveNote;
};

struct RiskAlertCountsInfo {
  int red = 0;
  int amber = 0;
  int overdue = 0;
};

struct RiskAlertList {
  QList<RiskAlertInfo> alerts;
  RiskAlertCountsInfo counts;
};

}  // namespace cft::client

Q_DECLARE_METATYPE(cft::client::SubmittedResponse)
Q_DECLARE_METATYPE(cft::client::RiskAlertInfo)
