// The clinician's cohorts: the list, and for the selected cohort its
// calendar and its participants. From here a clinician plans a cohort,
// starts, completes or cancels it, manages its facilitators, records a
// session's register, moves or cancels a session, gives a participant an
// invite code or withdraws them, and exports the calendar.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QDialog;
class QLabel;
class QPushButton;
class QTableView;
class QTabWidget;

namespace cft::client {
class ApiClient;
class ErrorReporter;
struct CohortInfo;
struct ParticipantInfo;
struct RpcError;
struct SessionInfo;
}  // namespace cft::client

namespace cft::clinician {


class CohortsPage : public QWidget {
  Q_OBJECT

 public:
  CohortsPage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent = nullptr);

  void refresh();
  // Writes the selected cohort's iCalendar file to `path` (the button asks
  // for the path first); emits calendarSaved when done.
  void exportCalendarTo(const QString& path);
  void selectCohort(int row);
  void selectSession(int row);
  void selectParticipant(int row);

  QAbstractItemModel* cohortModel() const;
  QAbstractItemModel* sessionModel() const;
  QAbstractItemModel* participantModel() const;

 signals:
  void calendarSaved(const QString& path);

 private:
  void loadDetail();
  // Enables the actions the selection allows (and none while a status change runs).
  void updateActions();
  // Opens `dialog` (deleted on close); `onAccepted` runs when its call succeeded.
  void openDialog(QDialog* dialog, void (CohortsPage::*onAccepted)());
  void newCohort();
  void completeCohort();
  void cancelCohort();
  void manageFacilitators();
  void recordAttendance();
  void moveSession();
  void cancelSession();
  void createInvite();
  void withdrawParticipant();
  const client::CohortInfo* selectedCohort() const;
  const client::SessionInfo* selectedSession() const;
  const client::ParticipantInfo* selectedParticipant() const;
  qint64 selectedCohortId() const;

  client::ApiClient& api_;
  client::ErrorReporter& errors_;
  struct Models;
  Models* m_;
  QTableView* cohorts_;
  QTableView* sessions_;
  QTableView* participants_;
  QTabWidget* detail_;
  QLabel* summary_;
  QPushButton* start_;
  QPushButton* complete_;
  QPushButton* cancelCohort_;
  QPushButton* facilitators_;
  QPushButton* attendance_;
  QPushButton* moveSession_;
  QPushButton* cancelSession_;
  QPushButton* invite_;
  QPushButton* withdraw_;
  QPushButton* export_;
  int cohortsRequest_ = 0;
  int startRequest_ = 0;
  int scheduleRequest_ = 0;
  int participantsRequest_ = 0;
  int exportRequest_ = 0;
  QString exportPath_;
};

}  // namespace cft::clinician
