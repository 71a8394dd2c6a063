// Access control, swept over every method in the cft.v1 descriptors: each has
// a rule, each refuses anonymous callers (but Login), each refuses the roles
// its rule excludes, each has a named denial case below, and a method with no
// rule is refused. New RPCs fail these tests until they get a rule and a case.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "cft/testing/probe.grpc.pb.h"
#include "cft/v1/auth.grpc.pb.h"
#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/homework.grpc.pb.h"
#include "cft/v1/measure.grpc.pb.h"
#include "google/protobuf/text_format.h"
#include "cft/v1/programme.grpc.pb.h"
#include "services/access/access_rules.h"
#include "tests/support/generic_call.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using ::cft::testing::TestUser;
using grpc::StatusCode;

// A service registered on the test server whose method has no access rule.
class ProbeService final : public cft::testing::ProbeService::Service {
 public:
  rpc::RpcRuntime* runtime = nullptr;
  grpc::Status Unruled(grpc::ServerContext* sc, const cft::testing::UnruledRequest* req,
                       cft::testing::UnruledResponse* resp) override {
    return runtime->Unary(sc, req, resp, [](RequestContext&, const auto&, auto& out) {
      out.set_reached_handler(true);
      return absl::OkStatus();
    });
  }
};

enum class As {
  kAnonymous,
  kBadToken,
  kAdmin,          // org A admin
  kClinician,      // org A clinician facilitating cohort A
  kClinician2,     // org A clinician who does not facilitate cohort A
  kParticipant,    // participant of cohort A
  kOtherOrgAdmin,  // org B admin
  kOtherOrgClinician,
  kOtherParticipant,   // participant of cohort B
  kMustChangePassword,  // an org A admin still holding a temporary password
};

struct DenialCase {
  const char* method;
  As caller;
  const char* request;  // text format; $NAMES are replaced from the world
  StatusCode expected;
};

