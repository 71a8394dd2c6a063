// Persistence of the measures context. Every method runs in the caller's unit
// of work; none commits. Implementations are stateless and thread-safe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/unit_of_work.h"
#include "services/measures/measure_types.h"

namespace cft::measures {

// Which alerts a caller reaches.
struct AlertFilter {
  int64_t organisation_id = 0;
  // Only cohorts this clinician facilitates.
  std::optional<int64_t> facilitator_user_id;
  std::optional<int64_t> cohort_id;
  bool include_resolved = false;
  int limit = 100;
  // Orders "overdue" first; alerts are overdue by this clock, not the database's.
  absl::Time now;
};

// One score of one response, for cohort summaries.
struct CohortScoreRow {
  int64_t enrolment_id = 0;
  std::string instrument_key;
  int instrument_version = 0;
  std::string time_point_key;
  std::string score_key;
  std::optional<double> value;
};

class MeasureRepository {
 public:
  virtual ~MeasureRepository() = default;

  // --- Instrument versions (key, version) -> checksum.
  virtual absl::StatusOr<std::map<std::pair<std::string, int>, std::string>> ListInstrumentVersions(
      UnitOfWork& uow) = 0;
  virtual absl::Status InsertInstrumentVersion(UnitOfWork& uow, const std::string& key, int version,
                                               const std::string& checksum, const std::string& title,
                                               absl::Time now) = 0;

  // --- Organisation settings; nullopt while the defaults apply.
  virtual absl::StatusOr<std::optional<MeasureSettings>> FindSettings(UnitOfWork& uow, int64_t organisation_id) = 0;
  virtual absl::Status PutSettings(UnitOfWork& uow, int64_t organisation_id, const MeasureSettings& settings,
                                   absl::Time now, int64_t user_id) = 0;

  // --- Licensed item text: item code -> text, for one instrument.
  virtual absl::StatusOr<std::map<std::string, std::string>> FindItemTexts(UnitOfWork& uow, int64_t organisation_id,
                                                                          const std::string& instrument_key) = 0;
  // Keys of the instruments the organisation loaded text for.
  virtual absl::StatusOr<std::set<std::string>> InstrumentsWithItemText(UnitOfWork& uow, int64_t organisation_id) = 0;
  // Replaces the organisation's text of the instrument.
  virtual absl::Status ReplaceItemTexts(UnitOfWork& uow, int64_t organisation_id, const std::string& instrument_key,
                                        const std::string& licence_note,
                                        const std::vector<std::pair<std::string, std::string>>& texts, absl::Time now,
                                        int64_t user_id) = 0;

  // --- Reliable-change parameters an organisation set (all instruments when
  // `instrument_key` is empty).
  virtual absl::StatusOr<std::vector<OrgReliableChange>> ListReliableChange(UnitOfWork& uow, int64_t organisation_id,
                                                                          const std::string& instrument_key) = 0;
  virtual absl::Status PutReliableChange(UnitOfWork& uow, int64_t organisation_id, const OrgReliableChange& rc,
                                         absl::Time now, int64_t user_id) = 0;

  // --- Measurement plans; nullopt while the cohort uses the default.
  virtual absl::StatusOr<std::optional<MeasurementPlan>> FindPlan(UnitOfWork& uow, int64_t cohort_id) = 0;
  virtual absl::Status SavePlan(UnitOfWork& uow, int64_t cohort_id, const MeasurementPlan& plan, absl::Time now,
                                int64_t user_id) = 0;

  // --- Responses. Insert writes the response, its answers and its scores
  // (three statements); ALREADY_EXISTS when the enrolment already has one for
  // the instrument and time point.
  virtual absl::StatusOr<int64_t> InsertResponse(UnitOfWork& uow, const StoredResponse& response) = 0;
  virtual absl::StatusOr<std::optional<StoredResponse>> FindResponse(UnitOfWork& uow, int64_t response_id) = 0;
  // The response for this instrument and time point, without answers.
  virtual absl::StatusOr<std::optional<StoredResponse>> FindResponseAt(UnitOfWork& uow, int64_t enrolment_id,
                                                                       const std::string& instrument_key,
                                                                       const std::string& time_point_key) = 0;
  // Every response of the enrolment with its scores (no answers), in completion
  // order: two queries.
  virtual absl::StatusOr<std::vector<StoredResponse>> ListResponsesOfEnrolment(UnitOfWork& uow,
                                                                                int64_t enrolment_id) = 0;
  // (instrument key, time point key) of every response of the enrolment.
  virtual absl::StatusOr<std::set<std::pair<std::string, std::string>>> CompletedOfEnrolment(UnitOfWork& uow,
                                                                                            int64_t enrolment_id) = 0;
  // score key -> value of the enrolment's response at the baseline time point.
  virtual absl::StatusOr<std::map<std::string, double>> BaselineScores(UnitOfWork& uow, int64_t enrolment_id,
                                                                       const std::string& instrument_key) = 0;
  // Scores of a cohort's responses at the given time points: one query.
  virtual absl::StatusOr<std::vector<CohortScoreRow>> CohortScores(UnitOfWork& uow, int64_t cohort_id,
                                                                   const std::vector<std::string>& time_point_keys) = 0;
  // Responses of a cohort submitted at or after `since`, with their scores.
  virtual absl::StatusOr<std::vector<StoredResponse>> CohortResponsesSince(UnitOfWork& uow, int64_t cohort_id,
                                                                           absl::Time since) = 0;

  // --- Risk alerts.
  virtual absl::StatusOr<int64_t> InsertAlert(UnitOfWork& uow, const NewAlert& alert) = 0;
  virtual absl::StatusOr<std::optional<AlertRecord>> FindAlertByResponse(UnitOfWork& uow, int64_t response_id) = 0;
  // The alert if it belongs to the organisation; `for_update` locks its row.
  virtual absl::StatusOr<std::optional<AlertRecord>> FindAlert(UnitOfWork& uow, int64_t alert_id,
                                                               int64_t organisation_id, bool for_update) = 0;
  // Unacknowledged alerts past their deadline first (red before amber), then
  // unacknowledged red, then amber, then acknowledged, then resolved (newest
  // first); one query.
  virtual absl::StatusOr<std::vector<AlertRecord>> ListAlerts(UnitOfWork& uow, const AlertFilter& filter) = 0;
  // Over every unresolved alert the filter reaches (ignoring its limit).
  virtual absl::StatusOr<AlertCounts> CountAlerts(UnitOfWork& uow, const AlertFilter& filter) = 0;
  virtual absl::Status AcknowledgeAlert(UnitOfWork& uow, int64_t alert_id, int64_t user_id, absl::Time now,
                                        const std::string& note) = 0;
  // Also acknowledges it when it was not.
  virtual absl::Status ResolveAlert(UnitOfWork& uow, int64_t alert_id, int64_t user_id, absl::Time now,
                                    const std::string& note) = 0;
  // A cohort's alerts raised at or after `since`, oldest first.
  virtual absl::StatusOr<std::vector<AlertRecord>> CohortAlertsSince(UnitOfWork& uow, int64_t cohort_id,
                                                                     absl::Time since) = 0;
};

}  // namespace cft::measures
