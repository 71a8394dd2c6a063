// Lays a ReportContent out as an A4 PDF through QPdfWriter: a header with
// the report and its subject and a footer with the generation stamp, the
// clinician and "Page n of N" on every page; tables that run over a page
// repeat their header row; charts (the same ScoreChart and pre–post chart
// the Outcomes page shows) are drawn onto the PDF's painter as vectors.
// Writes through QSaveFile, so the chosen file appears whole or not at all.
// UI thread only (charts are widgets).
#pragma once

#include <QString>

#include "clinician-client/reports/report_content.h"

class QIODevice;

namespace cft::clinician {

struct PdfResult {
  bool ok = false;
  int pages = 0;
  // Why nothing was saved, in a sentence.
  QString error;
};

PdfResult writeReportPdf(const ReportContent& content, const QString& path);
// To an open device (left open; the caller commits or closes it).
PdfResult writeReportPdf(const ReportContent& content, QIODevice* device);

}  // namespace cft::clinician
