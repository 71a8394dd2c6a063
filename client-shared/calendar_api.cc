#include "client-shared/calendar_api.h"

#include "cft/v1/calendar.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/calendar_mapping.h"
#include "client-shared/common_mapping.h"
#include "client-shared/transport.h"

namespace cft::client {
namespace {

using Stub = v1::CalendarService::Stub;

constexpr auto kFromProto = [](const auto& message) { return fromProto(message); };

// An export streams a whole calendar; it gets longer than a list.
constexpr std::chrono::seconds kExportDeadline{60};

}  // namespace

struct CalendarApi::Impl {
  explicit Impl(detail::Transport& transport) : stub(transport) {}
  detail::ServiceStub<v1::CalendarService> stub;
};

CalendarApi::CalendarApi(ApiSession& session) : impl_(std::make_unique<Impl>(session.transport())) {}

CalendarApi::~CalendarApi() = default;

QStringList CalendarApi::retriedMethods() {
  const QString s = QString::fromLatin1(v1::CalendarService::service_full_name());
  return {
      s + "/GetSchedule", s + "/GetMyProgramme", s + "/ExportCalendar",
      // A repeat finds the session already there and moves nothing further.
      s + "/RescheduleSession",
      // The same register recorded twice is the same register.
      s + "/RecordAttendance",
      // Not CancelSession: the repeat would find the session cancelled.
  };
}

Call CalendarApi::getSchedule(qint64 cohortId, QObject* caller, Done<QList<SessionInfo>> done, Failed failed) {
  v1::GetScheduleRequest req;
  req.set_cohort_id(cohortId);
  return detail::unary(
      impl_->stub, &Stub::async::GetSchedule, std::move(req), caller,
      [done = std::move(done)](const v1::GetScheduleResponse& resp) {
        if (done) done(listOf(resp.sessions(), kFromProto));
      },
      std::move(failed));
}

Call CalendarApi::rescheduleSession(qint64 sessionId, const QDate& date, const QTime& time, bool shiftFollowing,
                                    QObject* caller, Done<ScheduleChange> done, Failed failed) {
  v1::RescheduleSessionRequest req;
  req.set_session_id(sessionId);
  toProto(date, req.mutable_new_date());
  toProto(time, req.mutable_new_start_time());
  req.set_shift_following(shiftFollowing);
  return detail::unary(
      impl_->stub, &Stub::async::RescheduleSession, std::move(req), caller,
      [done = std::move(done)](const v1::RescheduleSessionResponse& resp) {
        if (done) done(ScheduleChange{listOf(resp.sessions(), kFromProto), fromProto(resp.warnings())});
      },
      std::move(failed));
}

Call CalendarApi::cancelSession(qint64 sessionId, const QString& reason, bool extendProgramme, QObject* caller,
                                Done<ScheduleChange> done, Failed failed) {
  v1::CancelSessionRequest req;
  req.set_session_id(sessionId);
  req.set_reason(ss(reason));
  req.set_extend_programme(extendProgramme);
  return detail::unary(
      impl_->stub, &Stub::async::CancelSession, std::move(req), caller,
      [done = std::move(done)](const v1::CancelSessionResponse& resp) {
        if (done) done(ScheduleChange{listOf(resp.sessions(), kFromProto), {}});
      },
      std::move(failed));
}

Call CalendarApi::recordAttendance(qint64 sessionId, const QList<AttendanceMark>& marks, QObject* caller,
                                   Done<QList<AttendanceMark>> done, Failed failed) {
  v1::RecordAttendanceRequest req;
  req.set_session_id(sessionId);
  for (const AttendanceMark& m : marks) {
    auto* e = req.add_entries();
    e->set_enrolment_id(m.enrolmentId);
    e->set_status(toProto(m.status));
    e->set_note(ss(m.note));
  }
  return detail::unary(
      impl_->stub, &Stub::async::RecordAttendance, std::move(req), caller,
      [done = std::move(done)](const v1::RecordAttendanceResponse& resp) {
        if (done) done(listOf(resp.register_(), kFromProto));
      },
      std::move(failed));
}

Call CalendarApi::getMyProgramme(QObject* caller, Done<MyProgrammeInfo> done, Failed failed) {
  return detail::unary(
      impl_->stub, &Stub::async::GetMyProgramme, v1::GetMyProgrammeRequest(), caller,
      [done = std::move(done)](const v1::GetMyProgrammeResponse& resp) {
        if (done) done(fromProto(resp));
      },
      std::move(failed));
}

Call CalendarApi::exportCalendar(qint64 cohortId, QObject* caller, Done<CalendarFile> done, Failed failed) {
  v1::ExportCalendarRequest req;
  req.set_cohort_id(cohortId);
  return detail::unary(
      impl_->stub, &Stub::async::ExportCalendar, std::move(req), caller,
      [done = std::move(done)](const v1::ExportCalendarResponse& resp) {
        if (done) done(CalendarFile{qs(resp.filename()), QByteArray::fromStdString(resp.ics())});
      },
      std::move(failed), {.deadline = kExportDeadline});
}

}  // namespace cft::client
