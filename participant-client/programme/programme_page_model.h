// What the participant's programme page shows, without widgets: where they
// are (week n of 8, the next session in their group's local time), the
// weeks released so far (a list the page shows, with its selection), the
// chosen week's reading as HTML, and their calendar file. A week shown is a
// module opened, and the server is told (RecordModuleOpened) once. Owns its requests
// and list; owned by the page. UI thread only.
#pragma once

#include <QItemSelectionModel>
#include <QObject>
#include <QSet>
#include <QString>

#include "client-shared/calendar_types.h"
#include "client-shared/call.h"
#include "client-shared/list_table_model.h"

namespace cft::client {
class ApiSession;
}

namespace cft::participant {

using WeekListModel = client::ListTableModel<client::WeekContent>;

class ProgrammePageModel : public QObject {
  Q_OBJECT

 public:
  explicit ProgrammePageModel(client::ApiSession& session, QObject* parent = nullptr);

  // One column: "Week 1 — Safeness and what compassion is · catch-up".
  WeekListModel* weeks() const { return weeks_; }
  QItemSelectionModel* weekSelection() const { return weekSelection_; }
  const client::MyProgrammeInfo& programme() const { return programme_; }
  bool isLoaded() const { return loaded_; }

  void refresh();
  void selectWeek(int row);
  // The programme's title; the group and week ("Riverside · Week 2 of 8");
  // the next session (rich text); the selected week's reading.
  QString title() const;
  QString heading() const;
  QString nextSession() const;
  QString weekHtml() const;

  // Saves the group's sessions as an .ics file at `path`; then
  // calendarSaved, or failed.
  void exportCalendar(const QString& path);

 signals:
  // The programme arrived; the latest week is selected.
  void loaded();
  void weekChanged();
  void calendarSaved(const QString& path);
  void failed(const cft::client::RpcError& error);

 private:
  void reportOpened();

  client::ApiSession& session_;
  WeekListModel* weeks_;
  QItemSelectionModel* weekSelection_;
  client::MyProgrammeInfo programme_;
  bool loaded_ = false;
  QString problem_;
  client::Call load_;
  client::Call export_;
  // Weeks reported opened (or being reported) this session.
  QSet<int> opened_;
};

// A week's module and practices as HTML for the reading pane.
QString weekHtml(const client::WeekContent& week);

}  // namespace cft::participant
