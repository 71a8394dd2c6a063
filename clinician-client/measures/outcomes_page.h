// The clinician's "Outcomes" tab: a group and one participant; the
// participant's line chart per instrument (bands shaded, reliable changes
// marked; ScoreChart, shared with the participant's own view) and paper-form
// entry for them; the group's pre–post chart and effect-size table.
#pragma once

#include <QList>
#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QVBoxLayout;

namespace cft::client {
class ApiSession;
class ErrorReporter;
class ScoreChart;
}  // namespace cft::client

namespace cft::clinician {

class OutcomesModel;
class PaperEntryDialog;
class ReportDialog;

class OutcomesPage : public QWidget {
  Q_OBJECT

 public:
  OutcomesPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  OutcomesModel* pageModel() const { return model_; }
  void chooseCohort(qint64 cohortId);
  void chooseParticipant(qint64 enrolmentId);
  // Opens the paper-form dialog for the chosen participant.
  PaperEntryDialog* enterPaperForm();
  // Opens the chosen participant's PDF report dialog.
  ReportDialog* openParticipantReport();
  const QList<client::ScoreChart*>& charts() const { return charts_; }
  QChartView* prePostChart() const { return prePost_; }

 private:
  void showParticipant();
  void showCohort();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  OutcomesModel* model_;
  QComboBox* cohort_;
  QComboBox* participant_;
  QPushButton* paper_;
  QPushButton* report_;
  QLabel* status_;
  QVBoxLayout* chartsLayout_;
  QList<client::ScoreChart*> charts_;
  QChartView* prePost_;
  QTableView* effects_;
  QLabel* note_;
};

}  // namespace cft::clinician
