// The page models without a single widget (this binary links none): the
// clinician's cohorts, waitlist and staff pages and the participant's
// programme, against the in-process server and the real database, with
// QAbstractItemModelTester on every table they own.
#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <memory>

#include "cft/v1/cohort.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/auth_api.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "clinician-client/staff/staff_page_model.h"
#include "clinician-client/waitlist/waitlist_page_model.h"
#include "participant-client/programme/programme_page_model.h"
#include "tests/gui/signed_in_session.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {

using testing::TestServer;
using testing::TestUser;
using Tester = QAbstractItemModelTester;

class PageModelsTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;

  std::unique_ptr<client::ApiSession> signedIn(const TestUser& user) {
    return testing::SignedInSession(server_->server().port(), user);
  }

  static int rowStartingWith(const QAbstractItemModel* model, const QString& prefix) {
    for (int r = 0; r < model->rowCount(); ++r) {
      if (model->index(r, 0).data().toString().startsWith(prefix)) return r;
    }
    return -1;
  }

  static QString tempPath(const char* stem) {
    return QDir::temp().filePath(
        QStringLiteral("%1-%2.ics").arg(stem).arg(QString::fromStdString(testing::UniqueSuffix())));
  }

 private slots:
  void initTestCase() { server_ = std::make_unique<TestServer>(); }
  void cleanupTestCase() { server_.reset(); }

  void theCohortsPageLoadsTheSelectedCohortAndSaysWhatItAllows() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Models", .start_date = start});
    auto session = signedIn(w.clinician);
    QVERIFY(session != nullptr);
    clinician::CohortsPageModel page(*session);
    Tester t1(page.cohorts(), Tester::FailureReportingMode::QtTest);
    Tester t2(page.sessions(), Tester::FailureReportingMode::QtTest);
    Tester t3(page.participants(), Tester::FailureReportingMode::QtTest);
    QCOMPARE(page.summary(), QStringLiteral("Loading cohorts…"));
    QVERIFY(!page.canExportCalendar());
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page.sessions()->rowCount(), 8, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(page.participants()->rowCount(), 1, 15000);
    QCOMPARE(page.cohorts()->rowCount(), 1);
    QCOMPARE(page.summary(), QStringLiteral("1 cohort"));
    QCOMPARE(page.selectedCohort()->id, w.cohort_id);
    QCOMPARE(page.cohorts()->index(0, 1).data().toString(), QStringLiteral("Running"));

    // A running cohort completes or is cancelled; it does not start again.
    QVERIFY(!page.canStart());
    QVERIFY(page.canComplete());
    QVERIFY(page.canCancelCohort());
    QVERIFY(page.canManageFacilitators());
    QVERIFY(page.canExportCalendar());
    // Nothing selected in the detail yet.
    QVERIFY(!page.canRecordAttendance());
    QVERIFY(!page.canMoveSession());
    QVERIFY(!page.canWithdraw());
    // A session already past takes a register but does not move.
    page.selectSession(0);
    QVERIFY(page.canRecordAttendance());
    QVERIFY(!page.canMoveSession());
    QVERIFY(!page.canCancelSession());
    page.selectSession(6);
    QVERIFY(page.canMoveSession());
    QVERIFY(page.canCancelSession());
    // Robin joined: no invite to give, but a place to end.
    page.selectParticipant(0);
    // Allocated after the closed group began.
    QCOMPARE(page.participants()->index(0, 1).data().toString(), QStringLiteral("Active (joined late)"));
    QCOMPARE(page.participants()->index(0, 2).data().toString(), QStringLiteral("Joined"));
    QVERIFY(!page.canCreateInvite());
    QVERIFY(page.canWithdraw());

    // The calendar file, and a place it cannot be written.
    const QString path = tempPath("cft-model");
    QSignalSpy saved(&page, &clinician::CohortsPageModel::calendarSaved);
    page.exportCalendar(path);
    QVERIFY(saved.wait(15000));
    QCOMPARE(saved.at(0).at(0).toString(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().startsWith("BEGIN:VCALENDAR\r\n"));
    file.remove();
    QSignalSpy failed(&page, &clinician::CohortsPageModel::failed);
    page.exportCalendar(QStringLiteral("/nonexistent-dir/x.ics"));
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.at(0).at(0).value<client::RpcError>().message,
             QStringLiteral("The calendar could not be saved to /nonexistent-dir/x.ics."));
  }

  void aRefreshKeepsTheSelectedCohort() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Keep", .start_date = start});
    // A second cohort, planned by the same clinician.
    v1::CreateCohortRequest req;
    req.set_name("Keep Friday group");
    req.set_template_id(w.builtin_template_id);
    testing::SetDate(req.mutable_start_date(), start + 14);
    req.set_weekday(v1::FRIDAY);
    req.mutable_local_start_time()->set_hour(10);
    req.set_time_zone("Europe/London");
    req.set_group_type(v1::GROUP_CLOSED);
    v1::CreateCohortResponse created;
    auto ctx = TestServer::Context(w.clinician_token);
    QVERIFY(server_->Stub<v1::CohortService>()->CreateCohort(ctx.get(), req, &created).ok());

    auto session = signedIn(w.clinician);
    QVERIFY(session != nullptr);
    clinician::CohortsPageModel page(*session);
    Tester t1(page.cohorts(), Tester::FailureReportingMode::QtTest);
    Tester t2(page.sessions(), Tester::FailureReportingMode::QtTest);
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page.cohorts()->rowCount(), 2, 15000);
    QCOMPARE(page.summary(), QStringLiteral("2 cohorts"));
    const int friday = rowStartingWith(page.cohorts(), "Keep Friday group");
    QVERIFY(friday >= 0);
    page.selectCohort(friday);
    QCOMPARE(page.selectedCohort()->id, created.cohort().id());
    QTRY_COMPARE_WITH_TIMEOUT(page.sessions()->rowCount(), 8, 15000);
    QVERIFY(page.sessions()->index(0, 2).data().toString().contains("10:00"));

    QSignalSpy changed(&page, &clinician::CohortsPageModel::changed);
    page.refresh();
    QVERIFY(changed.wait(15000));
    QTRY_COMPARE_WITH_TIMEOUT(page.sessions()->rowCount(), 8, 15000);
    QCOMPARE(page.selectedCohort()->id, created.cohort().id());
    QVERIFY(page.sessions()->index(0, 2).data().toString().contains("10:00"));
  }

  void aPlannedCohortStarts() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w =
        testing::BuildCohortWorld(*server_, {.label = "Starter", .start_date = start, .start_running = false});
    auto session = signedIn(w.clinician);
    QVERIFY(session != nullptr);
    clinician::CohortsPageModel page(*session);
    Tester t1(page.cohorts(), Tester::FailureReportingMode::QtTest);
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page.cohorts()->rowCount(), 1, 15000);
    QCOMPARE(page.cohorts()->index(0, 1).data().toString(), QStringLiteral("Planned"));
    QVERIFY(page.canStart());
    QVERIFY(!page.canComplete());
    QVERIFY(page.canCancelCohort());
    page.startSelectedCohort();
    QVERIFY(page.isStarting());
    QTRY_COMPARE_WITH_TIMEOUT(page.cohorts()->index(0, 1).data().toString(), QStringLiteral("Running"), 15000);
    QVERIFY(!page.isStarting());
    QVERIFY(!page.canStart());
    QVERIFY(page.canComplete());
  }

  void theWaitlistSaysWhoCanBeOfferedAPlace() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Queue", .start_date = start});
    testing::AddSuitableReferral(*server_, w.clinician_token, "Alex Waiting");
    auto session = signedIn(w.clinician);
    QVERIFY(session != nullptr);
    clinician::WaitlistPageModel page(*session);
    Tester tester(page.referrals(), Tester::FailureReportingMode::QtTest);
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page.referrals()->rowCount(), 2, 15000);
    QCOMPARE(page.summary(), QStringLiteral("1 waiting"));
    QVERIFY(!page.canAllocate());
    const int alex = rowStartingWith(page.referrals(), "Alex Waiting");
    const int robin = rowStartingWith(page.referrals(), "Robin Participant");
    QVERIFY(alex >= 0 && robin >= 0);
    QCOMPARE(page.referrals()->index(alex, 1).data().toString(), QStringLiteral("Suitable"));
    QCOMPARE(page.referrals()->index(alex, 2).data().toString(), QStringLiteral("Waiting"));
    QCOMPARE(page.referrals()->index(robin, 2).data().toString(), QStringLiteral("Allocated"));
    page.selectReferral(alex);
    QVERIFY(page.canAllocate());
    page.selectReferral(robin);
    QVERIFY(!page.canAllocate());
  }

  void theStaffPageListsColleaguesAndOnlyAdminsAddThem() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Staffed", .start_date = start});
    auto admin = signedIn(w.admin);
    QVERIFY(admin != nullptr);
    clinician::StaffPageModel page(*admin);
    Tester tester(page.staff(), Tester::FailureReportingMode::QtTest);
    QVERIFY(page.canAddStaff());
    page.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page.staff()->rowCount(), 3, 15000);
    QCOMPARE(page.summary(), QStringLiteral("3 staff members"));
    const int row = rowStartingWith(page.staff(), QString::fromStdString("Test clinician " + w.clinician.email));
    QVERIFY(row >= 0);
    QCOMPARE(page.staff()->index(row, 2).data().toString(), QStringLiteral("Clinician"));
    QCOMPARE(page.staff()->index(row, 3).data().toString(), QStringLiteral("Active"));

    auto clinician = signedIn(w.clinician);
    QVERIFY(clinician != nullptr);
    QVERIFY(!clinician::StaffPageModel(*clinician).canAddStaff());
  }

  // A participant may not list staff: the model says so and passes the error on.
  void aRefusedLoadIsPassedOn() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Refused", .start_date = start});
    auto session = signedIn(w.participant);
    QVERIFY(session != nullptr);
    clinician::StaffPageModel page(*session);
    QSignalSpy failed(&page, &clinician::StaffPageModel::failed);
    page.refresh();
    QVERIFY(failed.wait(15000));
    QVERIFY(failed.at(0).at(0).value<client::RpcError>().kind == client::RpcError::Kind::NotAllowed);
    QCOMPARE(page.summary(), QStringLiteral("Staff could not be loaded."));
    QCOMPARE(page.staff()->rowCount(), 0);
  }

  void theProgrammeShowsTheLatestWeekAndTheNextSession() {
    const absl::CivilDay start = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - 10;
    testing::CohortWorld w = testing::BuildCohortWorld(*server_, {.label = "Reader", .start_date = start});
    auto session = signedIn(w.participant);
    QVERIFY(session != nullptr);
    participant::ProgrammePageModel page(*session);
    Tester tester(page.weeks(), Tester::FailureReportingMode::QtTest);
    QCOMPARE(page.heading(), QStringLiteral("Loading your programme…"));
    QVERIFY(page.weekHtml().contains("appear here when its session begins"));
    QSignalSpy loaded(&page, &participant::ProgrammePageModel::loaded);
    page.refresh();
    QVERIFY(loaded.wait(15000));
    const int current = page.programme().currentWeek;
    QVERIFY(current >= 1);
    QCOMPARE(page.weeks()->rowCount(), current);
    QCOMPARE(page.weekSelection()->currentIndex().row(), current - 1);
    QVERIFY(page.weekHtml().startsWith(QStringLiteral("<h2>Week %1: ").arg(current)));
    QVERIFY(page.heading().endsWith(QStringLiteral("Week %1 of 8").arg(current)));
    QVERIFY(page.heading().startsWith("Reader Tuesday group"));
    QVERIFY(page.nextSession().startsWith("Next session: <b>"));
    QVERIFY(page.weeks()->index(0, 0).data().toString().startsWith("Week 1 — Safeness and what compassion is"));
    QSignalSpy weekChanged(&page, &participant::ProgrammePageModel::weekChanged);
    page.selectWeek(0);
    QCOMPARE(weekChanged.size(), 1);
    QVERIFY(page.weekHtml().contains("To practise this week"));

    const QString path = tempPath("cft-my-model");
    QSignalSpy saved(&page, &participant::ProgrammePageModel::calendarSaved);
    page.exportCalendar(path);
    QVERIFY(saved.wait(15000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("SUMMARY:Group session (week 1)"));
    file.remove();
  }
};

}  // namespace cft

QTEST_GUILESS_MAIN(cft::PageModelsTest)
#include "page_models_test.moc"
