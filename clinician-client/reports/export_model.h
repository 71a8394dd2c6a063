// One export from ReportService to a file the clinician chose, without
// widgets: streams the chunks into a QSaveFile (a temporary file beside the
// chosen one, renamed over it only once the server said the file is
// complete), counts progress from the stream, and cancels the RPC on
// request. A cancelled or failed export leaves nothing under the chosen name
// (and an existing file there untouched). Owned by its dialog (or a test);
// UI thread only.
#pragma once

#include <QObject>
#include <QSaveFile>
#include <memory>

#include "client-shared/call.h"
#include "client-shared/report_types.h"

namespace cft::client {
class ApiSession;
}

namespace cft::clinician {

class ExportModel : public QObject {
  Q_OBJECT

 public:
  enum class State { Idle, Running, Saved, Cancelled, Failed };

  explicit ExportModel(client::ApiSession& session, QObject* parent = nullptr);
  ~ExportModel() override;

  // Starts streaming into `path`; false (and failed() with the reason) when
  // the file cannot be opened or an export is already running.
  bool start(const client::ExportRequestInput& input, const QString& path);
  void cancel();

  State state() const { return state_; }
  bool isRunning() const { return state_ == State::Running; }
  const client::ExportHeaderInfo& header() const { return header_; }
  qint64 rowsSent() const { return rowsSent_; }
  qint64 estimatedRows() const { return estimatedRows_; }
  qint64 bytesWritten() const { return bytes_; }
  const QString& path() const { return path_; }
  // What happened, in a sentence, for the dialog's status line.
  const QString& message() const { return message_; }

  // A file name for the format and scope ("outcomes-long-Tuesday group.csv").
  static QString suggestedFileName(const client::ExportRequestInput& input, const QString& scopeName);

 signals:
  void headerReceived(const cft::client::ExportHeaderInfo& header);
  void progressChanged(qint64 rowsSent, qint64 estimatedRows);
  void stateChanged(cft::clinician::ExportModel::State state);
  void failed(const cft::client::RpcError& error);

 private:
  void onChunk(const client::ExportChunk& chunk);
  void onFinished();
  void stop(State state, const QString& message);

  client::ApiSession& session_;
  State state_ = State::Idle;
  client::Call call_;
  std::unique_ptr<QSaveFile> file_;
  client::ExportHeaderInfo header_;
  QString path_;
  QString message_;
  qint64 rowsSent_ = 0;
  qint64 estimatedRows_ = 0;
  qint64 bytes_ = 0;
  bool complete_ = false;
};

}  // namespace cft::clinician
