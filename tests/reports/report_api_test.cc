// ReportService through the real server and database: the exact rows of the
// long, wide, summary, attendance and adherence tables of a seeded cohort,
// the data dictionary, the FHIR Bundle's resources, de-identification,
// CSV-injection neutralising, validation, access, audit, and paging and
// cancellation through the domain service.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cft/v1/report.grpc.pb.h"
#include "services/cohorts/mysql_repositories.h"
#include "services/measures/mysql_measure_repository.h"
#include "services/reports/csv.h"
#include "services/reports/mysql_report_repository.h"
#include "services/reports/report_service.h"
#include "tests/measures/measure_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::HasFieldViolation;
using ::cft::testing::MeasureParticipant;
using ::cft::testing::MeasureWorld;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using grpc::StatusCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Db(const std::string& sql) { return TestDatabase::Get().Scalar(sql); }

// An RFC 4180 reader, to check the writer's quoting independently of it.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(cell);
      cell.clear();
      rows.push_back(row);
      row.clear();
      ++i;
    } else {
      cell.push_back(c);
    }
  }
  EXPECT_TRUE(row.empty() && cell.empty()) << "the file must end with CRLF";
  return rows;
}

struct Exported {
  grpc::Status status;
  v1::ExportHeader header;
  std::string data;
  std::vector<v1::ExportOutcomesResponse> chunks;
  std::vector<std::vector<std::string>> Rows() const { return ParseCsv(data); }
};

v1::ExportOutcomesRequest CohortRequest(int64_t cohort_id, v1::ExportFormat format,
                                        v1::ExportMode mode = v1::EXPORT_MODE_IDENTIFIED) {
  v1::ExportOutcomesRequest r;
  r.mutable_scope()->set_cohort_id(cohort_id);
  r.set_format(format);
  r.set_mode(mode);
  return r;
}

class ReportApiTest : public ::testing::Test {
 protected:
  MeasureWorld w;
  MeasureParticipant& p0() { return w.participants()[0]; }
  MeasureParticipant& p1() { return w.participants()[1]; }
  MeasureParticipant& p2() { return w.participants()[2]; }
  int64_t cohort() { return w.world().cohort_id; }
  std::string cohort_name() { return Db(absl::StrCat("SELECT name FROM cohorts WHERE id = ", cohort())); }

  Exported Export(const std::string& token, const v1::ExportOutcomesRequest& req) {
    Exported out;
    auto stub = w.server().Stub<v1::ReportService>();
    auto ctx = TestServer::Context(token);
    auto reader = stub->ExportOutcomes(ctx.get(), req);
    v1::ExportOutcomesResponse chunk;
    while (reader->Read(&chunk)) {
      if (chunk.has_header()) out.header = chunk.header();
      out.data += chunk.data();
      out.chunks.push_back(chunk);
    }
    out.status = reader->Finish();
    return out;
  }
  Exported MustExport(const v1::ExportOutcomesRequest& req, const std::string& token = "") {
    Exported e = Export(token.empty() ? w.world().clinician_token : token, req);
    EXPECT_THAT(e.status, GrpcOk());
    return e;
  }

