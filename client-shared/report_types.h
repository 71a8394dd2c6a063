// Qt value types of cft.v1.ReportService: what an export covers, its file
// format and mode, the header the stream opens with, and each chunk's bytes
// and progress. No protobuf, no gRPC. Enums carry label functions; logic
// compares the enums.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace cft::client {

enum class ExportScopeKind { Cohort, Organisation, ProgrammeTemplate };

inline QString exportScopeLabel(ExportScopeKind s) {
  switch (s) {
    case ExportScopeKind::Cohort: return QStringLiteral("This cohort");
    case ExportScopeKind::Organisation: return QStringLiteral("The whole organisation");
    case ExportScopeKind::ProgrammeTemplate: return QStringLiteral("Every cohort of a programme template");
  }
  return QString();
}

enum class ExportFormat { Unknown, LongCsv, WideCsv, FhirBundle, AttendanceCsv, AdherenceCsv, DataDictionaryCsv, SummaryCsv };

inline QString exportFormatLabel(ExportFormat f) {
  switch (f) {
    case ExportFormat::LongCsv: return QStringLiteral("Scores, one row per score (long CSV)");
    case ExportFormat::WideCsv: return QStringLiteral("Scores, one row per participant (wide CSV)");
    case ExportFormat::FhirBundle: return QStringLiteral("FHIR R4 Bundle (JSON)");
    case ExportFormat::AttendanceCsv: return QStringLiteral("Attendance (CSV)");
    case ExportFormat::AdherenceCsv: return QStringLiteral("Homework adherence (CSV)");
    case ExportFormat::DataDictionaryCsv: return QStringLiteral("Data dictionary (CSV)");
    case ExportFormat::SummaryCsv: return QStringLiteral("Summary by time point (CSV)");
    case ExportFormat::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

// The file name ending a save dialog proposes.
inline QString exportFormatSuffix(ExportFormat f) {
  return f == ExportFormat::FhirBundle ? QStringLiteral("json") : QStringLiteral("csv");
}

// Every format, in the order a dialog lists them.
inline QList<ExportFormat> exportFormats() {
  return {ExportFormat::LongCsv,       ExportFormat::WideCsv,      ExportFormat::SummaryCsv,
          ExportFormat::AttendanceCsv, ExportFormat::AdherenceCsv, ExportFormat::FhirBundle,
          ExportFormat::DataDictionaryCsv};
}

enum class ExportMode { Unknown, Identified, Deidentified };

inline QString exportModeLabel(ExportMode m) {
  switch (m) {
    case ExportMode::Identified: return QStringLiteral("Identified, for the care team");
    case ExportMode::Deidentified: return QStringLiteral("De-identified, for research");
    case ExportMode::Unknown: break;
  }
  return QStringLiteral("Unknown");
}

struct ExportRequestInput {
  ExportScopeKind scope = ExportScopeKind::Cohort;
  // Cohort scope.
  qint64 cohortId = 0;
  // ProgrammeTemplate scope: the template version's id.
  qint64 templateId = 0;
  ExportFormat format = ExportFormat::LongCsv;
  ExportMode mode = ExportMode::Identified;
};

// What the first chunk says about the file.
struct ExportHeaderInfo {
  QString exportId;
  QString fileName;
  QString mediaType;
  ExportFormat format = ExportFormat::Unknown;
  ExportMode mode = ExportMode::Unknown;
  qint64 estimatedRows = 0;
  int cohortCount = 0;
  // Plain sentences to show with the file.
  QStringList notices;
};

struct ExportChunk {
  // The file's next bytes.
  QByteArray data;
  qint64 rowsSent = 0;
  qint64 estimatedRows = 0;
  // The last chunk: the file is complete.
  bool done = false;
};

}  // namespace cft::client
