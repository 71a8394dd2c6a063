// ApiSession against small gRPC servers of the test's own, which hold,
// fail or refuse calls on cue: calls run side by side, answers reach their
// caller only (and nobody once the caller is gone), gRPC retries what the
// service config allows and nothing else, refused input is read from the
// status details, and an UNAUTHENTICATED answer ends the session.
#include <grpcpp/grpcpp.h>

#include <QObject>
#include <QPointer>
#include <QTest>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "client-shared/calendar_api.h"
#include "client-shared/cohort_api.h"
#include "google/protobuf/descriptor.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace cft {
namespace {

// ExportCalendar waits until the test releases it; RecordAttendance refuses
// with a BadRequest whose message says something else.
class FakeCalendar final : public v1::CalendarService::Service {
 public:
  grpc::Status ExportCalendar(grpc::ServerContext*, const v1::ExportCalendarRequest* req,
                              v1::ExportCalendarResponse* resp) override {
    std::unique_lock<std::mutex> lock(mutex_);
    ++held_;
    released_.wait(lock, [this] { return open_; });
    resp->set_filename("cohort-" + std::to_string(req->cohort_id()) + ".ics");
    resp->set_ics("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    return grpc::Status::OK;
  }

  grpc::Status RecordAttendance(grpc::ServerContext*, const v1::RecordAttendanceRequest*,
                                v1::RecordAttendanceResponse*) override {
    google::rpc::BadRequest badRequest;
    auto* v = badRequest.add_field_violations();
    v->set_field("entries[1].status");
    v->set_description("is required");
    google::rpc::Status details;
    details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
    details.set_message("name: this text is not where the field comes from");
    details.add_details()->PackFrom(badRequest);
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, details.message(), details.SerializeAsString());
  }

  int held() {
    std::lock_guard<std::mutex> lock(mutex_);
    return held_;
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool open_ = false;
  int held_ = 0;
};

// ListCohorts fails its first attempt as an unreachable database would;
// RemoveFacilitator always does. Both count their attempts.
class FakeCohorts final : public v1::CohortService::Service {
 public:
  grpc::Status ListCohorts(grpc::ServerContext* ctx, const v1::ListCohortsRequest*,
                           v1::ListCohortsResponse* resp) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto auth = ctx->client_metadata().find("authorization");
      lastAuthorization_ = auth == ctx->client_metadata().end() ? "" : std::string(auth->second.data(), auth->second.size());
    }
    if (listAttempts_.fetch_add(1) == 0) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "The service cannot reach its database just now.");
    }
    auto* c = resp->add_cohorts();
    c->set_id(7);
    c->set_name("Thursday group");
    c->set_status(v1::COHORT_RUNNING);
    return grpc::Status::OK;
  }

  grpc::Status RemoveFacilitator(grpc::ServerContext*, const v1::RemoveFacilitatorRequest*,
                                 v1::RemoveFacilitatorResponse*) override {
    ++removeAttempts_;
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "The service cannot reach its database just now.");
  }

  std::string lastAuthorization() {
    std::lock_guard<std::mutex> lock(mutex_);
    return lastAuthorization_;
  }

  std::atomic<int> listAttempts_{0};
  std::atomic<int> removeAttempts_{0};

 private:
  std::mutex mutex_;
  std::string lastAuthorization_;
};

// Signs anyone in with the token "t1"; WhoAmI answers UNAUTHENTICATED once
// the session is revoked, and Login once the password is "wrong".
class FakeAuth final : public v1::AuthService::Service {
 public:
  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest* req, v1::LoginResponse* resp) override {
    if (req->password() == "wrong") {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "incorrect e-mail address or password");
    }
    resp->set_token("t1");
    resp->mutable_user()->set_id(3);
    resp->mutable_user()->set_email(req->email());
    resp->mutable_user()->set_display_name("Dr Fake");
    resp->mutable_user()->set_role(v1::ROLE_CLINICIAN);
    return grpc::Status::OK;
  }

  grpc::Status WhoAmI(grpc::ServerContext* ctx, const v1::WhoAmIRequest*, v1::WhoAmIResponse* resp) override {
    auto auth = ctx->client_metadata().find("authorization");
    if (revoked_ || auth == ctx->client_metadata().end() || auth->second != "Bearer t1") {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "your session has ended; please sign in again");
    }
    resp->mutable_user()->set_id(3);
    resp->mutable_user()->set_display_name("Dr Fake");
    resp->mutable_user()->set_role(v1::ROLE_CLINICIAN);
    resp->set_organisation_name("Fake Clinic");
    return grpc::Status::OK;
  }

  std::atomic<bool> revoked_{false};
};

client::ConnectionSettings plaintext(int port) {
  client::ConnectionSettings s;
  s.address = QStringLiteral("127.0.0.1:%1").arg(port);
  s.insecure = true;
  return s;
}

}  // namespace

class ApiSessionTest : public QObject {
  Q_OBJECT

 private:
  FakeAuth auth_;
  FakeCohorts cohorts_;
  std::unique_ptr<FakeCalendar> calendar_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;