// One or more denial cases per method: the check a reviewer reads to see who
// is kept out of what. Another organisation's records answer NOT_FOUND (their
// existence is not disclosed); a clinician of the same organisation who does
// not facilitate the cohort gets PERMISSION_DENIED.
const DenialCase kDenials[] = {
    {"/cft.v1.AuthService/Login", As::kAnonymous, R"(email: "$ADMIN_EMAIL" password: "not the password")",
     StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/Logout", As::kBadToken, "", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/WhoAmI", As::kBadToken, "", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/ChangePassword", As::kBadToken,
     R"(current_password: "x" new_password: "long enough password")", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.AuthService/CreateStaffAccount", As::kClinician,
     R"(email: "new@x.example" display_name: "N" role: ROLE_CLINICIAN)", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.AuthService/CreateStaffAccount", As::kParticipant,
     R"(email: "new@x.example" display_name: "N" role: ROLE_ADMIN)", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.AuthService/CreateStaffAccount", As::kMustChangePassword,
     R"(email: "new@x.example" display_name: "N" role: ROLE_CLINICIAN)", StatusCode::FAILED_PRECONDITION},
    {"/cft.v1.AuthService/ListStaff", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.AuthService/RedeemInvite", As::kAnonymous,
     R"(code: "ABCD-EFGH-JKMN" new_password: "long enough password")", StatusCode::UNAUTHENTICATED},

    {"/cft.v1.CohortService/CreateCohort", As::kParticipant,
     R"(name: "x" template_id: $TEMPLATE_BUILTIN start_date { year: 2027 month: 1 day: 5 } weekday: TUESDAY
        local_start_time { hour: 18 } time_zone: "Europe/London")", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/CreateCohort", As::kAdmin,
     R"(name: "x" template_id: $TEMPLATE_B start_date { year: 2027 month: 1 day: 5 } weekday: TUESDAY
        local_start_time { hour: 18 } time_zone: "Europe/London")", StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/GetCohort", As::kClinician2, "cohort_id: $COHORT_A", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/GetCohort", As::kOtherOrgAdmin, "cohort_id: $COHORT_A", StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/ListCohorts", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/UpdateCohort", As::kClinician2, R"(cohort_id: $COHORT_A name: "Renamed")",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/UpdateCohort", As::kOtherOrgAdmin, R"(cohort_id: $COHORT_A name: "Renamed")",
     StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/SetCohortStatus", As::kClinician2, "cohort_id: $COHORT_A status: COHORT_COMPLETED",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/AddFacilitator", As::kClinician2, "cohort_id: $COHORT_A user_id: $CLINICIAN2_ID",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/AddFacilitator", As::kClinician, "cohort_id: $COHORT_A user_id: $CLINICIAN_B_ID",
     StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/RemoveFacilitator", As::kClinician2, "cohort_id: $COHORT_A user_id: $CLINICIAN_ID",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/AddReferral", As::kParticipant, R"(name: "x" contact_email: "x@y.example")",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/AddReferral", As::kAdmin,
     R"(name: "x" contact_email: "x@y.example" preferred_cohort_id: $COHORT_B)", StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/ScreenReferral", As::kOtherOrgAdmin,
     "referral_id: $REFERRAL_A screening_status: SCREENING_SUITABLE", StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/ListWaitlist", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/AllocateToCohort", As::kClinician2, "referral_id: $REFERRAL_A cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/AllocateToCohort", As::kOtherOrgAdmin, "referral_id: $REFERRAL_A cohort_id: $COHORT_B",
     StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/CreateInvite", As::kClinician2, "enrolment_id: $ENROLMENT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/CreateInvite", As::kOtherOrgClinician, "enrolment_id: $ENROLMENT_A",
     StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/RevokeInvite", As::kClinician2, "enrolment_id: $ENROLMENT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/ListParticipants", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/ListParticipants", As::kOtherOrgAdmin, "cohort_id: $COHORT_A", StatusCode::NOT_FOUND},
    {"/cft.v1.CohortService/ListParticipants", As::kOtherParticipant, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CohortService/WithdrawParticipant", As::kOtherOrgClinician,
     R"(enrolment_id: $ENROLMENT_A reason: "x")", StatusCode::NOT_FOUND},

    {"/cft.v1.ProgrammeService/ListProgrammeTemplates", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.ProgrammeService/GetProgrammeTemplate", As::kAdmin, "template_id: $TEMPLATE_B", StatusCode::NOT_FOUND},
    {"/cft.v1.ProgrammeService/SaveProgrammeTemplate", As::kClinician, "base_template_id: $TEMPLATE_BUILTIN",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/GetSchedule", As::kClinician2, "cohort_id: $COHORT_A", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/GetSchedule", As::kOtherParticipant, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/RescheduleSession", As::kOtherOrgClinician,
     "session_id: $SESSION_A new_date { year: 2030 month: 1 day: 1 } new_start_time { hour: 9 }",
     StatusCode::NOT_FOUND},
    {"/cft.v1.CalendarService/CancelSession", As::kClinician2, R"(session_id: $SESSION_A reason: "x")",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/RecordAttendance", As::kClinician2,
     "session_id: $SESSION_A entries { enrolment_id: $ENROLMENT_A status: ATTENDANCE_PRESENT }",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/GetMyProgramme", As::kClinician, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/ExportCalendar", As::kOtherParticipant, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.CalendarService/ExportCalendar", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},

    {"/cft.v1.HomeworkService/ListMyAssignments", As::kClinician, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/CreateAssignment", As::kClinician2,
     R"(cohort_id: $COHORT_A week_number: 1 kind: "thought-record" title: "x" dose { times_per_week: 1 minutes: 5 })",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/CreateAssignment", As::kOtherOrgAdmin,
     R"(cohort_id: $COHORT_A week_number: 1 kind: "thought-record" title: "x" dose { times_per_week: 1 minutes: 5 })",
     StatusCode::NOT_FOUND},
    {"/cft.v1.HomeworkService/LogPractice", As::kOtherParticipant,
     R"(assignment_id: $ASSIGNMENT_A practised_on { $TODAY } practised_at { hour: 0 } minutes: 5 helpfulness: 5
        idempotency_key: "denial-1")", StatusCode::NOT_FOUND},
    {"/cft.v1.HomeworkService/UpdatePracticeLog", As::kOtherParticipant,
     R"(log_id: $LOG_A practised_on { $TODAY } practised_at { hour: 0 } minutes: 5 helpfulness: 5)",
     StatusCode::NOT_FOUND},
    {"/cft.v1.HomeworkService/DeletePracticeLog", As::kOtherParticipant, "log_id: $LOG_A", StatusCode::NOT_FOUND},
    {"/cft.v1.HomeworkService/ListPracticeLogs", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/ListPracticeLogs", As::kOtherParticipant, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/AddFeedback", As::kClinician2, R"(log_id: $LOG_A text: "x")",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/AddFeedback", As::kOtherOrgClinician, R"(log_id: $LOG_A text: "x")",
     StatusCode::NOT_FOUND},
    {"/cft.v1.HomeworkService/GetAdherence", As::kClinician2, "cohort_id: $COHORT_A", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/GetAdherence", As::kOtherOrgAdmin, "cohort_id: $COHORT_A", StatusCode::NOT_FOUND},
    {"/cft.v1.HomeworkService/GetFacilitatorDigest", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.HomeworkService/RecordModuleOpened", As::kClinician, "week_number: 1", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/ListInstruments", As::kBadToken, "", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.MeasureService/GetInstrument", As::kBadToken, R"(instrument_key: "phq9")", StatusCode::UNAUTHENTICATED},
    {"/cft.v1.MeasureService/LoadLicensedItemText", As::kClinician,
     R"(instrument_key: "fscrs" licence_note: "our licence")", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/SetReliableChangeParameters", As::kClinician,
     R"(instrument_key: "fscrs" score_key: "hated_self" sd: 4 reliability: 0.8)", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/GetMeasureSettings", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/UpdateMeasureSettings", As::kClinician, "red_response_minutes: 60",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/GetMeasurementPlan", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/GetMeasurementPlan", As::kOtherOrgAdmin, "cohort_id: $COHORT_A", StatusCode::NOT_FOUND},
    {"/cft.v1.MeasureService/UpdateMeasurementPlan", As::kOtherOrgAdmin,
     R"(cohort_id: $COHORT_A time_points { key: "baseline" label: "Baseline" kind: TIME_POINT_BASELINE week: 1
        instrument_keys: "phq9" })", StatusCode::NOT_FOUND},
    {"/cft.v1.MeasureService/UpdateMeasurementPlan", As::kClinician2,
     R"(cohort_id: $COHORT_A time_points { key: "baseline" label: "Baseline" kind: TIME_POINT_BASELINE week: 1
        instrument_keys: "phq9" })", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/ListDueMeasures", As::kClinician, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/SubmitResponse", As::kClinician,
     R"(instrument_key: "phq9" time_point_key: "baseline")", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/EnterResponseOnBehalf", As::kClinician2, R"(enrolment_id: $ENROLMENT_A instrument_key: "phq9" time_point_key: "baseline" keyed_as: PAPER_PRINTED_SCORE
        completed_on { year: 2026 month: 1 day: 1 } $PHQ9_ZEROS)",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/EnterResponseOnBehalf", As::kOtherOrgAdmin, R"(enrolment_id: $ENROLMENT_A instrument_key: "phq9" time_point_key: "baseline" keyed_as: PAPER_PRINTED_SCORE
        completed_on { year: 2026 month: 1 day: 1 } $PHQ9_ZEROS)",
     StatusCode::NOT_FOUND},
    {"/cft.v1.MeasureService/GetOutcomes", As::kClinician2, "enrolment_id: $ENROLMENT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/GetOutcomes", As::kOtherOrgClinician, "enrolment_id: $ENROLMENT_A",
     StatusCode::NOT_FOUND},
    {"/cft.v1.MeasureService/GetOutcomes", As::kOtherParticipant, "enrolment_id: $ENROLMENT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/GetCohortOutcomes", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/GetCohortOutcomes", As::kOtherOrgAdmin, "cohort_id: $COHORT_A", StatusCode::NOT_FOUND},
    {"/cft.v1.MeasureService/ListRiskAlerts", As::kParticipant, "", StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/ListRiskAlerts", As::kClinician2, "cohort_id: $COHORT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/AcknowledgeRiskAlert", As::kOtherOrgAdmin, "alert_id: $ALERT_A",
     StatusCode::NOT_FOUND},
    {"/cft.v1.MeasureService/AcknowledgeRiskAlert", As::kClinician2, "alert_id: $ALERT_A",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/ResolveRiskAlert", As::kClinician2, R"(alert_id: $ALERT_A note: "called")",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.MeasureService/ResolveRiskAlert", As::kParticipant, R"(alert_id: $ALERT_A note: "called")",
     StatusCode::PERMISSION_DENIED},

    // An export of a cohort the clinician does not facilitate, of another
    // organisation's cohort, of more than one cohort by a clinician, by a participant.
    {"/cft.v1.ReportService/ExportOutcomes", As::kClinician2,
     "scope { cohort_id: $COHORT_A } format: EXPORT_FORMAT_LONG_CSV mode: EXPORT_MODE_IDENTIFIED",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.ReportService/ExportOutcomes", As::kOtherOrgAdmin,
     "scope { cohort_id: $COHORT_A } format: EXPORT_FORMAT_LONG_CSV mode: EXPORT_MODE_DEIDENTIFIED",
     StatusCode::NOT_FOUND},
    {"/cft.v1.ReportService/ExportOutcomes", As::kClinician,
     "scope { organisation: true } format: EXPORT_FORMAT_WIDE_CSV mode: EXPORT_MODE_IDENTIFIED",
     StatusCode::PERMISSION_DENIED},
    {"/cft.v1.ReportService/ExportOutcomes", As::kParticipant,
     "scope { cohort_id: $COHORT_A } format: EXPORT_FORMAT_LONG_CSV mode: EXPORT_MODE_IDENTIFIED",
     StatusCode::PERMISSION_DENIED},
};

class AccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    probe_ = new ProbeService();
    auto options = testing::DefaultTestServerOptions();
    options.extra_services.push_back(probe_);
    server_ = new TestServer(options);
    probe_->runtime = &server_->server().runtime();

    // Cohorts that started ten days ago, so their first sessions are past.
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    a_ = testing::BuildCohortWorld(*server_, {.label = "Org A", .start_date = start});
    b_ = testing::BuildCohortWorld(*server_, {.label = "Org B", .start_date = start});
    tokens_[As::kAdmin] = a_.admin_token;
    tokens_[As::kClinician] = a_.clinician_token;
    tokens_[As::kClinician2] = a_.clinician2_token;
    tokens_[As::kParticipant] = a_.participant_token;
    tokens_[As::kOtherOrgAdmin] = b_.admin_token;
    tokens_[As::kOtherOrgClinician] = b_.clinician_token;
    tokens_[As::kOtherParticipant] = b_.participant_token;
    tokens_[As::kBadToken] = std::string(43, 'A');
    tokens_[As::kAnonymous] = "";

    // Org B's own template version.
    auto programme = server_->Stub<v1::ProgrammeService>();
    v1::GetProgrammeTemplateRequest get;
    get.set_template_id(b_.builtin_template_id);
    v1::GetProgrammeTemplateResponse builtin;
    auto c0 = TestServer::Context(b_.admin_token);
    ASSERT_TRUE(programme->GetProgrammeTemplate(c0.get(), get, &builtin).ok());
    v1::SaveProgrammeTemplateRequest save;
    save.set_base_template_id(b_.builtin_template_id);
    *save.mutable_template_() = builtin.template_();
    save.mutable_template_()->set_key("");
    save.mutable_template_()->set_title("Org B's adapted programme");
    v1::SaveProgrammeTemplateResponse saved;
    auto c1 = TestServer::Context(b_.admin_token);
    ASSERT_TRUE(programme->SaveProgrammeTemplate(c1.get(), save, &saved).ok());
    template_b_ = saved.template_().id();

    // An org A admin created through the API gets a temporary password.
    auto stub = server_->Stub<v1::AuthService>();
    v1::CreateStaffAccountRequest req;
    req.set_email("temp." + testing::UniqueSuffix() + "@a.example");
    req.set_display_name("Temporary");
    req.set_role(v1::ROLE_ADMIN);
    v1::CreateStaffAccountResponse resp;
    auto ctx = TestServer::Context(tokens_[As::kAdmin]);
    ASSERT_TRUE(stub->CreateStaffAccount(ctx.get(), req, &resp).ok());
    TestUser temp{.id = resp.user().id(), .organisation_id = a_.organisation_id, .email = req.email(),
                  .password = resp.temporary_password(), .role = Role::kAdmin};
    tokens_[As::kMustChangePassword] = server_->Login(temp);

    // One practice log in cohort A, by its participant.
    auto homework = server_->Stub<v1::HomeworkService>();
    v1::ListMyAssignmentsResponse mine;
    auto c2 = TestServer::Context(tokens_[As::kParticipant]);
    ASSERT_TRUE(homework->ListMyAssignments(c2.get(), v1::ListMyAssignmentsRequest(), &mine).ok());
    ASSERT_GT(mine.assignments_size(), 0);
    assignment_a_ = mine.assignments(0).assignment().id();
    absl::TimeZone london;
    ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &london));
    today_ = absl::ToCivilDay(server_->clock().Now(), london);
    v1::LogPracticeRequest log;
    log.set_assignment_id(assignment_a_);
    testing::SetDate(log.mutable_practised_on(), today_);
    log.mutable_practised_at()->set_hour(0);
    log.set_minutes(5);
    log.set_helpfulness(6);
    log.set_idempotency_key("access-test-log");
    v1::LogPracticeResponse logged;
    auto c3 = TestServer::Context(tokens_[As::kParticipant]);
    ASSERT_TRUE(homework->LogPractice(c3.get(), log, &logged).ok());
    log_a_ = logged.log().id();
    // A red alert in org A: a paper PHQ-9 at baseline with item 9 answered 2.
    auto measures = server_->Stub<v1::MeasureService>();
    v1::EnterResponseOnBehalfRequest entered;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        Substitute(R"(enrolment_id: $ENROLMENT_A instrument_key: "phq9" time_point_key: "baseline"
                      keyed_as: PAPER_PRINTED_SCORE idempotency_key: "access-alert" $PHQ9_ZEROS)"),
        &entered));
    entered.mutable_answers(8)->set_keyed_value(2);
    const absl::CivilDay today = absl::ToCivilDay(server_->clock().Now(), absl::UTCTimeZone());
    entered.mutable_completed_on()->set_year(static_cast<int32_t>(today.year()));
    entered.mutable_completed_on()->set_month(today.month());
    entered.mutable_completed_on()->set_day(today.day());
    v1::EnterResponseOnBehalfResponse keyed;
    auto c_alert = TestServer::Context(a_.clinician_token);
    ASSERT_TRUE(measures->EnterResponseOnBehalf(c_alert.get(), entered, &keyed).ok());
    ASSERT_TRUE(keyed.has_alert());
    alert_a_ = keyed.alert().alert_id();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete probe_;
  }

  static std::string Substitute(const std::string& text) {
    return absl::StrReplaceAll(
        text, {{"$ADMIN_EMAIL", a_.admin.email},
               {"$COHORT_A", std::to_string(a_.cohort_id)},
               {"$COHORT_B", std::to_string(b_.cohort_id)},
               {"$SESSION_A", std::to_string(a_.session_ids.front())},
               {"$ENROLMENT_A", std::to_string(a_.enrolment_id)},
               {"$REFERRAL_A", std::to_string(a_.referral_id)},
               {"$TEMPLATE_BUILTIN", std::to_string(a_.builtin_template_id)},
               {"$TEMPLATE_B", std::to_string(template_b_)},
               {"$CLINICIAN_ID", std::to_string(a_.clinician.id)},
               {"$CLINICIAN2_ID", std::to_string(a_.clinician2.id)},
               {"$CLINICIAN_B_ID", std::to_string(b_.clinician.id)},
               {"$ASSIGNMENT_A", std::to_string(assignment_a_)},
               {"$LOG_A", std::to_string(log_a_)},
               {"$TODAY", absl::StrCat("year: ", today_.year(), " month: ", today_.month(), " day: ", today_.day())},
               {"$ALERT_A", std::to_string(alert_a_)},
               {"$PHQ9_ZEROS", Phq9Zeros()}});
  }

  // Nine keyed answers of 0 for a paper PHQ-9.
  static std::string Phq9Zeros() {
    std::string out;
    for (int i = 1; i <= 9; ++i) absl::StrAppend(&out, "answers { item_code: \"phq9_", i, "\" keyed_value: 0 } ");
    return out;
  }

  static inline ProbeService* probe_ = nullptr;
  static inline TestServer* server_ = nullptr;
  static inline testing::CohortWorld a_, b_;
  static inline int64_t template_b_ = 0;
  static inline int64_t assignment_a_ = 0;
  static inline int64_t log_a_ = 0;
  static inline absl::CivilDay today_;
  static inline int64_t alert_a_ = 0;
  static inline std::map<As, std::string> tokens_;
};

