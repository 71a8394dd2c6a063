#include "client-shared/calendar_file.h"

#include <QSaveFile>

namespace cft::client {

bool writeCalendarFile(const CalendarFile& file, const QString& path, QString* error) {
  // All or nothing: a half-written calendar would import half the sessions.
  QSaveFile out(path);
  if (!out.open(QIODevice::WriteOnly) || out.write(file.ics) != file.ics.size() || !out.commit()) {
    *error = QStringLiteral("The calendar could not be saved to %1.").arg(path);
    return false;
  }
  return true;
}

}  // namespace cft::client
