#include "clinician-client/measures/outcomes_model.h"

#include "client-shared/api_session.h"
#include "client-shared/cohort_api.h"
#include "client-shared/measure_api.h"
#include "client-shared/measure_logic.h"

namespace cft::clinician {

using client::CohortScoreOutcomeInfo;
using client::figure;

QString meanSd(const std::optional<double>& mean, const std::optional<double>& sd) {
  if (!mean) return QStringLiteral("—");
  return sd ? QStringLiteral("%1 (%2)").arg(figure(mean), figure(sd)) : figure(mean);
}

OutcomesModel::OutcomesModel(client::ApiSession& session, QObject* parent)
    : QObject(parent),
      session_(session),
      effects_(new EffectSizeTableModel(
          {
              {QStringLiteral("Score"),
               [](const CohortScoreOutcomeInfo& s) { return QStringLiteral("%1 · %2").arg(s.shortName, s.title); }},
              {QStringLiteral("n"), [](const CohortScoreOutcomeInfo& s) { return s.n; }},
              {QStringLiteral("Pre mean (SD)"), [](const CohortScoreOutcomeInfo& s) { return meanSd(s.preMean, s.preSd); }},
              {QStringLiteral("Post mean (SD)"),
               [](const CohortScoreOutcomeInfo& s) { return meanSd(s.postMean, s.postSd); }},
              {QStringLiteral("r"), [](const CohortScoreOutcomeInfo& s) { return figure(s.r); }},
              {QStringLiteral("Mean improvement"), [](const CohortScoreOutcomeInfo& s) { return figure(s.meanImprovement); }},
              {QStringLiteral("d_av"), [](const CohortScoreOutcomeInfo& s) { return figure(s.dAv); }},
              {QStringLiteral("Hedges' g_av"), [](const CohortScoreOutcomeInfo& s) { return figure(s.gAv); }},
              {QStringLiteral("d_rm"), [](const CohortScoreOutcomeInfo& s) { return figure(s.dRm); }},
              {QStringLiteral("Hedges' g_rm"), [](const CohortScoreOutcomeInfo& s) { return figure(s.gRm); }},
              {QStringLiteral("Recovered"), [](const CohortScoreOutcomeInfo& s) { return s.counts.recovered; }},
              {QStringLiteral("Improved"), [](const CohortScoreOutcomeInfo& s) { return s.counts.improved; }},
              {QStringLiteral("Unchanged"), [](const CohortScoreOutcomeInfo& s) { return s.counts.unchanged; }},
              {QStringLiteral("Deteriorated"), [](const CohortScoreOutcomeInfo& s) { return s.counts.deteriorated; }},
              {QStringLiteral("Improved or recovered"),
               [](const CohortScoreOutcomeInfo& s) {
                 return s.shareImprovedOrRecovered ? QStringLiteral("%1%").arg(qRound(*s.shareImprovedOrRecovered * 100))
                                                   : QStringLiteral("—");
               }},
              {QStringLiteral("Note"),
               [](const CohortScoreOutcomeInfo& s) {
                 return s.smallGroup ? QStringLiteral("Small group (n < 5): interpret with care") : QString();
               }},
          },
          this)) {}

void OutcomesModel::refresh() {
  cohortsCall_.cancel();
  cohortsCall_ = session_.cohorts().listCohorts(
      this,
      [this](const QList<client::CohortInfo>& cohorts) {
        cohorts_ = cohorts;
        emit cohortsLoaded();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

void OutcomesModel::selectCohort(qint64 cohortId) {
  cohortId_ = cohortId;
  participants_.clear();
  cohortOutcomes_ = {};
  effects_->setRows({});
  participantsCall_.cancel();
  cohortCall_.cancel();
  if (cohortId == 0) return;
  participantsCall_ = session_.cohorts().listParticipants(
      cohortId, this,
      [this](const QList<client::ParticipantInfo>& people) {
        participants_ = people;
        emit participantsLoaded();
      },
      [this](const client::RpcError& e) { emit failed(e); });
  cohortCall_ = session_.measures().getCohortOutcomes(
      cohortId, QString(), QString(), this,
      [this](const client::CohortOutcomesInfo& o) {
        cohortOutcomes_ = o;
        effects_->setRows(o.scores);
        emit cohortOutcomesLoaded();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

void OutcomesModel::selectParticipant(qint64 enrolmentId) {
  enrolmentId_ = enrolmentId;
  outcomes_ = {};
  outcomesCall_.cancel();
  if (enrolmentId == 0) return;
  outcomesCall_ = session_.measures().getOutcomes(
      enrolmentId, this,
      [this](const client::OutcomesInfo& o) {
        outcomes_ = o;
        emit outcomesLoaded();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

QString OutcomesModel::cohortNote() const {
  if (cohortId_ == 0) return QStringLiteral("Choose a group to see its pre–post summary.");
  if (cohortOutcomes_.scores.isEmpty()) {
    return QStringLiteral("No participant of this group has both a %1 and a %2 score yet.")
        .arg(cohortOutcomes_.preTimePointKey.isEmpty() ? QStringLiteral("baseline") : cohortOutcomes_.preTimePointKey,
             cohortOutcomes_.postTimePointKey.isEmpty() ? QStringLiteral("post") : cohortOutcomes_.postTimePointKey);
  }
  QString note = QStringLiteral("From %1 to %2; only participants with both count. Improvement is positive whatever "
                                "the direction of the scale.")
                     .arg(cohortOutcomes_.preTimePointKey, cohortOutcomes_.postTimePointKey);
  QStringList methods;
  for (const CohortScoreOutcomeInfo& s : cohortOutcomes_.scores) {
    if (!s.method.isEmpty() && !methods.contains(s.method)) methods << s.method;
  }
  if (!methods.isEmpty()) note += QLatin1Char(' ') + methods.join(QLatin1Char(' '));
  return note;
}

}  // namespace cft::clinician
