// "Before the next session": the facilitator digest for the selected
// cohort's next session, or one chosen from its schedule: early warnings
// with their reasons, who practised against the dose, who has not opened
// the week's module, who missed the last session. A view over
// CohortHomeworkModel.
#pragma once

#include <QWidget>

#include "clinician-client/table_models.h"

class QComboBox;
class QTextBrowser;

namespace cft::clinician {

class CohortHomeworkModel;

class DigestTab : public QWidget {
  Q_OBJECT

 public:
  DigestTab(CohortHomeworkModel& model, SessionTableModel* sessions, QWidget* parent = nullptr);

 private:
  void fillSessions();
  void render();

  CohortHomeworkModel& model_;
  SessionTableModel* sessions_;
  QComboBox* session_;
  QTextBrowser* view_;
};

}  // namespace cft::clinician
