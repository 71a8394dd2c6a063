// What the participant client keeps on this computer so questionnaires can
// be answered, and crisis resources shown, while the server cannot be
// reached: the last due list and each instrument definition as GetInstrument
// gave it (with the organisation's crisis text), in a SQLite file of the
// account's own in the application data folder, beside its outbox. The bytes
// are the facade's (MeasureApi::decode*); this class does not read them.
// Owned by the page model that uses it; UI thread only.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <memory>
#include <optional>

namespace cft::client {

class MeasureCache {
 public:
  // The cache of `owner` (an account id) under `directory`, created on first
  // use. Null, with `error` set, when the file cannot be opened.
  static std::unique_ptr<MeasureCache> open(const QString& directory, const QString& owner, QString* error);
  ~MeasureCache();

  // Replaces what is kept under (kind, key). False, with `error` set, when it
  // could not be written.
  bool put(const QString& kind, const QString& key, const QByteArray& payload, QString* error = nullptr);
  std::optional<QByteArray> get(const QString& kind, const QString& key) const;
  // When (kind, key) was last written; invalid when it never was.
  QDateTime savedAt(const QString& kind, const QString& key) const;

 private:
  explicit MeasureCache(QString connectionName) : connection_(std::move(connectionName)) {}
  const QString connection_;
};

}  // namespace cft::client
