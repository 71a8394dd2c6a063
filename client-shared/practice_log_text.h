// A practice log as both clients show it: what was recorded, with the
// kind's labels for its fields, the participant's words (or, for staff, that
// they were kept private), and the facilitators' feedback with the log it
// answers. HTML for a QTextBrowser. QtCore only.
#pragma once

#include <QString>

#include "client-shared/homework_types.h"

namespace cft::client {

enum class LogReader { Participant, Staff };

// `kind` may be null (a log of the common fields only, or an unknown kind).
QString practiceLogHtml(const PracticeLogInfo& log, const PracticeKindInfo* kind, LogReader reader);

// "Tue 6 Oct 2026, 08:00".
QString practisedWhen(const PracticeLogInfo& log);

// A value as a person reads it: "Yes", the option's label, "Step 2: ...".
QString fieldValueText(const FieldValue& value, const PracticeFieldDef* field);

}  // namespace cft::client
