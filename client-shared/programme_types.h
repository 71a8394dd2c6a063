// Qt value types of cft.v1.ProgrammeService. No protobuf, no gRPC.
#pragma once

#include <QList>
#include <QString>

namespace cft::client {

struct TemplateInfo {
  qint64 id = 0;
  QString title;
  int version = 0;
  int weekCount = 0;
  bool builtIn = true;
};

struct PracticeInfo {
  QString code;
  QString title;
  QString instructions;
  QString caution;
  int timesPerWeek = 0;
  int minutes = 0;
};

}  // namespace cft::client
