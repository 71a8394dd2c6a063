#include "clinician-client/cohorts_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimeEdit>
#include <QUuid>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
#include "clinician-client/call_dialog.h"
#include "clinician-client/table_models.h"

namespace cft::clinician {

struct CohortsPage::Models {
  CohortTableModel* cohorts;
  SessionTableModel* sessions;
  ParticipantTableModel* participants;
};

namespace {

QTableView* Table(const char* name, QAbstractItemModel* model) {
  auto* t = new QTableView;
  t->setObjectName(name);
  t->setModel(model);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->horizontalHeader()->setStretchLastSection(true);
  t->verticalHeader()->setVisible(false);
  return t;
}

// Plans a new cohort. The idempotency key is made once per dialog, so a
// retry after a lost reply cannot create the cohort twice.
class NewCohortDialog : public CallDialog {
 public:
  NewCohortDialog(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
      : CallDialog(api, errors, "newCohortDialog", QStringLiteral("Plan a new cohort"), QString(), parent) {
    auto* name = new QLineEdit;
    name->setObjectName("cohortNameEdit");
    auto* programme = new QComboBox;
    programme->setObjectName("templateCombo");
    auto* start = new QDateEdit(QDate::currentDate().addDays(14));
    start->setObjectName("startDateEdit");
    start->setCalendarPopup(true);
    start->setDisplayFormat("d MMMM yyyy");
    auto* weekday = new QComboBox;
    weekday->setObjectName("weekdayCombo");
    for (int d = 1; d <= 7; ++d) weekday->addItem(weekdayName(d), d);
    weekday->setCurrentIndex(1);
    auto* time = new QTimeEdit(QTime(18, 0));
    time->setObjectName("startTimeEdit");
    time->setDisplayFormat("HH:mm");
    auto* duration = new QSpinBox;
    duration->setObjectName("durationSpin");
    duration->setRange(0, 300);
    duration->setSingleStep(15);
    duration->setSpecialValueText(QStringLiteral("As the programme suggests"));
    auto* zone = new QComboBox;
    zone->setObjectName("timeZoneCombo");
    zone->setEditable(true);
    zone->addItems({"Europe/London", "Europe/Dublin", "America/New_York", "America/Chicago", "America/Los_Angeles",
                    "Australia/Sydney"});
    auto* capacity = new QSpinBox;
    capacity->setObjectName("capacitySpin");
    capacity->setRange(1, 20);
    capacity->setValue(12);
    auto* open = new QCheckBox(QStringLiteral("Open group (people may join part-way through)"));
    open->setObjectName("openGroupCheck");
    form()->addRow(QStringLiteral("Name"), name);
    form()->addRow(QStringLiteral("Programme"), programme);
    form()->addRow(QStringLiteral("First week starts"), start);
    form()->addRow(QStringLiteral("Meets on"), weekday);
    form()->addRow(QStringLiteral("At (local time)"), time);
    form()->addRow(QStringLiteral("Session length (minutes)"), duration);
    form()->addRow(QStringLiteral("Time zone"), zone);
    form()->addRow(QStringLiteral("Places"), capacity);
    form()->addRow(QString(), open);
    // One key per dialog: a retried save is not planned twice.
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    setAction(
        "createCohortButton", QStringLiteral("Plan cohort"),
        [&api, name, programme, start, weekday, time, duration, zone, capacity, open, key] {
          client::NewCohortInput in;
          in.name = name->text().trimmed();
          in.templateId = programme->currentData().toLongLong();
          in.startDate = start->date();
          in.weekday = weekday->currentData().toInt();
          in.startTime = time->time();
          in.durationMinutes = duration->value();
          in.timeZone = zone->currentText().trimmed();
          in.capacity = capacity->value();
          in.openGroup = open->isChecked();
          in.idempotencyKey = key;
          return api.createCohort(in);
        },
        &client::ApiClient::cohortSaved);
    const int templates = api.listTemplates();
    loading(templates);
    connect(&api, &client::ApiClient::templatesListed, this,
            [programme, templates](int id, const QList<client::TemplateInfo>& list) {
              if (id != templates) return;
              for (const auto& t : list) {
                programme->addItem(QStringLiteral("%1 (v%2, %3 weeks)").arg(t.title).arg(t.version).arg(t.weekCount),
                                   t.id);
              }
            });
  }
};

// One row per participant with a status each; saving records the register.
class AttendanceDialog : public CallDialog {
 public:
  AttendanceDialog(client::ApiClient& api, client::ErrorReporter& errors, const client::SessionInfo& session,
                   const QList<client::ParticipantInfo>& people, QWidget* parent)
      : CallDialog(api, errors, "attendanceDialog", QStringLiteral("Register — week %1").arg(session.week),
                   QStringLiteral("Week %1: %2\n%3").arg(session.week).arg(session.weekTitle, session.localDisplay),
                   parent) {
    QList<std::pair<qint64, QComboBox*>> rows;
    for (const client::ParticipantInfo& p : people) {
      if (p.status == QStringLiteral("Withdrawn")) continue;
      auto* combo = new QComboBox;
      combo->setObjectName(QStringLiteral("attendance_%1").arg(p.enrolmentId));
      for (client::Attendance a : {client::Attendance::Present, client::Attendance::Late, client::Attendance::Absent,
                                   client::Attendance::Excused}) {
        combo->addItem(client::attendanceLabel(a), static_cast<int>(a));
      }
      form()->addRow(p.name, combo);
      rows.append({p.enrolmentId, combo});
    }
    setAction(
        "saveAttendanceButton", QStringLiteral("Save"),
        [&api, rows, id = session.id] {
          QList<client::AttendanceMark> marks;
          for (const auto& [enrolment, combo] : rows) {
            marks.append({enrolment, static_cast<client::Attendance>(combo->currentData().toInt()), {}, {}});
          }
          return api.recordAttendance(id, marks);
        },
        &client::ApiClient::attendanceRecorded);
  }
};

// A cohort's facilitators with their roles: add a clinician, make one the
// lead (or a co-facilitator), remove one. Stays open for several changes and
// shows the server's warnings after each (fewer than two, no lead).
class FacilitatorsDialog : public QDialog {
 public:
  FacilitatorsDialog(client::ApiClient& api, client::ErrorReporter& errors, const client::CohortInfo& cohort,
                     QWidget* parent)
      : QDialog(parent), api_(api), errors_(errors), cohortId_(cohort.id), model_(makeFacilitatorModel(this)) {
    setObjectName("facilitatorsDialog");
    setWindowTitle(QStringLiteral("Facilitators — %1").arg(cohort.name));
    auto* layout = new QVBoxLayout(this);
    table_ = Table("facilitatorsTable", model_);
    layout->addWidget(table_);
    auto* rowBar = new QHBoxLayout;
    role_ = new QPushButton;
    role_->setObjectName("facilitatorRoleButton");
    remove_ = new QPushButton(QStringLiteral("Remove"));
    remove_->setObjectName("removeFacilitatorButton");
    rowBar->addStretch(1);
    rowBar->addWidget(role_);
    rowBar->addWidget(remove_);
    layout->addLayout(rowBar);
    auto* addBar = new QHBoxLayout;
    staff_ = new QComboBox;
    staff_->setObjectName("facilitatorStaffCombo");
    newRole_ = new QComboBox;
    newRole_->setObjectName("facilitatorRoleCombo");
    newRole_->addItem(facilitatorRoleLabel(false), false);
    newRole_->addItem(facilitatorRoleLabel(true), true);
    add_ = new QPushButton(QStringLiteral("Add"));
    add_->setObjectName("addFacilitatorButton");
    addBar->addWidget(staff_, 1);
    addBar->addWidget(newRole_);
    addBar->addWidget(add_);
    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("Add a clinician"), addBar);
    layout->addLayout(form);
    warnings_ = new QLabel;
    warnings_->setObjectName("facilitatorWarningsLabel");
    warnings_->setTextFormat(Qt::PlainText);
    warnings_->setWordWrap(true);
    warnings_->setVisible(false);
    layout->addWidget(warnings_);
    error_ = client::makeErrorLabel();
    layout->addWidget(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    setMinimumWidth(640);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateButtons(); });
    connect(add_, &QPushButton::clicked, this, [this] {
      send(api_.addFacilitator(cohortId_, staff_->currentData().toLongLong(), newRole_->currentData().toBool()));
    });
    connect(role_, &QPushButton::clicked, this, [this] {
      if (const auto* f = selected()) send(api_.addFacilitator(cohortId_, f->userId, !f->lead));
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
      if (const auto* f = selected()) send(api_.removeFacilitator(cohortId_, f->userId));
    });
    connect(&api_, &client::ApiClient::cohortSaved, this,
            [this](int id, const client::CohortInfo& saved, const QStringList& warnings) {
              if (id != request_) return;
              request_ = 0;
              warnings_->setText(warnings.join('\n'));
              warnings_->setVisible(!warnings.isEmpty());
              showCohort(saved);
              adjustSize();
            });
    connect(&api_, &client::ApiClient::staffListed, this, [this](int id, const QList<client::UserInfo>& staff) {
      if (id != staffRequest_) return;
      clinicians_.clear();
      for (const client::UserInfo& u : staff) {
        if (u.role == client::UserRole::Clinician && u.active) clinicians_.append(u);
      }
      staff_->setPlaceholderText(QStringLiteral("Every active clinician facilitates this cohort"));
      fillStaff();
      updateButtons();
    });
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id != request_ && id != staffRequest_) return;
      if (id == request_) request_ = 0;
      errors_.report(e, error_);
      adjustSize();
      updateButtons();
    });
    showCohort(cohort);
    staffRequest_ = api_.listStaff(false);
  }

 private:
  const client::FacilitatorInfo* selected() const { return model_->rowAt(table_->currentIndex().row()); }

  void send(int request) {
    client::ErrorReporter::clear(error_);
    request_ = request;
    updateButtons();
  }

  void showCohort(const client::CohortInfo& cohort) {
    model_->setRows(cohort.facilitators);
    table_->resizeColumnsToContents();
    fillStaff();
    updateButtons();
  }

  // Active clinicians not already facilitating.
  void fillStaff() {
    staff_->clear();
    for (const client::UserInfo& u : clinicians_) {
      const auto& rows = model_->rows();
      if (std::any_of(rows.begin(), rows.end(), [&u](const client::FacilitatorInfo& f) { return f.userId == u.id; })) {
        continue;
      }
      staff_->addItem(QStringLiteral("%1 (%2)").arg(u.displayName, u.email), u.id);
    }
    // With a placeholder the combo would otherwise show it, with nobody chosen.
    staff_->setCurrentIndex(staff_->count() > 0 ? 0 : -1);
  }

  void updateButtons() {
    const bool idle = request_ == 0;
    const auto* f = selected();
    role_->setText(f != nullptr && f->lead ? QStringLiteral("Make co-facilitator") : QStringLiteral("Make lead"));
    role_->setEnabled(idle && f != nullptr);
    remove_->setEnabled(idle && f != nullptr);
    add_->setEnabled(idle && staff_->currentIndex() >= 0);
  }

  client::ApiClient& api_;
  client::ErrorReporter& errors_;
  qint64 cohortId_;
  FacilitatorTableModel* model_;
  QList<client::UserInfo> clinicians_;
  QTableView* table_;
  QPushButton* role_;
  QPushButton* remove_;
  QComboBox* staff_;
  QComboBox* newRole_;
  QPushButton* add_;
  QLabel* warnings_;
  QLabel* error_;
  int request_ = 0;
  int staffRequest_ = 0;
};

}  // namespace

