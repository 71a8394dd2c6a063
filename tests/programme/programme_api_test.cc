// Programme templates: the built-in one loaded from data, organisation-owned
// versions, immutability for cohorts that pinned a version.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>

#include "absl/strings/str_replace.h"
#include "cft/v1/cohort.grpc.pb.h"
#include "cft/v1/programme.grpc.pb.h"
#include "services/programme/mysql_template_repository.h"
#include "services/server/setup.h"
#include "tests/support/cohort_world.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_database.h"
#include "tests/support/test_server.h"

namespace cft {
namespace {

using ::cft::testing::GrpcIs;
using ::cft::testing::GrpcOk;
using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::cft::testing::TestDatabase;
using ::cft::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using grpc::StatusCode;

class ProgrammeApiTest : public ::testing::Test {
 protected:
  ProgrammeApiTest() : programme_(server_.Stub<v1::ProgrammeService>()) {
    world_ = testing::BuildCohortWorld(
        server_, {.label = "Templates", .start_date = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) + 7,
                  .start_running = false});
  }

  v1::ProgrammeTemplate Get(int64_t id, const std::string& token) {
    v1::GetProgrammeTemplateRequest req;
    req.set_template_id(id);
    v1::GetProgrammeTemplateResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_THAT(programme_->GetProgrammeTemplate(ctx.get(), req, &resp), GrpcOk());
    return resp.template_();
  }

  grpc::Status Save(int64_t base, const v1::ProgrammeTemplate& t, v1::SaveProgrammeTemplateResponse* out) {
    v1::SaveProgrammeTemplateRequest req;
    req.set_base_template_id(base);
    *req.mutable_template_() = t;
    auto ctx = TestServer::Context(world_.admin_token);
    return programme_->SaveProgrammeTemplate(ctx.get(), req, out);
  }

  TestServer server_;
  std::unique_ptr<v1::ProgrammeService::Stub> programme_;
  testing::CohortWorld world_;
};

TEST_F(ProgrammeApiTest, TheBuiltInTemplateFollowsTheEightWeekProtocol) {
  v1::ProgrammeTemplate t = Get(world_.builtin_template_id, world_.clinician_token);
  EXPECT_EQ(t.key(), "cft-group-8-week");
  // Version 2 added the practice kinds.
  EXPECT_EQ(t.version(), 2);
  EXPECT_EQ(t.organisation_id(), 0);
  EXPECT_EQ(t.session_minutes(), 150);
  ASSERT_EQ(t.weeks_size(), 8);
  // Titles from the protocol table in domain/programme.md.
  const char* titles[] = {"Safeness and what compassion is", "Our tricky brain", "Three emotion-regulation systems",
                          "Building the soothing system", "The compassionate self",
                          "The compassionate other and the three flows",
                          "Self-criticism and compassionate self-correction", "Compassionate action and keeping going"};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(t.weeks(i).number(), i + 1);
    EXPECT_EQ(t.weeks(i).title(), titles[i]);
    EXPECT_GE(t.weeks(i).module_text().size(), 1000u) << "week " << i + 1 << " needs several paragraphs";
    EXPECT_GE(t.weeks(i).practices_size(), 1);
    for (const auto& p : t.weeks(i).practices()) {
      EXPECT_FALSE(p.caution().empty()) << p.code();
      EXPECT_FALSE(p.instructions().empty()) << p.code();
    }
  }
  // Week 1: soothing rhythm breathing twice daily, 3-5 minutes.
  EXPECT_EQ(t.weeks(0).practices(0).code(), "B");
  EXPECT_EQ(t.weeks(0).practices(0).times_per_week(), 14);
  EXPECT_THAT(t.weeks(0).practices(0).caution(), HasSubstr("dizzy"));
  EXPECT_GE(t.sources_size(), 1);
}

