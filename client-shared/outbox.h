// Writes that must reach the server exactly once although it may not be
// reachable now and the program may be closed before it is: practice logs,
// questionnaire responses. Each is kept, with the idempotency key that makes
// a repeat harmless, in a SQLite file of its owner's in the application data
// folder, durable before add() returns, and sent in the order written when
// the server answers; the server returns the first result for a repeated
// key, so an entry sent twice (the answer lost, the program closed before it
// was crossed off) still exists there once. Owned by whoever shows the
// owner's pages; UI thread only.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>

#include "client-shared/rpc_error.h"

namespace cft::client {

class Outbox : public QObject {
  Q_OBJECT

 public:
  struct Entry {
    qint64 id = 0;
    // Which sender takes it ("LogPractice").
    QString kind;
    QString idempotencyKey;
    // What the sender needs to repeat the call (a serialized request).
    QByteArray payload;
    // Shown beside it while it waits ("Soothing rhythm breathing, 10 min").
    QString label;
    QDateTime queuedAt;
    int attempts = 0;
    // Set once the server refused it for good: the sentence it gave.
    QString refusal;
  };

  enum class Outcome {
    Delivered,   // the server has it (now or from an earlier attempt)
    RetryLater,  // not reachable or not signed in: keep it and try again
    Refused,     // the server will never take it as it is: keep it, say why
  };
  // What a failed call means for its entry: kept for later when the server
  // was not reached, was busy or failed on its side (the key makes a repeat
  // harmless), refused when it answered that the entry itself is wrong.
  static Outcome outcomeOf(const RpcError& error);

  // Sends one entry and reports how it went, exactly once, on the UI thread.
  using Report = std::function<void(Outcome, const QString& reason)>;
  using Sender = std::function<void(const Entry&, Report)>;
  // Settles a failed send of entry `key` for a Sender: a refusal is reported
  // with the server's sentence after `onRefused` keeps the error; anything
  // else keeps the entry for later, and since the queue stops at its oldest
  // entry, `onWaiting` is told of every entry still waiting behind it.
  void settleFailure(const QString& key, const RpcError& error, const Report& report,
                     const std::function<void(const QString& key, const RpcError& error)>& onRefused,
                     const std::function<void(const QString& key)>& onWaiting) const;

  // The queue of `owner` (an account id) under `directory`, created on first
  // use. Null, with `error` set, when the file cannot be opened.
  static std::unique_ptr<Outbox> open(const QString& directory, const QString& owner, QString* error);
  ~Outbox() override;

  void setSender(const QString& kind, Sender sender);

  // Stores the entry (durably) and starts sending. False, with `error` set,
  // when it could not be stored; nothing is lost silently.
  bool add(const QString& kind, const QString& idempotencyKey, const QByteArray& payload, const QString& label,
           QString* error);

  // Entries still to be sent (refused ones not counted).
  int waiting() const;
  // Every entry kept, oldest first, refused ones included.
  QList<Entry> entries() const;
  // Lets go of a refused entry the person has read about.
  void discard(qint64 id);

  // Sends what waits now (a sign-in, the server reachable again, a test).
  void flush();

  // Backoff between attempts while the server cannot be reached.
  void setRetryDelays(int firstMs, int maxMs);

 signals:
  void waitingChanged(int waiting);
  void delivered(const QString& kind, const QString& idempotencyKey);
  void refused(const cft::client::Outbox::Entry& entry);

 private:
  Outbox(QString connectionName, QObject* parent = nullptr);
  QList<Entry> load(bool waitingOnly) const;
  void sendNext();
  void finished(qint64 id, Outcome outcome, const QString& reason);
  void remove(qint64 id);

  const QString connection_;
  QHash<QString, Sender> senders_;
  bool sending_ = false;
  QTimer retry_;
  int firstDelayMs_ = 1000;
  int maxDelayMs_ = 30000;
  int delayMs_ = 1000;
};

}  // namespace cft::client

Q_DECLARE_METATYPE(cft::client::Outbox::Entry)