CohortsPage::CohortsPage(client::ApiClient& api, client::ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), api_(api), errors_(errors),
      m_(new Models{makeCohortModel(this), makeSessionModel(this), makeParticipantModel(this)}) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(QStringLiteral("Loading cohorts…"));
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
  cohorts_ = Table("cohortsTable", m_->cohorts);
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
  cbar->addWidget(export_);
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
  sessions_ = Table("sessionsTable", m_->sessions);
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
  participants_ = Table("participantsTable", m_->participants);
  pl->addWidget(participants_);
  detail_->addTab(peoplePane, QStringLiteral("Participants"));
  split->addWidget(detailPane);
  split->setStretchFactor(1, 2);
  layout->addWidget(split);

  connect(add, &QPushButton::clicked, this, &CohortsPage::newCohort);
  connect(refreshButton, &QPushButton::clicked, this, &CohortsPage::refresh);
  connect(cohorts_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { loadDetail(); });
  connect(sessions_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
  connect(participants_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
  connect(start_, &QPushButton::clicked, this, [this] {
    startRequest_ = api_.setCohortStatus(selectedCohortId(), QStringLiteral("Running"));
    updateActions();
  });
  connect(complete_, &QPushButton::clicked, this, &CohortsPage::completeCohort);
  connect(cancelCohort_, &QPushButton::clicked, this, &CohortsPage::cancelCohort);
  connect(facilitators_, &QPushButton::clicked, this, &CohortsPage::manageFacilitators);
  connect(attendance_, &QPushButton::clicked, this, &CohortsPage::recordAttendance);
  connect(moveSession_, &QPushButton::clicked, this, &CohortsPage::moveSession);
  connect(cancelSession_, &QPushButton::clicked, this, &CohortsPage::cancelSession);
  connect(invite_, &QPushButton::clicked, this, &CohortsPage::createInvite);
  connect(withdraw_, &QPushButton::clicked, this, &CohortsPage::withdrawParticipant);
  connect(export_, &QPushButton::clicked, this, [this] {
    const auto* c = selectedCohort();
    if (c == nullptr) return;
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save the calendar"),
                                                      c->name + QStringLiteral(".ics"),
                                                      QStringLiteral("Calendar files (*.ics)"));
    if (!path.isEmpty()) exportCalendarTo(path);
  });

  connect(&api_, &client::ApiClient::cohortsListed, this, [this](int id, const QList<client::CohortInfo>& list) {
    if (id != cohortsRequest_) return;  // a newer request is on its way
    const qint64 keep = selectedCohortId();
    m_->cohorts->setRows(list);
    cohorts_->resizeColumnsToContents();
    summary_->setText(list.isEmpty() ? QStringLiteral("No cohorts yet. Plan one to start.")
                                     : QStringLiteral("%1 cohort%2").arg(list.size()).arg(list.size() == 1 ? "" : "s"));
    int row = list.isEmpty() ? -1 : 0;
    for (int i = 0; i < list.size(); ++i) {
      if (list[i].id == keep) row = i;
    }
    if (row >= 0) selectCohort(row);
  });
  connect(&api_, &client::ApiClient::cohortSaved, this, [this](int id, const client::CohortInfo&, const QStringList& warnings) {
    if (id == startRequest_) startRequest_ = 0;
    if (!warnings.isEmpty()) errors_.report(client::RpcError{.message = warnings.join(' ')});
    refresh();
  });
  connect(&api_, &client::ApiClient::scheduleLoaded, this, [this](int id, const QList<client::SessionInfo>& list) {
    if (id != scheduleRequest_) return;
    m_->sessions->setRows(list);
    sessions_->resizeColumnsToContents();
    updateActions();
  });
  connect(&api_, &client::ApiClient::participantsListed, this, [this](int id, const QList<client::ParticipantInfo>& list) {
    if (id != participantsRequest_) return;
    m_->participants->setRows(list);
    participants_->resizeColumnsToContents();
    updateActions();
  });
  connect(&api_, &client::ApiClient::calendarExported, this, [this](int id, const client::CalendarFile& file) {
    if (id != exportRequest_) return;
    if (client::saveCalendar(file, exportPath_, errors_)) emit calendarSaved(exportPath_);
  });
  connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
    if (id == cohortsRequest_ || id == scheduleRequest_ || id == participantsRequest_ || id == exportRequest_ ||
        id == startRequest_) {
      errors_.report(e);
    }
    if (id == startRequest_) {
      startRequest_ = 0;
      updateActions();
    }
  });
  updateActions();
}

