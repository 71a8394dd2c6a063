// Outcome measures: the instrument library as each organisation sees it,
// measurement plans, submitted and keyed-in responses scored on the server
// with their risk alerts written in the same transaction, one participant's
// outcomes and a cohort's pre-post summary, and the risk inbox. Owns the
// rules, authorization and transaction boundaries. Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/audit/audit.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/cohort_repository.h"
#include "services/common/clock.h"
#include "services/idempotency/idempotency.h"
#include "services/measures/change_stats.h"
#include "services/measures/instrument_catalog.h"
#include "services/measures/measure_repository.h"
#include "services/measures/measurement_plan.h"

namespace cft::measures {

// Defaults of safety.md: red is same-day contact, amber within a working day.
inline constexpr int kDefaultRedMinutes = 4 * 60;
inline constexpr int kDefaultAmberMinutes = 24 * 60;
// The crisis resources of safety.md (UK 999, NHS 111, Samaritans 116 123;
// US 988) and the plain statement that answers are not watched around the clock.
std::string DefaultCrisisText();
MeasureSettings DefaultSettings();

struct PaperBoxView {
  int position = 0;
  std::string label;
  int keyed_value = 0;
};

struct PaperItemView {
  std::string item_code;
  int number = 0;
  std::vector<PaperBoxView> boxes;
};

struct ReliableChangeView {
  std::string score_key;
  ReliableChangeParams params;
};

struct InstrumentSummaryView {
  const Instrument* instrument = nullptr;
  bool item_text_available = false;
};

// An instrument as the caller's organisation sees it: item text filled in
// where shipped or loaded, cleared otherwise.
struct InstrumentView {
  Instrument instrument;
  bool item_text_available = false;
  std::string crisis_text;
  std::vector<PaperItemView> paper_items;
  std::vector<ReliableChangeView> reliable_change;
};

struct ScheduledView {
  ScheduledTimePoint time_point;
  std::string opens_local, due_local, closes_local;
};

struct PlanView {
  int64_t cohort_id = 0;
  MeasurementPlan plan;
  std::string time_zone;
  std::vector<ScheduledView> schedule;
};

enum class DueStatus { kUpcoming, kOpen, kOverdue };

struct DueMeasureView {
  const Instrument* instrument = nullptr;
  ScheduledView time_point;
  DueStatus status = DueStatus::kOpen;
};

struct SubmitRequest {
  std::string instrument_key;
  int instrument_version = 0;
  std::string time_point_key;
  std::vector<AnswerValue> answers;
  std::optional<absl::Time> completed_at;
  std::string idempotency_key;
  std::string request_hash;
};

struct PaperRequest {
  int64_t enrolment_id = 0;
  std::string instrument_key;
  int instrument_version = 0;
  std::string time_point_key;
  PaperValueMode keyed_as = PaperValueMode::kUnspecified;
  // keyed_value set, value unset.
  std::vector<AnswerValue> keyed;
  std::optional<absl::CivilDay> completed_on;
  std::string idempotency_key;
  std::string request_hash;
};

struct SubmitResult {
  StoredResponse response;
  std::optional<AlertRecord> alert;
  // Set when a rule fired.
  std::string crisis_text;
  bool replayed = false;
};

struct OutcomePointView {
  int64_t response_id = 0;
  std::string time_point_key;
  std::string time_point_label;
  TimePointKind time_point_kind = TimePointKind::kUnspecified;
  int week = 0;
  absl::Time completed_at;
  EntryMode entry_mode = EntryMode::kOnline;
  ScoreValue score;
  std::optional<double> change_from_baseline;
  std::optional<double> rci;
  bool reliable = false;
  Classification classification = Classification::kNotAvailable;
};

struct ScoreSeriesView {
  ScoreDef score;
  RecoveryCutoff recovery;
  ReliableChangeParams reliable_change;
  std::vector<OutcomePointView> points;
};

struct InstrumentOutcomeView {
  std::string instrument_key;
  std::string short_name;
  std::vector<ScoreSeriesView> scores;
};

struct OutcomesView {
  int64_t enrolment_id = 0;
  int64_t cohort_id = 0;
  std::string participant_name;  // staff only
  std::vector<InstrumentOutcomeView> instruments;
};

struct ClassificationCounts {
  int recovered = 0;
  int improved = 0;
  int unchanged = 0;
  int deteriorated = 0;
  int not_available = 0;
};

struct CohortScoreView {
  std::string instrument_key;
  std::string short_name;
  ScoreDef score;
  PrePostSummary summary;
  ClassificationCounts counts;
  std::optional<double> share_improved_or_recovered;
  bool small_group = false;
  std::string method;
};

struct CohortOutcomesView {
  int64_t cohort_id = 0;
  std::string pre_time_point_key;
  std::string post_time_point_key;
  std::vector<CohortScoreView> scores;
};

struct AlertListView {
  std::vector<AlertRecord> alerts;
  AlertCounts counts;
  absl::Time now;
};

struct AlertView {
  AlertRecord alert;
  absl::Time now;
};

// For the facilitator digest (Homework): what happened in a cohort since an instant.
struct ReliableChangeNote {
  int64_t enrolment_id = 0;
  std::string participant_name;
  std::string instrument_key;
  std::string short_name;
  std::string score_key;
  std::string score_title;
  std::string time_point_label;
  double baseline = 0;
  double value = 0;
  Classification classification = Classification::kUnchanged;
  absl::Time submitted_at;
};

struct CohortDigest {
  std::vector<AlertRecord> alerts;
  std::vector<ReliableChangeNote> reliable_changes;
};

class MeasureService {
 public:
  // The cohorts context's repositories and its ownership rule (CohortAccess)
  // decide who reaches a cohort and its enrolments, and its sessions anchor
  // the plan's time points: measures reuses them rather than keeping copies.
  MeasureService(MeasureRepository& measures, cohorts::CohortRepository& cohorts,
                 cohorts::EnrolmentRepository& enrolments, cohorts::SessionRepository& sessions,
                 idempotency::Idempotency& idempotency, TransactionRunner& tx, audit::Auditor& auditor,
                 const Clock& clock, std::shared_ptr<const InstrumentCatalog> catalog);

