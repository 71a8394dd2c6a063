#include "client-shared/api_client.h"

#include <grpcpp/grpcpp.h>

#include <QFile>
#include <QPointer>
#include <QThread>
#include <chrono>
#include <thread>

#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"

namespace cft::client {
namespace {

constexpr auto kCallTimeout = std::chrono::seconds(15);

QString qs(const std::string& s) { return QString::fromStdString(s); }
std::string ss(const QString& s) { return s.toStdString(); }

UserRole fromProto(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN:
      return UserRole::Admin;
    case v1::ROLE_CLINICIAN:
      return UserRole::Clinician;
    case v1::ROLE_PARTICIPANT:
      return UserRole::Participant;
    default:
      return UserRole::Unknown;
  }
}

v1::Role toProto(UserRole role) {
  switch (role) {
    case UserRole::Admin:
      return v1::ROLE_ADMIN;
    case UserRole::Clinician:
      return v1::ROLE_CLINICIAN;
    case UserRole::Participant:
      return v1::ROLE_PARTICIPANT;
    default:
      return v1::ROLE_UNSPECIFIED;
  }
}

UserInfo fromProto(const v1::User& u) {
  UserInfo info;
  info.id = u.id();
  info.organisationId = u.organisation_id();
  info.email = qs(u.email());
  info.displayName = qs(u.display_name());
  info.role = fromProto(u.role());
  info.active = u.active();
  info.passwordChangeRequired = u.password_change_required();
  return info;
}

QDateTime fromProto(const google::protobuf::Timestamp& t) {
  return QDateTime::fromSecsSinceEpoch(t.seconds(), Qt::UTC);
}

// The response type of a generated stub method.
template <typename Method>
struct ResponseOf;
template <typename Stub, typename Req, typename Resp>
struct ResponseOf<grpc::Status (Stub::*)(grpc::ClientContext*, const Req&, Resp*)> {
  using type = Resp;
};

RpcError fromStatus(const grpc::Status& s) {
  return makeRpcError(static_cast<int>(s.error_code()), qs(s.error_message()));
}

QDate fromProto(const v1::LocalDate& d) { return QDate(d.year(), d.month(), d.day()); }
QTime fromProto(const v1::LocalTime& t) { return QTime(t.hour(), t.minute()); }

QString cohortStatus(v1::CohortStatus s) {
  switch (s) {
    case v1::COHORT_PLANNED: return QStringLiteral("Planned");
    case v1::COHORT_RUNNING: return QStringLiteral("Running");
    case v1::COHORT_COMPLETED: return QStringLiteral("Completed");
    case v1::COHORT_CANCELLED: return QStringLiteral("Cancelled");
    default: return QStringLiteral("Unknown");
  }
}

v1::CohortStatus cohortStatusToProto(const QString& s) {
  if (s == QStringLiteral("Planned")) return v1::COHORT_PLANNED;
  if (s == QStringLiteral("Running")) return v1::COHORT_RUNNING;
  if (s == QStringLiteral("Completed")) return v1::COHORT_COMPLETED;
  if (s == QStringLiteral("Cancelled")) return v1::COHORT_CANCELLED;
  return v1::COHORT_STATUS_UNSPECIFIED;
}

FacilitatorInfo fromProto(const v1::Facilitator& f) {
  return FacilitatorInfo{f.user_id(), qs(f.display_name()), qs(f.email()), f.role() == v1::FACILITATOR_LEAD};
}

CohortInfo fromProto(const v1::Cohort& c) {
  CohortInfo info;
  info.id = c.id();
  info.name = qs(c.name());
  info.status = cohortStatus(c.status());
  info.cancelReason = qs(c.cancel_reason());
  info.running = c.status() == v1::COHORT_RUNNING;
  info.templateTitle = qs(c.template_title());
  info.weekCount = c.week_count();
  info.startDate = fromProto(c.start_date());
  info.weekday = static_cast<int>(c.weekday());
  info.startTime = fromProto(c.local_start_time());
  info.durationMinutes = c.duration_minutes();
  info.timeZone = qs(c.time_zone());
  info.capacity = c.capacity();
  info.enrolled = c.enrolled_count();
  info.openGroup = c.group_type() == v1::GROUP_OPEN;
  for (const auto& f : c.facilitators()) info.facilitators.append(fromProto(f));
  if (c.has_first_session_at()) info.firstSessionAt = fromProto(c.first_session_at());
  return info;
}

SessionInfo fromProto(const v1::ScheduledSession& s) {
  SessionInfo info;
  info.id = s.id();
  info.week = s.week_number();
  info.weekTitle = qs(s.week_title());
  info.localDate = fromProto(s.local_date());
  info.localTime = fromProto(s.local_start_time());
  info.timeZone = qs(s.time_zone());
  info.startsAt = fromProto(s.starts_at());
  info.durationMinutes = s.duration_minutes();
  info.status = s.status() == v1::SESSION_HELD        ? QStringLiteral("Held")
                : s.status() == v1::SESSION_CANCELLED ? QStringLiteral("Cancelled")
                                                      : QStringLiteral("Scheduled");
  info.cancelReason = qs(s.cancel_reason());
  info.present = s.attendance().present();
  info.late = s.attendance().late();
  info.absent = s.attendance().absent();
  info.excused = s.attendance().excused();
  info.localDisplay = qs(s.local_display());
  return info;
}

ParticipantInfo fromProto(const v1::Participant& p) {
  ParticipantInfo info;
  info.enrolmentId = p.enrolment_id();
  info.name = qs(p.name());
  info.email = qs(p.contact_email());
  switch (p.status()) {
    case v1::PARTICIPANT_INVITED: info.status = QStringLiteral("Invited"); break;
    case v1::PARTICIPANT_ACTIVE: info.status = QStringLiteral("Active"); break;
    case v1::PARTICIPANT_WITHDRAWN: info.status = QStringLiteral("Withdrawn"); break;
    case v1::PARTICIPANT_COMPLETED: info.status = QStringLiteral("Completed"); break;
    default: info.status = QStringLiteral("Unknown"); break;
  }
  switch (p.invite_state()) {
    case v1::INVITE_PENDING: info.inviteState = QStringLiteral("Invite code given"); break;
    case v1::INVITE_REDEEMED: info.inviteState = QStringLiteral("Joined"); break;
    case v1::INVITE_EXPIRED: info.inviteState = QStringLiteral("Invite expired"); break;
    case v1::INVITE_REVOKED: info.inviteState = QStringLiteral("Invite revoked"); break;
    default: info.inviteState = QStringLiteral("No invite yet"); break;
  }
  if (p.has_joined_at()) info.joinedAt = fromProto(p.joined_at());
  info.lateJoiner = p.late_joiner();
  return info;
}

Attendance fromProto(v1::AttendanceStatus a) {
  switch (a) {
    case v1::ATTENDANCE_PRESENT: return Attendance::Present;
    case v1::ATTENDANCE_LATE: return Attendance::Late;
    case v1::ATTENDANCE_ABSENT: return Attendance::Absent;
    case v1::ATTENDANCE_EXCUSED: return Attendance::Excused;
    default: return Attendance::Unknown;
  }
}

v1::AttendanceStatus toProto(Attendance a) {
  switch (a) {
    case Attendance::Present: return v1::ATTENDANCE_PRESENT;
    case Attendance::Late: return v1::ATTENDANCE_LATE;
    case Attendance::Absent: return v1::ATTENDANCE_ABSENT;
    case Attendance::Excused: return v1::ATTENDANCE_EXCUSED;
    default: return v1::ATTENDANCE_STATUS_UNSPECIFIED;
  }
}

ReferralInfo fromProto(const v1::Referral& r) {
  ReferralInfo info;
  info.id = r.id();
  info.name = qs(r.name());
  info.email = qs(r.contact_email());
  info.source = qs(r.source());
  info.screening = r.screening_status() == v1::SCREENING_SUITABLE     ? QStringLiteral("Suitable")
                   : r.screening_status() == v1::SCREENING_UNSUITABLE ? QStringLiteral("Unsuitable")
                                                                       : QStringLiteral("Pending");
  info.screeningNote = qs(r.screening_note());
  info.allocated = r.status() == v1::REFERRAL_ALLOCATED;
  info.allocatedCohortId = r.allocated_cohort_id();
  info.createdAt = fromProto(r.created_at());
  return info;
}

// Every element of a repeated field, converted.
template <typename Repeated>
auto fromProtoList(const Repeated& items) {
  QList<decltype(fromProto(*items.begin()))> list;
  for (const auto& item : items) list.append(fromProto(item));
  return list;
}

QStringList warningsOf(const google::protobuf::RepeatedPtrField<std::string>& warnings) {
  QStringList list;
  for (const auto& warning : warnings) list << qs(warning);
  return list;
}

// The handler of every reply that carries the saved cohort and the server's warnings.
constexpr auto kEmitCohortSaved = [](ApiClient& api, int id, const auto& resp) {
  emit api.cohortSaved(id, fromProto(resp.cohort()), warningsOf(resp.warnings()));
};

void setLocalDate(v1::LocalDate* out, const QDate& d) {
  out->set_year(d.year());
  out->set_month(d.month());
  out->set_day(d.day());
}

void setLocalTime(v1::LocalTime* out, const QTime& t) {
  out->set_hour(t.hour());
  out->set_minute(t.minute());
}

v1::ScreeningStatus screeningToProto(const QString& s) {
  if (s == QStringLiteral("Suitable")) return v1::SCREENING_SUITABLE;
  if (s == QStringLiteral("Unsuitable")) return v1::SCREENING_UNSUITABLE;
  return v1::SCREENING_PENDING;
}

}  // namespace

