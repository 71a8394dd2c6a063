// What the clinician's cohorts page shows and allows, without widgets: the
// cohorts, and for the selected one its schedule and participants, with the
// selection of each (the page's tables share these selection models), and
// its homework (the heat map, the logs, the digest: CohortHomeworkModel). It
// owns its requests: a newer load replaces an older one, and none outlives
// the model. The page (a view) creates and owns it; tests drive it alone.
// UI thread only.
#pragma once

#include <QItemSelectionModel>
#include <QObject>
#include <QString>

#include "client-shared/call.h"
#include "clinician-client/cohorts/cohort_homework_model.h"
#include "clinician-client/table_models.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class CohortsPageModel : public QObject {
  Q_OBJECT

 public:
  explicit CohortsPageModel(client::ApiSession& session, QObject* parent = nullptr);

  CohortTableModel* cohorts() const { return cohorts_; }
  SessionTableModel* sessions() const { return sessions_; }
  ParticipantTableModel* participants() const { return participants_; }
  QItemSelectionModel* cohortSelection() const { return cohortSelection_; }
  QItemSelectionModel* sessionSelection() const { return sessionSelection_; }
  QItemSelectionModel* participantSelection() const { return participantSelection_; }
  // The selected cohort's homework; follows the selection.
  CohortHomeworkModel* homework() const { return homework_; }

  // Reloads the list and keeps the cohort selected (else the first).
  void refresh();
  // Selects the row and (re)loads its schedule and participants, even if it
  // was already selected: the caller wants fresh detail.
  void selectCohort(int row);
  void selectSession(int row);
  void selectParticipant(int row);
  void reloadDetail();

  const client::CohortInfo* selectedCohort() const;
  const client::SessionInfo* selectedSession() const;
  const client::ParticipantInfo* selectedParticipant() const;
  // "3 cohorts", or what to do when there are none.
  QString summary() const { return summary_; }

  // What the selection allows. Completed and cancelled cohorts keep their
  // records, but nothing about them changes.
  bool canStart() const;
  bool canComplete() const;
  bool canCancelCohort() const;
  bool canManageFacilitators() const;
  bool canExportCalendar() const;
  bool canRecordAttendance() const;
  // Sessions still ahead of an open cohort.
  bool canMoveSession() const;
  bool canCancelSession() const;
  bool canCreateInvite() const;
  bool canWithdraw() const;

  // Starts the selected planned cohort; the list reloads once it runs.
  void startSelectedCohort();
  bool isStarting() const { return start_.isRunning(); }
  // Writes the selected cohort's iCalendar file to `path`; then
  // calendarSaved, or failed.
  void exportCalendar(const QString& path);

 signals:
  // The lists, the selection or what runs changed: views update.
  void changed();
  void calendarSaved(const QString& path);
  void failed(const cft::client::RpcError& error);

 private:
  client::Failed reportFailure();

  client::ApiSession& session_;
  CohortTableModel* cohorts_;
  SessionTableModel* sessions_;
  ParticipantTableModel* participants_;
  QItemSelectionModel* cohortSelection_;
  QItemSelectionModel* sessionSelection_;
  QItemSelectionModel* participantSelection_;
  CohortHomeworkModel* homework_;
  QString summary_;
  client::Call list_;
  client::Call schedule_;
  client::Call people_;
  client::Call start_;
  client::Call export_;
};

}  // namespace cft::clinician