TEST_F(AccessTest, EveryMethodHasAnAccessRule) {
  const auto methods = testing::AllApiMethods();
  ASSERT_FALSE(methods.empty());
  for (const auto* m : methods) {
    EXPECT_NE(access::FindAccessRule(testing::FullMethodName(m)), nullptr)
        << testing::FullMethodName(m) << " has no access rule in services/access/access_rules.cc";
  }
}

TEST_F(AccessTest, EveryRuleNamesAMethodThatExists) {
  std::set<std::string> names;
  for (const auto* m : testing::AllApiMethods()) names.insert(testing::FullMethodName(m));
  for (const access::AccessRule& rule : access::AllAccessRules()) {
    EXPECT_TRUE(names.count(std::string(rule.method))) << rule.method << " is not in the API";
  }
}

TEST_F(AccessTest, EveryMethodHasADenialCase) {
  std::set<std::string> covered;
  for (const DenialCase& c : kDenials) covered.insert(c.method);
  for (const auto* m : testing::AllApiMethods()) {
    EXPECT_TRUE(covered.count(testing::FullMethodName(m)))
        << testing::FullMethodName(m) << " has no denial case in tests/server/access_test.cc";
  }
}

TEST_F(AccessTest, DenialCasesAreRefusedWithTheExpectedCode) {
  const auto methods = testing::AllApiMethods();
  for (const DenialCase& c : kDenials) {
    const auto it = std::find_if(methods.begin(), methods.end(), [&](const auto* m) {
      return testing::FullMethodName(m) == c.method;
    });
    ASSERT_NE(it, methods.end()) << c.method;
    auto request = testing::MakeRequest(*it, Substitute(c.request));
    EXPECT_THAT(testing::CallGeneric(server_->channel(), *it, *request, tokens_[c.caller]),
                GrpcIs(c.expected))
        << c.method << " as caller #" << static_cast<int>(c.caller);
  }
}

