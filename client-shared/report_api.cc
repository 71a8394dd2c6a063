#include "client-shared/report_api.h"

#include <QCoreApplication>

#include "cft/v1/report.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/report_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {
namespace {

// An export of a whole organisation can take minutes; the person cancels a
// slow one themselves.
constexpr std::chrono::minutes kExportDeadline{30};

// One export in flight: the call's state (for Transport and Call) and the
// reactor gRPC reads the stream with. gRPC's threads run the On* methods;
// everything they hand on goes to the UI thread as a posted event, in order,
// ahead of the completion Transport posts after OnDone.
class ExportCall final : public detail::CallState, public grpc::ClientReadReactor<v1::ExportOutcomesResponse> {
 public:
  v1::ExportOutcomesRequest request;
  ExportHandlers handlers;
  // Set on the UI thread before the call starts; the hub keeps the state
  // alive until OnDone, so lock() always succeeds in the On* methods.
  std::weak_ptr<ExportCall> self;
  std::function<void(grpc::Status)> done;

  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream ended; OnDone follows
    std::shared_ptr<ExportCall> me = self.lock();
    const bool first = response_.has_header();
    ExportHeaderInfo header = first ? fromProto(response_.header()) : ExportHeaderInfo();
    ExportChunk chunk = fromProto(response_);
    // Posted to the application object: the caller may be on its way out on
    // the UI thread, so it is looked at only there.
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [me, first, header = std::move(header), chunk = std::move(chunk)] {
          if (me->cancelled || me->finished || !me->caller) return;
          if (first && me->handlers.header) me->handlers.header(header);
          if (me->handlers.chunk) me->handlers.chunk(chunk);
        },
        Qt::QueuedConnection);
    StartRead(&response_);
  }

  void OnDone(const grpc::Status& status) override {
    // Transport's completion may release this object: nothing after it.
    std::function<void(grpc::Status)> finish = std::move(done);
    finish(status);
  }

  void succeed() override {
    if (handlers.finished) handlers.finished();
  }
  void fail(const RpcError& error) override {
    if (handlers.failed) handlers.failed(error);
  }

  v1::ExportOutcomesResponse response_;
};

}  // namespace

struct ReportApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::ReportService> stub;
};

ReportApi::ReportApi(ApiSession& session) : impl_(std::make_unique<Impl>(session.transport())) {}

ReportApi::~ReportApi() = default;

QStringList ReportApi::retriedMethods() { return {}; }

Call ReportApi::exportOutcomes(const ExportRequestInput& input, QObject* caller, ExportHandlers handlers) {
  auto state = std::make_shared<ExportCall>();
  state->self = state;
  state->request = toProto(input);
  state->handlers = std::move(handlers);
  RpcError channelError;
  v1::ReportService::Stub* stub = impl_->stub.get(&channelError);
  std::optional<RpcError> early;
  if (stub == nullptr) early = channelError;
  ExportCall* raw = state.get();
  detail::CallOptions options;
  options.deadline = kExportDeadline;
  return impl_->stub.transport().start(std::move(state), caller, options, early,
                                       [stub, raw](std::function<void(grpc::Status)> done) {
                                         raw->done = std::move(done);
                                         stub->async()->ExportOutcomes(&raw->context, &raw->request, raw);
                                         raw->StartRead(&raw->response_);
                                         raw->StartCall();
                                       });
}

}  // namespace cft::client