QAbstractItemModel* CohortsPage::cohortModel() const { return m_->cohorts; }
QAbstractItemModel* CohortsPage::sessionModel() const { return m_->sessions; }
QAbstractItemModel* CohortsPage::participantModel() const { return m_->participants; }

void CohortsPage::refresh() { cohortsRequest_ = api_.listCohorts(); }

const client::CohortInfo* CohortsPage::selectedCohort() const {
  return m_->cohorts->rowAt(cohorts_->currentIndex().row());
}
const client::SessionInfo* CohortsPage::selectedSession() const {
  return m_->sessions->rowAt(sessions_->currentIndex().row());
}
const client::ParticipantInfo* CohortsPage::selectedParticipant() const {
  return m_->participants->rowAt(participants_->currentIndex().row());
}

qint64 CohortsPage::selectedCohortId() const {
  const auto* c = selectedCohort();
  return c == nullptr ? 0 : c->id;
}

void CohortsPage::selectCohort(int row) {
  // Selecting the row already selected still reloads it: the caller wants fresh detail.
  if (cohorts_->currentIndex().row() == row) {
    loadDetail();
  } else {
    cohorts_->setCurrentIndex(m_->cohorts->index(row, 0));
  }
}
void CohortsPage::selectSession(int row) { sessions_->setCurrentIndex(m_->sessions->index(row, 0)); }
void CohortsPage::selectParticipant(int row) { participants_->setCurrentIndex(m_->participants->index(row, 0)); }