TEST_F(ProgrammeApiTest, TheBuiltInTemplateShipsThePracticeKindsItsLogsRecord) {
  v1::ProgrammeTemplate t = Get(world_.builtin_template_id, world_.clinician_token);
  std::map<std::string, v1::PracticeKind> kinds;
  for (const auto& k : t.practice_kinds()) kinds[k.key()] = k;
  // Every practice of every week names one of the template's kinds.
  for (const auto& w : t.weeks()) {
    for (const auto& p : w.practices()) {
      ASSERT_TRUE(kinds.count(p.kind())) << "week " << w.number() << " practice " << p.code() << " kind " << p.kind();
    }
  }
  auto field_keys = [&](const std::string& kind) {
    std::vector<std::string> keys;
    for (const auto& f : kinds.at(kind).fields()) keys.push_back(f.key());
    return keys;
  };
  // The four everyday CFT practices.
  EXPECT_EQ(t.weeks(0).practices(0).kind(), "soothing-rhythm-breathing");
  EXPECT_EQ(kinds.at("soothing-rhythm-breathing").guide(), v1::PRACTICE_GUIDE_BREATHING_PACER);
  EXPECT_EQ(t.weeks(0).practices(1).kind(), "morning-reflection");
  EXPECT_EQ(t.weeks(5).practices(0).kind(), "compassionate-figure");
  EXPECT_EQ(t.weeks(5).practices(1).kind(), "positive-interaction-note");
  // The CBT tools clinicians add, each with the fields its log records.
  EXPECT_THAT(field_keys("thought-record"),
              ::testing::ElementsAre("situation", "anxious_thought", "evidence_for", "evidence_against", "friend_view",
                                     "balanced_thought"));
  EXPECT_TRUE(kinds.at("thought-record").distress_required());
  const v1::PracticeKind& ladder = kinds.at("exposure-ladder");
  EXPECT_TRUE(ladder.uses_steps());
  EXPECT_THAT(field_keys("exposure-ladder"),
              ::testing::ElementsAre("step", "distress_expected", "distress_felt", "done", "noticed"));
  EXPECT_EQ(ladder.fields(0).type(), v1::PRACTICE_FIELD_STEP);
  EXPECT_EQ(ladder.fields(1).type(), v1::PRACTICE_FIELD_NUMBER);
  EXPECT_EQ(ladder.fields(1).max(), 10);
  EXPECT_EQ(ladder.fields(3).type(), v1::PRACTICE_FIELD_YES_NO);
  EXPECT_THAT(field_keys("five-senses-grounding"), ::testing::ElementsAre("see", "hear", "touch", "smell", "taste"));
  EXPECT_THAT(field_keys("evening-journal"), ::testing::ElementsAre("what_happened", "body", "skill"));
  EXPECT_THAT(field_keys("compassionate-letter"), ::testing::ElementsAre("letter", "reread"));
  const v1::PracticeField& system = kinds.at("three-circles-diary").fields(0);
  EXPECT_EQ(system.type(), v1::PRACTICE_FIELD_CHOICE);
  ASSERT_EQ(system.options_size(), 3);
  EXPECT_EQ(system.options(2).key(), "soothing");
}

TEST_F(ProgrammeApiTest, TheKindsAloneReadBackAsTheWholeTemplateHasThem) {
  programme::MySqlTemplateRepository repo;
  std::vector<programme::PracticeKind> alone, from_template;
  ASSERT_TRUE(server_.app().transactions().Run([&](UnitOfWork& uow) -> absl::Status {
    auto a = repo.ListPracticeKinds(uow, world_.builtin_template_id);
    if (!a.ok()) return a.status();
    alone = *a;
    // The interface's own version, for repositories without a query of their own.
    auto b = repo.TemplateRepository::ListPracticeKinds(uow, world_.builtin_template_id);
    if (!b.ok()) return b.status();
    from_template = *b;
    return absl::OkStatus();
  }).ok());
  ASSERT_EQ(alone.size(), 15u);
  ASSERT_EQ(alone.size(), from_template.size());
  for (size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(alone[i].key, from_template[i].key);
    ASSERT_EQ(alone[i].fields.size(), from_template[i].fields.size()) << alone[i].key;
    for (size_t f = 0; f < alone[i].fields.size(); ++f) {
      EXPECT_EQ(alone[i].fields[f].key, from_template[i].fields[f].key);
      EXPECT_EQ(alone[i].fields[f].options.size(), from_template[i].fields[f].options.size());
    }
  }
  EXPECT_EQ(alone[0].key, "soothing-rhythm-breathing");
  EXPECT_EQ(alone[0].fields[1].max, 12);
}

