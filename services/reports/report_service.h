// Outcome exports: resolves and authorizes the scope, then streams one file
// (long, wide or summary CSV, attendance or adherence CSV, the data
// dictionary, or a FHIR R4 Bundle) to a sink a page of participants at a
// time, identified or de-identified, and audits the export when it starts and
// when it ends with the rows sent. Scores, bands and reliable change are the
// measures context's (stored scores, its catalog and its change statistics);
// attendance and adherence are the homework context's grid. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/audit/audit.h"
#include "services/cohorts/cohort_access.h"
#include "services/cohorts/cohort_repository.h"
#include "services/common/clock.h"
#include "services/homework/homework_service.h"
#include "services/measures/instrument_catalog.h"
#include "services/measures/measure_repository.h"
#include "services/reports/report_repository.h"
#include "services/reports/report_types.h"

namespace cft::reports {

struct ExportHeaderView {
  std::string export_id;
  std::string file_name;
  std::string media_type;
  ExportFormat format = ExportFormat::kLongCsv;
  ExportMode mode = ExportMode::kIdentified;
  int64_t estimated_rows = 0;
  int cohort_count = 0;
  std::vector<std::string> notices;
};

// Where an export's bytes go (the gRPC stream, or a test's buffer). Used by
// one call on one thread.
class ExportSink {
 public:
  virtual ~ExportSink() = default;
  // `header` is set on the first chunk only. An error (the client went away)
  // stops the export.
  virtual absl::Status Send(const ExportHeaderView* header, const std::string& data, int64_t rows_sent,
                            int64_t estimated_rows, bool done) = 0;
  // The caller cancelled: no further query is started.
  virtual bool Cancelled() const = 0;
};

struct ReportOptions {
  // Participants read per query: bounds the memory of an export.
  int page_size = 200;
  // Bytes gathered before a chunk is sent.
  size_t chunk_bytes = 64 * 1024;
};

// The platform's own FHIR base, code system and extensions, for what LOINC
// has no code for.
inline constexpr absl::string_view kFhirBase = "https://cft-platform.example/fhir";

class ReportService {
 public:
  // Homework's service computes the attendance and adherence grid (and checks
  // the caller's access to the cohort again): the export reuses it rather
  // than a second copy of its rules.
  ReportService(ReportRepository& reports, measures::MeasureRepository& measures, cohorts::CohortRepository& cohorts,
                homework::HomeworkService& homework, TransactionRunner& tx, audit::Auditor& auditor,
                const Clock& clock, std::shared_ptr<const measures::InstrumentCatalog> catalog,
                ReportOptions options = {});

  // INVALID_ARGUMENT naming the field for a bad scope; NOT_FOUND for a cohort
  // or template the caller's organisation does not have; PERMISSION_DENIED
  // for a clinician who does not facilitate the cohort or asks for more than
  // one cohort; CANCELLED when the caller went away.
  absl::Status Export(RequestContext& ctx, const ExportRequest& request, ExportSink& sink);

 private:
  class Run;
  ReportRepository& reports_;
  measures::MeasureRepository& measures_;
  homework::HomeworkService& homework_;
  TransactionRunner& tx_;
  audit::Auditor& auditor_;
  const Clock& clock_;
  std::shared_ptr<const measures::InstrumentCatalog> catalog_;
  ReportOptions options_;
  cohorts::CohortAccess access_;
};

}  // namespace cft::reports