void CohortsPage::loadDetail() {
  const auto* c = selectedCohort();
  m_->sessions->setRows({});
  m_->participants->setRows({});
  updateActions();
  if (c == nullptr) return;
  scheduleRequest_ = api_.getSchedule(c->id);
  participantsRequest_ = api_.listParticipants(c->id);
}

void CohortsPage::updateActions() {
  const auto* c = selectedCohort();
  const QString status = c == nullptr ? QString() : c->status;
  // Completed and cancelled cohorts keep their records, but nothing about them changes.
  const bool open = status == QStringLiteral("Planned") || status == QStringLiteral("Running");
  start_->setVisible(status == QStringLiteral("Planned"));
  start_->setEnabled(startRequest_ == 0);
  complete_->setVisible(status == QStringLiteral("Running"));
  cancelCohort_->setVisible(open);
  facilitators_->setEnabled(open);
  export_->setEnabled(c != nullptr);

  const auto* s = selectedSession();
  attendance_->setEnabled(s != nullptr && s->status != QStringLiteral("Cancelled"));
  const bool ahead = open && s != nullptr && s->status == QStringLiteral("Scheduled") &&
                     s->startsAt > QDateTime::currentDateTimeUtc();
  moveSession_->setEnabled(ahead);
  cancelSession_->setEnabled(ahead);

  const auto* p = selectedParticipant();
  invite_->setEnabled(p != nullptr && p->status == QStringLiteral("Invited"));
  withdraw_->setEnabled(p != nullptr && (p->status == QStringLiteral("Invited") || p->status == QStringLiteral("Active")));
}