QString attendanceLabel(Attendance a) {
  switch (a) {
    case Attendance::Present: return QStringLiteral("Present");
    case Attendance::Late: return QStringLiteral("Late");
    case Attendance::Absent: return QStringLiteral("Absent");
    case Attendance::Excused: return QStringLiteral("Excused");
    default: return QStringLiteral("Not recorded");
  }
}

QString roleLabel(UserRole role) {
  switch (role) {
    case UserRole::Admin:
      return QStringLiteral("Administrator");
    case UserRole::Clinician:
      return QStringLiteral("Clinician");
    case UserRole::Participant:
      return QStringLiteral("Participant");
    default:
      return QStringLiteral("Unknown role");
  }
}

// Lives on its own thread; owns the channel and stubs. Only touched from that
// thread after construction.
struct ApiClient::Worker {
  explicit Worker(const ConnectionSettings& s) : settings(s) {
    thread.setObjectName("cft-api");
    context.moveToThread(&thread);
    thread.start();
  }
  ~Worker() {
    thread.quit();
    thread.wait();
  }

  // Lazily, on the worker thread: reading the CA file and building the
  // channel are I/O.
  bool ensureChannel(RpcError* error) {
    if (channel) return true;
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (settings.insecure) {
      creds = grpc::InsecureChannelCredentials();
    } else {
      QFile ca(settings.caCertificatePath);
      if (settings.caCertificatePath.isEmpty() || !ca.open(QIODevice::ReadOnly)) {
        error->kind = RpcError::Kind::Other;
        error->message = QStringLiteral(
                             "The server's certificate authority file was not found (%1). "
                             "Start the client with --ca-cert=FILE.")
                             .arg(settings.caCertificatePath.isEmpty() ? QStringLiteral("none given")
                                                                       : settings.caCertificatePath);
        return false;
      }
      grpc::SslCredentialsOptions opts;
      opts.pem_root_certs = ca.readAll().toStdString();
      creds = grpc::SslCredentials(opts);
    }
    channel = grpc::CreateChannel(ss(settings.address), creds);
    auth = v1::AuthService::NewStub(channel);
    cohorts = v1::CohortService::NewStub(channel);
    programme = v1::ProgrammeService::NewStub(channel);
    calendar = v1::CalendarService::NewStub(channel);
    return true;
  }

