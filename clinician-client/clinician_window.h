// The clinician's main window: who is signed in, and one tab per area of work.
#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class CohortsPage;
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

 private:
  QLabel* account_;
  QTabWidget* tabs_;
  CohortsPage* cohorts_;
  WaitlistPage* waitlist_;
  StaffPage* staff_;
};

}  // namespace cft::clinician
