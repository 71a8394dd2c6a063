#include "clinician-client/reports/report_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "client-shared/error_reporter.h"
#include "clinician-client/reports/report_loader.h"
#include "clinician-client/reports/report_pdf.h"

namespace cft::clinician {
namespace {

// A file name without the characters file systems refuse.
QString safeFileName(QString name) {
  static const QRegularExpression kBad(QStringLiteral(R"([\\/:*?"<>|]+)"));
  return name.replace(kBad, QStringLiteral("-")).trimmed();
}

}  // namespace

ReportDialog::ReportDialog(client::ApiSession& session, client::ErrorReporter& errors, qint64 cohortId,
                           qint64 enrolmentId, const QString& subjectName, QWidget* parent)
    : QDialog(parent), errors_(errors), loader_(new ReportLoader(session, this)) {
  const bool cohort = enrolmentId == 0;
  setObjectName("reportDialog");
  setWindowTitle(cohort ? QStringLiteral("Cohort report: %1").arg(subjectName)
                        : QStringLiteral("Participant report: %1").arg(subjectName));
  auto* layout = new QVBoxLayout(this);
  auto* explain = new QLabel(
      cohort ? QStringLiteral("A PDF for supervision and commissioning: the group's questionnaires at each time "
                              "point with their charts, before-and-after figures, attendance and homework practice.")
             : QStringLiteral("A PDF of %1's questionnaires over time with their charts, attendance and homework "
                              "practice.")
                   .arg(subjectName));
  explain->setWordWrap(true);
  layout->addWidget(explain);
  progress_ = new QProgressBar;
  progress_->setObjectName("reportProgress");
  progress_->setAccessibleName(QStringLiteral("Fetching the report's data"));
  layout->addWidget(progress_);
  status_ = new QLabel(QStringLiteral("Fetching the report's data…"));
  status_->setObjectName("reportStatus");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  auto* row = new QHBoxLayout;
  path_ = new QLineEdit(
      QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
          .filePath(safeFileName((cohort ? QStringLiteral("Cohort report - %1.pdf") : QStringLiteral("Participant report - %1.pdf"))
                                     .arg(subjectName))));
  path_->setObjectName("reportPathEdit");
  path_->setAccessibleName(QStringLiteral("Save the PDF as"));
  auto* browse = new QPushButton(QStringLiteral("&Choose…"));
  browse->setObjectName("reportBrowseButton");
  row->addWidget(new QLabel(QStringLiteral("Save as")));
  row->addWidget(path_, 1);
  row->addWidget(browse);
  layout->addLayout(row);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  save_ = buttons->addButton(QStringLiteral("&Save PDF"), QDialogButtonBox::AcceptRole);
  save_->setObjectName("saveReportButton");
  layout->addWidget(buttons);
  resize(560, 220);

  connect(browse, &QPushButton::clicked, this, &ReportDialog::browse);
  connect(path_, &QLineEdit::textChanged, this, &ReportDialog::updateSave);
  connect(save_, &QPushButton::clicked, this, &ReportDialog::save);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(loader_, &ReportLoader::progressChanged, this, [this](int done, int total) {
    progress_->setRange(0, total);
    progress_->setValue(done);
  });
  connect(loader_, &ReportLoader::loaded, this, &ReportDialog::onLoaded);
  connect(loader_, &ReportLoader::failed, this, [this](const client::RpcError& e) {
    errors_.report(e, status_);
    updateSave();
  });
  updateSave();
  if (cohort) {
    loader_->loadCohort(cohortId);
  } else {
    loader_->loadParticipant(cohortId, enrolmentId);
  }
}

void ReportDialog::browse() {
  const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save the report"), path_->text(),
                                                    QStringLiteral("PDF files (*.pdf)"));
  if (!path.isEmpty()) path_->setText(path);
}

void ReportDialog::onLoaded() {
  if (const std::optional<QString> refusal = loader_->refusal()) {
    ready_ = false;
    status_->setText(*refusal);
  } else {
    ready_ = true;
    status_->setText(QStringLiteral("Ready to save."));
  }
  status_->setStyleSheet(QString());
  status_->show();
  updateSave();
}

void ReportDialog::updateSave() { save_->setEnabled(ready_ && !path_->text().trimmed().isEmpty()); }

bool ReportDialog::save() {
  if (!ready_) return false;
  QString path = path_->text().trimmed();
  if (!path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) path += QStringLiteral(".pdf");
  const PdfResult result = writeReportPdf(loader_->content(), path);
  if (!result.ok) {
    status_->setText(result.error);
    return false;
  }
  status_->setText(QStringLiteral("Saved %1 (%2 page%3).").arg(QDir::toNativeSeparators(path)).arg(result.pages).arg(result.pages == 1 ? "" : "s"));
  emit saved(path, result.pages);
  return true;
}

}  // namespace cft::clinician
