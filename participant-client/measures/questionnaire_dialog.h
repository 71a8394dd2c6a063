// Answering one questionnaire: every item on one scrollable page (radio
// buttons per item, reachable by keyboard: Tab between items, arrows within
// one), progress, the instrument's copyright line where it has one, and Send
// enabled only when the missing-item rules allow. A risk item answered
// positively opens the crisis dialog at once. Accepted when Send is chosen;
// the page then queues the answers.
#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

#include "client-shared/measure_types.h"

class QButtonGroup;
class QLabel;
class QProgressBar;
class QPushButton;

namespace cft::participant {

class CrisisDialog;
class QuestionnaireModel;

class QuestionnaireDialog : public QDialog {
  Q_OBJECT

 public:
  QuestionnaireDialog(const client::InstrumentInfo& instrument, const client::DueMeasureInfo& due,
                      QWidget* parent = nullptr);

  QuestionnaireModel* model() const { return model_; }
  // Chooses the box of `value` for `itemCode`, as a click would.
  void choose(const QString& itemCode, int value);
  // The crisis dialog this questionnaire showed last, while it is open.
  CrisisDialog* crisisDialog() const;

 private:
  void update();

  QuestionnaireModel* model_;
  QHash<QString, QButtonGroup*> groups_;
  QProgressBar* progress_;
  QLabel* progressLabel_;
  QLabel* problem_;
  QPushButton* send_;
  QPointer<CrisisDialog> crisis_;
};

}  // namespace cft::participant