void CohortsPage::openDialog(QDialog* dialog, void (CohortsPage::*onAccepted)()) {
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  if (onAccepted != nullptr) connect(dialog, &QDialog::accepted, this, onAccepted);
  dialog->open();
}

void CohortsPage::newCohort() { openDialog(new NewCohortDialog(api_, errors_, this), nullptr); }

void CohortsPage::completeCohort() {
  const auto* c = selectedCohort();
  if (c == nullptr) return;
  auto* dialog = new CallDialog(
      api_, errors_, "completeCohortDialog", QStringLiteral("Complete %1").arg(c->name),
      QStringLiteral("Completing “%1” ends the programme now. Sessions still ahead are cancelled (calendars that "
                     "imported them are updated), invite codes nobody has used stop working and those places end, "
                     "and everyone taking part is marked as having completed it. Past sessions stay open, so a "
                     "register kept on paper can still be entered.")
          .arg(c->name),
      this);
  const qint64 id = c->id;
  dialog->setAction("confirmCompleteCohortButton", QStringLiteral("Complete cohort"),
                    [this, id] { return api_.setCohortStatus(id, QStringLiteral("Completed")); },
                    &client::ApiClient::cohortSaved);
  // The page refreshes on every saved cohort.
  openDialog(dialog, nullptr);
}

