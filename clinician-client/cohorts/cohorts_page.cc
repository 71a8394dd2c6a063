#include "clinician-client/cohorts/cohorts_page.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/call_dialog.h"
#include "clinician-client/cohorts/adherence_tab.h"
#include "clinician-client/cohorts/attendance_dialog.h"
#include "clinician-client/cohorts/cancel_cohort_dialog.h"
#include "clinician-client/cohorts/cancel_session_dialog.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "clinician-client/cohorts/cohort_homework_model.h"
#include "clinician-client/cohorts/complete_cohort_dialog.h"
#include "clinician-client/cohorts/digest_tab.h"
#include "clinician-client/cohorts/facilitators_dialog.h"
#include "clinician-client/cohorts/invite_dialog.h"
#include "clinician-client/cohorts/move_session_dialog.h"
#include "clinician-client/cohorts/new_cohort_dialog.h"
#include "clinician-client/cohorts/practice_logs_tab.h"
#include "clinician-client/cohorts/withdraw_dialog.h"
#include "clinician-client/reports/export_dialog.h"
#include "clinician-client/reports/report_dialog.h"

namespace cft::clinician {

CohortsPage::CohortsPage(client::ApiSession& session, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), session_(session), errors_(errors), model_(new CohortsPageModel(session, this)) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(model_->summary());
  summary_->setObjectName("cohortsSummary");
  bar->addWidget(summary_, 1);
  auto* add = new QPushButton(QStringLiteral("Plan a new cohort…"));
  add->setObjectName("newCohortButton");
  bar->addWidget(add);
  auto* refreshButton = new QPushButton(QStringLiteral("Refresh"));
  refreshButton->setObjectName("refreshCohortsButton");
  bar->addWidget(refreshButton);
  layout->addLayout(bar);

  auto* split = new QSplitter(Qt::Vertical);
  cohorts_ = client::makeTable("cohortsTable", model_->cohorts(), model_->cohortSelection());
  split->addWidget(cohorts_);

  // What applies to the selected cohort as a whole, above its tabs.
  auto* detailPane = new QWidget;
  auto* dl = new QVBoxLayout(detailPane);
  dl->setContentsMargins(0, 0, 0, 0);
  auto* cbar = new QHBoxLayout;
  start_ = new QPushButton(QStringLiteral("Start cohort"));
  start_->setObjectName("startCohortButton");
  complete_ = new QPushButton(QStringLiteral("Complete cohort…"));
  complete_->setObjectName("completeCohortButton");
  cancelCohort_ = new QPushButton(QStringLiteral("Cancel cohort…"));
  cancelCohort_->setObjectName("cancelCohortButton");
  facilitators_ = new QPushButton(QStringLiteral("Facilitators…"));
  facilitators_->setObjectName("facilitatorsButton");
  export_ = new QPushButton(QStringLiteral("Export calendar…"));
  export_->setObjectName("exportCalendarButton");
  cbar->addWidget(start_);
  cbar->addWidget(complete_);
  cbar->addWidget(cancelCohort_);
  cbar->addWidget(facilitators_);
  cbar->addStretch(1);
  digestButton_ = new QPushButton(QStringLiteral("Before the next session"));
  digestButton_->setObjectName("digestButton");
  digestButton_->setAccessibleName(QStringLiteral("Before the next session: the facilitator digest"));
  cbar->addWidget(digestButton_);
  cbar->addWidget(export_);
  report_ = new QPushButton(QStringLiteral("Cohort &report (PDF)…"));
  report_->setObjectName("cohortReportButton");
  cbar->addWidget(report_);
  exportData_ = new QPushButton(QStringLiteral("Export &data…"));
  exportData_->setObjectName("exportDataButton");
  cbar->addWidget(exportData_);
  dl->addLayout(cbar);
  detail_ = new QTabWidget;
  detail_->setObjectName("cohortDetailTabs");
  dl->addWidget(detail_);

  auto* schedulePane = new QWidget;
  auto* sl = new QVBoxLayout(schedulePane);
  auto* sbar = new QHBoxLayout;
  attendance_ = new QPushButton(QStringLiteral("Record attendance…"));
  attendance_->setObjectName("recordAttendanceButton");
  moveSession_ = new QPushButton(QStringLiteral("Move session…"));
  moveSession_->setObjectName("moveSessionButton");
  cancelSession_ = new QPushButton(QStringLiteral("Cancel session…"));
  cancelSession_->setObjectName("cancelSessionButton");
  sbar->addWidget(attendance_);
  sbar->addWidget(moveSession_);
  sbar->addWidget(cancelSession_);
  sbar->addStretch(1);
  sl->addLayout(sbar);
  sessions_ = client::makeTable("sessionsTable", model_->sessions(), model_->sessionSelection());
  sl->addWidget(sessions_);
  detail_->addTab(schedulePane, QStringLiteral("Schedule"));