  std::unique_ptr<grpc::ClientContext> context_for(const QString& token) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    if (!token.isEmpty()) ctx->AddMetadata("authorization", "Bearer " + ss(token));
    return ctx;
  }

  // Reads may be retried while the server is unreachable; the user sees
  // "retrying" only if all attempts fail.
  template <typename Call>
  grpc::Status withRetry(bool idempotent, Call&& call) {
    grpc::Status s = call();
    for (int attempt = 1; idempotent && attempt <= 2 &&
                          s.error_code() == grpc::StatusCode::UNAVAILABLE;
         ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400 * attempt));
      s = call();
    }
    return s;
  }

  ConnectionSettings settings;
  QThread thread;
  QObject context;  // lives on `thread`; queued work is invoked through it
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::AuthService::Stub> auth;
  std::unique_ptr<v1::CohortService::Stub> cohorts;
  std::unique_ptr<v1::ProgrammeService::Stub> programme;
  std::unique_ptr<v1::CalendarService::Stub> calendar;

  // One call: the error to report, or nothing when `resp` was filled.
  template <typename Stub, typename Req, typename Resp>
  std::optional<RpcError> invoke(Stub* stub,
                                 grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                                 const Req& req, Resp* resp, const QString& token, bool idempotent) {
    grpc::Status s = withRetry(idempotent, [&] {
      auto ctx = context_for(token);
      return (stub->*method)(ctx.get(), req, resp);
    });
    if (!s.ok()) return fromStatus(s);
    return std::nullopt;
  }
};

