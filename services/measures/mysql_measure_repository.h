#pragma once

#include "services/measures/measure_repository.h"

namespace cft::measures {

// Stateless; thread-safe. Not final: the transaction tests subclass it to
// inject a failure after the alert insert, against the real database.
class MySqlMeasureRepository : public MeasureRepository {
 public:
  absl::StatusOr<std::map<std::pair<std::string, int>, std::string>> ListInstrumentVersions(UnitOfWork& uow) override;
  absl::Status InsertInstrumentVersion(UnitOfWork& uow, const std::string& key, int version,
                                       const std::string& checksum, const std::string& title, absl::Time now) override;
  absl::StatusOr<std::optional<MeasureSettings>> FindSettings(UnitOfWork& uow, int64_t organisation_id) override;
  absl::Status PutSettings(UnitOfWork& uow, int64_t organisation_id, const MeasureSettings& settings, absl::Time now,
                           int64_t user_id) override;
  absl::StatusOr<std::map<std::string, std::string>> FindItemTexts(UnitOfWork& uow, int64_t organisation_id,
                                                                  const std::string& instrument_key) override;
  absl::StatusOr<std::set<std::string>> InstrumentsWithItemText(UnitOfWork& uow, int64_t organisation_id) override;
  absl::Status ReplaceItemTexts(UnitOfWork& uow, int64_t organisation_id, const std::string& instrument_key,
                                const std::string& licence_note,
                                const std::vector<std::pair<std::string, std::string>>& texts, absl::Time now,
                                int64_t user_id) override;
  absl::StatusOr<std::vector<OrgReliableChange>> ListReliableChange(UnitOfWork& uow, int64_t organisation_id,
                                                                  const std::string& instrument_key) override;
  absl::Status PutReliableChange(UnitOfWork& uow, int64_t organisation_id, const OrgReliableChange& rc,
                                 absl::Time now, int64_t user_id) override;
  absl::StatusOr<std::optional<MeasurementPlan>> FindPlan(UnitOfWork& uow, int64_t cohort_id) override;
  absl::Status SavePlan(UnitOfWork& uow, int64_t cohort_id, const MeasurementPlan& plan, absl::Time now,
                        int64_t user_id) override;
  absl::StatusOr<int64_t> InsertResponse(UnitOfWork& uow, const StoredResponse& response) override;
  absl::StatusOr<std::optional<StoredResponse>> FindResponse(UnitOfWork& uow, int64_t response_id) override;
  absl::StatusOr<std::optional<StoredResponse>> FindResponseAt(UnitOfWork& uow, int64_t enrolment_id,
                                                               const std::string& instrument_key,
                                                               const std::string& time_point_key) override;
  absl::StatusOr<std::vector<StoredResponse>> ListResponsesOfEnrolment(UnitOfWork& uow, int64_t enrolment_id) override;
  absl::StatusOr<std::set<std::pair<std::string, std::string>>> CompletedOfEnrolment(UnitOfWork& uow,
                                                                                    int64_t enrolment_id) override;
  absl::StatusOr<std::map<std::string, double>> BaselineScores(UnitOfWork& uow, int64_t enrolment_id,
                                                               const std::string& instrument_key) override;
  absl::StatusOr<std::vector<CohortScoreRow>> CohortScores(UnitOfWork& uow, int64_t cohort_id,
                                                           const std::vector<std::string>& time_point_keys) override;
  absl::StatusOr<std::vector<StoredResponse>> CohortResponsesSince(UnitOfWork& uow, int64_t cohort_id,
                                                                   absl::Time since) override;
  absl::StatusOr<int64_t> InsertAlert(UnitOfWork& uow, const NewAlert& alert) override;
  absl::StatusOr<std::optional<AlertRecord>> FindAlertByResponse(UnitOfWork& uow, int64_t response_id) override;
  absl::StatusOr<std::optional<AlertRecord>> FindAlert(UnitOfWork& uow, int64_t alert_id, int64_t organisation_id,
                                                       bool for_update) override;
  absl::StatusOr<std::vector<AlertRecord>> ListAlerts(UnitOfWork& uow, const AlertFilter& filter) override;
  absl::StatusOr<AlertCounts> CountAlerts(UnitOfWork& uow, const AlertFilter& filter) override;
  absl::Status AcknowledgeAlert(UnitOfWork& uow, int64_t alert_id, int64_t user_id, absl::Time now,
                                const std::string& note) override;
  absl::Status ResolveAlert(UnitOfWork& uow, int64_t alert_id, int64_t user_id, absl::Time now,
                            const std::string& note) override;
  absl::StatusOr<std::vector<AlertRecord>> CohortAlertsSince(UnitOfWork& uow, int64_t cohort_id,
                                                             absl::Time since) override;
};

}  // namespace cft::measures
