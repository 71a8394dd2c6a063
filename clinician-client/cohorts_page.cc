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
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimeEdit>
#include <QUuid>
#include <QVBoxLayout>

#include "client-shared/api_client.h"
#include "client-shared/error_reporter.h"
#include "client-shared/widgets.h"
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
class NewCohortDialog : public QDialog {
 public:
  NewCohortDialog(client::ApiClient& api, QWidget* parent) : QDialog(parent), api_(api) {
    setObjectName("newCohortDialog");
    setWindowTitle(QStringLiteral("Plan a new cohort"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    name_ = new QLineEdit;
    name_->setObjectName("cohortNameEdit");
    template_ = new QComboBox;
    template_->setObjectName("templateCombo");
    start_ = new QDateEdit(QDate::currentDate().addDays(14));
    start_->setObjectName("startDateEdit");
    start_->setCalendarPopup(true);
    start_->setDisplayFormat("d MMMM yyyy");
    weekday_ = new QComboBox;
    weekday_->setObjectName("weekdayCombo");
    for (int d = 1; d <= 7; ++d) weekday_->addItem(weekdayName(d), d);
    weekday_->setCurrentIndex(1);
    time_ = new QTimeEdit(QTime(18, 0));
    time_->setObjectName("startTimeEdit");
    time_->setDisplayFormat("HH:mm");
    duration_ = new QSpinBox;
    duration_->setObjectName("durationSpin");
    duration_->setRange(0, 300);
    duration_->setSingleStep(15);
    duration_->setSpecialValueText(QStringLiteral("As the programme suggests"));
    zone_ = new QComboBox;
    zone_->setObjectName("timeZoneCombo");
    zone_->setEditable(true);
    zone_->addItems({"Europe/London", "Europe/Dublin", "America/New_York", "America/Chicago", "America/Los_Angeles",
                     "Australia/Sydney"});
    capacity_ = new QSpinBox;
    capacity_->setObjectName("capacitySpin");
    capacity_->setRange(1, 20);
    capacity_->setValue(12);
    open_ = new QCheckBox(QStringLiteral("Open group (people may join part-way through)"));
    open_->setObjectName("openGroupCheck");
    form->addRow(QStringLiteral("Name"), name_);
    form->addRow(QStringLiteral("Programme"), template_);
    form->addRow(QStringLiteral("First week starts"), start_);
    form->addRow(QStringLiteral("Meets on"), weekday_);
    form->addRow(QStringLiteral("At (local time)"), time_);
    form->addRow(QStringLiteral("Session length (minutes)"), duration_);
    form->addRow(QStringLiteral("Time zone"), zone_);
    form->addRow(QStringLiteral("Places"), capacity_);
    form->addRow(QString(), open_);
    layout->addLayout(form);
    error_ = client::makeErrorLabel();
    layout->addWidget(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    create_ = buttons->button(QDialogButtonBox::Ok);
    create_->setText(QStringLiteral("Plan cohort"));
    create_->setObjectName("createCohortButton");
    layout->addWidget(buttons);
    key_ = QUuid::createUuid().toString(QUuid::WithoutBraces);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(create_, &QPushButton::clicked, this, [this] {
      client::ErrorReporter::clear(error_);
      create_->setEnabled(false);
      client::NewCohortInput in;
      in.name = name_->text().trimmed();
      in.templateId = template_->currentData().toLongLong();
      in.startDate = start_->date();
      in.weekday = weekday_->currentData().toInt();
      in.startTime = time_->time();
      in.durationMinutes = duration_->value();
      in.timeZone = zone_->currentText().trimmed();
      in.capacity = capacity_->value();
      in.openGroup = open_->isChecked();
      in.idempotencyKey = key_;
      request_ = api_.createCohort(in);
    });
    connect(&api_, &client::ApiClient::templatesListed, this, [this](int id, const QList<client::TemplateInfo>& list) {
      if (id != templatesRequest_) return;
      for (const auto& t : list) {
        template_->addItem(QStringLiteral("%1 (v%2, %3 weeks)").arg(t.title).arg(t.version).arg(t.weekCount), t.id);
      }
    });
    connect(&api_, &client::ApiClient::cohortSaved, this, [this](int id, const client::CohortInfo&, const QStringList&) {
      if (id == request_) accept();
    });
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id != request_ && id != templatesRequest_) return;
      create_->setEnabled(true);
      error_->setText(e.message);
      error_->setVisible(true);
    });
    templatesRequest_ = api_.listTemplates();
  }

