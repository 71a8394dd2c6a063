#include "client-shared/outbox.h"

#include <QDir>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace cft::client {
namespace {

QSqlDatabase db(const QString& connection) { return QSqlDatabase::database(connection, false); }

bool exec(QSqlQuery& q, QString* error) {
  if (q.exec()) return true;
  if (error != nullptr) *error = q.lastError().text();
  return false;
}

}  // namespace

std::unique_ptr<Outbox> Outbox::open(const QString& directory, const QString& owner, QString* error) {
  if (!QDir().mkpath(directory)) {
    *error = QStringLiteral("The folder %1 could not be made.").arg(directory);
    return nullptr;
  }
  // One connection per queue object: Qt SQL connections are named globally.
  const QString connection = QStringLiteral("cft-outbox-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
  QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
  database.setDatabaseName(QDir(directory).filePath(QStringLiteral("outbox-%1.sqlite").arg(owner)));
  std::unique_ptr<Outbox> box(new Outbox(connection));
  if (!database.open()) {
    *error = QStringLiteral("Saved entries could not be opened: %1").arg(database.lastError().text());
    return nullptr;
  }
  QSqlQuery q(database);
  // FULL: a commit is on disk before add() returns, so closing the program
  // (or a power cut) right after loses nothing that was acknowledged.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"}) {
    if (!q.exec(QString::fromLatin1(pragma))) {
      *error = q.lastError().text();
      return nullptr;
    }
  }
  if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS outbox ("
                             " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                             " kind TEXT NOT NULL,"
                             " idempotency_key TEXT NOT NULL UNIQUE,"
                             " payload BLOB NOT NULL,"
                             " label TEXT NOT NULL,"
                             " queued_at TEXT NOT NULL,"
                             " attempts INTEGER NOT NULL DEFAULT 0,"
                             " refusal TEXT)"))) {
    *error = q.lastError().text();
    return nullptr;
  }
  return box;
}

Outbox::Outbox(QString connectionName, QObject* parent) : QObject(parent), connection_(std::move(connectionName)) {
  qRegisterMetaType<Entry>();
  retry_.setSingleShot(true);
  connect(&retry_, &QTimer::timeout, this, &Outbox::flush);
}

Outbox::~Outbox() {
  {
    QSqlDatabase database = db(connection_);
    if (database.isOpen()) database.close();
  }
  QSqlDatabase::removeDatabase(connection_);
}

void Outbox::settleFailure(const QString& key, const RpcError& error, const Report& report,
                           const std::function<void(const QString&, const RpcError&)>& onRefused,
                           const std::function<void(const QString&)>& onWaiting) const {
  const Outcome outcome = outcomeOf(error);
  if (outcome == Outcome::Refused) {
    onRefused(key, error);
    report(outcome, error.message);
    return;
  }
  report(outcome, {});
  for (const Entry& e : entries()) {
    if (e.refusal.isEmpty()) onWaiting(e.idempotencyKey);
  }
}

Outbox::Outcome Outbox::outcomeOf(const RpcError& error) {
  // grpc::StatusCode values, as rpc_error.cc keeps them, for the two a
  // Conflict or Other kind hides: a deadlock the server gave up on (ABORTED)
  // and a failure of its own (INTERNAL, UNKNOWN).
  constexpr int kUnknown = 2, kAborted = 10, kInternal = 13;
  switch (error.kind) {
    case RpcError::Kind::Unreachable:
    case RpcError::Kind::SignedOut:
    case RpcError::Kind::TooManyAttempts:
      return Outcome::RetryLater;
    case RpcError::Kind::Conflict:
      return error.grpcCode == kAborted ? Outcome::RetryLater : Outcome::Refused;
    case RpcError::Kind::Other:
      return error.grpcCode == kUnknown || error.grpcCode == kInternal || error.grpcCode == 0 ? Outcome::RetryLater
                                                                                              : Outcome::Refused;
    case RpcError::Kind::InvalidInput:
    case RpcError::Kind::NotAllowed:
    case RpcError::Kind::NotFound:
      break;
  }
  return Outcome::Refused;
}

void Outbox::setSender(const QString& kind, Sender sender) { senders_[kind] = std::move(sender); }

void Outbox::setRetryDelays(int firstMs, int maxMs) {
  firstDelayMs_ = firstMs;
  maxDelayMs_ = maxMs;
  delayMs_ = firstMs;
}