TEST_F(ProgrammeApiTest, AnInvalidPracticeKindInATemplateFileIsRefusedNamingTheFileAndTheField) {
  SetupOptions setup;
  setup.owner = TestDatabase::Get().owner();
  setup.migrations_dir = testing::SourceDir() + "/deploy/mysql/migrations";
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cft-kinds-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  std::ifstream in(testing::SourceDir() + "/deploy/programmes/cft-group-8-week.textproto");
  std::stringstream text;
  text << in.rdbuf();
  // A practice naming a kind the file does not define, under a new version.
  std::ofstream(dir / "broken.textproto") << absl::StrReplaceAll(
      text.str(), {{"version: 2\n", "version: 3\n"}, {"kind: \"tricky-brain-loop\"", "kind: \"no-such-kind\""}});
  setup.programmes_dir = dir.string();
  EXPECT_THAT(SetUpDatabase(setup),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "broken.textproto: template.weeks[1].practices[1].kind: is not one of the template's practice_kinds"));
  // A field of no type.
  std::ofstream(dir / "broken.textproto", std::ios::trunc) << absl::StrReplaceAll(
      text.str(), {{"version: 2\n", "version: 3\n"}, {"type: PRACTICE_FIELD_YES_NO\n", "\n"}});
  EXPECT_THAT(SetUpDatabase(setup), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("broken.textproto: template.practice_kinds[")));
  std::filesystem::remove_all(dir);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM programme_templates WHERE owner_organisation_id = 0"), "1");
}

TEST_F(ProgrammeApiTest, SavingMakesANewOrganisationVersionAndLeavesPinnedCohortsAlone) {
  v1::ProgrammeTemplate edited = Get(world_.builtin_template_id, world_.admin_token);
  edited.set_key("");
  edited.set_title("Riverside 10-week CFT");
  // Ten weeks: two more, and week 1 without practice A.
  for (int extra = 9; extra <= 10; ++extra) {
    v1::ProgrammeWeek* w = edited.add_weeks();
    *w = edited.weeks(7);
    w->set_number(extra);
    w->set_title(extra == 9 ? "Review and consolidation" : "Endings");
  }
  auto* week1 = edited.mutable_weeks(0)->mutable_practices();
  week1->erase(std::remove_if(week1->begin(), week1->end(), [](const v1::Practice& p) { return p.code() == "A"; }),
               week1->end());
  v1::SaveProgrammeTemplateResponse v1resp;
  ASSERT_THAT(Save(world_.builtin_template_id, edited, &v1resp), GrpcOk());
  const v1::ProgrammeTemplate& saved = v1resp.template_();
  EXPECT_EQ(saved.key(), "cft-group-8-week-org" + std::to_string(world_.organisation_id));
  EXPECT_EQ(saved.version(), 1);
  EXPECT_EQ(saved.organisation_id(), world_.organisation_id);
  EXPECT_EQ(saved.based_on_template_id(), world_.builtin_template_id);
  EXPECT_EQ(saved.weeks_size(), 10);
  EXPECT_EQ(Get(saved.id(), world_.clinician_token).weeks(0).practices_size(), 1);

  // Another edit of the organisation's version is version 2 of its lineage.
  v1::ProgrammeTemplate again = saved;
  again.mutable_weeks(9)->set_module_text("A gentle ending.");
  v1::SaveProgrammeTemplateResponse v2resp;
  ASSERT_THAT(Save(saved.id(), again, &v2resp), GrpcOk());
  EXPECT_EQ(v2resp.template_().key(), saved.key());
  EXPECT_EQ(v2resp.template_().version(), 2);

  // The world's cohort pinned the built-in version and still has 8 weeks.
  auto cohorts = server_.Stub<v1::CohortService>();
  v1::GetCohortRequest get;
  get.set_cohort_id(world_.cohort_id);
  v1::GetCohortResponse cohort;
  auto ctx = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(cohorts->GetCohort(ctx.get(), get, &cohort), GrpcOk());
  EXPECT_EQ(cohort.cohort().template_id(), world_.builtin_template_id);
  EXPECT_EQ(cohort.cohort().week_count(), 8);

  // Listing shows built-in and own versions.
  v1::ListProgrammeTemplatesResponse list;
  auto c2 = TestServer::Context(world_.clinician_token);
  ASSERT_THAT(programme_->ListProgrammeTemplates(c2.get(), v1::ListProgrammeTemplatesRequest(), &list), GrpcOk());
  int own = 0;
  for (const auto& s : list.templates()) {
    EXPECT_TRUE(s.organisation_id() == 0 || s.organisation_id() == world_.organisation_id);
    if (s.organisation_id() == world_.organisation_id) ++own;
  }
  EXPECT_EQ(own, 2);
}