  // p0: PHQ-9 15 at baseline, 8 at the end (-7: recovered). p1: 8, then 9
  // (+1: unchanged). p2 answers nothing.
  void SeedPhq9() {
    w.MustSubmit(p0(), "phq9", "baseline", {2, 2, 2, 2, 2, 2, 2, 1, 0});  // 15
    w.MustSubmit(p1(), "phq9", "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8
    w.Advance(absl::Hours(24 * 48));                                      // Sunday 21 February
    w.MustSubmit(p0(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 0});      // 8
    w.MustSubmit(p1(), "phq9", "post", {1, 1, 1, 1, 1, 1, 1, 1, 1});      // 9
  }
};

TEST_F(ReportApiTest, LongCsvHoldsOneRowPerScoreWithBandsAndReliableChange) {
  SeedPhq9();
  const Exported e = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_LONG_CSV));
  const std::string c = absl::StrCat(cohort());
  const std::string e0 = absl::StrCat(p0().enrolment_id);
  const std::string e1 = absl::StrCat(p1().enrolment_id);
  const std::string name = cohort_name();
  using Row = std::vector<std::string>;
  EXPECT_THAT(e.Rows(),
              ElementsAre(Row{"participant", "participant_name", "cohort", "cohort_name", "instrument",
                              "instrument_version", "subscale", "time_point", "time_point_kind", "week", "session",
                              "date", "entry_mode", "score", "items_answered", "prorated", "band",
                              "change_from_baseline", "reliable_change_index", "classification"},
                          Row{e0, "Robin Participant", c, name, "phq9", "1", "total", "baseline", "baseline", "1", "1",
                              "2027-01-04", "online", "15", "9", "no", "Moderately severe", "", "", ""},
                          Row{e0, "Robin Participant", c, name, "phq9", "1", "total", "post", "post", "8", "8",
                              "2027-02-21", "online", "8", "9", "no", "Mild", "-7", "", "recovered"},
                          Row{e1, "Sam Second", c, name, "phq9", "1", "total", "baseline", "baseline", "1", "1",
                              "2027-01-04", "online", "8", "9", "no", "Mild", "", "", ""},
                          Row{e1, "Sam Second", c, name, "phq9", "1", "total", "post", "post", "8", "8",
                              "2027-02-21", "online", "9", "9", "no", "Mild", "1", "", "unchanged"}));
  EXPECT_EQ(e.header.media_type(), "text/csv; charset=utf-8");
  EXPECT_EQ(e.header.file_name(), absl::StrCat("outcomes-long-cohort-", cohort(), ".csv"));
  EXPECT_EQ(e.header.estimated_rows(), 4);
  EXPECT_EQ(e.header.cohort_count(), 1);
  ASSERT_FALSE(e.chunks.empty());
  EXPECT_TRUE(e.chunks.back().done());
  EXPECT_EQ(e.chunks.back().rows_sent(), 4);
  EXPECT_EQ(e.chunks.back().estimated_rows(), 4);
}

TEST_F(ReportApiTest, WideCsvHoldsOneRowPerParticipantWithAColumnGroupPerScoreAndTimePoint) {
  SeedPhq9();
  const Exported e = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_WIDE_CSV));
  const std::string c = absl::StrCat(cohort());
  const std::string name = cohort_name();
  using Row = std::vector<std::string>;
  EXPECT_THAT(e.Rows(),
              ElementsAre(Row{"participant", "participant_name", "cohort", "cohort_name", "status",
                              "phq9.total.baseline", "phq9.total.baseline.band", "phq9.total.baseline.classification",
                              "phq9.total.post", "phq9.total.post.band", "phq9.total.post.classification"},
                          Row{absl::StrCat(p0().enrolment_id), "Robin Participant", c, name, "active", "15",
                              "Moderately severe", "", "8", "Mild", "recovered"},
                          Row{absl::StrCat(p1().enrolment_id), "Sam Second", c, name, "active", "8", "Mild", "", "9",
                              "Mild", "unchanged"},
                          Row{absl::StrCat(p2().enrolment_id), "Toni Third", c, name, "active", "", "", "", "", "",
                              ""}));
  EXPECT_EQ(e.chunks.back().rows_sent(), 3);
}

TEST_F(ReportApiTest, SummarySuppressesCellsUnderFiveOnlyWhenDeidentified) {
  SeedPhq9();
  using Row = std::vector<std::string>;
  const Exported named = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_SUMMARY_CSV));
  const std::string c = absl::StrCat(cohort());
  EXPECT_THAT(named.Rows(),
              ElementsAre(Row{"cohort", "cohort_name", "instrument", "subscale", "time_point", "n", "mean", "sd",
                              "recovered", "improved", "unchanged", "deteriorated", "not_available"},
                          Row{c, cohort_name(), "phq9", "total", "baseline", "2", "11.50", "4.95", "0", "0", "0", "0",
                              "0"},
                          Row{c, cohort_name(), "phq9", "total", "post", "2", "8.50", "0.71", "1", "0", "1", "0",
                              "0"}));
  const Exported deid = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_SUMMARY_CSV, v1::EXPORT_MODE_DEIDENTIFIED));
  const auto rows = deid.Rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1], ElementsAre(::testing::StartsWith("C-"), "phq9", "total", "baseline", "<5", "", "", "0", "0",
                                   "0", "0", "0"));
  EXPECT_THAT(rows[2], ElementsAre(rows[1][0], "phq9", "total", "post", "<5", "", "", "<5", "0", "<5", "0", "0"));
}

