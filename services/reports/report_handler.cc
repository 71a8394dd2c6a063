#include "services/reports/report_handler.h"

#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace cft::reports {
namespace {

absl::StatusOr<ExportFormat> FormatFromProto(v1::ExportFormat f) {
  switch (f) {
    case v1::EXPORT_FORMAT_LONG_CSV:
      return ExportFormat::kLongCsv;
    case v1::EXPORT_FORMAT_WIDE_CSV:
      return ExportFormat::kWideCsv;
    case v1::EXPORT_FORMAT_FHIR_BUNDLE:
      return ExportFormat::kFhirBundle;
    case v1::EXPORT_FORMAT_ATTENDANCE_CSV:
      return ExportFormat::kAttendanceCsv;
    case v1::EXPORT_FORMAT_ADHERENCE_CSV:
      return ExportFormat::kAdherenceCsv;
    case v1::EXPORT_FORMAT_DATA_DICTIONARY_CSV:
      return ExportFormat::kDataDictionary;
    case v1::EXPORT_FORMAT_SUMMARY_CSV:
      return ExportFormat::kSummaryCsv;
    default:
      return InvalidField("format", "must be one of the export formats");
  }
}

v1::ExportFormat ToProto(ExportFormat f) {
  switch (f) {
    case ExportFormat::kLongCsv:
      return v1::EXPORT_FORMAT_LONG_CSV;
    case ExportFormat::kWideCsv:
      return v1::EXPORT_FORMAT_WIDE_CSV;
    case ExportFormat::kFhirBundle:
      return v1::EXPORT_FORMAT_FHIR_BUNDLE;
    case ExportFormat::kAttendanceCsv:
      return v1::EXPORT_FORMAT_ATTENDANCE_CSV;
    case ExportFormat::kAdherenceCsv:
      return v1::EXPORT_FORMAT_ADHERENCE_CSV;
    case ExportFormat::kDataDictionary:
      return v1::EXPORT_FORMAT_DATA_DICTIONARY_CSV;
    case ExportFormat::kSummaryCsv:
      return v1::EXPORT_FORMAT_SUMMARY_CSV;
  }
  return v1::EXPORT_FORMAT_UNSPECIFIED;
}

absl::StatusOr<ExportRequest> FromProto(const v1::ExportOutcomesRequest& r) {
  ExportRequest out;
  switch (r.scope().scope_case()) {
    case v1::ExportScope::kCohortId:
      out.scope = {.kind = ScopeKind::kCohort, .cohort_id = r.scope().cohort_id()};
      break;
    case v1::ExportScope::kOrganisation:
      if (!r.scope().organisation()) return InvalidField("scope.organisation", "must be true when set");
      out.scope = {.kind = ScopeKind::kOrganisation};
      break;
    case v1::ExportScope::kProgrammeTemplateId:
      out.scope = {.kind = ScopeKind::kProgrammeTemplate, .programme_template_id = r.scope().programme_template_id()};
      break;
    case v1::ExportScope::SCOPE_NOT_SET:
      return InvalidField("scope", "is required: a cohort, the organisation or a programme template");
  }
  ASSIGN_OR_RETURN(out.format, FormatFromProto(r.format()));
  switch (r.mode()) {
    case v1::EXPORT_MODE_IDENTIFIED:
      out.mode = ExportMode::kIdentified;
      break;
    case v1::EXPORT_MODE_DEIDENTIFIED:
      out.mode = ExportMode::kDeidentified;
      break;
    default:
      return InvalidField("mode", "must be identified or de-identified");
  }
  return out;
}

class StreamSink final : public ExportSink {
 public:
  StreamSink(grpc::ServerContext& sc, grpc::ServerWriter<v1::ExportOutcomesResponse>& writer)
      : sc_(sc), writer_(writer) {}

  absl::Status Send(const ExportHeaderView* header, const std::string& data, int64_t rows_sent,
                    int64_t estimated_rows, bool done) override {
    v1::ExportOutcomesResponse chunk;
    if (header != nullptr) {
      v1::ExportHeader* h = chunk.mutable_header();
      h->set_export_id(header->export_id);
      h->set_file_name(header->file_name);
      h->set_media_type(header->media_type);
      h->set_format(ToProto(header->format));
      h->set_mode(header->mode == ExportMode::kDeidentified ? v1::EXPORT_MODE_DEIDENTIFIED : v1::EXPORT_MODE_IDENTIFIED);
      h->set_estimated_rows(header->estimated_rows);
      h->set_cohort_count(header->cohort_count);
      for (const std::string& n : header->notices) h->add_notices(n);
    }
    chunk.set_data(data);
    chunk.set_rows_sent(rows_sent);
    chunk.set_estimated_rows(estimated_rows);
    chunk.set_done(done);
    // Write blocks while the client is slow to read: flow control keeps the
    // server's buffers bounded.
    if (!writer_.Write(chunk)) return absl::CancelledError("the client stopped reading the export");
    return absl::OkStatus();
  }

  bool Cancelled() const override { return sc_.IsCancelled(); }

 private:
  grpc::ServerContext& sc_;
  grpc::ServerWriter<v1::ExportOutcomesResponse>& writer_;
};

}  // namespace

grpc::Status ReportHandler::ExportOutcomes(grpc::ServerContext* sc, const v1::ExportOutcomesRequest* req,
                                           grpc::ServerWriter<v1::ExportOutcomesResponse>* writer) {
  return rt_.ServerStreaming(sc, req, writer,
                             [&](RequestContext& ctx, const v1::ExportOutcomesRequest& r,
                                 grpc::ServerWriter<v1::ExportOutcomesResponse>& w) -> absl::Status {
                               ASSIGN_OR_RETURN(ExportRequest request, FromProto(r));
                               StreamSink sink(*sc, w);
                               return reports_.Export(ctx, request, sink);
                             });
}

}  // namespace cft::reports
