// The clinician's cohorts: the list, and for the selected cohort its
// calendar and its participants. From here a clinician plans a cohort,
// starts, completes or cancels it, manages its facilitators, records a
// session's register, moves or cancels a session, gives a participant an
// invite code or withdraws them, and exports the calendar; and sees its
// homework: the adherence heat map, the practice logs (with feedback), and
// "Before the next session", the facilitator digest, one click away. A view
// over CohortsPageModel; each dialog and tab is in a file of its own beside
// this one.
#pragma once

#include <QWidget>

class QDialog;
class QLabel;
class QPushButton;
class QTableView;
class QTabWidget;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class AdherenceTab;
class CohortsPageModel;
class DigestTab;
class ExportDialog;
class PracticeLogsTab;
class ReportDialog;

class CohortsPage : public QWidget {
  Q_OBJECT

 public:
  CohortsPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  CohortsPageModel* pageModel() const { return model_; }
  QTabWidget* detailTabs() const { return detail_; }
  AdherenceTab* adherenceTab() const { return adherence_; }
  PracticeLogsTab* practiceLogsTab() const { return logs_; }
  DigestTab* digestTab() const { return digest_; }
  // "Before the next session": the digest tab, shown.
  void showDigest();
  // The selected cohort's PDF report and data export dialogs, opened.
  ReportDialog* openCohortReport();
  ExportDialog* openExport();

 private:
  // Shows the actions the selection allows.
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
  void exportCalendar();
  void refresh();
  void reloadDetail();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  CohortsPageModel* model_;
  QTableView* cohorts_;
  QTableView* sessions_;
  QTableView* participants_;
  QTabWidget* detail_;
  AdherenceTab* adherence_;
  PracticeLogsTab* logs_;
  DigestTab* digest_;
  QPushButton* digestButton_;
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
  QPushButton* report_;
  QPushButton* exportData_;
};

}  // namespace cft::clinician