  // Signs `session` in against FakeAuth.
  static bool signIn(client::ApiSession& session) {
    QObject caller;
    bool done = false;
    session.auth().login("someone@clinic.example", "right", &caller, [&](const client::UserInfo&) { done = true; },
                         nullptr);
    return QTest::qWaitFor([&] { return done; }, 15000);
  }

 private slots:
  void init() {
    calendar_ = std::make_unique<FakeCalendar>();
    cohorts_.listAttempts_ = 0;
    cohorts_.removeAttempts_ = 0;
    auth_.revoked_ = false;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&auth_);
    builder.RegisterService(&cohorts_);
    builder.RegisterService(calendar_.get());
    server_ = builder.BuildAndStart();
    QVERIFY(server_ != nullptr);
  }

  void cleanup() {
    // A test that failed half-way may still hold a call.
    calendar_->release();
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    server_.reset();
  }

  // A slow export does not hold up a sign-in made meanwhile from the same session.
  void aHeldCallDoesNotHoldUpAnother() {
    client::ApiSession session(plaintext(port_));
    QObject caller;
    QString exported;
    session.calendar().exportCalendar(
        42, &caller, [&](const client::CalendarFile& file) { exported = file.fileName; }, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(calendar_->held(), 1, 15000);

    QString signedInAs;
    session.auth().login("someone@clinic.example", "right", &caller,
                         [&](const client::UserInfo& user) { signedInAs = user.organisationName; }, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(signedInAs, QStringLiteral("Fake Clinic"), 15000);
    QVERIFY(session.isSignedIn());
    // The export is still held on the server, and still waited for.
    QVERIFY(exported.isEmpty());
    QCOMPARE(session.pending(), 1);

    calendar_->release();
    QTRY_COMPARE_WITH_TIMEOUT(exported, QStringLiteral("cohort-42.ics"), 15000);
    QCOMPARE(session.pending(), 0);
  }

  // An answer for a caller that has gone (a closed dialog) is dropped.
  void aCallerThatIsGoneHearsNothing() {
    client::ApiSession session(plaintext(port_));
    auto* caller = new QObject;
    bool answered = false;
    session.calendar().exportCalendar(
        1, caller, [&](const client::CalendarFile&) { answered = true; },
        [&](const client::RpcError&) { answered = true; });
    QTRY_COMPARE_WITH_TIMEOUT(calendar_->held(), 1, 15000);
    delete caller;
    calendar_->release();
    QTRY_COMPARE_WITH_TIMEOUT(session.pending(), 0, 15000);
    QVERIFY(!answered);
  }

  // A cancelled call (a newer request replaced it) is answered to nobody.
  void aCancelledCallIsNotAnswered() {
    client::ApiSession session(plaintext(port_));
    QObject caller;
    bool answered = false;
    client::Call call = session.calendar().exportCalendar(
        1, &caller, [&](const client::CalendarFile&) { answered = true; },
        [&](const client::RpcError&) { answered = true; });
    QVERIFY(call.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(calendar_->held(), 1, 15000);
    call.cancel();
    QVERIFY(!call.isRunning());
    // Cancelled on the wire: the client is done before the server lets go.
    QTRY_COMPARE_WITH_TIMEOUT(session.pending(), 0, 15000);
    QVERIFY(!answered);
  }

  // A session destroyed with a call in flight cancels it and returns.
  void aSessionClosesWithACallInFlight() {
    bool answered = false;
    {
      client::ApiSession session(plaintext(port_));
      QObject caller;
      session.calendar().exportCalendar(
          1, &caller, [&](const client::CalendarFile&) { answered = true; },
          [&](const client::RpcError&) { answered = true; });
      QTRY_COMPARE_WITH_TIMEOUT(calendar_->held(), 1, 15000);
    }
    QCoreApplication::processEvents();
    QVERIFY(!answered);
  }

  // UNAVAILABLE on the first attempt: gRPC tries again and the caller only
  // ever sees the list.
  void aReadIsRetriedWhenTheServerIsUnavailable() {
    client::ApiSession session(plaintext(port_));
    QObject caller;
    QList<client::CohortInfo> cohorts;
    bool failed = false;
    session.cohorts().listCohorts(
        &caller, [&](const QList<client::CohortInfo>& list) { cohorts = list; },
        [&](const client::RpcError&) { failed = true; });
    QTRY_COMPARE_WITH_TIMEOUT(cohorts.size(), 1, 15000);
    QVERIFY(!failed);
    QCOMPARE(cohorts_.listAttempts_.load(), 2);
    QCOMPARE(cohorts[0].name, QStringLiteral("Thursday group"));
    QVERIFY(cohorts[0].status == client::CohortStatus::Running);
  }

  // A change that would not be harmless twice is sent once; the caller is told.
  void aChangeThatIsNotIdempotentIsNotRetried() {
    client::ApiSession session(plaintext(port_));
    QObject caller;
    std::optional<client::RpcError> error;
    session.cohorts().removeFacilitator(
        7, 3, &caller, [](const client::CohortSaved&) {}, [&](const client::RpcError& e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 15000);
    QVERIFY(error->kind == client::RpcError::Kind::Unreachable);
    QCOMPARE(error->message, QStringLiteral("Cannot reach the server. Check your connection; we will keep trying."));
    QCOMPARE(cohorts_.removeAttempts_.load(), 1);
  }

  // The retry policy names real methods, and only those safe to repeat.
  void theRetriedMethodsExistAndAreSafeToRepeat() {
    const QStringList retried = client::ApiSession::retriedMethods();
    QVERIFY(retried.size() >= 15);
    const auto* pool = google::protobuf::DescriptorPool::generated_pool();
    for (const QString& full : retried) {
      const std::string name = full.section('/', 0, 0).toStdString() + "." + full.section('/', 1).toStdString();
      QVERIFY2(pool->FindMethodByName(name) != nullptr, qPrintable(full));
    }
    for (const char* once : {"cft.v1.AuthService/RedeemInvite", "cft.v1.AuthService/ChangePassword",
                             "cft.v1.AuthService/CreateStaffAccount", "cft.v1.CohortService/RemoveFacilitator",
                             "cft.v1.CohortService/CreateInvite", "cft.v1.CohortService/WithdrawParticipant",
                             "cft.v1.CalendarService/CancelSession"}) {
      QVERIFY2(!retried.contains(QString::fromLatin1(once)), once);
    }
  }

  // The field comes from the BadRequest detail; the message text is not read for it.
  void refusedInputIsReadFromTheStatusDetails() {
    client::ApiSession session(plaintext(port_));
    QObject caller;
    std::optional<client::RpcError> error;
    session.calendar().recordAttendance(
        5, {{1, client::Attendance::Present, {}, {}}, {2, client::Attendance::Unknown, {}, {}}}, &caller,
        [](const QList<client::AttendanceMark>&) {}, [&](const client::RpcError& e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 15000);
    QVERIFY(error->kind == client::RpcError::Kind::InvalidInput);
    QCOMPARE(error->grpcCode, 3);
    QCOMPARE(error->violations.size(), 1);
    QCOMPARE(error->field(), QStringLiteral("entries[1].status"));
    QCOMPARE(error->violations[0].description, QStringLiteral("is required"));
    QCOMPARE(error->message, QStringLiteral("Status is required."));
  }

  // Signed in, calls carry the token; an UNAUTHENTICATED answer to it ends
  // the session once, and the caller hears it too.
  void anEndedSessionSignsOut() {
    client::ApiSession session(plaintext(port_));
    int signedOut = 0;
    connect(&session, &client::ApiSession::signedOut, this, [&] { ++signedOut; });
    QVERIFY(signIn(session));
    QCOMPARE(session.currentUser().organisationName, QStringLiteral("Fake Clinic"));
    QObject caller;
    bool listed = false;
    session.cohorts().listCohorts(&caller, [&](const QList<client::CohortInfo>&) { listed = true; }, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(listed, 15000);
    QCOMPARE(cohorts_.lastAuthorization(), std::string("Bearer t1"));

    auth_.revoked_ = true;
    std::optional<client::RpcError> error;
    session.auth().whoAmI(&caller, nullptr, [&](const client::RpcError& e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 15000);
    QVERIFY(error->kind == client::RpcError::Kind::SignedOut);
    QCOMPARE(signedOut, 1);
    QVERIFY(!session.isSignedIn());
    QCOMPARE(session.currentUser().id, 0);
  }

  // A refused sign-in is not a session ending: nothing to sign out of.
  void aRefusedSignInDoesNotSignOut() {
    client::ApiSession session(plaintext(port_));
    int signedOut = 0;
    connect(&session, &client::ApiSession::signedOut, this, [&] { ++signedOut; });
    QObject caller;
    std::optional<client::RpcError> error;
    session.auth().login("someone@clinic.example", "wrong", &caller, nullptr,
                         [&](const client::RpcError& e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 15000);
    QCOMPARE(error->message, QStringLiteral("Incorrect e-mail address or password."));
    QCOMPARE(signedOut, 0);
  }

  // Without the CA file the first call says what to do, and nothing is sent.
  void aMissingCertificateAuthorityIsExplained() {
    client::ConnectionSettings settings;
    settings.address = QStringLiteral("127.0.0.1:%1").arg(port_);
    settings.caCertificatePath = QStringLiteral("/nonexistent/ca.pem");
    client::ApiSession session(settings);
    QObject caller;
    std::optional<client::RpcError> error;
    session.cohorts().listCohorts(&caller, nullptr, [&](const client::RpcError& e) { error = e; });
    QVERIFY(!error.has_value());  // answered from the event loop, never inside the call
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 15000);
    QCOMPARE(error->message, QStringLiteral("The server's certificate authority file was not found "
                                            "(/nonexistent/ca.pem). Start the client with --ca-cert=FILE."));
    QCOMPARE(cohorts_.listAttempts_.load(), 0);
    QCOMPARE(session.pending(), 0);
  }
};

}  // namespace cft

QTEST_GUILESS_MAIN(cft::ApiSessionTest)
#include "api_session_test.moc"
