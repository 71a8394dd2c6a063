#include "clinician-client/reports/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "client-shared/api_session.h"
#include "client-shared/error_reporter.h"
#include "client-shared/programme_api.h"
#include "clinician-client/reports/export_model.h"

namespace cft::clinician {

using client::ExportScopeKind;

QString ExportDialog::deidentificationSentence() {
  return QStringLiteral(
      "De-identified files name people by codes made for this export alone, give programme weeks instead of dates, "
      "and leave out names, contact details, internal ids, free text and counts under 5 — but they are still "
      "personal data, so keep them as carefully as identified ones.");
}

ExportDialog::ExportDialog(client::ApiSession& session, client::ErrorReporter& errors, qint64 cohortId,
                           const QString& cohortName, QWidget* parent)
    : QDialog(parent), errors_(errors), cohortId_(cohortId), cohortName_(cohortName), model_(new ExportModel(session, this)) {
  setObjectName("exportDialog");
  setWindowTitle(QStringLiteral("Export data"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  scope_ = new QComboBox;
  scope_->setObjectName("exportScopeCombo");
  scope_->addItem(QStringLiteral("This cohort: %1").arg(cohortName), static_cast<int>(ExportScopeKind::Cohort));
  // The server refuses the wider scopes to anyone but an administrator;
  // the form does not offer what would be refused.
  const bool admin = session.currentUser().role == client::UserRole::Admin;
  if (admin) {
    scope_->addItem(client::exportScopeLabel(ExportScopeKind::Organisation), static_cast<int>(ExportScopeKind::Organisation));
    scope_->addItem(client::exportScopeLabel(ExportScopeKind::ProgrammeTemplate),
                    static_cast<int>(ExportScopeKind::ProgrammeTemplate));
  }
  form->addRow(QStringLiteral("&What"), scope_);
  template_ = new QComboBox;
  template_->setObjectName("exportTemplateCombo");
  template_->setAccessibleName(QStringLiteral("Programme template"));
  form->addRow(QStringLiteral("&Template"), template_);
  form_ = form;
  format_ = new QComboBox;
  format_->setObjectName("exportFormatCombo");
  for (client::ExportFormat f : client::exportFormats()) format_->addItem(client::exportFormatLabel(f), static_cast<int>(f));
  form->addRow(QStringLiteral("&Format"), format_);
  auto* modes = new QVBoxLayout;
  identified_ = new QRadioButton(client::exportModeLabel(client::ExportMode::Identified));
  identified_->setObjectName("exportIdentifiedRadio");
  identified_->setChecked(true);
  deidentified_ = new QRadioButton(client::exportModeLabel(client::ExportMode::Deidentified));
  deidentified_->setObjectName("exportDeidentifiedRadio");
  auto* sentence = new QLabel(deidentificationSentence());
  sentence->setObjectName("deidentificationNote");
  sentence->setWordWrap(true);
  modes->addWidget(identified_);
  modes->addWidget(deidentified_);
  modes->addWidget(sentence);
  form->addRow(QStringLiteral("Mode"), modes);
  auto* row = new QHBoxLayout;
  path_ = new QLineEdit;
  path_->setObjectName("exportPathEdit");
  path_->setAccessibleName(QStringLiteral("Save the export as"));
  auto* browse = new QPushButton(QStringLiteral("&Choose…"));
  browse->setObjectName("exportBrowseButton");
  row->addWidget(path_, 1);
  row->addWidget(browse);
  auto* saveAs = new QLabel(QStringLiteral("&Save as"));
  saveAs->setBuddy(path_);
  form->addRow(saveAs, row);
  layout->addLayout(form);
  progress_ = new QProgressBar;
  progress_->setObjectName("exportProgress");
  progress_->setAccessibleName(QStringLiteral("Export progress"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(QStringLiteral("%v of %m rows"));
  layout->addWidget(progress_);
  status_ = new QLabel;
  status_->setObjectName("exportStatus");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  notices_ = new QLabel;
  notices_->setObjectName("exportNotices");
  notices_->setWordWrap(true);
  layout->addWidget(notices_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  export_ = buttons->addButton(QStringLiteral("&Export"), QDialogButtonBox::ActionRole);
  export_->setObjectName("startExportButton");
  cancel_ = buttons->addButton(QStringLiteral("Cancel e&xport"), QDialogButtonBox::ActionRole);
  cancel_->setObjectName("cancelExportButton");
  layout->addWidget(buttons);
  resize(620, 420);

  connect(scope_, &QComboBox::currentIndexChanged, this, [this] {
    suggestPath();
    updateState();
  });
  connect(template_, &QComboBox::currentIndexChanged, this, [this] { suggestPath(); updateState(); });
  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestPath);
  // Both: the one unchecked signals before the other is checked.
  connect(identified_, &QRadioButton::toggled, this, &ExportDialog::suggestPath);
  connect(deidentified_, &QRadioButton::toggled, this, &ExportDialog::suggestPath);
  connect(path_, &QLineEdit::textEdited, this, [this] {
    pathSuggested_ = false;
    updateState();
  });
  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  connect(export_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(cancel_, &QPushButton::clicked, model_, &ExportModel::cancel);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(model_, &ExportModel::progressChanged, this, [this](qint64 sent, qint64 estimate) {
    // QProgressBar counts in int; an export of more rows than that is shown in thousandths.
    const bool huge = estimate > std::numeric_limits<int>::max();
    const qint64 max = std::max<qint64>(estimate, sent);
    progress_->setRange(0, huge ? 1000 : static_cast<int>(std::max<qint64>(max, 1)));
    progress_->setValue(huge ? static_cast<int>(1000 * sent / max) : static_cast<int>(max == 0 ? 0 : sent));
  });
  connect(model_, &ExportModel::headerReceived, this, [this](const client::ExportHeaderInfo& h) {
    notices_->setText(h.notices.join(QLatin1Char(' ')));
  });
  connect(model_, &ExportModel::stateChanged, this, [this](ExportModel::State s) {
    if (s == ExportModel::State::Saved) progress_->setValue(progress_->maximum());
    if (s == ExportModel::State::Cancelled) progress_->setValue(0);
    updateState();
  });
  connect(model_, &ExportModel::failed, this, [this](const client::RpcError& e) { errors_.report(e, status_); });

  if (admin) {
    session.programme().listTemplates(
        this,
        [this](const QList<client::TemplateInfo>& templates) {
          QSignalBlocker block(template_);
          for (const client::TemplateInfo& t : templates) {
            template_->addItem(QStringLiteral("%1 (version %2)").arg(t.title).arg(t.version), t.id);
          }
          suggestPath();
          updateState();
        },
        [this](const client::RpcError& e) { errors_.report(e, status_); });
  }
  suggestPath();
  updateState();
}

client::ExportRequestInput ExportDialog::input() const {
  client::ExportRequestInput in;
  in.scope = static_cast<ExportScopeKind>(scope_->currentData().toInt());
  in.cohortId = cohortId_;
  in.templateId = template_->currentData().toLongLong();
  in.format = static_cast<client::ExportFormat>(format_->currentData().toInt());
  in.mode = deidentified_->isChecked() ? client::ExportMode::Deidentified : client::ExportMode::Identified;
  return in;
}

void ExportDialog::suggestPath() {
  if (!pathSuggested_) return;
  const client::ExportRequestInput in = input();
  const QString scopeName = in.scope == ExportScopeKind::Cohort         ? cohortName_
                            : in.scope == ExportScopeKind::Organisation ? QStringLiteral("organisation")
                                                                        : template_->currentText();
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  path_->setText(QDir(dir).filePath(ExportModel::suggestedFileName(in, scopeName)));
}

void ExportDialog::browse() {
  const QString suffix = client::exportFormatSuffix(input().format);
  const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save the export"), path_->text(),
                                                    suffix == QStringLiteral("json") ? QStringLiteral("FHIR JSON (*.json)")
                                                                                     : QStringLiteral("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  path_->setText(path);
  pathSuggested_ = false;
  updateState();
}

void ExportDialog::startExport() {
  client::ErrorReporter::clear(status_);
  notices_->clear();
  model_->start(input(), path_->text().trimmed());
  status_->setText(model_->message());
  status_->show();
}

void ExportDialog::updateState() {
  const bool running = model_->isRunning();
  const bool templateMissing = input().scope == ExportScopeKind::ProgrammeTemplate && template_->count() == 0;
  const bool byTemplate = input().scope == ExportScopeKind::ProgrammeTemplate;
  form_->setRowVisible(template_, byTemplate);
  template_->setEnabled(!running && byTemplate);
  export_->setEnabled(!running && !templateMissing && !path_->text().trimmed().isEmpty());
  cancel_->setEnabled(running);
  for (QWidget* w : std::initializer_list<QWidget*>{scope_, format_, identified_, deidentified_, path_}) w->setEnabled(!running);
  if (model_->state() != ExportModel::State::Failed && model_->state() != ExportModel::State::Idle) {
    status_->setStyleSheet(QString());
    status_->setText(model_->message());
    status_->show();
  }
}

}  // namespace cft::clinician
