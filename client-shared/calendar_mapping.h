// cft.v1.CalendarService messages <-> the value types of calendar_types.h. Core only.
#pragma once

#include "cft/v1/calendar.pb.h"
#include "client-shared/calendar_types.h"

namespace cft::client {

SessionStatus fromProto(v1::SessionStatus s);
Attendance fromProto(v1::AttendanceStatus a);
v1::AttendanceStatus toProto(Attendance a);

SessionInfo fromProto(const v1::ScheduledSession& s);
AttendanceMark fromProto(const v1::AttendanceEntry& e);
WeekContent fromProto(const v1::MyWeek& w);
MyProgrammeInfo fromProto(const v1::GetMyProgrammeResponse& resp);

}  // namespace cft::client