TEST_F(AccessTest, EveryAuthenticatedMethodRefusesCallersWithoutAValidToken) {
  for (const auto* m : testing::AllApiMethods()) {
    const access::AccessRule* rule = access::FindAccessRule(testing::FullMethodName(m));
    ASSERT_NE(rule, nullptr);
    if (!rule->authenticated) continue;
    auto request = testing::MakeRequest(m, "");
    EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, ""),
                GrpcIs(StatusCode::UNAUTHENTICATED))
        << testing::FullMethodName(m);
    EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, tokens_[As::kBadToken]),
                GrpcIs(StatusCode::UNAUTHENTICATED))
        << testing::FullMethodName(m);
  }
}

TEST_F(AccessTest, EveryMethodRefusesTheRolesItsRuleExcludes) {
  const std::pair<Role, As> roles[] = {{Role::kAdmin, As::kAdmin},
                                       {Role::kClinician, As::kClinician},
                                       {Role::kParticipant, As::kParticipant}};
  int refused = 0;
  for (const auto* m : testing::AllApiMethods()) {
    const access::AccessRule* rule = access::FindAccessRule(testing::FullMethodName(m));
    ASSERT_NE(rule, nullptr);
    if (!rule->authenticated) continue;
    for (const auto& [role, as] : roles) {
      if (access::RoleAllowed(*rule, role)) continue;
      auto request = testing::MakeRequest(m, "");
      EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, tokens_[as]),
                  GrpcIs(StatusCode::PERMISSION_DENIED))
          << testing::FullMethodName(m) << " as " << RoleName(role);
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

TEST_F(AccessTest, TemporaryPasswordHoldersCanOnlyChangeItOrLeave) {
  for (const auto* m : testing::AllApiMethods()) {
    const access::AccessRule* rule = access::FindAccessRule(testing::FullMethodName(m));
    ASSERT_NE(rule, nullptr);
    if (!rule->authenticated || rule->allowed_before_password_change ||
        !access::RoleAllowed(*rule, Role::kAdmin)) {
      continue;
    }
    auto request = testing::MakeRequest(m, "");
    EXPECT_THAT(testing::CallGeneric(server_->channel(), m, *request, tokens_[As::kMustChangePassword]),
                GrpcIs(StatusCode::FAILED_PRECONDITION))
        << testing::FullMethodName(m);
  }
}

TEST_F(AccessTest, AMethodWithoutARuleIsRefusedAndAudited) {
  auto stub = cft::testing::ProbeService::NewStub(server_->channel());
  cft::testing::UnruledRequest req;
  cft::testing::UnruledResponse resp;
  auto ctx = TestServer::Context(tokens_[As::kAdmin]);
  EXPECT_THAT(stub->Unruled(ctx.get(), req, &resp), GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_FALSE(resp.reached_handler());
  EXPECT_EQ(TestDatabase::Get().Scalar(
                "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.testing.ProbeService/Unruled' "
                "AND status_code = 7"),
            "1");
}

TEST_F(AccessTest, DenialsAreAudited) {
  const std::string count_sql =
      "SELECT COUNT(*) FROM audit_log WHERE method = '/cft.v1.AuthService/CreateStaffAccount' "
      "AND status_code = 7 AND actor_user_id = " + std::to_string(a_.clinician.id);
  const std::string before = TestDatabase::Get().Scalar(count_sql);
  auto stub = server_->Stub<v1::AuthService>();
  v1::CreateStaffAccountRequest req;
  v1::CreateStaffAccountResponse resp;
  auto ctx = TestServer::Context(tokens_[As::kClinician]);
  EXPECT_THAT(stub->CreateStaffAccount(ctx.get(), req, &resp), GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(std::stoi(TestDatabase::Get().Scalar(count_sql)), std::stoi(before) + 1);
}

}  // namespace
}  // namespace cft

namespace cft {
namespace {

// The issue's promise in two tests: a participant of cohort A reads nothing of
// cohort B, and a clinician reads nothing of a cohort they do not facilitate.
TEST_F(AccessTest, AParticipantOfOneCohortReadsNothingOfAnother) {
  auto calendar = server_->Stub<v1::CalendarService>();
  v1::GetMyProgrammeResponse mine;
  auto c1 = TestServer::Context(tokens_[As::kParticipant]);
  ASSERT_THAT(calendar->GetMyProgramme(c1.get(), v1::GetMyProgrammeRequest(), &mine), testing::GrpcOk());
  ASSERT_GT(mine.sessions_size(), 0);
  for (const auto& s : mine.sessions()) EXPECT_EQ(s.cohort_id(), a_.cohort_id);

  // Every method that names a cohort, session, enrolment or referral, called
  // with cohort B's ids, is refused.
  int tried = 0;
  for (const auto* m : testing::AllApiMethods()) {
    auto request = testing::MakeRequest(m, "");
    const auto* d = request->GetDescriptor();
    const auto* r = request->GetReflection();
    bool names_a_record = false;
    const std::pair<const char*, int64_t> ids[] = {{"cohort_id", b_.cohort_id},
                                                   {"session_id", b_.session_ids.front()},
                                                   {"enrolment_id", b_.enrolment_id},
                                                   {"referral_id", b_.referral_id}};
    for (const auto& [name, value] : ids) {
      if (const auto* f = d->FindFieldByName(name); f != nullptr) {
        r->SetInt64(request.get(), f, value);
        names_a_record = true;
      }
    }
    if (!names_a_record) continue;
    ++tried;
    grpc::Status s = testing::CallGeneric(server_->channel(), m, *request, tokens_[As::kParticipant]);
    EXPECT_FALSE(s.ok()) << testing::FullMethodName(m) << " answered a participant about another cohort";
    EXPECT_THAT(s.error_code(), ::testing::AnyOf(StatusCode::PERMISSION_DENIED, StatusCode::NOT_FOUND))
        << testing::FullMethodName(m) << ": " << s.error_message();
  }
  EXPECT_GT(tried, 10);
}

TEST_F(AccessTest, AClinicianSeesOnlyTheCohortsTheyFacilitate) {
  auto cohorts = server_->Stub<v1::CohortService>();
  v1::ListCohortsResponse list;
  auto c1 = TestServer::Context(tokens_[As::kClinician2]);
  ASSERT_THAT(cohorts->ListCohorts(c1.get(), v1::ListCohortsRequest(), &list), testing::GrpcOk());
  EXPECT_EQ(list.cohorts_size(), 0);

  auto c2 = TestServer::Context(tokens_[As::kClinician]);
  ASSERT_THAT(cohorts->ListCohorts(c2.get(), v1::ListCohortsRequest(), &list), testing::GrpcOk());
  ASSERT_EQ(list.cohorts_size(), 1);
  EXPECT_EQ(list.cohorts(0).id(), a_.cohort_id);

  // The organisation's admin sees it; the other organisation's admin does not.
  auto c3 = TestServer::Context(tokens_[As::kOtherOrgAdmin]);
  ASSERT_THAT(cohorts->ListCohorts(c3.get(), v1::ListCohortsRequest(), &list), testing::GrpcOk());
  for (const auto& c : list.cohorts()) EXPECT_NE(c.id(), a_.cohort_id);
}

}  // namespace
}  // namespace cft
