#include "participant-client/homework/my_practice_model.h"

#include <QLocale>

#include "client-shared/api_session.h"
#include "client-shared/clock.h"
#include "client-shared/homework_api.h"
#include "client-shared/practice_log_text.h"

namespace cft::participant {

MyPracticeModel::MyPracticeModel(client::ApiSession& session, client::Clock& clock, QObject* parent)
    : QObject(parent),
      session_(session),
      clock_(clock),
      logs_(new PracticeLogTableModel(
          {
              {QStringLiteral("When"),
               [](const client::PracticeLogInfo& l) {
                 return QLocale(QLocale::English).toString(l.practisedOn, QStringLiteral("ddd d MMM")) + ' ' +
                        l.practisedAt.toString(QStringLiteral("HH:mm"));
               }},
              {QStringLiteral("Practice"), [](const client::PracticeLogInfo& l) { return l.assignmentTitle; }},
              {QStringLiteral("Minutes"), [](const client::PracticeLogInfo& l) { return l.minutes; }},
              {QStringLiteral("Helpful"),
               [](const client::PracticeLogInfo& l) { return QStringLiteral("%1 of 10").arg(l.helpfulness); }},
              {QStringLiteral("Your words"),
               [](const client::PracticeLogInfo& l) {
                 return l.shared ? QStringLiteral("Shared") : QStringLiteral("Private");
               }},
              {QStringLiteral("Feedback"),
               [](const client::PracticeLogInfo& l) {
                 const auto n = l.feedback.size();
                 return n == 0 ? QString() : n == 1 ? QStringLiteral("1 comment") : QStringLiteral("%1 comments").arg(n);
               }},
          },
          this)),
      selection_(new QItemSelectionModel(logs_, this)),
      weeks_(new WeekSummaryTableModel(
          {
              {QStringLiteral("Week"), [](const client::WeekPracticeSummary& w) { return w.week; }},
              {QStringLiteral("Practices"), [](const client::WeekPracticeSummary& w) { return w.logs; }},
              {QStringLiteral("Minutes"), [](const client::WeekPracticeSummary& w) { return w.minutes; }},
              {QStringLiteral("How helpful, on average"),
               [](const client::WeekPracticeSummary& w) -> QVariant {
                 if (!w.meanHelpfulness) return QStringLiteral("—");
                 return QStringLiteral("%1 of 10").arg(*w.meanHelpfulness, 0, 'f', 1);
               }},
          },
          this)) {
  connect(selection_, &QItemSelectionModel::currentRowChanged, this, &MyPracticeModel::selectionChanged);
}

void MyPracticeModel::refresh() { load(QString()); }

void MyPracticeModel::loadMore() {
  if (hasMore()) load(nextPage_);
}

void MyPracticeModel::load(const QString& pageToken) {
  load_.cancel();
  client::PracticeLogQuery query;
  query.pageSize = kPageSize;
  query.pageToken = pageToken;
  load_ = session_.homework().listPracticeLogs(
      query, this,
      [this, more = !pageToken.isEmpty()](const client::PracticeLogPage& page) {
        const auto* before = selectedLog();
        const qint64 keep = before == nullptr ? 0 : before->id;
        QList<client::PracticeLogInfo> rows = more ? logs_->rows() : QList<client::PracticeLogInfo>();
        rows.append(page.logs);
        logs_->setRows(rows);
        weeks_->setRows(page.weeks);
        nextPage_ = page.nextPageToken;
        loaded_ = true;
        problem_.clear();
        int row = rows.isEmpty() ? -1 : 0;
        for (int i = 0; i < rows.size(); ++i) {
          if (rows[i].id == keep) row = i;
        }
        if (row >= 0) selectLog(row);
        emit loaded();
      },
      [this](const client::RpcError& e) {
        if (!loaded_) problem_ = e.message;
        emit failed(e);
      });
}

void MyPracticeModel::selectLog(int row) {
  selection_->setCurrentIndex(logs_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

const client::PracticeLogInfo* MyPracticeModel::selectedLog() const {
  return logs_->rowAt(selection_->currentIndex().row());
}

QString MyPracticeModel::selectedHtml() const {
  const client::PracticeLogInfo* log = selectedLog();
  if (log == nullptr) return QStringLiteral("<p>Your practices appear here once you log them.</p>");
  const client::PracticeKindInfo* kind = nullptr;
  for (const client::PracticeKindInfo& k : kinds_) {
    if (k.key == log->kind) kind = &k;
  }
  return client::practiceLogHtml(*log, kind, client::LogReader::Participant);
}

QString MyPracticeModel::summary() const {
  if (!problem_.isEmpty()) return problem_;
  if (!loaded_) return QStringLiteral("Loading your practice…");
  int logs = 0, minutes = 0;
  for (const client::WeekPracticeSummary& w : weeks_->rows()) {
    logs += w.logs;
    minutes += w.minutes;
  }
  if (logs == 0) return QStringLiteral("Nothing logged yet. Your practice will show here, week by week.");
  return QStringLiteral("%1 practice%2 logged, %3 minutes in all.").arg(logs).arg(logs == 1 ? "" : "s").arg(minutes);
}

bool MyPracticeModel::canDeleteSelected() const {
  const client::PracticeLogInfo* log = selectedLog();
  return log != nullptr && log->editableUntil.isValid() && log->editableUntil > clock_.now() && !delete_.isRunning();
}

void MyPracticeModel::deleteSelected() {
  if (!canDeleteSelected()) return;
  delete_ = session_.homework().deletePracticeLog(
      selectedLog()->id, this,
      [this](qint64) {
        emit deleted();
        refresh();
      },
      [this](const client::RpcError& e) { emit failed(e); });
}

}  // namespace cft::participant