TEST_F(ReportApiTest, AttendanceAndAdherenceHaveARowPerParticipantAndWeek) {
  SeedPhq9();
  const Exported att = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_ATTENDANCE_CSV));
  const auto rows = att.Rows();
  ASSERT_FALSE(rows.empty());
  EXPECT_THAT(rows[0], ElementsAre("participant", "participant_name", "cohort", "cohort_name", "week", "in_programme",
                                   "session", "attendance", "module_opened"));
  // Three participants, each with one row per week of the grid.
  ASSERT_EQ((rows.size() - 1) % 3, 0u);
  const size_t weeks = (rows.size() - 1) / 3;
  EXPECT_GE(weeks, 1u);
  EXPECT_THAT(rows[1], ElementsAre(absl::StrCat(p0().enrolment_id), "Robin Participant", absl::StrCat(cohort()),
                                   cohort_name(), "1", "yes", "1", "not_recorded", "no"));
  EXPECT_EQ(att.chunks.back().rows_sent(), static_cast<int64_t>(rows.size() - 1));

  const Exported adh = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_ADHERENCE_CSV, v1::EXPORT_MODE_DEIDENTIFIED));
  const auto arows = adh.Rows();
  EXPECT_THAT(arows[0], ElementsAre("participant", "cohort", "week", "in_programme", "dose", "logged", "percent", "logs",
                                    "minutes", "mean_helpfulness"));
  ASSERT_EQ(arows.size(), rows.size());
  EXPECT_THAT(arows[1][0], ::testing::StartsWith("P-"));
  EXPECT_EQ(arows[1][2], "1");
  EXPECT_EQ(arows[1][5], "0");  // nothing logged
}

TEST_F(ReportApiTest, TheDataDictionaryDescribesEveryColumnAndSaysPseudonymisedDataIsPersonalData) {
  SeedPhq9();
  const Exported deid =
      MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_DATA_DICTIONARY_CSV, v1::EXPORT_MODE_DEIDENTIFIED));
  const auto dict = deid.Rows();
  EXPECT_THAT(dict[0], ElementsAre("table", "column", "type", "unit", "allowed_values", "description"));
  EXPECT_THAT(deid.data, HasSubstr("Pseudonymised data is still personal data"));
  EXPECT_THAT(deid.header.notices(), ::testing::Contains(HasSubstr("still personal data")));
  // Every column of the long and wide tables of the same scope is described.
  for (v1::ExportFormat f : {v1::EXPORT_FORMAT_LONG_CSV, v1::EXPORT_FORMAT_WIDE_CSV, v1::EXPORT_FORMAT_SUMMARY_CSV,
                             v1::EXPORT_FORMAT_ATTENDANCE_CSV, v1::EXPORT_FORMAT_ADHERENCE_CSV}) {
    const Exported table = MustExport(CohortRequest(cohort(), f, v1::EXPORT_MODE_DEIDENTIFIED));
    const std::string name = f == v1::EXPORT_FORMAT_LONG_CSV      ? "long"
                             : f == v1::EXPORT_FORMAT_WIDE_CSV    ? "wide"
                             : f == v1::EXPORT_FORMAT_SUMMARY_CSV ? "summary"
                             : f == v1::EXPORT_FORMAT_ATTENDANCE_CSV ? "attendance"
                                                                     : "adherence";
    const auto table_rows = table.Rows();
    ASSERT_FALSE(table_rows.empty()) << name;
    for (const std::string& column : table_rows[0]) {
      const bool described = std::any_of(dict.begin(), dict.end(), [&](const std::vector<std::string>& r) {
        return r.size() == 6 && r[0] == name && r[1] == column && !r[2].empty() && !r[5].empty();
      });
      EXPECT_TRUE(described) << name << "." << column;
    }
  }
  // No date column is described in de-identified mode; it is in identified mode.
  EXPECT_THAT(deid.data, Not(HasSubstr("long,date,")));
  const Exported named = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_DATA_DICTIONARY_CSV));
  EXPECT_THAT(named.data, HasSubstr("long,date,date,YYYY-MM-DD"));
  EXPECT_THAT(named.data, Not(HasSubstr("still personal data")));
}

