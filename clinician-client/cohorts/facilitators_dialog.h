// A cohort's facilitators with their roles: add a clinician, make one the
// lead (or a co-facilitator), remove one. Stays open for several changes and
// shows the server's warnings after each (fewer than two, no lead). It owns
// its requests and its table.
#pragma once

#include <QDialog>
#include <QList>
#include <functional>

#include "client-shared/auth_types.h"
#include "client-shared/call.h"
#include "client-shared/cohort_types.h"
#include "client-shared/field_marks.h"
#include "clinician-client/table_models.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace cft::client {
class ApiSession;
class ErrorReporter;
}  // namespace cft::client

namespace cft::clinician {

class FacilitatorsDialog : public QDialog {
  Q_OBJECT

 public:
  FacilitatorsDialog(client::ApiSession& session, client::ErrorReporter& errors, const client::CohortInfo& cohort,
                     QWidget* parent);

 private:
  const client::FacilitatorInfo* selected() const;
  // One change to the cohort's facilitators, sent with the dialog's callbacks.
  using Change = std::function<client::Call(client::Done<client::CohortSaved>, client::Failed)>;
  void send(const Change& change);
  void showCohort(const client::CohortSaved& saved);
  // Active clinicians not already facilitating.
  void fillStaff();
  void updateButtons();

  client::ApiSession& session_;
  client::ErrorReporter& errors_;
  qint64 cohortId_;
  FacilitatorTableModel* model_;
  QList<client::UserInfo> clinicians_;
  client::FieldMarks fields_;
  client::Call change_;
  QTableView* table_;
  QPushButton* role_;
  QPushButton* remove_;
  QComboBox* staff_;
  QComboBox* newRole_;
  QPushButton* add_;
  QLabel* warnings_;
  QLabel* error_;
};

}  // namespace cft::clinician
