// cft.v1.ProgrammeService for the clients: programme templates. Reached as
// session.programme(); owned by the ApiSession. Every call answers `caller`
// only (call.h). UI thread only. No gRPC here.
#pragma once

#include <QList>
#include <QStringList>
#include <memory>

#include "client-shared/call.h"
#include "client-shared/programme_types.h"

namespace cft::client {

class ApiSession;

class ProgrammeApi {
 public:
  explicit ProgrammeApi(ApiSession& session);
  ~ProgrammeApi();

  // Those of this service's methods gRPC may retry (ApiSession::retriedMethods).
  static QStringList retriedMethods();

  Call listTemplates(QObject* caller, Done<QList<TemplateInfo>> done, Failed failed);
  // The practice kinds of one template version (what its logs' fields are).
  Call getPracticeKinds(qint64 templateId, QObject* caller, Done<QList<PracticeKindInfo>> done, Failed failed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cft::client
