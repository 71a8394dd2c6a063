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
