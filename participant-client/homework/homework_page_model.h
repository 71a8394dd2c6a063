// What the participant's "This week's practice" page shows and does,
// without widgets: their assignments (this week's first) with progress
// towards each dose, the kinds of practice whose fields the log forms are
// built from, and the logging itself. Every log goes through the offline
// outbox (durable on this computer before submit() returns, sent in order,
// each exactly once by its idempotency key), so a log made while the server
// cannot be reached waits, and is sent after a restart. Owns its requests,
// its table and the outbox; owned by the page (or a test). UI thread only.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QItemSelectionModel>
#include <QObject>
#include <QString>
#include <memory>

#include "client-shared/call.h"
#include "client-shared/homework_types.h"
#include "client-shared/list_table_model.h"
#include "client-shared/outbox.h"

namespace cft::client {
class ApiSession;
class Clock;
}  // namespace cft::client

namespace cft::participant {

using AssignmentTableModel = client::ListTableModel<client::AssignmentProgress>;

// The outbox's name for a practice log's entries.
inline constexpr const char* kLogPracticeEntry = "LogPractice";

// A stable name for the practice an assignment is, across weeks: a
// caution read for soothing rhythm breathing in week 1 has been read for
// week 2's too.
QString practiceKey(const client::AssignmentInfo& a);

class HomeworkPageModel : public QObject {
  Q_OBJECT

 public:
  // `outbox`: the participant's own queue; null when it could not be
  // opened, and `outboxProblem` says why (logging is then not offered).
  HomeworkPageModel(client::ApiSession& session, client::Clock& clock, std::unique_ptr<client::Outbox> outbox,
                    QString outboxProblem = {}, QObject* parent = nullptr);
  ~HomeworkPageModel() override;

  // Columns: practice, week, dose, done so far.
  AssignmentTableModel* assignments() const { return assignments_; }
  QItemSelectionModel* selection() const { return selection_; }
  const client::MyAssignments& mine() const { return mine_; }
  bool isLoaded() const { return loaded_; }

  void refresh();
  void selectAssignment(int row);
  const client::AssignmentProgress* selectedAssignment() const;
  const client::PracticeKindInfo* kindOf(const client::AssignmentInfo& a) const;
  client::PracticeGuide guideOf(const client::AssignmentInfo& a) const;

  // "Week 3 · your practice this week", or what is wrong.
  QString heading() const;
  // The selected practice: how much, progress, instructions, steps, caution.
  QString selectedHtml() const;

  // Now on the group's wall clock, the zone practice times are in.
  QDateTime nowLocal() const;
  // A log of `a` practised now, for `minutes`.
  client::PracticeEntry draft(const client::AssignmentInfo& a, int minutes) const;

  bool canLog() const { return outbox_ != nullptr; }
  // Stores `entry` with a new idempotency key and starts sending it;
  // returns the key, or an empty string with `error` set. Then one of
  // logDelivered, logWaiting or logRefused names the key.
  QString submit(client::PracticeEntry entry, QString* error);

  int waiting() const;
  // "Waiting to send (2)", or empty when nothing waits.
  QString waitingLabel() const;
  // Logs the server refused, kept with its reason until discarded.
  QList<client::Outbox::Entry> refusals() const;
  void discardRefusal(qint64 entryId);
  // The refused entry a form is correcting goes: the form sends anew.
  void withdrawRefused(const QString& key);
  // Practices logged today and still waiting, by assignment id.
  QHash<qint64, int> queuedToday() const;
  QString outboxProblem() const { return outboxProblem_; }
  // Sends what waits now (the window calls it when the server answers again).
  void flush();

 signals:
  void loaded();
  void selectionChanged();
  void failed(const cft::client::RpcError& error);
  void waitingChanged(int waiting);
  // The server has the log (from this attempt or an earlier one).
  void logDelivered(const QString& key, const cft::client::LoggedPractice& log);
  // The server could not be reached: the log waits on this computer.
  void logWaiting(const QString& key);
  // The server will not take it as it is; it is kept with the reason.
  void logRefused(const QString& key, const cft::client::RpcError& error);
  void refusalsChanged();

 private:
  void send(const client::Outbox::Entry& entry, client::Outbox::Report report);

  client::ApiSession& session_;
  client::Clock& clock_;
  std::unique_ptr<client::Outbox> outbox_;
  QString outboxProblem_;
  AssignmentTableModel* assignments_;
  QItemSelectionModel* selection_;
  client::MyAssignments mine_;
  bool loaded_ = false;
  QString problem_;
  client::Call load_;
  // The error behind each refusal, by key, for the form that made it.
  QHash<QString, client::RpcError> refusedErrors_;
  // Keys queued this session for today, by key: their assignment ids.
  QHash<QString, qint64> queuedToday_;
  QDate queuedDay_;
};

}  // namespace cft::participant
