// Fetches what a report shows, through the client-shared facades, all calls
// at once (none waits for another) and a participant's outcomes as soon as
// the cohort's list names them; counts the answers so a dialog can show
// progress. One report at a time: a new load cancels the last. Owned by its
// dialog (or a test); UI thread only. No widgets.
#pragma once

#include <QList>
#include <QObject>

#include "client-shared/call.h"
#include "clinician-client/reports/report_content.h"

namespace cft::client {
class ApiSession;
class Clock;
}  // namespace cft::client

namespace cft::clinician {

class ReportLoader : public QObject {
  Q_OBJECT

 public:
  enum class Kind { Cohort, Participant };

  explicit ReportLoader(client::ApiSession& session, QObject* parent = nullptr);

  // The report's time stamp (taken when the last answer arrives) comes from
  // here; the system clock when unset.
  void setClock(const client::Clock* clock) { clock_ = clock; }

  void loadCohort(qint64 cohortId);
  void loadParticipant(qint64 cohortId, qint64 enrolmentId);
  // Stops the calls still running; nothing more is emitted for this load.
  void cancel();

  Kind kind() const { return kind_; }
  bool isLoading() const { return loading_; }
  int stepsDone() const { return done_; }
  int stepsTotal() const { return total_; }
  // Filled once loaded() is emitted.
  const CohortReportData& cohortData() const { return cohort_; }
  const ParticipantReportData& participantData() const { return participant_; }
  // The report to print, or why there is none (refusal()).
  ReportContent content() const;
  std::optional<QString> refusal() const;

 signals:
  void progressChanged(int done, int total);
  void loaded();
  void failed(const cft::client::RpcError& error);

 private:
  void begin(Kind kind, int steps);
  // One answer arrived; the last one finishes the load.
  void stepDone();
  void fail(const client::RpcError& error);
  void track(client::Call call) { calls_.append(call); }
  client::Failed onError();

  client::ApiSession& session_;
  const client::Clock* clock_ = nullptr;
  Kind kind_ = Kind::Cohort;
  bool loading_ = false;
  int done_ = 0;
  int total_ = 0;
  qint64 enrolmentId_ = 0;
  client::AdherenceGrid grid_;
  QList<client::ParticipantInfo> people_;
  CohortReportData cohort_;
  ParticipantReportData participant_;
  QList<client::Call> calls_;
};

}  // namespace cft::clinician