ApiClient::ApiClient(ConnectionSettings settings, QObject* parent)
    : QObject(parent), worker_(std::make_unique<Worker>(settings)) {
  qRegisterMetaType<UserInfo>();
  qRegisterMetaType<QList<UserInfo>>();
  qRegisterMetaType<RpcError>();
  qRegisterMetaType<CohortInfo>();
  qRegisterMetaType<QList<CohortInfo>>();
  qRegisterMetaType<QList<TemplateInfo>>();
  qRegisterMetaType<QList<SessionInfo>>();
  qRegisterMetaType<QList<ParticipantInfo>>();
  qRegisterMetaType<ParticipantInfo>();
  qRegisterMetaType<QList<AttendanceMark>>();
  qRegisterMetaType<QList<ReferralInfo>>();
  qRegisterMetaType<ReferralInfo>();
  qRegisterMetaType<MyProgrammeInfo>();
  qRegisterMetaType<CalendarFile>();
}

ApiClient::~ApiClient() = default;

const ConnectionSettings& ApiClient::settings() const { return worker_->settings; }

int ApiClient::submit(std::function<std::function<void()>(int)> work) {
  const int id = nextRequestId_++;
  ++pending_;
  emit pendingChanged(pending_);
  QPointer<ApiClient> self(this);
  Worker* w = worker_.get();
  QMetaObject::invokeMethod(
      &w->context,
      [self, w, id, work = std::move(work)] {
        std::function<void()> then;
        RpcError channel_error;
        if (!w->ensureChannel(&channel_error)) {
          then = failure(self, id, channel_error);
        } else {
          then = work(id);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, id, then] {
              if (!self) return;
              self->finish(id);
              then();
            },
            Qt::QueuedConnection);
      },
      Qt::QueuedConnection);
  return id;
}

void ApiClient::finish(int) {
  --pending_;
  emit pendingChanged(pending_);
}

std::function<void()> ApiClient::failure(QPointer<ApiClient> self, int requestId, RpcError error) {
  return [self, requestId, error] {
    if (self) self->fail(requestId, error);
  };
}

template <typename StubMember, typename Method, typename Request, typename Handler>
int ApiClient::unary(StubMember stub, Method method, Request request, bool idempotent, Handler handler) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  return submit([w, self, token, stub, method, request = std::move(request), idempotent,
                 handler](int id) -> std::function<void()> {
    auto response = std::make_shared<typename ResponseOf<Method>::type>();
    if (auto e = w->invoke((w->*stub).get(), method, request, response.get(), token, idempotent)) {
      return failure(self, id, *e);
    }
    return [self, id, response, handler] {
      if (self) handler(*self, id, *response);
    };
  });
}