void CohortsPage::cancelCohort() {
  const auto* c = selectedCohort();
  if (c == nullptr) return;
  auto* dialog = new CallDialog(
      api_, errors_, "cancelCohortDialog", QStringLiteral("Cancel %1").arg(c->name),
      QStringLiteral("Cancelling “%1” stops the group. Sessions still ahead are cancelled (calendars that imported "
                     "them are updated) and invite codes nobody has used stop working. Everyone's records are kept, "
                     "and past sessions stay open so a register kept on paper can still be entered.")
          .arg(c->name),
      this);
  QPlainTextEdit* reason = dialog->addReason(QStringLiteral("Why the group is not going ahead"));
  const qint64 id = c->id;
  dialog->setAction("confirmCancelCohortButton", QStringLiteral("Cancel cohort"),
                    [this, id, reason] {
                      return api_.setCohortStatus(id, QStringLiteral("Cancelled"), reason->toPlainText().trimmed());
                    },
                    &client::ApiClient::cohortSaved);
  openDialog(dialog, nullptr);
}

void CohortsPage::manageFacilitators() {
  const auto* c = selectedCohort();
  if (c == nullptr) return;
  // Each change saves the cohort, which refreshes the page.
  openDialog(new FacilitatorsDialog(api_, errors_, *c, this), nullptr);
}

void CohortsPage::moveSession() {
  const auto* s = selectedSession();
  if (s == nullptr) return;
  auto* dialog = new CallDialog(
      api_, errors_, "moveSessionDialog", QStringLiteral("Move the week %1 session").arg(s->week),
      QStringLiteral("Week %1, %2, is planned for %3. Choose its new date and start time in the group's local time "
                     "(%4). Participants' calendars are updated.")
          .arg(s->week)
          .arg(s->weekTitle, s->localDisplay, s->timeZone),
      this);
  auto* date = new QDateEdit(s->localDate);
  date->setObjectName("newSessionDateEdit");
  date->setCalendarPopup(true);
  date->setDisplayFormat("d MMMM yyyy");
  auto* time = new QTimeEdit(s->localTime);
  time->setObjectName("newSessionTimeEdit");
  time->setDisplayFormat("HH:mm");
  auto* shift = new QCheckBox(QStringLiteral("Also move the later sessions by the same amount"));
  shift->setObjectName("shiftFollowingCheck");
  dialog->form()->addRow(QStringLiteral("New date"), date);
  dialog->form()->addRow(QStringLiteral("Starts at (local time)"), time);
  dialog->form()->addRow(QString(), shift);
  const qint64 id = s->id;
  dialog->setAction("saveMoveSessionButton", QStringLiteral("Move session"),
                    [this, id, date, time, shift] {
                      return api_.rescheduleSession(id, date->date(), time->time(), shift->isChecked());
                    },
                    &client::ApiClient::scheduleChanged);
  openDialog(dialog, &CohortsPage::loadDetail);
}

