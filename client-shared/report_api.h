// cft.v1.ReportService for the clients: a streamed export of outcomes,
// attendance and adherence. Reached as session.reports(); owned by the
// ApiSession. The stream runs on gRPC's threads (its callback API, like every
// call here), and each chunk is posted to the UI thread, where the caller's
// handlers run in order: the header once, then the chunks, then finished()
// or failed(), exactly one of them. Nothing runs once the call is cancelled
// or the caller is gone. UI thread only. No gRPC here.
#pragma once

#include <QStringList>
#include <functional>
#include <memory>

#include "client-shared/call.h"
#include "client-shared/report_types.h"

namespace cft::client {

class ApiSession;

struct ExportHandlers {
  std::function<void(const ExportHeaderInfo&)> header;
  std::function<void(const ExportChunk&)> chunk;
  std::function<void()> finished;
  Failed failed;
};

class ReportApi {
 public:
  explicit ReportApi(ApiSession& session);
  ~ReportApi();

  // None: a repeated export would be a second audited export.
  static QStringList retriedMethods();

  // Cancelling the returned call cancels the RPC, which stops the server's query.
  Call exportOutcomes(const ExportRequestInput& input, QObject* caller, ExportHandlers handlers);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
