// "My practice": minutes and helpfulness over the weeks as a chart (bars
// for minutes, a dashed line with points for helpfulness, each value written
// on it, so colour never carries the meaning alone), the same numbers as a
// table, and the participant's logs with the feedback facilitators gave on
// each, shown with the log it answers. No streaks and no badges. A view over
// MyPracticeModel.
#pragma once

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace cft::client {
class ApiSession;
class Clock;
class ErrorReporter;
}  // namespace cft::client

namespace cft::participant {

class MyPracticeModel;

class MyPracticePage : public QWidget {
  Q_OBJECT

 public:
  MyPracticePage(client::ApiSession& session, client::ErrorReporter& errors, client::Clock& clock,
                 QWidget* parent = nullptr);

  MyPracticeModel* pageModel() const { return model_; }
  QChart* chart() const { return chart_; }

 private:
  void render();
  void rebuildChart();
  void confirmDelete();

  client::ErrorReporter& errors_;
  MyPracticeModel* model_;
  QLabel* summary_;
  QChart* chart_;
  QChartView* chartView_;
  QTableView* weeks_;
  QTableView* logs_;
  QTextBrowser* detail_;
  QPushButton* more_;
  QPushButton* delete_;
};

}  // namespace cft::participant