  const InstrumentCatalog& catalog() const { return *catalog_; }

  absl::StatusOr<std::vector<InstrumentSummaryView>> ListInstruments(RequestContext& ctx);
  absl::StatusOr<InstrumentView> GetInstrument(RequestContext& ctx, const std::string& key, int version);
  absl::StatusOr<InstrumentView> LoadLicensedItemText(RequestContext& ctx, const std::string& key,
                                                      const std::string& licence_note,
                                                      const std::vector<std::pair<std::string, std::string>>& texts);
  absl::StatusOr<ReliableChangeView> SetReliableChange(RequestContext& ctx, const std::string& key,
                                                       const std::string& score_key, const OrgReliableChange& params);

  absl::StatusOr<MeasureSettings> GetSettings(RequestContext& ctx);
  absl::StatusOr<MeasureSettings> UpdateSettings(RequestContext& ctx, std::optional<std::string> crisis_text,
                                                 std::optional<int> red_minutes, std::optional<int> amber_minutes);

  absl::StatusOr<PlanView> GetPlan(RequestContext& ctx, int64_t cohort_id);
  absl::StatusOr<PlanView> UpdatePlan(RequestContext& ctx, int64_t cohort_id, MeasurementPlan plan);

  absl::StatusOr<std::vector<DueMeasureView>> ListDue(RequestContext& ctx);
  absl::StatusOr<SubmitResult> Submit(RequestContext& ctx, const SubmitRequest& request);
  absl::StatusOr<SubmitResult> EnterOnBehalf(RequestContext& ctx, const PaperRequest& request);

  absl::StatusOr<OutcomesView> GetOutcomes(RequestContext& ctx, int64_t enrolment_id);
  absl::StatusOr<CohortOutcomesView> GetCohortOutcomes(RequestContext& ctx, int64_t cohort_id,
                                                       const std::string& pre_key, const std::string& post_key);

  absl::StatusOr<AlertListView> ListAlerts(RequestContext& ctx, int64_t cohort_id, bool include_resolved, int limit);
  absl::StatusOr<AlertView> AcknowledgeAlert(RequestContext& ctx, int64_t alert_id, const std::string& note);
  absl::StatusOr<AlertView> ResolveAlert(RequestContext& ctx, int64_t alert_id, const std::string& note);

  // Operator (cftctl migrate): records every catalog version in the database,
  // refusing a version whose content changed since it was first recorded.
  // Returns how many versions were new.
  absl::StatusOr<int> RegisterDefinitions(RequestContext& ctx);

  // For the facilitator digest, inside the caller's unit of work: the risk
  // alerts raised in `cohort` at or after `since`, and the responses submitted
  // since then whose primary score changed reliably against baseline
  // (recovered, improved or deteriorated). The caller has already checked the
  // caller's access to the cohort (CohortAccess) and audits its own read.
  absl::StatusOr<CohortDigest> CohortDigestSince(UnitOfWork& uow, const cohorts::CohortRecord& cohort,
                                                 absl::Time since);

 private:
  struct CohortSchedule {
    MeasurementPlan plan;
    absl::TimeZone tz;
    std::vector<ScheduledTimePoint> schedule;
  };
  absl::StatusOr<CohortSchedule> LoadSchedule(UnitOfWork& uow, const cohorts::CohortRecord& cohort);
  ScheduledView View(const ScheduledTimePoint& t, const absl::TimeZone& tz) const;
  // The participant's own enrolment and cohort.
  absl::StatusOr<cohorts::Place> MyPlace(UnitOfWork& uow, const Principal& me);
  // A staff member's view of an enrolment: NOT_FOUND naming enrolment_id when
  // it is another organisation's.
  absl::StatusOr<cohorts::Place> RequireEnrolment(UnitOfWork& uow, const Principal& caller, int64_t enrolment_id);
  absl::StatusOr<MeasureSettings> SettingsOf(UnitOfWork& uow, int64_t organisation_id);
  absl::StatusOr<std::optional<OrgReliableChange>> OrgParams(UnitOfWork& uow, int64_t organisation_id,
                                                             const std::string& key, const std::string& score_key);
  absl::StatusOr<InstrumentView> BuildView(UnitOfWork& uow, int64_t organisation_id, const Instrument& in);
  absl::StatusOr<SubmitResult> Replayed(UnitOfWork& uow, RequestContext& ctx, int64_t response_id);
  // Scores are computed; this evaluates risk, stores the response and any
  // alert, remembers the idempotency key and audits, all in `uow`.
  absl::StatusOr<SubmitResult> Store(UnitOfWork& uow, RequestContext& ctx, const Instrument& in,
                                     const cohorts::Enrolment& enrolment, const cohorts::CohortRecord& cohort,
                                     const ScheduledTimePoint& tp, StoredResponse response,
                                     const std::string& idempotency_key, const std::string& request_hash);

  MeasureRepository& measures_;
  cohorts::CohortRepository& cohorts_;
  cohorts::EnrolmentRepository& enrolments_;
  cohorts::SessionRepository& sessions_;
  idempotency::Idempotency& idempotency_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
  std::shared_ptr<const InstrumentCatalog> catalog_;
  cohorts::CohortAccess access_;
};

}  // namespace cft::measures
