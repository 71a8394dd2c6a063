// The participant's "My progress", without widgets: their own scores over
// time (GetOutcomes for themselves), one series per score with its bands and
// reliable changes, and a sentence per instrument saying where the latest
// score lies. Owns its request; owned by the page (or a test). UI thread only.
#pragma once

#include <QObject>
#include <QStringList>

#include "client-shared/call.h"
#include "client-shared/measure_types.h"

namespace cft::client {
class ApiSession;
}

namespace cft::participant {

class MyProgressModel : public QObject {
  Q_OBJECT

 public:
  explicit MyProgressModel(client::ApiSession& session, QObject* parent = nullptr);

  void refresh();
  bool isLoaded() const { return loaded_; }
  const client::OutcomesInfo& outcomes() const { return outcomes_; }
  QString heading() const;
  // "PHQ-9 total: 12 at Week 4 (Moderate), 4 points lower than at Baseline."
  QStringList summaries() const;

 signals:
  void loaded();
  void failed(const cft::client::RpcError& error);

 private:
  client::ApiSession& session_;
  client::OutcomesInfo outcomes_;
  bool loaded_ = false;
  QString problem_;
  client::Call load_;
};

}  // namespace cft::participant
