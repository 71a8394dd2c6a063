// Template validation and checksums, without a database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/programme/template_service.h"
#include "tests/support/status_matchers.h"

namespace cft::programme {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using Code = absl::StatusCode;

ProgrammeTemplate Valid() {
  ProgrammeTemplate t;
  t.summary.key = "my-programme";
  t.summary.version = 1;
  t.summary.title = "A programme";
  t.summary.session_minutes = 120;
  for (int w = 1; w <= 3; ++w) {
    ProgrammeWeek week;
    week.number = w;
    week.title = "Week " + std::to_string(w);
    week.themes = {"a theme"};
    week.module_text = "Some words.\n\nMore words.";
    week.practices.push_back(Practice{.code = "B", .title = "Breathing", .instructions = "Breathe.",
                                      .caution = "Gently.", .times_per_week = 7, .minutes = 5});
    t.weeks.push_back(week);
  }
  return t;
}

TEST(TemplateValidation, AcceptsAWellFormedTemplate) { EXPECT_THAT(ValidateTemplate(Valid(), "template"), IsOk()); }

TEST(TemplateValidation, NamesTheOffendingFieldPath) {
  ProgrammeTemplate t = Valid();
  t.weeks[1].practices[0].minutes = 0;
  EXPECT_THAT(ValidateTemplate(t, "template"),
              StatusIs(Code::kInvalidArgument, "template.weeks[1].practices[0].minutes: must be between 1 and 120"));
  t = Valid();
  t.weeks[2].number = 4;
  EXPECT_THAT(ValidateTemplate(t, "template"),
              StatusIs(Code::kInvalidArgument, ::testing::StartsWith("template.weeks[2].number: must be 3")));
  t = Valid();
  t.weeks[0].practices.push_back(t.weeks[0].practices[0]);
  EXPECT_THAT(ValidateTemplate(t, "template"),
              StatusIs(Code::kInvalidArgument, "template.weeks[0].practices[1].code: is used twice in this week"));
  t = Valid();
  t.weeks[0].title = "";
  EXPECT_THAT(ValidateTemplate(t, "template"), StatusIs(Code::kInvalidArgument, "template.weeks[0].title: is required"));
  t = Valid();
  t.summary.key = "Has Spaces";
  EXPECT_THAT(ValidateTemplate(t, "template"), StatusIs(Code::kInvalidArgument, ::testing::StartsWith("template.key: ")));
}

TEST(TemplateValidation, AllowsOneToSixteenWeeks) {
  ProgrammeTemplate t = Valid();
  t.weeks.resize(1);
  EXPECT_THAT(ValidateTemplate(t, "template"), IsOk());
  t.weeks.clear();
  EXPECT_THAT(ValidateTemplate(t, "template"),
              StatusIs(Code::kInvalidArgument, "template.weeks: must have between 1 and 16 weeks"));
  t = Valid();
  while (t.weeks.size() < 17) {
    ProgrammeWeek w = t.weeks.back();
    w.number = static_cast<int>(t.weeks.size()) + 1;
    t.weeks.push_back(w);
  }
  EXPECT_THAT(ValidateTemplate(t, "template"),
              StatusIs(Code::kInvalidArgument, "template.weeks: must have between 1 and 16 weeks"));
  t.weeks.pop_back();
  EXPECT_THAT(ValidateTemplate(t, "template"), IsOk());
}

PracticeKind Ladder() {
  PracticeKind k{.key = "exposure-ladder", .title = "Graded exposure ladder", .uses_steps = true};
  k.fields.push_back(PracticeField{.key = "step", .label = "Step", .type = FieldType::kStep, .required = true});
  k.fields.push_back(PracticeField{.key = "distress_felt", .label = "Distress felt", .type = FieldType::kNumber,
                                   .min = 0, .max = 10});
  return k;
}

ProgrammeTemplate WithKinds() {
  ProgrammeTemplate t = Valid();
  PracticeKind breathing{.key = "breathing", .title = "Breathing", .guide = PracticeGuide::kBreathingPacer};
  breathing.fields.push_back(PracticeField{.key = "noticed", .label = "What I noticed", .type = FieldType::kText,
                                           .max_length = 500});
  PracticeField system{.key = "system", .label = "Strongest", .type = FieldType::kChoice};
  system.options = {{.key = "threat", .label = "Threat"}, {.key = "soothing", .label = "Soothing"}};
  breathing.fields.push_back(system);
  t.practice_kinds = {breathing, Ladder()};
  for (auto& w : t.weeks) w.practices[0].kind = "breathing";
  return t;
}

TEST(TemplateValidation, AcceptsPracticeKindsAndPracticesThatNameThem) {
  EXPECT_THAT(ValidateTemplate(WithKinds(), "template"), IsOk());
  // A practice without a kind records the common fields only (templates from before kinds).
  ProgrammeTemplate t = WithKinds();
  t.weeks[0].practices[0].kind = "";
  EXPECT_THAT(ValidateTemplate(t, "template"), IsOk());
}

TEST(TemplateValidation, RefusesPracticeKindsNamingTheFieldAndWhy) {
  auto refused = [](ProgrammeTemplate t) { return ValidateTemplate(t, "template"); };
  ProgrammeTemplate t = WithKinds();
  t.weeks[2].practices[0].kind = "nothing-like-it";
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   "template.weeks[2].practices[0].kind: is not one of the template's practice_kinds"));
  t = WithKinds();
  t.weeks[0].practices[0].kind = "exposure-ladder";
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   ::testing::StartsWith("template.weeks[0].practices[0].kind: a ladder's steps are personal")));
  t = WithKinds();
  t.practice_kinds[1].key = "breathing";
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument, "template.practice_kinds[1].key: is used twice in this template"));
  t = WithKinds();
  t.practice_kinds[0].fields[1].key = "noticed";
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   "template.practice_kinds[0].fields[1].key: is used twice in this kind"));
  t = WithKinds();
  t.practice_kinds[0].fields[0].key = "Not A Key";
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument, ::testing::StartsWith("template.practice_kinds[0].fields[0].key: ")));
  t = WithKinds();
  t.practice_kinds[0].fields[0].max_length = 0;
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   "template.practice_kinds[0].fields[0].max_length: must be between 1 and 5000"));
  t = WithKinds();
  t.practice_kinds[0].fields[1].options.pop_back();
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   "template.practice_kinds[0].fields[1].options: must list 2 to 12 options"));
  t = WithKinds();
  t.practice_kinds[1].fields[1].max = 0;
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument, ::testing::StartsWith("template.practice_kinds[1].fields[1].max: ")));
  t = WithKinds();
  t.practice_kinds[1].uses_steps = false;
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   "template.practice_kinds[1].fields[0].type: a step field needs a kind that uses_steps"));
  t = WithKinds();
  t.practice_kinds[1].fields.erase(t.practice_kinds[1].fields.begin());
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument,
                                   "template.practice_kinds[1].fields: a kind that uses_steps needs exactly one step field"));
  t = WithKinds();
  t.practice_kinds[0].title = "";
  EXPECT_THAT(refused(t), StatusIs(Code::kInvalidArgument, "template.practice_kinds[0].title: is required"));
}

