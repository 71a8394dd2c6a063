#include "clinician-client/cohorts/cohorts_page_model.h"

#include <QDateTime>

#include "client-shared/api_session.h"
#include "client-shared/calendar_api.h"
#include "client-shared/calendar_file.h"
#include "client-shared/cohort_api.h"

namespace cft::clinician {
namespace {

constexpr auto kSelectRow = QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;

template <typename T>
const T* currentRowOf(const client::ListTableModel<T>* model, const QItemSelectionModel* selection) {
  return model->rowAt(selection->currentIndex().row());
}

}  // namespace

CohortsPageModel::CohortsPageModel(client::ApiSession& session, QObject* parent)
    : QObject(parent),
      session_(session),
      cohorts_(makeCohortModel(this)),
      sessions_(makeSessionModel(this)),
      participants_(makeParticipantModel(this)),
      cohortSelection_(new QItemSelectionModel(cohorts_, this)),
      sessionSelection_(new QItemSelectionModel(sessions_, this)),
      participantSelection_(new QItemSelectionModel(participants_, this)),
      homework_(new CohortHomeworkModel(session, this)),
      summary_(QStringLiteral("Loading cohorts…")) {
  connect(cohortSelection_, &QItemSelectionModel::currentRowChanged, this, [this] { reloadDetail(); });
  connect(sessionSelection_, &QItemSelectionModel::currentRowChanged, this, &CohortsPageModel::changed);
  connect(participantSelection_, &QItemSelectionModel::currentRowChanged, this, &CohortsPageModel::changed);
}

client::Failed CohortsPageModel::reportFailure() {
  return [this](const client::RpcError& e) { emit failed(e); };
}

void CohortsPageModel::refresh() {
  list_.cancel();
  list_ = session_.cohorts().listCohorts(
      this,
      [this](const QList<client::CohortInfo>& list) {
        const auto* before = selectedCohort();
        const qint64 keep = before == nullptr ? 0 : before->id;
        // The reset clears the selection without a signal; selectCohort()
        // below makes it current again, which reloads the detail once.
        cohorts_->setRows(list);
        summary_ = list.isEmpty() ? QStringLiteral("No cohorts yet. Plan one to start.")
                                  : QStringLiteral("%1 cohort%2").arg(list.size()).arg(list.size() == 1 ? "" : "s");
        int row = list.isEmpty() ? -1 : 0;
        for (int i = 0; i < list.size(); ++i) {
          if (list[i].id == keep) row = i;
        }
        if (row >= 0) {
          selectCohort(row);
        } else {
          reloadDetail();
        }
        emit changed();
      },
      reportFailure());
}

void CohortsPageModel::selectCohort(int row) {
  if (cohortSelection_->currentIndex().isValid() && cohortSelection_->currentIndex().row() == row) {
    reloadDetail();
  } else {
    cohortSelection_->setCurrentIndex(cohorts_->index(row, 0), kSelectRow);
  }
}

void CohortsPageModel::selectSession(int row) { sessionSelection_->setCurrentIndex(sessions_->index(row, 0), kSelectRow); }

void CohortsPageModel::selectParticipant(int row) {
  participantSelection_->setCurrentIndex(participants_->index(row, 0), kSelectRow);
}

void CohortsPageModel::reloadDetail() {
  schedule_.cancel();
  people_.cancel();
  sessions_->setRows({});
  participants_->setRows({});
  emit changed();
  const auto* c = selectedCohort();
  homework_->setCohort(c == nullptr ? 0 : c->id, c == nullptr ? 0 : c->templateId);
  if (c == nullptr) return;
  schedule_ = session_.calendar().getSchedule(
      c->id, this,
      [this](const QList<client::SessionInfo>& list) {
        sessions_->setRows(list);
        emit changed();
      },
      reportFailure());
  people_ = session_.cohorts().listParticipants(
      c->id, this,
      [this](const QList<client::ParticipantInfo>& list) {
        participants_->setRows(list);
        emit changed();
      },
      reportFailure());
}

const client::CohortInfo* CohortsPageModel::selectedCohort() const { return currentRowOf(cohorts_, cohortSelection_); }

const client::SessionInfo* CohortsPageModel::selectedSession() const {
  return currentRowOf(sessions_, sessionSelection_);
}

const client::ParticipantInfo* CohortsPageModel::selectedParticipant() const {
  return currentRowOf(participants_, participantSelection_);
}

bool CohortsPageModel::canStart() const {
  const auto* c = selectedCohort();
  return c != nullptr && c->status == client::CohortStatus::Planned;
}

bool CohortsPageModel::canComplete() const {
  const auto* c = selectedCohort();
  return c != nullptr && c->status == client::CohortStatus::Running;
}

bool CohortsPageModel::canCancelCohort() const {
  const auto* c = selectedCohort();
  return c != nullptr && client::isOpen(c->status);
}

bool CohortsPageModel::canManageFacilitators() const { return canCancelCohort(); }

bool CohortsPageModel::canExportCalendar() const { return selectedCohort() != nullptr; }

bool CohortsPageModel::canRecordAttendance() const {
  const auto* s = selectedSession();
  return s != nullptr && s->status != client::SessionStatus::Cancelled;
}

bool CohortsPageModel::canMoveSession() const {
  const auto* c = selectedCohort();
  const auto* s = selectedSession();
  return c != nullptr && client::isOpen(c->status) && s != nullptr && s->status == client::SessionStatus::Scheduled &&
         s->startsAt > QDateTime::currentDateTimeUtc();
}

bool CohortsPageModel::canCancelSession() const { return canMoveSession(); }

bool CohortsPageModel::canCreateInvite() const {
  const auto* p = selectedParticipant();
  return p != nullptr && p->status == client::ParticipantStatus::Invited;
}

bool CohortsPageModel::canWithdraw() const {
  const auto* p = selectedParticipant();
  return p != nullptr &&
         (p->status == client::ParticipantStatus::Invited || p->status == client::ParticipantStatus::Active);
}

void CohortsPageModel::startSelectedCohort() {
  if (!canStart() || isStarting()) return;
  start_ = session_.cohorts().setCohortStatus(
      selectedCohort()->id, client::CohortStatus::Running, QString(), this,
      [this](const client::CohortSaved&) { refresh(); },
      [this](const client::RpcError& e) {
        emit changed();
        emit failed(e);
      });
  emit changed();
}

void CohortsPageModel::exportCalendar(const QString& path) {
  const auto* c = selectedCohort();
  if (c == nullptr) return;
  export_.cancel();
  export_ = session_.calendar().exportCalendar(
      c->id, this,
      [this, path](const client::CalendarFile& file) {
        QString problem;
        if (client::writeCalendarFile(file, path, &problem)) {
          emit calendarSaved(path);
        } else {
          emit failed(client::RpcError{.message = problem});
        }
      },
      reportFailure());
}

}  // namespace cft::clinician