void ApiClient::fail(int requestId, const RpcError& error) {
  if (error.kind == RpcError::Kind::SignedOut && !token_.isEmpty()) {
    token_.clear();
    user_ = UserInfo();
    emit signedOut();
  }
  emit requestFailed(requestId, error);
}

template <typename Account, typename Timestamp>
std::function<void()> ApiClient::completeSignIn(Worker* w, QPointer<ApiClient> self, const Account& account,
                                         const Timestamp& expires, const std::string& raw_token) {
  UserInfo user = fromProto(account);
  user.sessionExpiresAt = fromProto(expires);
  const QString token = qs(raw_token);
  // The organisation's name comes with WhoAmI; one more call now spares
  // every screen from asking.
  v1::WhoAmIResponse me;
  auto ctx = w->context_for(token);
  if (w->auth->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &me).ok()) user.organisationName = qs(me.organisation_name());
  return [self, user, token] {
    if (!self) return;
    self->token_ = token;
    self->user_ = user;
    emit self->signedIn(user);
  };
}

int ApiClient::login(const QString& email, const QString& password) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  return submit([w, self, email, password](int id) -> std::function<void()> {
    v1::LoginRequest req;
    req.set_email(ss(email));
    req.set_password(ss(password));
    v1::LoginResponse resp;
    if (auto e = w->invoke(w->auth.get(), &v1::AuthService::Stub::Login, req, &resp, QString(), true)) {
      return failure(self, id, *e);
    }
    return completeSignIn(w, self, resp.user(), resp.expires_at(), resp.token());
  });
}

int ApiClient::redeemInvite(const QString& code, const QString& newPassword) {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  return submit([w, self, code, newPassword](int id) -> std::function<void()> {
    v1::RedeemInviteRequest req;
    req.set_code(ss(code));
    req.set_new_password(ss(newPassword));
    v1::RedeemInviteResponse resp;
    // Not retried: the code works once, so a retry after a lost reply would fail.
    if (auto e = w->invoke(w->auth.get(), &v1::AuthService::Stub::RedeemInvite, req, &resp, QString(), false)) {
      return failure(self, id, *e);
    }
    return completeSignIn(w, self, resp.user(), resp.expires_at(), resp.token());
  });
}

int ApiClient::logout() {
  Worker* w = worker_.get();
  QPointer<ApiClient> self(this);
  const QString token = token_;
  // Forget the token at once: whatever the server says, this client is out.
  token_.clear();
  user_ = UserInfo();
  emit signedOut();
  return submit([w, self, token](int) -> std::function<void()> {
    v1::LogoutResponse resp;
    auto ctx = w->context_for(token);
    (void)w->auth->Logout(ctx.get(), v1::LogoutRequest(), &resp);
    return [] {};
  });
}

int ApiClient::refreshAccount() {
  return unary(&Worker::auth, &v1::AuthService::Stub::WhoAmI, v1::WhoAmIRequest(), true,
               [](ApiClient& api, int id, const v1::WhoAmIResponse& me) {
                 UserInfo user = fromProto(me.user());
                 user.organisationName = qs(me.organisation_name());
                 user.sessionExpiresAt = fromProto(me.session_expires_at());
                 api.user_ = user;
                 emit api.accountRefreshed(id, user);
               });
}

int ApiClient::changePassword(const QString& currentPassword, const QString& newPassword) {
  v1::ChangePasswordRequest req;
  req.set_current_password(ss(currentPassword));
  req.set_new_password(ss(newPassword));
  return unary(&Worker::auth, &v1::AuthService::Stub::ChangePassword, req, false,
               [](ApiClient& api, int id, const v1::ChangePasswordResponse&) {
                 api.user_.passwordChangeRequired = false;
                 emit api.passwordChanged(id);
               });
}

int ApiClient::listStaff(bool includeInactive) {
  v1::ListStaffRequest req;
  req.set_include_inactive(includeInactive);
  return unary(&Worker::auth, &v1::AuthService::Stub::ListStaff, req, true,
               [](ApiClient& api, int id, const v1::ListStaffResponse& resp) {
                 QList<UserInfo> staff;
                 for (const auto& u : resp.staff()) staff.append(fromProto(u));
                 emit api.staffListed(id, staff);
               });
}