  auto* peoplePane = new QWidget;
  auto* pl = new QVBoxLayout(peoplePane);
  auto* pbar = new QHBoxLayout;
  invite_ = new QPushButton(QStringLiteral("Give an invite code…"));
  invite_->setObjectName("createInviteButton");
  withdraw_ = new QPushButton(QStringLiteral("Withdraw…"));
  withdraw_->setObjectName("withdrawParticipantButton");
  pbar->addStretch(1);
  pbar->addWidget(invite_);
  pbar->addWidget(withdraw_);
  pl->addLayout(pbar);
  participants_ = client::makeTable("participantsTable", model_->participants(), model_->participantSelection());
  pl->addWidget(participants_);
  detail_->addTab(peoplePane, QStringLiteral("Participants"));
  adherence_ = new AdherenceTab(*model_->homework());
  detail_->addTab(adherence_, QStringLiteral("Practice"));
  logs_ = new PracticeLogsTab(session, errors, *model_->homework());
  detail_->addTab(logs_, QStringLiteral("Practice logs"));
  digest_ = new DigestTab(*model_->homework(), model_->sessions());
  detail_->addTab(digest_, QStringLiteral("Before the next session"));
  split->addWidget(detailPane);
  split->setStretchFactor(1, 2);
  layout->addWidget(split);

  connect(add, &QPushButton::clicked, this, &CohortsPage::newCohort);
  connect(refreshButton, &QPushButton::clicked, this, &CohortsPage::refresh);
  connect(start_, &QPushButton::clicked, model_, &CohortsPageModel::startSelectedCohort);
  connect(complete_, &QPushButton::clicked, this, &CohortsPage::completeCohort);
  connect(cancelCohort_, &QPushButton::clicked, this, &CohortsPage::cancelCohort);
  connect(facilitators_, &QPushButton::clicked, this, &CohortsPage::manageFacilitators);
  connect(attendance_, &QPushButton::clicked, this, &CohortsPage::recordAttendance);
  connect(moveSession_, &QPushButton::clicked, this, &CohortsPage::moveSession);
  connect(cancelSession_, &QPushButton::clicked, this, &CohortsPage::cancelSession);
  connect(invite_, &QPushButton::clicked, this, &CohortsPage::createInvite);
  connect(withdraw_, &QPushButton::clicked, this, &CohortsPage::withdrawParticipant);
  connect(export_, &QPushButton::clicked, this, &CohortsPage::exportCalendar);
  connect(digestButton_, &QPushButton::clicked, this, &CohortsPage::showDigest);
  connect(report_, &QPushButton::clicked, this, &CohortsPage::openCohortReport);
  connect(exportData_, &QPushButton::clicked, this, &CohortsPage::openExport);
  // Each homework part loads when its tab is looked at.
  connect(detail_, &QTabWidget::currentChanged, this, [this] {
    QWidget* tab = detail_->currentWidget();
    using Part = CohortHomeworkModel::Part;
    model_->homework()->setVisiblePart(tab == adherence_ ? std::optional<Part>(Part::Adherence)
                                       : tab == logs_    ? std::optional<Part>(Part::Logs)
                                       : tab == digest_  ? std::optional<Part>(Part::Digest)
                                                         : std::nullopt);
  });

  connect(model_, &CohortsPageModel::changed, this, &CohortsPage::updateActions);
  connect(model_, &CohortsPageModel::failed, this, [this](const client::RpcError& e) { errors_.report(e); });
  updateActions();
}

void CohortsPage::refresh() { model_->refresh(); }

void CohortsPage::showDigest() { detail_->setCurrentWidget(digest_); }
void CohortsPage::reloadDetail() { model_->reloadDetail(); }

