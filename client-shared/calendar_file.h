// Writing an exported calendar where the person chose. QtCore only, so page
// models (which have no widgets) do it themselves.
#pragma once

#include <QString>

#include "client-shared/calendar_types.h"

namespace cft::client {

// Writes `file` to `path`; on failure returns false with a plain sentence in `*error`.
bool writeCalendarFile(const CalendarFile& file, const QString& path, QString* error);

}  // namespace cft::client