bool Outbox::add(const QString& kind, const QString& idempotencyKey, const QByteArray& payload, const QString& label,
                 QString* error) {
  QSqlQuery q(db(connection_));
  q.prepare(QStringLiteral("INSERT INTO outbox (kind, idempotency_key, payload, label, queued_at) "
                           "VALUES (?, ?, ?, ?, ?)"));
  q.addBindValue(kind);
  q.addBindValue(idempotencyKey);
  q.addBindValue(payload);
  q.addBindValue(label);
  q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
  if (!exec(q, error)) return false;
  emit waitingChanged(waiting());
  flush();
  return true;
}

QList<Outbox::Entry> Outbox::load(bool waitingOnly) const {
  QSqlQuery q(db(connection_));
  q.prepare(QStringLiteral("SELECT id, kind, idempotency_key, payload, label, queued_at, attempts, refusal FROM outbox") +
            (waitingOnly ? QStringLiteral(" WHERE refusal IS NULL") : QString()) + QStringLiteral(" ORDER BY id"));
  QList<Entry> out;
  if (!q.exec()) return out;
  while (q.next()) {
    Entry e;
    e.id = q.value(0).toLongLong();
    e.kind = q.value(1).toString();
    e.idempotencyKey = q.value(2).toString();
    e.payload = q.value(3).toByteArray();
    e.label = q.value(4).toString();
    e.queuedAt = QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs);
    e.attempts = q.value(6).toInt();
    e.refusal = q.value(7).isNull() ? QString() : q.value(7).toString();
    out.append(e);
  }
  return out;
}

int Outbox::waiting() const {
  QSqlQuery q(db(connection_));
  if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE refusal IS NULL")) || !q.next()) return 0;
  return q.value(0).toInt();
}

QList<Outbox::Entry> Outbox::entries() const { return load(false); }

void Outbox::discard(qint64 id) {
  QSqlQuery q(db(connection_));
  q.prepare(QStringLiteral("DELETE FROM outbox WHERE id = ? AND refusal IS NOT NULL"));
  q.addBindValue(id);
  q.exec();
}

void Outbox::remove(qint64 id) {
  QSqlQuery q(db(connection_));
  q.prepare(QStringLiteral("DELETE FROM outbox WHERE id = ?"));
  q.addBindValue(id);
  q.exec();
}

void Outbox::flush() {
  retry_.stop();
  if (!sending_) sendNext();
}

void Outbox::sendNext() {
  // One at a time, oldest first: the server sees them in the order written.
  const QList<Entry> queue = load(true);
  if (queue.isEmpty()) {
    delayMs_ = firstDelayMs_;
    return;
  }
  const Entry entry = queue.first();
  auto sender = senders_.find(entry.kind);
  if (sender == senders_.end()) return;  // its page has not registered yet: it stays queued
  sending_ = true;
  {
    QSqlQuery q(db(connection_));
    q.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?"));
    q.addBindValue(entry.id);
    q.exec();
  }
  QPointer<Outbox> self(this);
  const qint64 id = entry.id;
  (*sender)(entry, [self, id](Outcome outcome, const QString& reason) {
    if (self) self->finished(id, outcome, reason);
  });
}

void Outbox::finished(qint64 id, Outcome outcome, const QString& reason) {
  sending_ = false;
  Entry entry;
  for (const Entry& e : load(false)) {
    if (e.id == id) entry = e;
  }
  switch (outcome) {
    case Outcome::Delivered:
      remove(id);
      delayMs_ = firstDelayMs_;
      emit waitingChanged(waiting());
      emit delivered(entry.kind, entry.idempotencyKey);
      sendNext();
      return;
    case Outcome::Refused: {
      QSqlQuery q(db(connection_));
      q.prepare(QStringLiteral("UPDATE outbox SET refusal = ? WHERE id = ?"));
      q.addBindValue(reason);
      q.addBindValue(id);
      q.exec();
      entry.refusal = reason;
      emit waitingChanged(waiting());
      emit refused(entry);
      sendNext();
      return;
    }
    case Outcome::RetryLater:
      retry_.start(delayMs_);
      delayMs_ = std::min(delayMs_ * 2, maxDelayMs_);
      return;
  }
}

}  // namespace cft::client
