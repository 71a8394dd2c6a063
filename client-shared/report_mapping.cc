#include "client-shared/report_mapping.h"

#include "client-shared/common_mapping.h"

namespace cft::client {

ExportFormat fromProto(v1::ExportFormat f) {
  switch (f) {
    case v1::EXPORT_FORMAT_LONG_CSV: return ExportFormat::LongCsv;
    case v1::EXPORT_FORMAT_WIDE_CSV: return ExportFormat::WideCsv;
    case v1::EXPORT_FORMAT_FHIR_BUNDLE: return ExportFormat::FhirBundle;
    case v1::EXPORT_FORMAT_ATTENDANCE_CSV: return ExportFormat::AttendanceCsv;
    case v1::EXPORT_FORMAT_ADHERENCE_CSV: return ExportFormat::AdherenceCsv;
    case v1::EXPORT_FORMAT_DATA_DICTIONARY_CSV: return ExportFormat::DataDictionaryCsv;
    case v1::EXPORT_FORMAT_SUMMARY_CSV: return ExportFormat::SummaryCsv;
    default: break;
  }
  return ExportFormat::Unknown;
}

ExportMode fromProto(v1::ExportMode m) {
  switch (m) {
    case v1::EXPORT_MODE_IDENTIFIED: return ExportMode::Identified;
    case v1::EXPORT_MODE_DEIDENTIFIED: return ExportMode::Deidentified;
    default: break;
  }
  return ExportMode::Unknown;
}

v1::ExportFormat toProto(ExportFormat f) {
  switch (f) {
    case ExportFormat::LongCsv: return v1::EXPORT_FORMAT_LONG_CSV;
    case ExportFormat::WideCsv: return v1::EXPORT_FORMAT_WIDE_CSV;
    case ExportFormat::FhirBundle: return v1::EXPORT_FORMAT_FHIR_BUNDLE;
    case ExportFormat::AttendanceCsv: return v1::EXPORT_FORMAT_ATTENDANCE_CSV;
    case ExportFormat::AdherenceCsv: return v1::EXPORT_FORMAT_ADHERENCE_CSV;
    case ExportFormat::DataDictionaryCsv: return v1::EXPORT_FORMAT_DATA_DICTIONARY_CSV;
    case ExportFormat::SummaryCsv: return v1::EXPORT_FORMAT_SUMMARY_CSV;
    case ExportFormat::Unknown: break;
  }
  return v1::EXPORT_FORMAT_UNSPECIFIED;
}

v1::ExportMode toProto(ExportMode m) {
  switch (m) {
    case ExportMode::Identified: return v1::EXPORT_MODE_IDENTIFIED;
    case ExportMode::Deidentified: return v1::EXPORT_MODE_DEIDENTIFIED;
    case ExportMode::Unknown: break;
  }
  return v1::EXPORT_MODE_UNSPECIFIED;
}

v1::ExportOutcomesRequest toProto(const ExportRequestInput& input) {
  v1::ExportOutcomesRequest req;
  switch (input.scope) {
    case ExportScopeKind::Cohort: req.mutable_scope()->set_cohort_id(input.cohortId); break;
    case ExportScopeKind::Organisation: req.mutable_scope()->set_organisation(true); break;
    case ExportScopeKind::ProgrammeTemplate: req.mutable_scope()->set_programme_template_id(input.templateId); break;
  }
  req.set_format(toProto(input.format));
  req.set_mode(toProto(input.mode));
  return req;
}

ExportHeaderInfo fromProto(const v1::ExportHeader& h) {
  ExportHeaderInfo info;
  info.exportId = qs(h.export_id());
  info.fileName = qs(h.file_name());
  info.mediaType = qs(h.media_type());
  info.format = fromProto(h.format());
  info.mode = fromProto(h.mode());
  info.estimatedRows = h.estimated_rows();
  info.cohortCount = h.cohort_count();
  info.notices = fromProto(h.notices());
  return info;
}

ExportChunk fromProto(const v1::ExportOutcomesResponse& r) {
  ExportChunk chunk;
  chunk.data = QByteArray::fromStdString(r.data());
  chunk.rowsSent = r.rows_sent();
  chunk.estimatedRows = r.estimated_rows();
  chunk.done = r.done();
  return chunk;
}

}  // namespace cft::client
