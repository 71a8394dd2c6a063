// What the participant's "My practice" page shows, without widgets: their
// own logs, newest first, each with the facilitators' feedback on it, and
// minutes and helpfulness by week for the chart (and the same numbers as a
// table, for screen readers). Nothing here counts days in a row or awards
// anything for consistency (programme.md: that turns practice into a streak
// to keep). Owns its requests and tables; owned by the page (or a test). UI
// thread only.
#pragma once

#include <QItemSelectionModel>
#include <QObject>
#include <QString>

#include "client-shared/call.h"
#include "client-shared/homework_types.h"
#include "client-shared/list_table_model.h"

namespace cft::client {
class ApiSession;
class Clock;
}  // namespace cft::client

namespace cft::participant {

using PracticeLogTableModel = client::ListTableModel<client::PracticeLogInfo>;
using WeekSummaryTableModel = client::ListTableModel<client::WeekPracticeSummary>;

class MyPracticeModel : public QObject {
  Q_OBJECT

 public:
  static constexpr int kPageSize = 50;

  MyPracticeModel(client::ApiSession& session, client::Clock& clock, QObject* parent = nullptr);

  // Columns: when, practice, minutes, helpful, words, feedback.
  PracticeLogTableModel* logs() const { return logs_; }
  QItemSelectionModel* selection() const { return selection_; }
  // Columns: week, practices, minutes, mean helpfulness.
  WeekSummaryTableModel* weeks() const { return weeks_; }
  bool isLoaded() const { return loaded_; }

  // The kinds of practice, to name the fields of a log (from the homework page).
  void setKinds(const QList<client::PracticeKindInfo>& kinds) { kinds_ = kinds; }

  // The first page again.
  void refresh();
  bool hasMore() const { return !nextPage_.isEmpty(); }
  void loadMore();
  void selectLog(int row);
  const client::PracticeLogInfo* selectedLog() const;
  // The selected log: what was recorded, then the feedback on it.
  QString selectedHtml() const;
  // "12 practices logged, 85 minutes in all", or what is wrong.
  QString summary() const;

  // Own logs can be deleted for 7 days after logging.
  bool canDeleteSelected() const;
  void deleteSelected();

 signals:
  void loaded();
  void selectionChanged();
  void deleted();
  void failed(const cft::client::RpcError& error);

 private:
  void load(const QString& pageToken);

  client::ApiSession& session_;
  client::Clock& clock_;
  PracticeLogTableModel* logs_;
  QItemSelectionModel* selection_;
  WeekSummaryTableModel* weeks_;
  QList<client::PracticeKindInfo> kinds_;
  bool loaded_ = false;
  QString problem_;
  QString nextPage_;
  client::Call load_;
  client::Call delete_;
};

}  // namespace cft::participant
