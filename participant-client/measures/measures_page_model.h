// What the participant's "Questionnaires" page shows and does, without
// widgets: the questionnaires due, each labelled with its time point, and
// their definitions. Both are kept on this computer (MeasureCache) whenever
// the server gives them, so while it cannot be reached the list and the
// questionnaires still open, with the organisation's crisis text. Answers go
// through the participant's outbox for questionnaires (durable before
// submit() returns, sent in order, each exactly once by its idempotency key).
// Owns its requests, its table, the cache and the outbox; owned by the page
// (or a test). UI thread only.
#pragma once

#include <QHash>
#include <QItemSelectionModel>
#include <QObject>
#include <QSet>
#include <memory>
#include <optional>

#include "client-shared/call.h"
#include "client-shared/list_table_model.h"
#include "client-shared/measure_types.h"
#include "client-shared/outbox.h"

namespace cft::client {
class ApiSession;
class Clock;
class MeasureCache;
}  // namespace cft::client

namespace cft::participant {

using DueTableModel = client::ListTableModel<client::DueMeasureInfo>;

// The outbox's name for a questionnaire's entries.
inline constexpr const char* kSubmitResponseEntry = "SubmitResponse";

class MeasuresPageModel : public QObject {
  Q_OBJECT

 public:
  // `outbox` and `cache`: the participant's own; null when they could not be
  // opened, and `problem` says why (answering is then not offered offline).
  MeasuresPageModel(client::ApiSession& session, client::Clock& clock, std::unique_ptr<client::Outbox> outbox,
                    std::unique_ptr<client::MeasureCache> cache, QString problem = {}, QObject* parent = nullptr);
  ~MeasuresPageModel() override;

  // Columns: questionnaire, time point, due, status. Without the ones
  // answered on this computer and waiting to be sent.
  DueTableModel* due() const { return due_; }
  QItemSelectionModel* selection() const { return selection_; }
  const client::DueMeasureInfo* selectedDue() const;
  void selectDue(int row);
  bool isLoaded() const { return loaded_; }
  // The list shown is the one kept from the last time the server answered.
  bool fromCache() const { return fromCache_; }

  void refresh();
  // "2 questionnaires to fill in", what is wrong, or that nothing is due.
  QString heading() const;
  // The reminder's words for what is open now, or empty when nothing is.
  QString reminderMessage() const;

  // The definition to render `due` with: from this session, else the copy
  // kept on this computer. nullopt when neither has it yet (see
  // instrumentReady).
  std::optional<client::InstrumentInfo> instrumentFor(const client::DueMeasureInfo& due) const;

  bool canSubmit() const { return outbox_ != nullptr; }
  // Stores the answers and starts sending them; returns their key, or an
  // empty string with `error` set. Then one of responseDelivered,
  // responseWaiting or responseRefused names the key.
  QString submit(const client::QuestionnaireAnswers& answers, const QString& label, QString* error);
  int waiting() const;
  // "Questionnaires waiting to send (1)", or empty.
  QString waitingLabel() const;
  void flush();

 signals:
  void loaded();
  void failed(const cft::client::RpcError& error);
  // A definition arrived or was read from this computer.
  void instrumentReady(const QString& instrumentKey);
  void waitingChanged(int waiting);
  // The server has it; `submitted.riskRuleFired` says whether the crisis
  // text must be shown (again, if it was shown when the item was answered).
  void responseDelivered(const QString& key, const cft::client::SubmittedResponse& submitted);
  void responseWaiting(const QString& key);
  void responseRefused(const QString& key, const cft::client::RpcError& error);

 private:
  void send(const client::Outbox::Entry& entry, client::Outbox::Report report);
  void show(const QList<client::DueMeasureInfo>& measures);
  void fetchInstruments();
  static QString slot(const QString& instrumentKey, const QString& timePointKey);

  client::ApiSession& session_;
  client::Clock& clock_;
  std::unique_ptr<client::Outbox> outbox_;
  std::unique_ptr<client::MeasureCache> cache_;
  QString problem_;
  QString loadProblem_;
  DueTableModel* due_;
  QItemSelectionModel* selection_;
  QList<client::DueMeasureInfo> all_;
  QHash<QString, client::InstrumentInfo> instruments_;  // by "key/version"
  QHash<QString, client::RpcError> refusedErrors_;
  bool loaded_ = false;
  bool fromCache_ = false;
  client::Call load_;
};

}  // namespace cft::participant