TEST_F(ReportApiTest, AFormulaInANameIsNeutralisedAndQuotesAndCommasSurvive) {
  MeasureParticipant evil;
  const int64_t referral = testing::AddSuitableReferral(w.server(), w.world().clinician_token,
                                                        "=HYPERLINK(\"http://evil.example\",\"x\")");
  evil.user = testing::EnrolParticipant(w.server(), w.world().clinician_token, cohort(), referral, &evil.enrolment_id,
                                        &evil.token);
  w.MustSubmit(evil, "gad7", "baseline", {1, 1, 1, 1, 1, 1, 1});  // 7
  const Exported e = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_LONG_CSV));
  EXPECT_THAT(e.data, HasSubstr("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""));
  const auto rows = e.Rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "'=HYPERLINK(\"http://evil.example\",\"x\")");
  EXPECT_EQ(rows[1][13], "7");
  const Exported wide = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_WIDE_CSV));
  EXPECT_THAT(wide.data, Not(HasSubstr(",=HYPERLINK")));
  EXPECT_THAT(wide.data, Not(HasSubstr(",\"=HYPERLINK")));
}

TEST_F(ReportApiTest, ADeidentifiedExportHoldsNoIdentifierAndItsPseudonymsDifferFromAnotherExports) {
  SeedPhq9();
  std::vector<std::string> forbidden = {"Robin Participant", "Sam Second", "Toni Third", cohort_name(), "2027-",
                                        "@"};
  for (MeasureParticipant& p : w.participants()) forbidden.push_back(p.user.email);
  std::vector<std::string> first_pseudonyms;
  for (int run = 0; run < 2; ++run) {
    std::vector<std::string> pseudonyms;
    for (v1::ExportFormat f : {v1::EXPORT_FORMAT_LONG_CSV, v1::EXPORT_FORMAT_WIDE_CSV, v1::EXPORT_FORMAT_SUMMARY_CSV,
                               v1::EXPORT_FORMAT_ATTENDANCE_CSV, v1::EXPORT_FORMAT_ADHERENCE_CSV,
                               v1::EXPORT_FORMAT_FHIR_BUNDLE}) {
      const Exported e = MustExport(CohortRequest(cohort(), f, v1::EXPORT_MODE_DEIDENTIFIED));
      for (const std::string& s : forbidden) EXPECT_THAT(e.data, Not(HasSubstr(s))) << v1::ExportFormat_Name(f);
      EXPECT_THAT(e.header.file_name(), Not(HasSubstr(absl::StrCat(cohort()))));
      if (f == v1::EXPORT_FORMAT_FHIR_BUNDLE) {
        EXPECT_THAT(e.data, Not(HasSubstr("authored")));
        EXPECT_THAT(e.data, Not(HasSubstr("effectiveDateTime")));
        EXPECT_THAT(e.data, Not(HasSubstr("\"display\":\"Robin")));
        for (const MeasureParticipant& p : w.participants()) {
          EXPECT_THAT(e.data, Not(HasSubstr(absl::StrCat("\"value\":\"", p.enrolment_id, "\""))));
        }
        continue;
      }
      const auto rows = e.Rows();
      for (size_t i = 1; i < rows.size(); ++i) {
        // No cell is an internal id: participants and cohorts are pseudonyms.
        for (const MeasureParticipant& p : w.participants()) {
          EXPECT_NE(rows[i][0], absl::StrCat(p.enrolment_id));
        }
        if (f != v1::EXPORT_FORMAT_SUMMARY_CSV) {
          EXPECT_THAT(rows[i][0], ::testing::MatchesRegex("P-[0-9a-f]{16}"));
          pseudonyms.push_back(rows[i][0]);
        } else {
          EXPECT_THAT(rows[i][0], ::testing::MatchesRegex("C-[0-9a-f]{16}"));
        }
      }
    }
    ASSERT_FALSE(pseudonyms.empty());
    if (run == 0) {
      first_pseudonyms = pseudonyms;
    } else {
      for (const std::string& p : pseudonyms) {
        EXPECT_THAT(first_pseudonyms, Not(::testing::Contains(p))) << "joinable on " << p;
      }
    }
  }
  // Within one export a participant keeps one pseudonym across their rows.
  const auto rows = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_LONG_CSV, v1::EXPORT_MODE_DEIDENTIFIED)).Rows();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1][0], rows[2][0]);
  EXPECT_EQ(rows[3][0], rows[4][0]);
  EXPECT_NE(rows[1][0], rows[3][0]);
  EXPECT_THAT(rows[0], Not(::testing::Contains("date")));
  EXPECT_THAT(rows[0], Not(::testing::Contains("participant_name")));
  EXPECT_THAT(rows[2], ::testing::Contains("recovered"));
}

