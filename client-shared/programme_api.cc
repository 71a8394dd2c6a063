#include "client-shared/programme_api.h"

#include "cft/v1/programme.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/common_mapping.h"
#include "client-shared/programme_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {
namespace {

using Stub = v1::ProgrammeService::Stub;

constexpr auto kFromProto = [](const auto& message) { return fromProto(message); };

}  // namespace

struct ProgrammeApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::ProgrammeService> stub;
};

ProgrammeApi::ProgrammeApi(ApiSession& session) : impl_(std::make_unique<Impl>(session.transport())) {}

ProgrammeApi::~ProgrammeApi() = default;

QStringList ProgrammeApi::retriedMethods() {
  const QString s = QString::fromLatin1(v1::ProgrammeService::service_full_name());
  // Not SaveProgrammeTemplate: each call makes a new version.
  return {s + "/ListProgrammeTemplates", s + "/GetProgrammeTemplate"};
}

Call ProgrammeApi::listTemplates(QObject* caller, Done<QList<TemplateInfo>> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::ListProgrammeTemplates, v1::ListProgrammeTemplatesRequest(), caller,
      [done = std::move(done)](const v1::ListProgrammeTemplatesResponse& resp) {
        if (done) done(listOf(resp.templates(), kFromProto));
      },
      std::move(failed));
}

Call ProgrammeApi::getPracticeKinds(qint64 templateId, QObject* caller, Done<QList<PracticeKindInfo>> done,
                                   Failed failed) {
  v1::GetProgrammeTemplateRequest req;
  req.set_template_id(templateId);
  return detail::unary(
      impl_->stub, &Stub::async::GetProgrammeTemplate, std::move(req), caller,
      [done = std::move(done)](const v1::GetProgrammeTemplateResponse& resp) {
        if (done) done(listOf(resp.template_().practice_kinds(), kFromProto));
      },
      std::move(failed));
}

}  // namespace cft::client