void CohortsPage::updateActions() {
  summary_->setText(model_->summary());
  for (QTableView* t : {cohorts_, sessions_, participants_}) t->resizeColumnsToContents();
  start_->setVisible(model_->canStart());
  start_->setEnabled(!model_->isStarting());
  complete_->setVisible(model_->canComplete());
  cancelCohort_->setVisible(model_->canCancelCohort());
  facilitators_->setEnabled(model_->canManageFacilitators());
  export_->setEnabled(model_->canExportCalendar());
  digestButton_->setEnabled(model_->selectedCohort() != nullptr);
  report_->setEnabled(model_->selectedCohort() != nullptr);
  exportData_->setEnabled(model_->selectedCohort() != nullptr);
  attendance_->setEnabled(model_->canRecordAttendance());
  moveSession_->setEnabled(model_->canMoveSession());
  cancelSession_->setEnabled(model_->canCancelSession());
  invite_->setEnabled(model_->canCreateInvite());
  withdraw_->setEnabled(model_->canWithdraw());
}

void CohortsPage::openDialog(QDialog* dialog, void (CohortsPage::*onAccepted)()) {
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  if (onAccepted != nullptr) connect(dialog, &QDialog::accepted, this, onAccepted);
  // The server's warnings about what a dialog saved reach the status bar.
  if (auto* call = qobject_cast<CallDialog*>(dialog)) connect(call, &CallDialog::warned, &errors_, &client::ErrorReporter::warn);
  dialog->open();
}

void CohortsPage::newCohort() { openDialog(new NewCohortDialog(session_, errors_, this), &CohortsPage::refresh); }

void CohortsPage::completeCohort() {
  if (const auto* c = model_->selectedCohort()) {
    openDialog(new CompleteCohortDialog(session_, errors_, *c, this), &CohortsPage::refresh);
  }
}

void CohortsPage::cancelCohort() {
  if (const auto* c = model_->selectedCohort()) {
    openDialog(new CancelCohortDialog(session_, errors_, *c, this), &CohortsPage::refresh);
  }
}

void CohortsPage::manageFacilitators() {
  const auto* c = model_->selectedCohort();
  if (c == nullptr) return;
  // It stays open for several changes; the list shows them once it closes.
  auto* dialog = new FacilitatorsDialog(session_, errors_, *c, this);
  connect(dialog, &QDialog::finished, this, &CohortsPage::refresh);
  openDialog(dialog, nullptr);
}

void CohortsPage::recordAttendance() {
  if (const auto* s = model_->selectedSession()) {
    openDialog(new AttendanceDialog(session_, errors_, *s, model_->participants()->rows(), this),
               &CohortsPage::reloadDetail);
  }
}

void CohortsPage::moveSession() {
  if (const auto* s = model_->selectedSession()) {
    openDialog(new MoveSessionDialog(session_, errors_, *s, this), &CohortsPage::reloadDetail);
  }
}

void CohortsPage::cancelSession() {
  if (const auto* s = model_->selectedSession()) {
    openDialog(new CancelSessionDialog(session_, errors_, *s, this), &CohortsPage::reloadDetail);
  }
}

void CohortsPage::withdrawParticipant() {
  // The cohort's places change too: the whole list reloads.
  if (const auto* p = model_->selectedParticipant()) {
    openDialog(new WithdrawDialog(session_, errors_, *p, this), &CohortsPage::refresh);
  }
}

void CohortsPage::createInvite() {
  const auto* p = model_->selectedParticipant();
  if (p == nullptr) return;
  auto* dialog = new InviteDialog(session_, errors_, *p, this);
  // The participant's invite state changes as soon as the code exists.
  connect(dialog, &InviteDialog::created, this, &CohortsPage::reloadDetail);
  openDialog(dialog, nullptr);
}

void CohortsPage::exportCalendar() {
  const auto* c = model_->selectedCohort();
  if (c == nullptr) return;
  const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save the calendar"),
                                                    c->name + QStringLiteral(".ics"),
                                                    QStringLiteral("Calendar files (*.ics)"));
  if (!path.isEmpty()) model_->exportCalendar(path);
}

ReportDialog* CohortsPage::openCohortReport() {
  const auto* c = model_->selectedCohort();
  if (c == nullptr) return nullptr;
  auto* dialog = new ReportDialog(session_, errors_, c->id, 0, c->name, this);
  openDialog(dialog, nullptr);
  return dialog;
}

ExportDialog* CohortsPage::openExport() {
  const auto* c = model_->selectedCohort();
  if (c == nullptr) return nullptr;
  auto* dialog = new ExportDialog(session_, errors_, c->id, c->name, this);
  openDialog(dialog, nullptr);
  return dialog;
}

}  // namespace cft::clinician