int ApiClient::createStaffAccount(const QString& email, const QString& displayName, UserRole role) {
  v1::CreateStaffAccountRequest req;
  req.set_email(ss(email));
  req.set_display_name(ss(displayName));
  req.set_role(toProto(role));
  // Not retried: a second call after a lost reply would answer "already exists".
  return unary(&Worker::auth, &v1::AuthService::Stub::CreateStaffAccount, req, false,
               [](ApiClient& api, int id, const v1::CreateStaffAccountResponse& resp) {
                 emit api.staffAccountCreated(id, fromProto(resp.user()), qs(resp.temporary_password()));
               });
}

int ApiClient::listTemplates() {
  return unary(&Worker::programme, &v1::ProgrammeService::Stub::ListProgrammeTemplates,
               v1::ListProgrammeTemplatesRequest(), true,
               [](ApiClient& api, int id, const v1::ListProgrammeTemplatesResponse& resp) {
                 QList<TemplateInfo> list;
                 for (const auto& t : resp.templates()) {
                   list.append(TemplateInfo{t.id(), qs(t.title()), t.version(), t.week_count(), t.organisation_id() == 0});
                 }
                 emit api.templatesListed(id, list);
               });
}

int ApiClient::listCohorts() {
  return unary(&Worker::cohorts, &v1::CohortService::Stub::ListCohorts, v1::ListCohortsRequest(), true,
               [](ApiClient& api, int id, const v1::ListCohortsResponse& resp) {
                 QList<CohortInfo> list;
                 for (const auto& c : resp.cohorts()) list.append(fromProto(c));
                 emit api.cohortsListed(id, list);
               });
}

int ApiClient::createCohort(const NewCohortInput& in) {
  v1::CreateCohortRequest req;
  req.set_name(ss(in.name));
  req.set_template_id(in.templateId);
  setLocalDate(req.mutable_start_date(), in.startDate);
  req.set_weekday(static_cast<v1::Weekday>(in.weekday));
  setLocalTime(req.mutable_local_start_time(), in.startTime);
  req.set_duration_minutes(in.durationMinutes);
  req.set_time_zone(ss(in.timeZone));
  req.set_capacity(in.capacity);
  req.set_group_type(in.openGroup ? v1::GROUP_OPEN : v1::GROUP_CLOSED);
  req.set_idempotency_key(ss(in.idempotencyKey));
  // With an idempotency key a lost reply can be retried safely.
  return unary(&Worker::cohorts, &v1::CohortService::Stub::CreateCohort, req, !in.idempotencyKey.isEmpty(),
               kEmitCohortSaved);
}

int ApiClient::setCohortStatus(qint64 cohortId, const QString& status, const QString& reason) {
  v1::SetCohortStatusRequest req;
  req.set_cohort_id(cohortId);
  req.set_status(cohortStatusToProto(status));
  req.set_reason(ss(reason));
  // Asking for the status the cohort already has changes nothing: safe to retry.
  return unary(&Worker::cohorts, &v1::CohortService::Stub::SetCohortStatus, req, true,
               [](ApiClient& api, int id, const v1::SetCohortStatusResponse& resp) {
                 emit api.cohortSaved(id, fromProto(resp.cohort()), {});
               });
}

int ApiClient::addFacilitator(qint64 cohortId, qint64 userId, bool lead) {
  v1::AddFacilitatorRequest req;
  req.set_cohort_id(cohortId);
  req.set_user_id(userId);
  req.set_role(lead ? v1::FACILITATOR_LEAD : v1::FACILITATOR_CO);
  // Setting the same role again changes nothing: safe to retry.
  return unary(&Worker::cohorts, &v1::CohortService::Stub::AddFacilitator, req, true, kEmitCohortSaved);
}

int ApiClient::removeFacilitator(qint64 cohortId, qint64 userId) {
  v1::RemoveFacilitatorRequest req;
  req.set_cohort_id(cohortId);
  req.set_user_id(userId);
  // Not retried: a second call after a lost reply would answer "not a facilitator".
  return unary(&Worker::cohorts, &v1::CohortService::Stub::RemoveFacilitator, req, false, kEmitCohortSaved);
}

