// The clients' only door to the server. A UI-thread facade: each call returns
// a request id at once and runs on a worker thread that owns the gRPC stubs;
// the outcome comes back on the UI thread as a signal carrying that id and
// Qt value types. Nothing here exposes protobuf or gRPC types. Not
// thread-safe: use from the UI thread only.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <string>

#include "client-shared/connection_settings.h"
#include "client-shared/rpc_error.h"
#include "client-shared/value_types.h"

namespace cft::client {

class ApiClient : public QObject {
  Q_OBJECT

 public:
  explicit ApiClient(ConnectionSettings settings, QObject* parent = nullptr);
  ~ApiClient() override;

  const ConnectionSettings& settings() const;
  bool isSignedIn() const { return !token_.isEmpty(); }
  const UserInfo& currentUser() const { return user_; }
  // Calls sent and not yet answered; drives busy indicators.
  int pending() const { return pending_; }

  int login(const QString& email, const QString& password);
  // A participant's first sign-in: the facilitator's one-time code and a
  // password of their own. Signs in on success, like login().
  int redeemInvite(const QString& code, const QString& newPassword);
  int logout();
  int refreshAccount();
  int changePassword(const QString& currentPassword, const QString& newPassword);
  int listStaff(bool includeInactive);
  int createStaffAccount(const QString& email, const QString& displayName, UserRole role);

  // Cohorts and the waitlist (staff).
  int listTemplates();
  int listCohorts();
  int createCohort(const NewCohortInput& input);
  // `status` as CohortInfo::status: "Running", "Completed" or "Cancelled"
  // (which needs a reason). Answered by cohortSaved.
  int setCohortStatus(qint64 cohortId, const QString& status, const QString& reason = {});
  // Adds a clinician as lead or co-facilitator, or changes the role of one
  // already facilitating; answered by cohortSaved with the server's warnings
  // (fewer than two facilitators, no lead), as is removeFacilitator.
  int addFacilitator(qint64 cohortId, qint64 userId, bool lead);
  int removeFacilitator(qint64 cohortId, qint64 userId);
  int getSchedule(qint64 cohortId);
  // Moves one session to `date` at `time`, the cohort's local time; with
  // `shiftFollowing` every later session moves by the same amount.
  int rescheduleSession(qint64 sessionId, const QDate& date, const QTime& time, bool shiftFollowing);
  // With `extendProgramme` the session's week moves to a new session a week
  // later, and every later session a week on.
  int cancelSession(qint64 sessionId, const QString& reason, bool extendProgramme);
  int listParticipants(qint64 cohortId);
  int recordAttendance(qint64 sessionId, const QList<AttendanceMark>& marks);
  int createInvite(qint64 enrolmentId);
  // Ends the participant's place: their records stay, their sign-in ends.
  int withdrawParticipant(qint64 enrolmentId, const QString& reason);
  int listWaitlist();
  int addReferral(const NewReferralInput& input);
  int allocate(qint64 referralId, qint64 cohortId, bool overrideClosedGroup);
  // Staff: a cohort's calendar; participants: pass 0 for their own.
  int exportCalendar(qint64 cohortId);

  // Participants.
  int getMyProgramme();

 signals:
  void signedIn(const cft::client::UserInfo& user);
  // The session ended: by logout, expiry or revocation.
  void signedOut();
  void accountRefreshed(int requestId, const cft::client::UserInfo& user);
  void passwordChanged(int requestId);
  void staffListed(int requestId, const QList<cft::client::UserInfo>& staff);
  void staffAccountCreated(int requestId, const cft::client::UserInfo& user,
                           const QString& temporaryPassword);
  void templatesListed(int requestId, const QList<cft::client::TemplateInfo>& templates);
  void cohortsListed(int requestId, const QList<cft::client::CohortInfo>& cohorts);
  void cohortSaved(int requestId, const cft::client::CohortInfo& cohort, const QStringList& warnings);
  void scheduleLoaded(int requestId, const QList<cft::client::SessionInfo>& sessions);
  // A session moved or was cancelled; `sessions` is the whole schedule after it.
  void scheduleChanged(int requestId, const QList<cft::client::SessionInfo>& sessions);
  void participantsListed(int requestId, const QList<cft::client::ParticipantInfo>& participants);
  void attendanceRecorded(int requestId, const QList<cft::client::AttendanceMark>& registerEntries);
  void inviteCreated(int requestId, const QString& code, const QDateTime& expiresAt);
  void participantWithdrawn(int requestId, const cft::client::ParticipantInfo& participant);
  void waitlistLoaded(int requestId, const QList<cft::client::ReferralInfo>& referrals);
  void referralAdded(int requestId, const cft::client::ReferralInfo& referral);
  void allocated(int requestId, const cft::client::ParticipantInfo& participant);
  void calendarExported(int requestId, const cft::client::CalendarFile& file);
  void myProgrammeLoaded(int requestId, const cft::client::MyProgrammeInfo& programme);
  void requestFailed(int requestId, const cft::client::RpcError& error);
  void pendingChanged(int pending);

 private:
  struct Worker;
  // Runs `work` on the worker thread; `work` returns the function to run on
  // the UI thread afterwards.
  int submit(std::function<std::function<void()>(int requestId)> work);
  // One unary call: `method` on the worker's `stub` with `request`; on
  // success `handler(*this, requestId, response)` runs on the UI thread.
  // Defined (and only used) in api_client.cc, so this header stays free of gRPC.
  template <typename StubMember, typename Method, typename Request, typename Handler>
  int unary(StubMember stub, Method method, Request request, bool idempotent, Handler handler);
  void finish(int requestId);
  // Called on the UI thread for every failure: a dead session signs out.
  void fail(int requestId, const RpcError& error);
  // On the worker, after Login or RedeemInvite: completes the account with
  // its organisation's name and returns the UI-thread step that signs in.
  // (Template parameters keep protobuf types out of this header.)
  template <typename Account, typename Timestamp>
  static std::function<void()> completeSignIn(Worker* w, QPointer<ApiClient> self, const Account& account,
                                        const Timestamp& expires, const std::string& token);
  // The UI-thread continuation that reports `error` for `requestId`.
  static std::function<void()> failure(QPointer<ApiClient> self, int requestId, RpcError error);

  std::unique_ptr<Worker> worker_;
  QString token_;
  UserInfo user_;
  int nextRequestId_ = 1;
  int pending_ = 0;
};

}  // namespace cft::client
