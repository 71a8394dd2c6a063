// "Cohort report (PDF)…" and "Participant report (PDF)…": fetches what the
// report shows (a progress bar counts the answers), says in words when there
// is nothing to report, and saves the PDF to the file the clinician chooses.
// Deleted on close by its opener; UI thread only.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class ReportLoader;

class ReportDialog : public QDialog {
  Q_OBJECT

 public:
  // enrolmentId 0: the cohort report; otherwise that participant's.
  ReportDialog(client::ApiSession& session, client::ErrorReporter& errors, qint64 cohortId, qint64 enrolmentId,
               const QString& subjectName, QWidget* parent = nullptr);

  ReportLoader* loader() const { return loader_; }
  // Saves to the path in the form; false (with the reason shown) on failure.
  bool save();

 signals:
  void saved(const QString& path, int pages);

 private:
  void browse();
  void onLoaded();
  void updateSave();

  client::ErrorReporter& errors_;
  ReportLoader* loader_;
  QLabel* status_;
  QProgressBar* progress_;
  QLineEdit* path_;
  QPushButton* save_;
  bool ready_ = false;
};

}  // namespace cft::clinician
