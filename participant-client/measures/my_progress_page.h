// The participant's "My progress" tab: a chart of their own scores over time
// per questionnaire (ScoreChart, shared with the clinician's view) and a
// sentence for each score.
#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace cft::client {
class ApiSession;
class ErrorReporter;
class ScoreChart;
}  // namespace cft::client

namespace cft::participant {

class MyProgressModel;

class MyProgressPage : public QWidget {
  Q_OBJECT

 public:
  MyProgressPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent = nullptr);

  MyProgressModel* pageModel() const { return model_; }
  const QList<client::ScoreChart*>& charts() const { return charts_; }

 private:
  void update();

  MyProgressModel* model_;
  QLabel* heading_;
  QLabel* summary_;
  QVBoxLayout* chartsLayout_;
  QList<client::ScoreChart*> charts_;
};

}  // namespace cft::participant
