// The clinician's reports and exports in real (offscreen) windows against
// the in-process server and the real database: a long CSV exported through
// the dialog with its progress bar, a cancelled and a refused export that
// leave no file, and the cohort and participant PDFs read back with
// poppler's pdfinfo and pdftotext (page count, cohort name, time point
// labels, copyright lines, the clinician, the generation date, a late
// response), the cohort report's first page saved as a PNG beside the
// dialogs' screenshots.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <grpcpp/grpcpp.h>

#include "cft/v1/calendar.grpc.pb.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/measure.grpc.pb.h"
#include "client-shared/api_session.h"
#include "client-shared/app_shell.h"
#include "clinician-client/clinician_window.h"
#include "clinician-client/cohorts/cohorts_page.h"
#include "clinician-client/cohorts/cohorts_page_model.h"
#include "clinician-client/measures/outcomes_model.h"
#include "clinician-client/measures/outcomes_page.h"
#include "clinician-client/reports/export_dialog.h"
#include "clinician-client/reports/export_model.h"
#include "clinician-client/reports/report_dialog.h"
#include "clinician-client/reports/report_loader.h"
#include "clinician-client/reports/report_pdf.h"
#include "tests/gui/gui_support.h"
#include "tests/gui/program_shells.h"
#include "tests/gui/manual_clock.h"
#include "tests/support/cohort_world.h"
#include "tests/support/test_server.h"

namespace cft {

using testing::TestServer;
using testing::TestUser;

namespace {

const absl::Time kStart = absl::FromCivil(absl::CivilSecond(2027, 1, 4, 12, 0, 0), absl::UTCTimeZone());

// Runs a poppler tool; its standard output, or a null string when it failed.
QString run(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) return QString();
  return QString::fromUtf8(p.readAllStandardOutput());
}

// pdftotext breaks lines inside table cells: compare with single spaces.
QString flat(QString text) { return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" ")); }

int pdfPages(const QString& path) {
  const QRegularExpressionMatch m =
      QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(run(QStringLiteral("pdfinfo"), {path}));
  return m.hasMatch() ? m.captured(1).toInt() : -1;
}

}  // namespace

class ReportsGuiTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<TestServer> server_;
  testing::CohortWorld world_;
  int64_t samEnrolment_ = 0;
  int64_t toniEnrolment_ = 0;
  std::unique_ptr<QTemporaryDir> dir_;

  clinician::ClinicianWindow* signIn(client::AppShell& shell, const TestUser& user) {
    shell.start();
    testing::typeSignIn(shell.loginDialog(), QString::fromStdString(user.email), QString::fromStdString(user.password));
    if (!QTest::qWaitFor([&] { return shell.mainWindow() != nullptr; }, 15000)) return nullptr;
    return qobject_cast<clinician::ClinicianWindow*>(shell.mainWindow());
  }

  static QDialog* waitForDialog(QWidget* window, const char* name) {
    QDialog* dialog = nullptr;
    const bool open = QTest::qWaitFor(
        [&] { return (dialog = window->findChild<QDialog*>(name)) != nullptr && dialog->isVisible(); }, 15000);
    return open ? dialog : nullptr;
  }

  bool submit(const std::string& token, const std::string& instrument, const std::string& timePoint,
              const std::vector<int>& values) {
    v1::SubmitResponseRequest req;
    req.set_instrument_key(instrument);
    req.set_time_point_key(timePoint);
    for (size_t i = 0; i < values.size(); ++i) {
      v1::Answer* a = req.add_answers();
      a->set_item_code(instrument + "_" + std::to_string(i + 1));
      a->set_value(values[i]);
    }
    v1::SubmitResponseResponse resp;
    auto ctx = TestServer::Context(token);
    const grpc::Status s = server_->Stub<v1::MeasureService>()->SubmitResponse(ctx.get(), req, &resp);
    if (!s.ok()) qWarning() << "SubmitResponse:" << s.error_message().c_str();
    return s.ok();
  }

  bool record(int64_t sessionId, const std::vector<std::pair<int64_t, v1::AttendanceStatus>>& marks) {
    v1::RecordAttendanceRequest req;
    req.set_session_id(sessionId);
    for (const auto& [enrolment, status] : marks) {
      v1::AttendanceEntry* e = req.add_entries();
      e->set_enrolment_id(enrolment);
      e->set_status(status);
    }
    v1::RecordAttendanceResponse resp;
    auto ctx = TestServer::Context(world_.clinician_token);
    const grpc::Status s = server_->Stub<v1::CalendarService>()->RecordAttendance(ctx.get(), req, &resp);
    if (!s.ok()) qWarning() << "RecordAttendance:" << s.error_message().c_str();
    return s.ok();
  }

  void advanceTo(int month, int day) {
    server_->clock().Advance(absl::FromCivil(absl::CivilSecond(2027, month, day, 12, 0, 0), absl::UTCTimeZone()) -
                             server_->clock().Now());
    world_.clinician_token = server_->Login(world_.clinician);
    world_.participant_token = server_->Login(world_.participant);
  }

 private slots:
  // A Tuesday group starting 5 January 2027 with three people. Robin and Sam
  // answer the baseline PHQ-9 in the app (Robin the GAD-7 too); after the
  // baseline closed on 11 January, Toni's paper form of 19 January is keyed
  // in (late, and kept); Robin answers week 4 in the app, 7 points better.
  void initTestCase() {
    server_ = std::make_unique<TestServer>(testing::At(kStart));
    world_ = testing::BuildCohortWorld(*server_, {.label = "Reports", .start_date = absl::CivilDay(2027, 1, 5)});
    std::string samToken, toniToken;
    testing::EnrolParticipant(*server_, world_.clinician_token, world_.cohort_id,
                              testing::AddSuitableReferral(*server_, world_.clinician_token, "Sam Second"), &samEnrolment_,
                              &samToken);
    testing::EnrolParticipant(*server_, world_.clinician_token, world_.cohort_id,
                              testing::AddSuitableReferral(*server_, world_.clinician_token, "Toni Third"), &toniEnrolment_,
                              &toniToken);
    QVERIFY(submit(world_.participant_token, "phq9", "baseline", {2, 2, 2, 2, 2, 1, 1, 1, 1}));  // 14
    QVERIFY(submit(world_.participant_token, "gad7", "baseline", {1, 1, 1, 1, 1, 1, 1}));        // 7
    QVERIFY(submit(samToken, "phq9", "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0}));                  // 8

    advanceTo(1, 20);
    QVERIFY(record(world_.session_ids[0], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT},
                                           {samEnrolment_, v1::ATTENDANCE_LATE},
                                           {toniEnrolment_, v1::ATTENDANCE_ABSENT}}));
    QVERIFY(record(world_.session_ids[1], {{world_.enrolment_id, v1::ATTENDANCE_PRESENT},
                                           {samEnrolment_, v1::ATTENDANCE_ABSENT},
                                           {toniEnrolment_, v1::ATTENDANCE_PRESENT}}));
    v1::EnterResponseOnBehalfRequest paper;
    paper.set_enrolment_id(toniEnrolment_);
    paper.set_instrument_key("phq9");
    paper.set_time_point_key("baseline");
    paper.set_keyed_as(v1::PAPER_PRINTED_SCORE);
    paper.mutable_completed_on()->set_year(2027);
    paper.mutable_completed_on()->set_month(1);
    paper.mutable_completed_on()->set_day(19);
    const std::vector<int> toni = {3, 3, 2, 2, 2, 2, 1, 1, 0};  // 16
    for (size_t i = 0; i < toni.size(); ++i) {
      auto* a = paper.add_answers();
      a->set_item_code("phq9_" + std::to_string(i + 1));
      a->set_keyed_value(toni[i]);
    }
    v1::EnterResponseOnBehalfResponse entered;
    auto ctx = TestServer::Context(world_.clinician_token);
    const grpc::Status s = server_->Stub<v1::MeasureService>()->EnterResponseOnBehalf(ctx.get(), paper, &entered);
    QVERIFY2(s.ok(), s.error_message().c_str());

    advanceTo(1, 25);
    QVERIFY(submit(world_.participant_token, "phq9", "week-4", {1, 1, 1, 1, 1, 1, 1, 0, 0}));  // 7
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
  }

  void cleanupTestCase() { server_.reset(); }

  void exportingALongCsvFillsTheProgressBarAndSavesTheFile() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(*shell, world_.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->cohorts()->rowCount(), 1, 15000);
    page->pageModel()->selectCohort(0);
    auto* open = window->findChild<QPushButton*>("exportDataButton");
    QTRY_VERIFY_WITH_TIMEOUT(open->isEnabled(), 15000);
    QTest::mouseClick(open, Qt::LeftButton);
    auto* dialog = qobject_cast<clinician::ExportDialog*>(waitForDialog(window, "exportDialog"));
    QVERIFY(dialog != nullptr);
    // A clinician exports their own cohort only: the wider scopes are an administrator's.
    QCOMPARE(dialog->findChild<QComboBox*>("exportScopeCombo")->count(), 1);
    QCOMPARE(dialog->findChild<QComboBox*>("exportFormatCombo")->count(), 7);
    QCOMPARE(dialog->findChild<QLabel*>("deidentificationNote")->text(), clinician::ExportDialog::deidentificationSentence());
    auto* path = dialog->findChild<QLineEdit*>("exportPathEdit");
    QVERIFY(path->text().endsWith(QStringLiteral(".csv")));
    QVERIFY(QFileInfo(path->text()).fileName().startsWith(QStringLiteral("outcomes-long-Reports Tuesday group")));
    const QString file = dir_->filePath(QStringLiteral("long.csv"));
    path->setText(file);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-export-dialog"));

    auto* bar = dialog->findChild<QProgressBar*>("exportProgress");
    QSignalSpy progress(dialog->model(), &clinician::ExportModel::progressChanged);
    QTest::mouseClick(dialog->findChild<QPushButton*>("startExportButton"), Qt::LeftButton);
    QVERIFY(dialog->findChild<QPushButton*>("cancelExportButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->state(), clinician::ExportModel::State::Saved, 30000);
    // One row per score: Robin's PHQ-9 twice and GAD-7, Sam's and Toni's PHQ-9.
    QCOMPARE(dialog->model()->rowsSent(), 5);
    QCOMPARE(bar->maximum(), 5);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(progress.count() >= 2);
    QCOMPARE(progress.last().at(0).toLongLong(), 5);
    QVERIFY(!dialog->findChild<QPushButton*>("cancelExportButton")->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>("exportStatus")->text().startsWith(QStringLiteral("Saved 5 rows to")));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-export-saved"));

    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    const QStringList header = lines.takeFirst().split(QLatin1Char(','));
    const int instrument = static_cast<int>(header.indexOf(QStringLiteral("instrument")));
    const int value = static_cast<int>(header.indexOf(QStringLiteral("score")));
    const int timePoint = static_cast<int>(header.indexOf(QStringLiteral("time_point")));
    QVERIFY2(instrument >= 0 && value >= 0 && timePoint >= 0, qPrintable(header.join(',')));
    QStringList seen;
    for (const QString& line : lines) {
      const QStringList cells = line.split(QLatin1Char(','));
      seen << QStringLiteral("%1 %2 %3").arg(cells[instrument], cells[timePoint], cells[value]);
    }
    seen.sort();
    QCOMPARE(seen, (QStringList{"gad7 baseline 7", "phq9 baseline 14", "phq9 baseline 16", "phq9 baseline 8",
                                "phq9 week-4 7"}));
    // Only the finished file is in the folder: no temporary file was left.
    QCOMPARE(QDir(dir_->path()).entryList(QDir::Files), QStringList{QStringLiteral("long.csv")});
  }

  // An administrator exports every cohort of the built-in template,
  // de-identified: no name in the file, and the server's notices shown.
  void anAdministratorExportsATemplatesCohortsDeidentified() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(*shell, world_.admin);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->cohorts()->rowCount(), 1, 15000);
    page->pageModel()->selectCohort(0);
    auto* dialog = page->openExport();
    QVERIFY(dialog != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* scope = dialog->findChild<QComboBox*>("exportScopeCombo");
    QCOMPARE(scope->count(), 3);
    auto* templates = dialog->findChild<QComboBox*>("exportTemplateCombo");
    QVERIFY(!templates->isVisibleTo(dialog));
    scope->setCurrentIndex(scope->findData(static_cast<int>(client::ExportScopeKind::ProgrammeTemplate)));
    QVERIFY(templates->isVisibleTo(dialog));
    QTRY_VERIFY_WITH_TIMEOUT(templates->findData(QVariant::fromValue<qint64>(world_.builtin_template_id)) >= 0, 15000);
    templates->setCurrentIndex(templates->findData(QVariant::fromValue<qint64>(world_.builtin_template_id)));
    auto* deidentified = dialog->findChild<QRadioButton*>("exportDeidentifiedRadio");
    // On its indicator: the button stretches across the form, past its text.
    QTest::mouseClick(deidentified, Qt::LeftButton, {}, QPoint(8, deidentified->height() / 2));
    QVERIFY(deidentified->isChecked());
    auto* path = dialog->findChild<QLineEdit*>("exportPathEdit");
    QVERIFY2(QFileInfo(path->text()).fileName().startsWith(QStringLiteral("outcomes-long-deidentified-")),
             qPrintable(path->text()));
    const QString file = dir_->filePath(QStringLiteral("template-deidentified.csv"));
    path->setText(file);
    QTest::mouseClick(dialog->findChild<QPushButton*>("startExportButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->state(), clinician::ExportModel::State::Saved, 30000);
    QCOMPARE(dialog->model()->header().mode, client::ExportMode::Deidentified);
    QCOMPARE(dialog->model()->header().cohortCount, 1);
    QCOMPARE(dialog->model()->rowsSent(), 5);
    auto* bar = dialog->findChild<QProgressBar*>("exportProgress");
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(!dialog->findChild<QLabel*>("exportNotices")->text().isEmpty());
    QVERIFY(testing::saveScreenshot(dialog, "clinician-export-deidentified"));
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString body = QString::fromUtf8(csv.readAll());
    QCOMPARE(body.count(QStringLiteral("\r\n")), 6);
    QVERIFY(!body.section(QStringLiteral("\r\n"), 0, 0).contains(QStringLiteral("participant_name")));
    for (const char* name : {"Robin", "Sam Second", "Toni Third"}) QVERIFY2(!body.contains(QLatin1String(name)), name);
  }

  void aCancelledOrRefusedExportLeavesNoFile() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(*shell, world_.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->cohorts()->rowCount(), 1, 15000);
    page->pageModel()->selectCohort(0);
    auto* dialog = page->openExport();
    QVERIFY(dialog != nullptr);
    QDir folder(dir_->filePath(QStringLiteral("cancelled")));
    QVERIFY(folder.mkpath(QStringLiteral(".")));
    const QString file = folder.filePath(QStringLiteral("wide.csv"));
    auto* format = dialog->findChild<QComboBox*>("exportFormatCombo");
    format->setCurrentIndex(format->findData(static_cast<int>(client::ExportFormat::WideCsv)));
    dialog->findChild<QLineEdit*>("exportPathEdit")->setText(file);
    // Cancelled before a single chunk reached the client.
    QTest::mouseClick(dialog->findChild<QPushButton*>("startExportButton"), Qt::LeftButton);
    QCOMPARE(dialog->model()->state(), clinician::ExportModel::State::Running);
    QTest::mouseClick(dialog->findChild<QPushButton*>("cancelExportButton"), Qt::LeftButton);
    QCOMPARE(dialog->model()->state(), clinician::ExportModel::State::Cancelled);
    QCOMPARE(dialog->findChild<QLabel*>("exportStatus")->text(), QStringLiteral("Export cancelled; nothing was saved."));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-export-cancelled"));
    // Whatever was still on its way is dropped: once the cancelled call has
    // come back (its chunks are delivered before it), no file has appeared.
    QTRY_COMPARE_WITH_TIMEOUT(api.pending(), 0, 15000);
    QVERIFY(!QFile::exists(file));
    QCOMPARE(folder.entryList(QDir::Files), QStringList());
    QCOMPARE(dialog->model()->state(), clinician::ExportModel::State::Cancelled);

    // Refused by the server (a cohort this clinician does not reach): an
    // older file under that name is left as it was.
    QFile old(file);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("an older file\n");
    old.close();
    clinician::ExportModel model(api);
    QSignalSpy failed(&model, &clinician::ExportModel::failed);
    client::ExportRequestInput input;
    input.cohortId = world_.cohort_id + 1000;
    QVERIFY(model.start(input, file));
    QVERIFY(failed.wait(15000));
    QCOMPARE(model.state(), clinician::ExportModel::State::Failed);
    const auto error = failed.first().first().value<client::RpcError>();
    QVERIFY2(error.kind == client::RpcError::Kind::NotFound || error.kind == client::RpcError::Kind::NotAllowed,
             qPrintable(error.message));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("an older file\n"));
    QCOMPARE(folder.entryList(QDir::Files), QStringList{QStringLiteral("wide.csv")});
  }

  void theCohortReportIsAPaginatedPdfWithChartsAndEverySection() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(*shell, world_.clinician);
    QVERIFY(window != nullptr);
    auto* page = window->cohortsPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->pageModel()->cohorts()->rowCount(), 1, 15000);
    page->pageModel()->selectCohort(0);
    const QString cohortName = page->pageModel()->selectedCohort()->name;
    auto* open = window->findChild<QPushButton*>("cohortReportButton");
    QTRY_VERIFY_WITH_TIMEOUT(open->isEnabled(), 15000);
    QTest::mouseClick(open, Qt::LeftButton);
    auto* dialog = qobject_cast<clinician::ReportDialog*>(waitForDialog(window, "reportDialog"));
    QVERIFY(dialog != nullptr);
    // The clinician's own wall clock (not the server's) stamps the report.
    testing::ManualClock clock(QDateTime(QDate(2027, 1, 25), QTime(9, 30), QTimeZone::utc()));
    dialog->loader()->setClock(&clock);
    auto* save = dialog->findChild<QPushButton*>("saveReportButton");
    auto* bar = dialog->findChild<QProgressBar*>("reportProgress");
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 30000);
    // Seven calls, one per participant's outcomes, and one for each of week 4
    // and the follow-up against baseline.
    QCOMPARE(bar->maximum(), 12);
    QCOMPARE(bar->value(), 12);
    QCOMPARE(dialog->findChild<QLabel*>("reportStatus")->text(), QStringLiteral("Ready to save."));
    const QString file = dir_->filePath(QStringLiteral("cohort.pdf"));
    dialog->findChild<QLineEdit*>("reportPathEdit")->setText(file);
    QVERIFY(testing::saveScreenshot(dialog, "clinician-cohort-report-dialog"));
    QSignalSpy saved(dialog, &clinician::ReportDialog::saved);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    const int pages = saved.first().at(1).toInt();

    // Attendance starts a page of its own, after a page at least of outcomes.
    QCOMPARE(pdfPages(file), pages);
    QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    const QString text = flat(run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), file, QStringLiteral("-")}));
    QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
    const QString clinicianName = QString::fromStdString("Test clinician " + world_.clinician.email);
    for (const QString& expected : {
             QStringLiteral("Cohort report: ") + cohortName,
             QStringLiteral("Questionnaire time points"),
             QStringLiteral("Baseline"),
             QStringLiteral("Week 4"),
             QStringLiteral("End of programme"),
             QStringLiteral("12-week follow-up"),
             QStringLiteral("Robin Participant 14 (Moderate) 7 (Mild)"),
             QStringLiteral("Toni Third 16 (Moderately severe), late"),
             // Nobody has an end-of-programme score: said in words; Robin's
             // change to week 4 is charted and tabled.
             QStringLiteral("No participant has scores at both Baseline and End of programme yet"),
             QStringLiteral("The change so far, from Baseline to Week 4:"),
             QStringLiteral("Before and after: Baseline to Week 4"),
             QStringLiteral("Mean score before and after"),
             QStringLiteral("© CORE System Trust"),
             QStringLiteral("Developed by Drs. Robert L. Spitzer"),
             QStringLiteral("Generated 25 January 2027, 09:30 (Europe/London) by ") + clinicianName,
             QStringLiteral("Page 1 of %1").arg(pages),
             QStringLiteral("Page %1 of %1").arg(pages),
             QStringLiteral("Attendance by participant"),
             QStringLiteral("Sam Second Late Absent"),
             QStringLiteral("Homework practice by participant"),
         }) {
      QVERIFY2(text.contains(expected), qPrintable(QStringLiteral("missing “%1” in: %2").arg(expected, text.left(4000))));
    }
    // The first page as a picture, for people to look at.
    QDir().mkpath(QStringLiteral(CFT_SCREENSHOT_DIR));
    const QString png = QStringLiteral(CFT_SCREENSHOT_DIR "/clinician-cohort-report-page1");
    QFile::remove(png + QStringLiteral(".png"));
    run(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-f"),
                                     QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"),
                                     file, png});
    QVERIFY(QFile::exists(png + QStringLiteral(".png")));
    const QString png2 = QStringLiteral(CFT_SCREENSHOT_DIR "/clinician-cohort-report-page2");
    run(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-f"),
                                     QStringLiteral("2"), QStringLiteral("-l"), QStringLiteral("2"), QStringLiteral("-singlefile"),
                                     file, png2});
    QVERIFY(QFile::exists(png2 + QStringLiteral(".png")));
  }

  void theParticipantReportComesFromTheirOutcomes() {
    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(*shell, world_.clinician);
    QVERIFY(window != nullptr);
    auto* outcomes = window->outcomesPage();
    QTRY_COMPARE_WITH_TIMEOUT(outcomes->pageModel()->cohorts().size(), 1, 15000);
    outcomes->chooseCohort(world_.cohort_id);
    QTRY_COMPARE_WITH_TIMEOUT(outcomes->pageModel()->participants().size(), 3, 15000);
    outcomes->chooseParticipant(world_.enrolment_id);
    auto* button = outcomes->findChild<QPushButton*>("participantReportButton");
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    auto* dialog = qobject_cast<clinician::ReportDialog*>(waitForDialog(window, "reportDialog"));
    QVERIFY(dialog != nullptr);
    auto* save = dialog->findChild<QPushButton*>("saveReportButton");
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 30000);
    const QString file = dir_->filePath(QStringLiteral("robin.pdf"));
    dialog->findChild<QLineEdit*>("reportPathEdit")->setText(file);
    QSignalSpy saved(dialog, &clinician::ReportDialog::saved);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    const int pages = saved.first().at(1).toInt();
    QCOMPARE(pdfPages(file), pages);
    const QString text = flat(run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), file, QStringLiteral("-")}));
    for (const QString& expected : {
             QStringLiteral("Participant report: Robin Participant"),
             QStringLiteral("Baseline 1 4 January 2027 In the app 14 Moderate"),
             QStringLiteral("Week 4 4 25 January 2027 In the app 7 Mild -7 Recovered"),
             QStringLiteral("Reliable change from baseline"),
             QStringLiteral("Developed by Drs. Robert L. Spitzer"),
             QStringLiteral("Page 1 of %1").arg(pages),
         }) {
      QVERIFY2(text.contains(expected), qPrintable(QStringLiteral("missing “%1” in: %2").arg(expected, text.left(4000))));
    }
    const QString png = QStringLiteral(CFT_SCREENSHOT_DIR "/clinician-participant-report-page1");
    run(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-f"),
                                     QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"),
                                     file, png});
    QVERIFY(QFile::exists(png + QStringLiteral(".png")));
  }

  // Sections of every length from one line of text to a page and a half, so
  // headings and table captions fall at every height of a page, the foot
  // included: each heading and caption is printed on the page where its
  // table begins.
  void aHeadingNeverEndsAPageWithoutWhatItIntroduces() {
    clinician::ReportContent content;
    content.title = QStringLiteral("Cohort report");
    content.subject = QStringLiteral("Layout check");
    content.generatedBy = QStringLiteral("Test clinician");
    content.generatedOn = QStringLiteral("2 December 2026, 05:00 (Europe/London)");
    content.blocks.append({.kind = clinician::ReportBlock::Kind::Heading, .text = QStringLiteral("Layout check")});
    constexpr int kSections = 24;
    for (int i = 1; i <= kSections; ++i) {
      QStringList lines;
      for (int j = 0; j < 3 * i; ++j) lines << QStringLiteral("Filler text of section %1, line %2.").arg(i).arg(j);
      content.blocks.append({.kind = clinician::ReportBlock::Kind::Paragraph, .text = lines.join(QChar('\n'))});
      content.blocks.append(
          {.kind = clinician::ReportBlock::Kind::Heading, .text = QStringLiteral("Section%1Heading").arg(i)});
      clinician::ReportTable table;
      table.caption = QStringLiteral("Section%1Caption").arg(i);
      table.header = {QStringLiteral("Section%1Header").arg(i), QStringLiteral("Value")};
      table.rows = {{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QStringLiteral("2")}};
      content.blocks.append({.kind = clinician::ReportBlock::Kind::Table, .table = table});
    }
    const QString file = dir_->filePath(QStringLiteral("layout.pdf"));
    const clinician::PdfResult written = clinician::writeReportPdf(content, file);
    QVERIFY2(written.ok, qPrintable(written.error));
    QCOMPARE(pdfPages(file), written.pages);
    QVERIFY(written.pages > 10);
    // The page each marker is printed on.
    QHash<QString, int> pageOf;
    for (int page = 1; page <= written.pages; ++page) {
      const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QString::number(page),
                                                             QStringLiteral("-l"), QString::number(page), file,
                                                             QStringLiteral("-")});
      const QRegularExpression marker(QStringLiteral("Section\\d+(Heading|Caption|Header)"));
      for (auto it = marker.globalMatch(text); it.hasNext();) pageOf.insert(it.next().captured(0), page);
    }
    int lastPage = 0;
    for (int i = 1; i <= kSections; ++i) {
      const QString n = QString::number(i);
      const int header = pageOf.value(QStringLiteral("Section%1Header").arg(n));
      QVERIFY2(header > 0, qPrintable(QStringLiteral("section %1's table is missing").arg(n)));
      QCOMPARE(pageOf.value(QStringLiteral("Section%1Heading").arg(n)), header);
      QCOMPARE(pageOf.value(QStringLiteral("Section%1Caption").arg(n)), header);
      QVERIFY(header >= lastPage);
      lastPage = header;
    }
  }

  // Last: it adds a second cohort to the clinician's list. Nobody has joined
  // it, so there is nothing to report, and the dialog says so instead of
  // saving an empty PDF.
  void aCohortNobodyJoinedIsRefusedInWords() {
    v1::CreateCohortRequest create;
    create.set_name("Empty Thursday group");
    create.set_template_id(world_.builtin_template_id);
    create.mutable_start_date()->set_year(2027);
    create.mutable_start_date()->set_month(3);
    create.mutable_start_date()->set_day(1);
    create.set_weekday(v1::THURSDAY);
    create.mutable_local_start_time()->set_hour(10);
    create.set_time_zone("Europe/London");
    create.set_group_type(v1::GROUP_CLOSED);
    v1::CreateCohortResponse created;
    auto ctx = TestServer::Context(world_.clinician_token);
    const grpc::Status s = server_->Stub<v1::CohortService>()->CreateCohort(ctx.get(), create, &created);
    QVERIFY2(s.ok(), s.error_message().c_str());

    client::ApiSession api(testing::localSettings(server_->server().port()));
    auto shell = testing::clinicianShell(api);
    auto* window = signIn(*shell, world_.clinician);
    QVERIFY(window != nullptr);
    auto* model = window->cohortsPage()->pageModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->cohorts()->rowCount(), 2, 15000);
    int row = 0;
    while (row < 2 && model->cohorts()->rows()[row].id != created.cohort().id()) ++row;
    QVERIFY(row < 2);
    model->selectCohort(row);
    auto* dialog = window->cohortsPage()->openCohortReport();
    QVERIFY(dialog != nullptr);
    auto* status = dialog->findChild<QLabel*>("reportStatus");
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->loader()->isLoading(), 15000);
    // Seven calls and the two interim comparisons; no participant to fetch.
    QCOMPARE(dialog->loader()->stepsTotal(), 9);
    QCOMPARE(dialog->loader()->stepsDone(), 9);
    QCOMPARE(status->text(), QStringLiteral("There is nothing to report for Empty Thursday group yet: nobody has joined "
                                            "it, so it has no questionnaires, attendance or practice to show."));
    QVERIFY(!dialog->findChild<QPushButton*>("saveReportButton")->isEnabled());
    const QString file = dir_->filePath(QStringLiteral("empty.pdf"));
    dialog->findChild<QLineEdit*>("reportPathEdit")->setText(file);
    QVERIFY(!dialog->findChild<QPushButton*>("saveReportButton")->isEnabled());
    QVERIFY(!dialog->save());
    QVERIFY(!QFile::exists(file));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(testing::saveScreenshot(dialog, "clinician-cohort-report-refused"));
  }
};

}  // namespace cft

QTEST_MAIN(cft::ReportsGuiTest)
#include "reports_gui_test.moc"