TEST_F(ProgrammeApiTest, WhatIsValidatedIsWhatIsStored) {
  v1::ProgrammeTemplate t = Get(world_.builtin_template_id, world_.admin_token);
  t.set_key("");
  t.set_title("  Padded title" + std::string(300, ' '));
  t.mutable_weeks(0)->set_themes(0, "a theme with a trailing newline\n");
  v1::SaveProgrammeTemplateResponse resp;
  ASSERT_THAT(Save(world_.builtin_template_id, t, &resp), GrpcOk());
  v1::ProgrammeTemplate stored = Get(resp.template_().id(), world_.admin_token);
  EXPECT_EQ(stored.title(), "Padded title");
  EXPECT_EQ(stored.weeks(0).themes(0), "a theme with a trailing newline");
  EXPECT_EQ(stored.weeks(0).themes_size(), t.weeks(0).themes_size());
}

TEST_F(ProgrammeApiTest, InvalidTemplatesAreRefusedNamingTheFieldAndNothingIsStored) {
  const std::string before = TestDatabase::Get().Scalar("SELECT COUNT(*) FROM programme_templates");
  v1::ProgrammeTemplate t = Get(world_.builtin_template_id, world_.admin_token);
  v1::SaveProgrammeTemplateResponse resp;
  v1::ProgrammeTemplate too_long = t;
  while (too_long.weeks_size() < 17) {
    *too_long.add_weeks() = t.weeks(0);
    too_long.mutable_weeks(too_long.weeks_size() - 1)->set_number(too_long.weeks_size());
  }
  EXPECT_THAT(Save(world_.builtin_template_id, too_long, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, "template.weeks: must have between 1 and 16 weeks"));
  v1::ProgrammeTemplate bad_dose = t;
  bad_dose.mutable_weeks(3)->mutable_practices(0)->set_minutes(500);
  EXPECT_THAT(Save(world_.builtin_template_id, bad_dose, &resp),
              GrpcIs(StatusCode::INVALID_ARGUMENT, StartsWith("template.weeks[3].practices[0].minutes: ")));
  EXPECT_THAT(Save(0, t, &resp), GrpcIs(StatusCode::INVALID_ARGUMENT, "base_template_id: is required"));
  EXPECT_THAT(Save(987654321, t, &resp), GrpcIs(StatusCode::NOT_FOUND, "base_template_id: no such programme template"));
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM programme_templates"), before);
}

TEST_F(ProgrammeApiTest, LoadingTheSameBuiltInVersionTwiceIsANoOpAndAChangedOneIsRefused) {
  SetupOptions setup;
  setup.owner = TestDatabase::Get().owner();
  setup.migrations_dir = testing::SourceDir() + "/deploy/mysql/migrations";
  setup.programmes_dir = testing::SourceDir() + "/deploy/programmes";
  auto again = SetUpDatabase(setup);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->migrations_applied, 0);
  EXPECT_EQ(again->templates_loaded, 0);

  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cft-tpl-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  std::ifstream in(testing::SourceDir() + "/deploy/programmes/cft-group-8-week.textproto");
  std::stringstream text;
  text << in.rdbuf();
  std::ofstream(dir / "changed.textproto")
      << absl::StrReplaceAll(text.str(), {{"Our tricky brain", "Our tricky, tricky brain"}});
  setup.programmes_dir = dir.string();
  EXPECT_THAT(SetUpDatabase(setup), StatusIs(absl::StatusCode::kFailedPrecondition,
                                             HasSubstr("changed after it was loaded; give the edited file a new version")));
  std::filesystem::remove_all(dir);
  EXPECT_EQ(TestDatabase::Get().Scalar("SELECT COUNT(*) FROM programme_templates WHERE owner_organisation_id = 0"), "1");
}

}  // namespace
}  // namespace cft
