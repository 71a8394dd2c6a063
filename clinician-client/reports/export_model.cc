#include "clinician-client/reports/export_model.h"

#include <QDir>
#include <QRegularExpression>

#include "client-shared/api_session.h"
#include "client-shared/report_api.h"

namespace cft::clinician {

ExportModel::ExportModel(client::ApiSession& session, QObject* parent) : QObject(parent), session_(session) {}

// Closing the dialog mid-export cancels it: QSaveFile's destructor then
// removes its temporary file.
ExportModel::~ExportModel() { call_.cancel(); }

QString ExportModel::suggestedFileName(const client::ExportRequestInput& input, const QString& scopeName) {
  QString kind;
  switch (input.format) {
    case client::ExportFormat::LongCsv: kind = QStringLiteral("outcomes-long"); break;
    case client::ExportFormat::WideCsv: kind = QStringLiteral("outcomes-wide"); break;
    case client::ExportFormat::FhirBundle: kind = QStringLiteral("outcomes-fhir"); break;
    case client::ExportFormat::AttendanceCsv: kind = QStringLiteral("attendance"); break;
    case client::ExportFormat::AdherenceCsv: kind = QStringLiteral("adherence"); break;
    case client::ExportFormat::DataDictionaryCsv: kind = QStringLiteral("data-dictionary"); break;
    case client::ExportFormat::SummaryCsv: kind = QStringLiteral("outcomes-summary"); break;
    case client::ExportFormat::Unknown: kind = QStringLiteral("export"); break;
  }
  if (input.mode == client::ExportMode::Deidentified) kind += QStringLiteral("-deidentified");
  static const QRegularExpression kBad(QStringLiteral(R"([\\/:*?"<>|]+)"));
  QString scope = scopeName;
  scope.replace(kBad, QStringLiteral("-"));
  return QStringLiteral("%1-%2.%3").arg(kind, scope.trimmed(), client::exportFormatSuffix(input.format));
}

bool ExportModel::start(const client::ExportRequestInput& input, const QString& path) {
  if (isRunning()) return false;
  header_ = {};
  rowsSent_ = estimatedRows_ = bytes_ = 0;
  complete_ = false;
  path_ = path;
  file_ = std::make_unique<QSaveFile>(path);
  if (!file_->open(QIODevice::WriteOnly)) {
    const QString why = file_->errorString();
    file_.reset();
    client::RpcError error;
    error.kind = client::RpcError::Kind::Other;
    error.message = QStringLiteral("%1 cannot be written (%2). Choose another folder.").arg(QDir::toNativeSeparators(path), why);
    stop(State::Failed, error.message);
    emit failed(error);
    return false;
  }
  state_ = State::Running;
  message_ = QStringLiteral("Exporting…");
  emit stateChanged(state_);
  emit progressChanged(0, 0);
  client::ExportHandlers handlers;
  handlers.header = [this](const client::ExportHeaderInfo& h) {
    header_ = h;
    estimatedRows_ = h.estimatedRows;
    emit headerReceived(h);
  };
  handlers.chunk = [this](const client::ExportChunk& c) { onChunk(c); };
  handlers.finished = [this] { onFinished(); };
  handlers.failed = [this](const client::RpcError& e) {
    stop(State::Failed, QStringLiteral("The export stopped, and nothing was saved: %1").arg(e.message));
    emit failed(e);
  };
  call_ = session_.reports().exportOutcomes(input, this, std::move(handlers));
  return true;
}

void ExportModel::onChunk(const client::ExportChunk& chunk) {
  if (!file_) return;
  if (!chunk.data.isEmpty() && file_->write(chunk.data) != chunk.data.size()) {
    const QString why = file_->errorString();
    call_.cancel();
    client::RpcError error;
    error.kind = client::RpcError::Kind::Other;
    error.message = QStringLiteral("Writing %1 failed (%2); nothing was saved.").arg(QDir::toNativeSeparators(path_), why);
    stop(State::Failed, error.message);
    emit failed(error);
    return;
  }
  bytes_ += chunk.data.size();
  rowsSent_ = chunk.rowsSent;
  estimatedRows_ = chunk.estimatedRows;
  complete_ = complete_ || chunk.done;
  emit progressChanged(rowsSent_, estimatedRows_);
}

void ExportModel::onFinished() {
  if (!file_) return;
  if (!complete_) {
    client::RpcError error;
    error.kind = client::RpcError::Kind::Other;
    error.message = QStringLiteral("The export ended before the file was complete; nothing was saved. Try again.");
    stop(State::Failed, error.message);
    emit failed(error);
    return;
  }
  if (!file_->commit()) {
    const QString why = file_->errorString();
    file_.reset();
    client::RpcError error;
    error.kind = client::RpcError::Kind::Other;
    error.message = QStringLiteral("%1 could not be saved (%2).").arg(QDir::toNativeSeparators(path_), why);
    stop(State::Failed, error.message);
    emit failed(error);
    return;
  }
  file_.reset();
  // The bar ends full: the server's estimate was counted before the stream
  // began, and the final count may differ from it.
  estimatedRows_ = std::max(estimatedRows_, rowsSent_);
  emit progressChanged(rowsSent_, estimatedRows_);
  stop(State::Saved, QStringLiteral("Saved %1 row%2 to %3.")
                         .arg(rowsSent_)
                         .arg(rowsSent_ == 1 ? "" : "s", QDir::toNativeSeparators(path_)));
}

void ExportModel::cancel() {
  if (!isRunning()) return;
  call_.cancel();
  stop(State::Cancelled, QStringLiteral("Export cancelled; nothing was saved."));
}

void ExportModel::stop(State state, const QString& message) {
  if (file_) {
    file_->cancelWriting();
    file_.reset();
  }
  state_ = state;
  message_ = message;
  emit stateChanged(state_);
}

}  // namespace cft::clinician
