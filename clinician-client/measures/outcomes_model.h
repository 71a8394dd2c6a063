// The clinician's "Outcomes" page, without widgets: pick a group and one of
// its participants; the participant's scores over time per instrument (for
// the charts), and the group's pre–post summary per score with its effect
// sizes, classification counts and small-group flag (the table and the
// pre–post chart). Owns its requests and tables; owned by the page (or a
// test). UI thread only.
#pragma once

#include <QObject>

#include "client-shared/call.h"
#include "client-shared/cohort_types.h"
#include "client-shared/list_table_model.h"
#include "client-shared/measure_types.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

using EffectSizeTableModel = client::ListTableModel<client::CohortScoreOutcomeInfo>;

// Column order of the effect-size table, for views and tests.
enum EffectSizeColumn {
  kScoreColumn, kNColumn, kPreColumn, kPostColumn, kRColumn, kChangeColumn, kDavColumn, kGavColumn, kDrmColumn,
  kGrmColumn, kRecoveredColumn, kImprovedColumn, kUnchangedColumn, kDeterioratedColumn, kShareColumn, kFlagColumn
};

// "12.40 (3.10)": a mean with its SD.
QString meanSd(const std::optional<double>& mean, const std::optional<double>& sd);

class OutcomesModel : public QObject {
  Q_OBJECT

 public:
  explicit OutcomesModel(client::ApiSession& session, QObject* parent = nullptr);

  void refresh();
  const QList<client::CohortInfo>& cohorts() const { return cohorts_; }
  const QList<client::ParticipantInfo>& participants() const { return participants_; }
  qint64 cohortId() const { return cohortId_; }
  qint64 enrolmentId() const { return enrolmentId_; }

  // Loads the cohort's participants and its pre–post summary.
  void selectCohort(qint64 cohortId);
  // Loads the participant's outcomes.
  void selectParticipant(qint64 enrolmentId);

  const client::OutcomesInfo& outcomes() const { return outcomes_; }
  const client::CohortOutcomesInfo& cohortOutcomes() const { return cohortOutcomes_; }
  EffectSizeTableModel* effectSizes() const { return effects_; }
  // How the figures were worked out and what a flag means, in words.
  QString cohortNote() const;

 signals:
  void cohortsLoaded();
  void participantsLoaded();
  void outcomesLoaded();
  void cohortOutcomesLoaded();
  void failed(const cft::client::RpcError& error);

 private:
  client::ApiSession& session_;
  QList<client::CohortInfo> cohorts_;
  QList<client::ParticipantInfo> participants_;
  qint64 cohortId_ = 0;
  qint64 enrolmentId_ = 0;
  client::OutcomesInfo outcomes_;
  client::CohortOutcomesInfo cohortOutcomes_;
  EffectSizeTableModel* effects_;
  client::Call cohortsCall_, participantsCall_, outcomesCall_, cohortCall_;
};

}  // namespace cft::clinician
