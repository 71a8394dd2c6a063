#include "clinician-client/reports/report_loader.h"

#include "client-shared/api_session.h"
#include "client-shared/calendar_api.h"
#include "client-shared/clock.h"
#include "client-shared/cohort_api.h"
#include "client-shared/homework_api.h"
#include "client-shared/measure_api.h"

namespace cft::clinician {

ReportLoader::ReportLoader(client::ApiSession& session, QObject* parent) : QObject(parent), session_(session) {}

void ReportLoader::cancel() {
  for (client::Call& c : calls_) c.cancel();
  calls_.clear();
  loading_ = false;
}

void ReportLoader::begin(Kind kind, int steps) {
  cancel();
  kind_ = kind;
  loading_ = true;
  done_ = 0;
  total_ = steps;
  grid_ = {};
  people_.clear();
  cohort_ = {};
  participant_ = {};
  cohort_.clinicianName = participant_.clinicianName = session_.currentUser().displayName;
  emit progressChanged(done_, total_);
}

client::Failed ReportLoader::onError() {
  return [this](const client::RpcError& e) { fail(e); };
}

void ReportLoader::fail(const client::RpcError& error) {
  cancel();
  emit failed(error);
}

void ReportLoader::stepDone() {
  ++done_;
  emit progressChanged(done_, total_);
  if (done_ < total_) return;
  // Stamped when the last answer came: the report shows the data as of then.
  const QDateTime now = clock_ != nullptr ? clock_->now() : QDateTime::currentDateTimeUtc();
  cohort_.generatedAt = participant_.generatedAt = now;
  if (kind_ == Kind::Cohort) {
    cohort_.adherence = grid_;
    cohort_.participants = people_;
  } else {
    participant_.adherence.weeks = grid_.weeks;
    for (const client::AdherenceRowInfo& row : grid_.rows) {
      if (row.enrolmentId == enrolmentId_) participant_.adherence.rows.append(row);
    }
    for (const client::ParticipantInfo& p : people_) {
      if (p.enrolmentId == enrolmentId_) participant_.participant = p;
    }
    // The outcomes name them even when the cohort's list no longer does.
    if (participant_.participant.enrolmentId == 0) {
      participant_.participant.enrolmentId = enrolmentId_;
      participant_.participant.name = participant_.outcomes.participantName;
    }
  }
  calls_.clear();
  loading_ = false;
  emit loaded();
}

void ReportLoader::loadCohort(qint64 cohortId) {
  // Cohort, participants, schedule, adherence, plan, pre–post, instruments;
  // then one step per participant's outcomes and per interim time point.
  begin(Kind::Cohort, 7);
  track(session_.cohorts().getCohort(
      cohortId, this, [this](const client::CohortInfo& c) { cohort_.cohort = c; stepDone(); }, onError()));
  track(session_.cohorts().listParticipants(
      cohortId, this,
      [this](const QList<client::ParticipantInfo>& people) {
        people_ = people;
        cohort_.outcomes = QList<client::OutcomesInfo>(people.size());
        total_ += static_cast<int>(people.size());
        for (int i = 0; i < people.size(); ++i) {
          track(session_.measures().getOutcomes(
              people[i].enrolmentId, this,
              [this, i](const client::OutcomesInfo& o) {
                cohort_.outcomes[i] = o;
                stepDone();
              },
              onError()));
        }
        stepDone();
      },
      onError()));
  track(session_.calendar().getSchedule(
      cohortId, this, [this](const QList<client::SessionInfo>& s) { cohort_.sessions = s; stepDone(); }, onError()));
  track(session_.homework().getAdherence(
      cohortId, this, [this](const client::AdherenceGrid& g) { grid_ = g; stepDone(); }, onError()));
  track(session_.measures().getMeasurementPlan(
      cohortId, this,
      [this, cohortId](const client::MeasurementScheduleInfo& p) {
        cohort_.plan = p;
        // Baseline against each time point between it and the end, and after.
        QStringList keys;
        for (const client::ScheduledTimePointInfo& t : p.schedule) {
          if (t.kind == client::TimePointKind::Mid || t.kind == client::TimePointKind::FollowUp) keys << t.key;
        }
        cohort_.interim = QList<client::CohortOutcomesInfo>(keys.size());
        total_ += static_cast<int>(keys.size());
        for (int i = 0; i < keys.size(); ++i) {
          track(session_.measures().getCohortOutcomes(
              cohortId, QString(), keys[i], this,
              [this, i](const client::CohortOutcomesInfo& o) {
                cohort_.interim[i] = o;
                stepDone();
              },
              onError()));
        }
        stepDone();
      },
      onError()));
  track(session_.measures().getCohortOutcomes(
      cohortId, QString(), QString(), this,
      [this](const client::CohortOutcomesInfo& o) { cohort_.prePost = o; stepDone(); }, onError()));
  track(session_.measures().listInstruments(
      this, [this](const QList<client::InstrumentSummaryInfo>& i) { cohort_.instruments = i; stepDone(); },
      onError()));
}

void ReportLoader::loadParticipant(qint64 cohortId, qint64 enrolmentId) {
  begin(Kind::Participant, 7);
  enrolmentId_ = enrolmentId;
  track(session_.cohorts().getCohort(
      cohortId, this, [this](const client::CohortInfo& c) { participant_.cohort = c; stepDone(); }, onError()));
  track(session_.cohorts().listParticipants(
      cohortId, this, [this](const QList<client::ParticipantInfo>& p) { people_ = p; stepDone(); }, onError()));
  track(session_.calendar().getSchedule(
      cohortId, this, [this](const QList<client::SessionInfo>& s) { participant_.sessions = s; stepDone(); },
      onError()));
  track(session_.homework().getAdherence(
      cohortId, this, [this](const client::AdherenceGrid& g) { grid_ = g; stepDone(); }, onError()));
  track(session_.measures().getMeasurementPlan(
      cohortId, this, [this](const client::MeasurementScheduleInfo& p) { participant_.plan = p; stepDone(); },
      onError()));
  track(session_.measures().getOutcomes(
      enrolmentId, this, [this](const client::OutcomesInfo& o) { participant_.outcomes = o; stepDone(); }, onError()));
  track(session_.measures().listInstruments(
      this, [this](const QList<client::InstrumentSummaryInfo>& i) { participant_.instruments = i; stepDone(); },
      onError()));
}

ReportContent ReportLoader::content() const {
  return kind_ == Kind::Cohort ? cohortReport(cohort_) : participantReport(participant_);
}

std::optional<QString> ReportLoader::refusal() const {
  return kind_ == Kind::Cohort ? cohortReportRefusal(cohort_) : participantReportRefusal(participant_);
}

}  // namespace cft::clinician