int ApiClient::getSchedule(qint64 cohortId) {
  v1::GetScheduleRequest req;
  req.set_cohort_id(cohortId);
  return unary(&Worker::calendar, &v1::CalendarService::Stub::GetSchedule, req, true,
               [](ApiClient& api, int id, const v1::GetScheduleResponse& resp) {
                 emit api.scheduleLoaded(id, fromProtoList(resp.sessions()));
               });
}

int ApiClient::rescheduleSession(qint64 sessionId, const QDate& date, const QTime& time, bool shiftFollowing) {
  v1::RescheduleSessionRequest req;
  req.set_session_id(sessionId);
  setLocalDate(req.mutable_new_date(), date);
  setLocalTime(req.mutable_new_start_time(), time);
  req.set_shift_following(shiftFollowing);
  // A retry finds the session already there and moves nothing further.
  return unary(&Worker::calendar, &v1::CalendarService::Stub::RescheduleSession, req, true,
               [](ApiClient& api, int id, const v1::RescheduleSessionResponse& resp) {
                 emit api.scheduleChanged(id, fromProtoList(resp.sessions()));
               });
}

int ApiClient::cancelSession(qint64 sessionId, const QString& reason, bool extendProgramme) {
  v1::CancelSessionRequest req;
  req.set_session_id(sessionId);
  req.set_reason(ss(reason));
  req.set_extend_programme(extendProgramme);
  // Not retried: a second call after a lost reply would find the session cancelled.
  return unary(&Worker::calendar, &v1::CalendarService::Stub::CancelSession, req, false,
               [](ApiClient& api, int id, const v1::CancelSessionResponse& resp) {
                 emit api.scheduleChanged(id, fromProtoList(resp.sessions()));
               });
}

int ApiClient::listParticipants(qint64 cohortId) {
  v1::ListParticipantsRequest req;
  req.set_cohort_id(cohortId);
  return unary(&Worker::cohorts, &v1::CohortService::Stub::ListParticipants, req, true,
               [](ApiClient& api, int id, const v1::ListParticipantsResponse& resp) {
                 QList<ParticipantInfo> list;
                 for (const auto& p : resp.participants()) list.append(fromProto(p));
                 emit api.participantsListed(id, list);
               });
}

int ApiClient::recordAttendance(qint64 sessionId, const QList<AttendanceMark>& marks) {
  v1::RecordAttendanceRequest req;
  req.set_session_id(sessionId);
  for (const AttendanceMark& m : marks) {
    auto* e = req.add_entries();
    e->set_enrolment_id(m.enrolmentId);
    e->set_status(toProto(m.status));
    e->set_note(ss(m.note));
  }
  // Recording the same register twice gives the same register: safe to retry.
  return unary(&Worker::calendar, &v1::CalendarService::Stub::RecordAttendance, req, true,
               [](ApiClient& api, int id, const v1::RecordAttendanceResponse& resp) {
                 QList<AttendanceMark> entries;
                 for (const auto& a : resp.register_()) {
                   entries.append(AttendanceMark{a.enrolment_id(), fromProto(a.status()), qs(a.note()),
                                                 qs(a.participant_name())});
                 }
                 emit api.attendanceRecorded(id, entries);
               });
}

int ApiClient::createInvite(qint64 enrolmentId) {
  v1::CreateInviteRequest req;
  req.set_enrolment_id(enrolmentId);
  // Not retried: a second call would replace the code the first created.
  return unary(&Worker::cohorts, &v1::CohortService::Stub::CreateInvite, req, false,
               [](ApiClient& api, int id, const v1::CreateInviteResponse& resp) {
                 emit api.inviteCreated(id, qs(resp.code()), fromProto(resp.expires_at()));
               });
}