void CohortsPage::cancelSession() {
  const auto* s = selectedSession();
  if (s == nullptr) return;
  auto* dialog = new CallDialog(
      api_, errors_, "cancelSessionDialog", QStringLiteral("Cancel the week %1 session").arg(s->week),
      QStringLiteral("Week %1, %2, on %3. Participants' calendars are updated. Without the box below the group "
                     "misses this week; with it, this week's session happens a week later and every later session "
                     "moves on a week.")
          .arg(s->week)
          .arg(s->weekTitle, s->localDisplay),
      this);
  QPlainTextEdit* reason = dialog->addReason(QStringLiteral("For example: bank holiday"));
  auto* extend = new QCheckBox(QStringLiteral("Add a week at the end instead"));
  extend->setObjectName("extendProgrammeCheck");
  dialog->form()->addRow(QString(), extend);
  const qint64 id = s->id;
  dialog->setAction("confirmCancelSessionButton", QStringLiteral("Cancel session"),
                    [this, id, reason, extend] {
                      return api_.cancelSession(id, reason->toPlainText().trimmed(), extend->isChecked());
                    },
                    &client::ApiClient::scheduleChanged);
  openDialog(dialog, &CohortsPage::loadDetail);
}

void CohortsPage::withdrawParticipant() {
  const auto* p = selectedParticipant();
  if (p == nullptr) return;
  auto* dialog = new CallDialog(
      api_, errors_, "withdrawDialog", QStringLiteral("Withdraw %1").arg(p->name),
      QStringLiteral("%1's place in this group ends. Their records (attendance and anything they wrote) are kept, "
                     "but they can no longer sign in, and an invite code they have not used stops working. They "
                     "can be referred again later.")
          .arg(p->name),
      this);
  QPlainTextEdit* reason = dialog->addReason(QStringLiteral("Why they are leaving the group"));
  const qint64 id = p->enrolmentId;
  dialog->setAction("confirmWithdrawButton", QStringLiteral("Withdraw"),
                    [this, id, reason] { return api_.withdrawParticipant(id, reason->toPlainText().trimmed()); },
                    &client::ApiClient::participantWithdrawn);
  // The cohort's places change too.
  openDialog(dialog, &CohortsPage::refresh);
}

void CohortsPage::recordAttendance() {
  const auto* s = selectedSession();
  if (s == nullptr) return;
  openDialog(new AttendanceDialog(api_, errors_, *s, m_->participants->rows(), this), &CohortsPage::loadDetail);
}

void CohortsPage::createInvite() {
  const auto* p = selectedParticipant();
  if (p == nullptr) return;
  auto* dialog = new QDialog(this);
  dialog->setObjectName("inviteDialog");
  dialog->setWindowTitle(QStringLiteral("Invite code for %1").arg(p->name));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  auto* layout = new QVBoxLayout(dialog);
  auto* text = new QLabel(QStringLiteral("Creating a code…"));
  text->setWordWrap(true);
  layout->addWidget(text);
  auto* code = new QLineEdit;
  code->setObjectName("inviteCodeField");
  code->setReadOnly(true);
  code->setVisible(false);
  layout->addWidget(code);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
  const QString name = p->name;
  const int request = api_.createInvite(p->enrolmentId);
  connect(&api_, &client::ApiClient::inviteCreated, dialog,
          [this, request, text, code, name](int id, const QString& value, const QDateTime& expires) {
            if (id != request) return;
            text->setText(QStringLiteral("Give this code to %1 in person or by phone. It works once, until %2, "
                                         "and replaces any earlier code.")
                              .arg(name.toHtmlEscaped(), expires.toLocalTime().toString("d MMMM yyyy")));
            code->setText(value);
            code->setVisible(true);
            loadDetail();
          });
  connect(&api_, &client::ApiClient::requestFailed, dialog, [request, text](int id, const client::RpcError& e) {
    if (id == request) text->setText(e.message);
  });
  dialog->open();
}

void CohortsPage::exportCalendarTo(const QString& path) {
  const qint64 id = selectedCohortId();
  if (id == 0) return;
  exportPath_ = path;
  exportRequest_ = api_.exportCalendar(id);
}

}  // namespace cft::clinician