TEST_F(ReportApiTest, TheFhirBundleHoldsAQuestionnairePerVersionAResponsePerResponseAndAnObservationPerScore) {
  SeedPhq9();
  const Exported e = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_FHIR_BUNDLE));
  EXPECT_EQ(e.header.media_type(), "application/fhir+json");
  EXPECT_TRUE(absl::StartsWith(e.data, R"({"resourceType":"Bundle","type":"collection","entry":[)"));
  EXPECT_TRUE(absl::EndsWith(e.data, "]}\n"));
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t at = e.data.find(needle); at != std::string::npos; at = e.data.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(R"("resourceType":"Questionnaire")"), 1u);
  EXPECT_EQ(count(R"("resourceType":"QuestionnaireResponse")"), 4u);
  EXPECT_EQ(count(R"("resourceType":"Observation")"), 4u);
  EXPECT_EQ(e.chunks.back().rows_sent(), 9);
  EXPECT_EQ(e.header.estimated_rows(), 9);
  // LOINC: the PHQ-9 panel, item 9, the total and the answer codes.
  EXPECT_THAT(e.data, HasSubstr(R"("system":"http://loinc.org","code":"44249-1")"));
  EXPECT_THAT(e.data, HasSubstr(R"("code":"44260-8")"));
  EXPECT_THAT(e.data, HasSubstr(R"("code":{"coding":[{"system":"http://loinc.org","code":"44261-6"}])"));
  EXPECT_THAT(e.data, HasSubstr(R"("valueCoding":{"system":"http://loinc.org","code":"LA6570-1"})"));
  EXPECT_THAT(e.data, HasSubstr(R"("valueQuantity":{"value":15,"unit":"{score}")"));
  EXPECT_THAT(e.data, HasSubstr(absl::StrCat(R"("display":"Robin Participant")")));
  EXPECT_THAT(e.data, HasSubstr(R"("effectiveDateTime":"2027-01-04T12:00:00Z")"));
}

TEST_F(ReportApiTest, ADefinitionOnlyInstrumentsItemTextNeverLeavesInTheBundle) {
  // The facilitators add the FSCRS to baseline; the organisation loads its
  // licensed text, which the app may show but an export may not carry.
  v1::GetMeasurementPlanRequest get;
  get.set_cohort_id(cohort());
  v1::GetMeasurementPlanResponse plan;
  auto c1 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->GetMeasurementPlan(c1.get(), get, &plan), GrpcOk());
  v1::UpdateMeasurementPlanRequest update;
  update.set_cohort_id(cohort());
  *update.mutable_time_points() = plan.plan().time_points();
  update.mutable_time_points(0)->add_instrument_keys("fscrs");
  v1::UpdateMeasurementPlanResponse updated;
  auto c2 = TestServer::Context(w.world().clinician_token);
  ASSERT_THAT(w.stub()->UpdateMeasurementPlan(c2.get(), update, &updated), GrpcOk());
  v1::LoadLicensedItemTextRequest load;
  load.set_instrument_key("fscrs");
  load.set_licence_note("Licensed from the authors");
  for (int i = 1; i <= 22; ++i) {
    auto* t = load.add_items();
    t->set_item_code(absl::StrCat("fscrs_", i));
    t->set_text(absl::StrCat("Licensed item text ", i));
  }
  v1::LoadLicensedItemTextResponse loaded;
  auto c3 = TestServer::Context(w.world().admin_token);
  ASSERT_THAT(w.stub()->LoadLicensedItemText(c3.get(), load, &loaded), GrpcOk());
  w.MustSubmit(p0(), "fscrs", "baseline", std::vector<int>(22, 1));
  w.MustSubmit(p0(), "phq9", "baseline", {1, 1, 1, 1, 1, 1, 1, 1, 0});

  const Exported e = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_FHIR_BUNDLE));
  EXPECT_FALSE(absl::StrContains(e.data, "Licensed item text"));
  const size_t q = e.data.find(R"("resourceType":"Questionnaire","id":"fscrs-1")");
  ASSERT_NE(q, std::string::npos);
  const std::string questionnaire = e.data.substr(q, e.data.find("{\"fullUrl\"", q) - q);
  EXPECT_THAT(questionnaire, Not(HasSubstr("\"text\"")));
  EXPECT_THAT(questionnaire,
              HasSubstr(R"("system":"https://cft-platform.example/fhir/CodeSystem/cft-measures","code":"fscrs")"));
  // A shipped instrument's Questionnaire carries its item text.
  EXPECT_TRUE(absl::StrContains(e.data, "Little interest or pleasure in doing things"));
}

TEST_F(ReportApiTest, BadRequestsNameTheFieldAndWriteNothing) {
  const std::string before = Db("SELECT COUNT(*) FROM audit_log WHERE target_type = 'export'");
  v1::ExportOutcomesRequest none;
  none.set_format(v1::EXPORT_FORMAT_LONG_CSV);
  none.set_mode(v1::EXPORT_MODE_IDENTIFIED);
  Exported e = Export(w.world().clinician_token, none);
  EXPECT_THAT(e.status, GrpcIs(StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(e.status, HasFieldViolation("scope", "is required: a cohort, the organisation or a programme template"));
  EXPECT_TRUE(e.chunks.empty());

  e = Export(w.world().clinician_token, CohortRequest(cohort(), v1::EXPORT_FORMAT_UNSPECIFIED));
  EXPECT_THAT(e.status, HasFieldViolation("format", "must be one of the export formats"));
  e = Export(w.world().clinician_token, CohortRequest(cohort(), v1::EXPORT_FORMAT_LONG_CSV, v1::EXPORT_MODE_UNSPECIFIED));
  EXPECT_THAT(e.status, HasFieldViolation("mode", "must be identified or de-identified"));
  e = Export(w.world().clinician_token, CohortRequest(-4, v1::EXPORT_FORMAT_LONG_CSV));
  EXPECT_THAT(e.status, HasFieldViolation("scope.cohort_id", "must be a cohort id"));
  v1::ExportOutcomesRequest org = CohortRequest(0, v1::EXPORT_FORMAT_LONG_CSV);
  org.mutable_scope()->set_organisation(false);
  e = Export(w.world().admin_token, org);
  EXPECT_THAT(e.status, HasFieldViolation("scope.organisation", "must be true when set"));
  org.mutable_scope()->set_programme_template_id(0);
  e = Export(w.world().admin_token, org);
  EXPECT_THAT(e.status, HasFieldViolation("scope.programme_template_id", "must be a programme template id"));
  org.mutable_scope()->set_programme_template_id(987654);
  e = Export(w.world().admin_token, org);
  EXPECT_THAT(e.status, GrpcIs(StatusCode::NOT_FOUND, "scope.programme_template_id: no such programme template"));
  e = Export(w.world().clinician_token, CohortRequest(987654, v1::EXPORT_FORMAT_LONG_CSV));
  EXPECT_THAT(e.status, GrpcIs(StatusCode::NOT_FOUND));
  EXPECT_EQ(Db("SELECT COUNT(*) FROM audit_log WHERE target_type = 'export'"), before);
}

TEST_F(ReportApiTest, OnlyAdminsExportTheOrganisationOrATemplatesCohorts) {
  SeedPhq9();
  v1::ExportOutcomesRequest org;
  org.mutable_scope()->set_organisation(true);
  org.set_format(v1::EXPORT_FORMAT_LONG_CSV);
  org.set_mode(v1::EXPORT_MODE_DEIDENTIFIED);
  EXPECT_THAT(Export(w.world().clinician_token, org).status,
              GrpcIs(StatusCode::PERMISSION_DENIED, "scope: only an organisation's admins export more than one cohort"));
  const Exported all = MustExport(org, w.world().admin_token);
  EXPECT_EQ(all.Rows().size(), 5u);
  EXPECT_EQ(all.header.file_name(), "outcomes-long-organisation-deidentified.csv");

  v1::ExportOutcomesRequest tmpl = org;
  tmpl.mutable_scope()->set_programme_template_id(
      std::stoll(Db(absl::StrCat("SELECT template_id FROM cohorts WHERE id = ", cohort()))));
  EXPECT_THAT(Export(w.world().clinician_token, tmpl).status, GrpcIs(StatusCode::PERMISSION_DENIED));
  EXPECT_EQ(MustExport(tmpl, w.world().admin_token).Rows().size(), 5u);
}

TEST_F(ReportApiTest, EveryExportIsAuditedWithWhoScopeFormatModeAndRows) {
  SeedPhq9();
  const Exported e = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_LONG_CSV, v1::EXPORT_MODE_DEIDENTIFIED));
  const std::string where = absl::StrCat("FROM audit_log WHERE method = '/cft.v1.ReportService/ExportOutcomes' "
                                         "AND target_type = 'export' AND target_id = '", e.header.export_id(), "'");
  EXPECT_EQ(Db("SELECT COUNT(*) " + where), "2");
  EXPECT_EQ(Db("SELECT GROUP_CONCAT(detail ORDER BY id SEPARATOR ' | ') " + where),
            absl::StrCat("started scope=cohort:", cohort(),
                         " format=long_csv mode=deidentified cohorts=1 estimated_rows=4 | finished scope=cohort:",
                         cohort(), " format=long_csv mode=deidentified rows=4"));
  EXPECT_EQ(Db("SELECT DISTINCT actor_user_id " + where), absl::StrCat(w.world().clinician.id));
  EXPECT_EQ(Db("SELECT DISTINCT status_code " + where), "0");
}

// --- the domain service with small pages and chunks -------------------------

class CollectingSink final : public reports::ExportSink {
 public:
  absl::Status Send(const reports::ExportHeaderView* header, const std::string& data, int64_t rows_sent,
                    int64_t estimated_rows, bool done) override {
    if (header != nullptr) headers++;
    data_ += data;
    progress.push_back(rows_sent);
    estimate = estimated_rows;
    finished = done;
    return absl::OkStatus();
  }
  bool Cancelled() const override { return cancel_after >= 0 && static_cast<int>(progress.size()) > cancel_after; }

  std::string data_;
  std::vector<int64_t> progress;
  int64_t estimate = 0;
  int headers = 0;
  bool finished = false;
  int cancel_after = -1;
};

class ReportPagingTest : public ReportApiTest {
 protected:
  reports::MySqlReportRepository report_repo;
  measures::MySqlMeasureRepository measure_repo;
  cohorts::MySqlCohortRepository cohort_repo;
  reports::ReportService Service(int page_size) {
    return reports::ReportService(report_repo, measure_repo, cohort_repo, w.server().app().homework(),
                                  w.server().app().transactions(), w.server().app().auditor(),
                                  w.server().app().clock(),
                                  std::make_shared<const measures::InstrumentCatalog>(w.server().app().measures().catalog()),
                                  reports::ReportOptions{.page_size = page_size, .chunk_bytes = 1});
  }
  RequestContext Clinician() {
    RequestContext ctx;
    ctx.method = "/cft.v1.ReportService/ExportOutcomes";
    auto p = w.server().app().auth().Authenticate(w.world().clinician_token);
    EXPECT_TRUE(p.ok());
    ctx.principal = *p;
    return ctx;
  }
};

TEST_F(ReportPagingTest, PagesOfOneParticipantGiveTheSameFileWithProgressInEveryChunk) {
  SeedPhq9();
  const std::string whole = MustExport(CohortRequest(cohort(), v1::EXPORT_FORMAT_WIDE_CSV)).data;
  reports::ReportService service = Service(1);
  CollectingSink sink;
  RequestContext ctx = Clinician();
  const reports::ExportRequest req{.scope = {.kind = reports::ScopeKind::kCohort, .cohort_id = cohort()},
                                   .format = reports::ExportFormat::kWideCsv};
  ASSERT_TRUE(service.Export(ctx, req, sink).ok());
  EXPECT_EQ(sink.data_, whole);
  EXPECT_EQ(sink.headers, 1);
  EXPECT_TRUE(sink.finished);
  // One chunk per row (chunks of one byte), then the final one.
  EXPECT_THAT(sink.progress, ElementsAre(1, 2, 3, 3));
  EXPECT_EQ(sink.estimate, 3);
}

TEST_F(ReportPagingTest, ACancelledExportStopsReadingAndIsAuditedAsStopped) {
  SeedPhq9();
  reports::ReportService service = Service(1);
  CollectingSink sink;
  sink.cancel_after = 1;  // after the first chunk
  RequestContext ctx = Clinician();
  const reports::ExportRequest req{.scope = {.kind = reports::ScopeKind::kCohort, .cohort_id = cohort()},
                                   .format = reports::ExportFormat::kLongCsv};
  const absl::Status s = service.Export(ctx, req, sink);
  EXPECT_EQ(s.code(), absl::StatusCode::kCancelled);
  EXPECT_FALSE(sink.finished);
  EXPECT_THAT(sink.progress, ElementsAre(1, 2));  // the first participant's two rows, then nothing
  EXPECT_EQ(Db("SELECT COUNT(*) FROM audit_log WHERE target_type = 'export' AND detail LIKE 'stopped %rows=2' "
               "AND status_code = 1"),
            "1");
}

TEST(CsvCells, FormulasAreNeutralisedAndSpecialCharactersQuoted) {
  EXPECT_EQ(reports::CsvText("=1+2"), "'=1+2");
  EXPECT_EQ(reports::CsvText("+1"), "'+1");
  EXPECT_EQ(reports::CsvText("-1"), "'-1");
  EXPECT_EQ(reports::CsvText("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(reports::CsvText("\tx"), "'\tx");
  EXPECT_EQ(reports::CsvText("\rx"), "\"'\rx\"");
  EXPECT_EQ(reports::CsvText("a,b"), "\"a,b\"");
  EXPECT_EQ(reports::CsvText("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(reports::CsvText("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(reports::CsvText("Zoë"), "Zoë");
  EXPECT_EQ(reports::CsvPlain("-7"), "-7");
  EXPECT_EQ(reports::FormatNumber(-0.001, 2), "0.00");
  EXPECT_EQ(reports::FormatNumber(3.256, 2), "3.26");
  EXPECT_EQ(reports::JsonString("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}

}  // namespace
}  // namespace cft