int ApiClient::withdrawParticipant(qint64 enrolmentId, const QString& reason) {
  v1::WithdrawParticipantRequest req;
  req.set_enrolment_id(enrolmentId);
  req.set_reason(ss(reason));
  // Not retried: a second call after a lost reply would find them already withdrawn.
  return unary(&Worker::cohorts, &v1::CohortService::Stub::WithdrawParticipant, req, false,
               [](ApiClient& api, int id, const v1::WithdrawParticipantResponse& resp) {
                 emit api.participantWithdrawn(id, fromProto(resp.participant()));
               });
}

int ApiClient::listWaitlist() {
  // Staff see everyone referred; the table says who already has a place.
  v1::ListWaitlistRequest req;
  req.set_include_allocated(true);
  return unary(&Worker::cohorts, &v1::CohortService::Stub::ListWaitlist, req, true,
               [](ApiClient& api, int id, const v1::ListWaitlistResponse& resp) {
                 QList<ReferralInfo> list;
                 for (const auto& r : resp.referrals()) list.append(fromProto(r));
                 emit api.waitlistLoaded(id, list);
               });
}

int ApiClient::addReferral(const NewReferralInput& in) {
  v1::AddReferralRequest req;
  req.set_name(ss(in.name));
  req.set_contact_email(ss(in.email));
  req.set_source(ss(in.source));
  req.set_screening_status(screeningToProto(in.screening));
  req.set_screening_note(ss(in.screeningNote));
  req.set_idempotency_key(ss(in.idempotencyKey));
  return unary(&Worker::cohorts, &v1::CohortService::Stub::AddReferral, req, !in.idempotencyKey.isEmpty(),
               [](ApiClient& api, int id, const v1::AddReferralResponse& resp) {
                 emit api.referralAdded(id, fromProto(resp.referral()));
               });
}

int ApiClient::allocate(qint64 referralId, qint64 cohortId, bool overrideClosedGroup) {
  v1::AllocateToCohortRequest req;
  req.set_referral_id(referralId);
  req.set_cohort_id(cohortId);
  req.set_override_closed_group(overrideClosedGroup);
  // A retried allocation returns the place the first one took.
  return unary(&Worker::cohorts, &v1::CohortService::Stub::AllocateToCohort, req, true,
               [](ApiClient& api, int id, const v1::AllocateToCohortResponse& resp) {
                 emit api.allocated(id, fromProto(resp.participant()));
               });
}

int ApiClient::exportCalendar(qint64 cohortId) {
  v1::ExportCalendarRequest req;
  req.set_cohort_id(cohortId);
  return unary(&Worker::calendar, &v1::CalendarService::Stub::ExportCalendar, req, true,
               [](ApiClient& api, int id, const v1::ExportCalendarResponse& resp) {
                 emit api.calendarExported(id, CalendarFile{qs(resp.filename()), QByteArray::fromStdString(resp.ics())});
               });
}

int ApiClient::getMyProgramme() {
  return unary(&Worker::calendar, &v1::CalendarService::Stub::GetMyProgramme, v1::GetMyProgrammeRequest(), true,
               [](ApiClient& api, int id, const v1::GetMyProgrammeResponse& resp) {
                 MyProgrammeInfo info;
                 info.cohortName = qs(resp.cohort_name());
                 info.programmeTitle = qs(resp.programme_title());
                 info.weekCount = resp.week_count();
                 info.currentWeek = resp.current_week();
                 for (const auto& mw : resp.weeks()) {
                   WeekContent week;
                   week.number = mw.week().number();
                   week.title = qs(mw.week().title());
                   week.moduleText = qs(mw.week().module_text());
                   for (const auto& p : mw.week().practices()) {
                     week.practices.append(PracticeInfo{qs(p.code()), qs(p.title()), qs(p.instructions()), qs(p.caution()),
                                                        p.times_per_week(), p.minutes()});
                   }
                   week.releasedAt = fromProto(mw.released_at());
                   week.catchUp = mw.catch_up();
                   week.attendance = fromProto(mw.attendance());
                   info.weeks.append(week);
                 }
                 if (resp.has_next_session()) info.nextSession = fromProto(resp.next_session());
                 for (const auto& s : resp.sessions()) info.sessions.append(fromProto(s));
                 emit api.myProgrammeLoaded(id, info);
               });
}

}  // namespace cft::client