TEST(TemplateChecksum, CoversPracticeKinds) {
  const ProgrammeTemplate a = WithKinds();
  ProgrammeTemplate b = WithKinds();
  b.practice_kinds[0].fields[0].label = "What I noticed today";
  EXPECT_NE(ContentChecksum(a), ContentChecksum(b));
  b = WithKinds();
  b.weeks[1].practices[0].kind = "";
  EXPECT_NE(ContentChecksum(a), ContentChecksum(b));
  EXPECT_EQ(ContentChecksum(a), ContentChecksum(WithKinds()));
}

TEST(TemplateChecksum, ChangesWithContentOnly) {
  ProgrammeTemplate a = Valid();
  ProgrammeTemplate b = Valid();
  b.summary.id = 99;  // ids and dates are not content
  b.summary.created_at = absl::Now();
  EXPECT_EQ(ContentChecksum(a), ContentChecksum(b));
  b.weeks[2].module_text += " One more sentence.";
  EXPECT_NE(ContentChecksum(a), ContentChecksum(b));
  // Moving text between fields changes the encoding too.
  ProgrammeTemplate c = Valid();
  c.weeks[0].themes = {"a", "theme"};
  EXPECT_NE(ContentChecksum(a), ContentChecksum(c));
  EXPECT_EQ(ContentChecksum(a).size(), 64u);
}

}  // namespace
}  // namespace cft::programme
