// The homework side of the selected cohort, without widgets: the adherence
// heat map, the cohort's practice logs (shared words only, as the server
// sends them) with the feedback on each, and the facilitator digest for the
// next (or a chosen) session. Each part loads when its tab is shown and the
// cohort changes, so choosing a cohort costs only what is looked at. Owns
// its requests and tables; owned by CohortsPageModel. UI thread only.
#pragma once

#include <QHash>
#include <QItemSelectionModel>
#include <QObject>
#include <QString>
#include <optional>

#include "client-shared/call.h"
#include "client-shared/homework_types.h"
#include "client-shared/list_table_model.h"
#include "clinician-client/cohorts/adherence_table_model.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

using CohortLogTableModel = client::ListTableModel<client::PracticeLogInfo>;

class CohortHomeworkModel : public QObject {
  Q_OBJECT

 public:
  enum class Part { Adherence, Logs, Digest };
  static constexpr int kLogPageSize = 100;

  explicit CohortHomeworkModel(client::ApiSession& session, QObject* parent = nullptr);

  // The cohort (0: none) and its template (for the kinds' field labels).
  void setCohort(qint64 cohortId, qint64 templateId);
  qint64 cohortId() const { return cohortId_; }
  // The part a tab shows now (none: no homework tab is shown). It loads if
  // it has not for this cohort.
  void setVisiblePart(std::optional<Part> part);
  void reload(Part part);

  AdherenceTableModel* adherence() const { return adherence_; }
  // Columns: when, participant, practice, minutes, helpful, words, feedback.
  CohortLogTableModel* logs() const { return logs_; }
  QItemSelectionModel* logSelection() const { return logSelection_; }
  void selectLog(int row);
  const client::PracticeLogInfo* selectedLog() const;
  QString selectedLogHtml() const;
  bool hasMoreLogs() const { return !nextLogs_.isEmpty(); }
  void loadMoreLogs();
  const std::optional<client::FacilitatorDigest>& digest() const { return digest_; }
  QString digestHtml() const;
  // 0: the next session.
  void setDigestSession(qint64 sessionId);
  qint64 digestSession() const { return digestSession_; }

  bool isLoaded(Part part) const;
  // "Loading…", the server's sentence, or what the part shows.
  QString status(Part part) const;

 signals:
  void changed(cft::clinician::CohortHomeworkModel::Part part);
  void failed(const cft::client::RpcError& error);

 private:
  struct PartState {
    bool loaded = false;
    QString problem;
    client::Call call;
  };
  PartState& state(Part part);
  const PartState& state(Part part) const;
  void load(Part part);
  void loadLogs(const QString& pageToken);
  void loadKinds();

  client::ApiSession& session_;
  qint64 cohortId_ = 0;
  qint64 templateId_ = 0;
  std::optional<Part> visible_;
  AdherenceTableModel* adherence_;
  CohortLogTableModel* logs_;
  QItemSelectionModel* logSelection_;
  QString nextLogs_;
  std::optional<client::FacilitatorDigest> digest_;
  qint64 digestSession_ = 0;
  PartState adherenceState_, logsState_, digestState_;
  // Practice kinds by template: they never change for a version.
  QHash<qint64, QList<client::PracticeKindInfo>> kinds_;
  client::Call kindsCall_;
};

// The digest as HTML: early warnings first, then who practised against
// the dose, who has not opened the module, who missed the last session.
QString digestHtml(const client::FacilitatorDigest& digest);

}  // namespace cft::clinician