 private:
  client::ApiClient& api_;
  QLineEdit* name_;
  QComboBox* template_;
  QDateEdit* start_;
  QComboBox* weekday_;
  QTimeEdit* time_;
  QSpinBox* duration_;
  QComboBox* zone_;
  QSpinBox* capacity_;
  QCheckBox* open_;
  QLabel* error_;
  QPushButton* create_;
  QString key_;
  int request_ = 0;
  int templatesRequest_ = 0;
};

// One row per participant with a status each; saving records the register.
class AttendanceDialog : public QDialog {
 public:
  AttendanceDialog(client::ApiClient& api, const client::SessionInfo& session,
                   const QList<client::ParticipantInfo>& people, QWidget* parent)
      : QDialog(parent), api_(api), session_(session) {
    setObjectName("attendanceDialog");
    setWindowTitle(QStringLiteral("Register — week %1").arg(session.week));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<b>Week %1: %2</b><br>%3")
                                     .arg(session.week)
                                     .arg(session.weekTitle.toHtmlEscaped(), session.localDisplay.toHtmlEscaped())));
    auto* form = new QFormLayout;
    for (const client::ParticipantInfo& p : people) {
      if (p.status == QStringLiteral("Withdrawn")) continue;
      auto* combo = new QComboBox;
      combo->setObjectName(QStringLiteral("attendance_%1").arg(p.enrolmentId));
      for (client::Attendance a : {client::Attendance::Present, client::Attendance::Late, client::Attendance::Absent,
                                   client::Attendance::Excused}) {
        combo->addItem(client::attendanceLabel(a), static_cast<int>(a));
      }
      form->addRow(p.name, combo);
      rows_.append({p.enrolmentId, combo});
    }
    layout->addLayout(form);
    error_ = client::makeErrorLabel();
    layout->addWidget(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    save_ = buttons->button(QDialogButtonBox::Save);
    save_->setObjectName("saveAttendanceButton");
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(save_, &QPushButton::clicked, this, [this] {
      client::ErrorReporter::clear(error_);
      QList<client::AttendanceMark> marks;
      for (const auto& [enrolment, combo] : rows_) {
        marks.append({enrolment, static_cast<client::Attendance>(combo->currentData().toInt()), {}, {}});
      }
      save_->setEnabled(false);
      request_ = api_.recordAttendance(session_.id, marks);
    });
    connect(&api_, &client::ApiClient::attendanceRecorded, this, [this](int id, const QList<client::AttendanceMark>&) {
      if (id == request_) accept();
    });
    connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
      if (id != request_) return;
      save_->setEnabled(true);
      error_->setText(e.message);
      error_->setVisible(true);
    });
  }

 private:
  client::ApiClient& api_;
  client::SessionInfo session_;
  QList<std::pair<qint64, QComboBox*>> rows_;
  QLabel* error_;
  QPushButton* save_;
  int request_ = 0;
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
  detail_ = new QTabWidget;
  detail_->setObjectName("cohortDetailTabs");

  auto* schedulePane = new QWidget;
  auto* sl = new QVBoxLayout(schedulePane);
  auto* sbar = new QHBoxLayout;
  start_ = new QPushButton(QStringLiteral("Start cohort"));
  start_->setObjectName("startCohortButton");
  attendance_ = new QPushButton(QStringLiteral("Record attendance…"));
  attendance_->setObjectName("recordAttendanceButton");
  export_ = new QPushButton(QStringLiteral("Export calendar…"));
  export_->setObjectName("exportCalendarButton");
  sbar->addWidget(start_);
  sbar->addWidget(attendance_);
  sbar->addStretch(1);
  sbar->addWidget(export_);
  sl->addLayout(sbar);
  sessions_ = Table("sessionsTable", m_->sessions);
  sl->addWidget(sessions_);
  detail_->addTab(schedulePane, QStringLiteral("Schedule"));

  auto* peoplePane = new QWidget;
  auto* pl = new QVBoxLayout(peoplePane);
  auto* pbar = new QHBoxLayout;
  invite_ = new QPushButton(QStringLiteral("Give an invite code…"));
  invite_->setObjectName("createInviteButton");
  pbar->addStretch(1);
  pbar->addWidget(invite_);
  pl->addLayout(pbar);
  participants_ = Table("participantsTable", m_->participants);
  pl->addWidget(participants_);
  detail_->addTab(peoplePane, QStringLiteral("Participants"));
  split->addWidget(detail_);
  split->setStretchFactor(1, 2);
  layout->addWidget(split);

  for (QPushButton* b : {start_, attendance_, invite_, export_}) b->setEnabled(false);

  connect(add, &QPushButton::clicked, this, &CohortsPage::newCohort);
  connect(refreshButton, &QPushButton::clicked, this, &CohortsPage::refresh);
  connect(cohorts_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { loadDetail(); });
  connect(sessions_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
    const auto* s = m_->sessions->rowAt(i.row());
    attendance_->setEnabled(s != nullptr && s->status != QStringLiteral("Cancelled"));
  });
  connect(participants_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
    const auto* p = m_->participants->rowAt(i.row());
    invite_->setEnabled(p != nullptr && p->status == QStringLiteral("Invited"));
  });
  connect(start_, &QPushButton::clicked, this, [this] { api_.setCohortRunning(selectedCohortId()); });
  connect(attendance_, &QPushButton::clicked, this, &CohortsPage::recordAttendance);
  connect(invite_, &QPushButton::clicked, this, &CohortsPage::createInvite);
  connect(export_, &QPushButton::clicked, this, [this] {
    const auto* c = m_->cohorts->rowAt(cohorts_->currentIndex().row());
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
  connect(&api_, &client::ApiClient::cohortSaved, this, [this](int, const client::CohortInfo&, const QStringList& warnings) {
    if (!warnings.isEmpty()) errors_.report(client::RpcError{.message = warnings.join(' ')});
    refresh();
  });
  connect(&api_, &client::ApiClient::scheduleLoaded, this, [this](int id, const QList<client::SessionInfo>& list) {
    if (id != scheduleRequest_) return;
    m_->sessions->setRows(list);
    sessions_->resizeColumnsToContents();
  });
  connect(&api_, &client::ApiClient::participantsListed, this, [this](int id, const QList<client::ParticipantInfo>& list) {
    if (id != participantsRequest_) return;
    m_->participants->setRows(list);
    participants_->resizeColumnsToContents();
  });
  connect(&api_, &client::ApiClient::calendarExported, this, [this](int id, const client::CalendarFile& file) {
    if (id != exportRequest_) return;
    if (client::saveCalendar(file, exportPath_, errors_)) emit calendarSaved(exportPath_);
  });
  connect(&api_, &client::ApiClient::requestFailed, this, [this](int id, const client::RpcError& e) {
    if (id == cohortsRequest_ || id == scheduleRequest_ || id == participantsRequest_ || id == exportRequest_) {
      errors_.report(e);
    }
  });
}

QAbstractItemModel* CohortsPage::cohortModel() const { return m_->cohorts; }
QAbstractItemModel* CohortsPage::sessionModel() const { return m_->sessions; }
QAbstractItemModel* CohortsPage::participantModel() const { return m_->participants; }

void CohortsPage::refresh() { cohortsRequest_ = api_.listCohorts(); }

qint64 CohortsPage::selectedCohortId() const {
  const auto* c = m_->cohorts->rowAt(cohorts_->currentIndex().row());
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
  const auto* c = m_->cohorts->rowAt(cohorts_->currentIndex().row());
  m_->sessions->setRows({});
  m_->participants->setRows({});
  start_->setVisible(c != nullptr && c->status == QStringLiteral("Planned"));
  start_->setEnabled(c != nullptr);
  export_->setEnabled(c != nullptr);
  attendance_->setEnabled(false);
  invite_->setEnabled(false);
  if (c == nullptr) return;
  scheduleRequest_ = api_.getSchedule(c->id);
  participantsRequest_ = api_.listParticipants(c->id);
}

void CohortsPage::newCohort() {
  auto* dialog = new NewCohortDialog(api_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
}

void CohortsPage::recordAttendance() {
  const auto* s = m_->sessions->rowAt(sessions_->currentIndex().row());
  if (s == nullptr) return;
  auto* dialog = new AttendanceDialog(api_, *s, m_->participants->rows(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, &CohortsPage::loadDetail);
  dialog->open();
}

void CohortsPage::createInvite() {
  const auto* p = m_->participants->rowAt(participants_->currentIndex().row());
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
