// The clinician's main window: who is signed in, and one tab per area of work.
#pragma once

#include <QMainWindow>

class QLabel;
class QPushButton;
class QTabWidget;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class CohortsPage;
class OutcomesPage;
class RiskInboxPage;
class StaffPage;
class WaitlistPage;

class ClinicianWindow : public QMainWindow {
  Q_OBJECT

 public:
  ClinicianWindow(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  StaffPage* staffPage() const { return staff_; }
  CohortsPage* cohortsPage() const { return cohorts_; }
  WaitlistPage* waitlistPage() const { return waitlist_; }
  QTabWidget* tabs() const { return tabs_; }
  RiskInboxPage* riskInboxPage() const { return riskInbox_; }
  OutcomesPage* outcomesPage() const { return outcomes_; }
  // Always visible above the tabs: red, amber and overdue counts.
  QPushButton* riskBadge() const { return riskBadge_; }

 private:
  QLabel* account_;
  QTabWidget* tabs_;
  CohortsPage* cohorts_;
  WaitlistPage* waitlist_;
  StaffPage* staff_;
  RiskInboxPage* riskInbox_;
  OutcomesPage* outcomes_;
  QPushButton* riskBadge_;
};

}  // namespace cft::clinician
