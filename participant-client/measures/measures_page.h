// The participant's "Questionnaires" tab: what is due, labelled with its
// time point, and the questionnaire itself (QuestionnaireDialog). Answers are
// queued on this computer and sent when the server can be reached; the
// crisis dialog shows when a risk item is answered and again if the server
// says a rule fired that the answers alone did not show (a total).
#pragma once

#include <QPointer>
#include <QSet>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace cft::client {
class ApiSession;
class Clock;
class ErrorReporter;
class MeasureCache;
class Outbox;
}  // namespace cft::client

namespace cft::participant {

class CrisisDialog;
class MeasuresPageModel;
class QuestionnaireDialog;

class MeasuresPage : public QWidget {
  Q_OBJECT

 public:
  MeasuresPage(client::ApiSession& session, client::ErrorReporter& errors, client::Clock& clock,
               std::unique_ptr<client::Outbox> outbox, std::unique_ptr<client::MeasureCache> cache,
               const QString& problem, QWidget* parent = nullptr);

  MeasuresPageModel* pageModel() const { return model_; }
  // Opens the selected questionnaire (the Answer button).
  void answerSelected();
  // The questionnaire open now, and the crisis dialog the page showed last
  // while it is open; null otherwise.
  QuestionnaireDialog* questionnaire() const;
  CrisisDialog* crisisDialog() const;

 private:
  void update();

  client::ErrorReporter& errors_;
  client::Clock& clock_;
  MeasuresPageModel* model_;
  QLabel* heading_;
  QTableView* table_;
  QPushButton* answer_;
  QLabel* status_;
  QPointer<QuestionnaireDialog> questionnaire_;
  QPointer<CrisisDialog> crisis_;
  // Keys of submissions whose crisis text was already shown on this computer.
  QSet<QString> crisisShown_;
};

}  // namespace cft::participant
