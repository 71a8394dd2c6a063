#include "client-shared/measure_cache.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace cft::client {

std::unique_ptr<MeasureCache> MeasureCache::open(const QString& directory, const QString& owner, QString* error) {
  if (!QDir().mkpath(directory)) {
    *error = QStringLiteral("The folder %1 could not be made.").arg(directory);
    return nullptr;
  }
  // One connection per cache object: Qt SQL connections are named globally.
  const QString connection = QStringLiteral("cft-measures-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
  std::unique_ptr<MeasureCache> cache(new MeasureCache(connection));
  QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
  database.setDatabaseName(QDir(directory).filePath(QStringLiteral("measures-%1.sqlite").arg(owner)));
  if (!database.open()) {
    *error = QStringLiteral("Saved questionnaires could not be opened: %1").arg(database.lastError().text());
    return nullptr;
  }
  QSqlQuery q(database);
  if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS kept ("
                             " kind TEXT NOT NULL,"
                             " key TEXT NOT NULL,"
                             " payload BLOB NOT NULL,"
                             " saved_at TEXT NOT NULL,"
                             " PRIMARY KEY (kind, key))"))) {
    *error = q.lastError().text();
    return nullptr;
  }
  return cache;
}

MeasureCache::~MeasureCache() {
  {
    QSqlDatabase database = QSqlDatabase::database(connection_, false);
    if (database.isOpen()) database.close();
  }
  QSqlDatabase::removeDatabase(connection_);
}

bool MeasureCache::put(const QString& kind, const QString& key, const QByteArray& payload, QString* error) {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QStringLiteral("INSERT OR REPLACE INTO kept (kind, key, payload, saved_at) VALUES (?, ?, ?, ?)"));
  q.addBindValue(kind);
  q.addBindValue(key);
  q.addBindValue(payload);
  q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
  if (q.exec()) return true;
  if (error != nullptr) *error = q.lastError().text();
  return false;
}

std::optional<QByteArray> MeasureCache::get(const QString& kind, const QString& key) const {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QStringLiteral("SELECT payload FROM kept WHERE kind = ? AND key = ?"));
  q.addBindValue(kind);
  q.addBindValue(key);
  if (!q.exec() || !q.next()) return std::nullopt;
  return q.value(0).toByteArray();
}

QDateTime MeasureCache::savedAt(const QString& kind, const QString& key) const {
  QSqlQuery q(QSqlDatabase::database(connection_, false));
  q.prepare(QStringLiteral("SELECT saved_at FROM kept WHERE kind = ? AND key = ?"));
  q.addBindValue(kind);
  q.addBindValue(key);
  if (!q.exec() || !q.next()) return {};
  return QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs);
}

}  // namespace cft::client
