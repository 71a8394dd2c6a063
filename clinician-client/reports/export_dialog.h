// "Export data…": what to export (this cohort, the organisation, or every
// cohort of a programme template — the last two for administrators), the
// file format ReportService offers, identified or de-identified (with one
// sentence on what de-identification does), and where to save it. A
// progress bar follows the stream; "Cancel export" cancels the RPC and
// nothing is left under the chosen name. A view over ExportModel. Deleted
// on close by its opener; UI thread only.
#pragma once

#include <QDialog>

#include "client-shared/programme_types.h"
#include "client-shared/report_types.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class ExportModel;

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  ExportDialog(client::ApiSession& session, client::ErrorReporter& errors, qint64 cohortId, const QString& cohortName,
               QWidget* parent = nullptr);

  ExportModel* model() const { return model_; }
  // What the form asks for.
  client::ExportRequestInput input() const;
  // The sentence shown beside the de-identified choice.
  static QString deidentificationSentence();

 private:
  void startExport();
  void browse();
  void suggestPath();
  void updateState();

  client::ErrorReporter& errors_;
  qint64 cohortId_;
  QString cohortName_;
  ExportModel* model_;
  QFormLayout* form_;
  QComboBox* scope_;
  QComboBox* template_;
  QComboBox* format_;
  QRadioButton* identified_;
  QRadioButton* deidentified_;
  QLineEdit* path_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* notices_;
  QPushButton* export_;
  QPushButton* cancel_;
  // The path still the one suggested: a change of format changes it too.
  bool pathSuggested_ = true;
};

}  // namespace cft::clinician
