// TemplateService keeps each stored version's practice kinds after the first
// read: LogPractice validates every log against its kind, and the MySQL query
// behind it (a join sorted across rows carrying TEXT) costs an on-disk
// temporary table per call. The benchmark's profile found it; this pins it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/clock.h"
#include "services/programme/template_service.h"
#include "tests/programme/fake_template_repository.h"
#include "tests/support/fakes.h"
#include "tests/support/status_matchers.h"

namespace cft::programme {
namespace {

using ::cft::testing::StatusIs;
using Code = absl::StatusCode;

// The fake, counting the kinds queries a MySQL repository would send.
class CountingTemplateRepository final : public TemplateRepository {
 public:
  explicit CountingTemplateRepository(TemplateRepository& inner) : inner_(inner) {}
  int kind_reads() const { return kind_reads_; }

  absl::StatusOr<std::vector<PracticeKind>> ListPracticeKinds(UnitOfWork& uow, int64_t template_id) override {
    ++kind_reads_;
    return inner_.ListPracticeKinds(uow, template_id);
  }
  absl::StatusOr<std::optional<TemplateSummary>> FindSummary(UnitOfWork& uow, int64_t id) override {
    return inner_.FindSummary(uow, id);
  }
  absl::StatusOr<std::optional<ProgrammeTemplate>> Find(UnitOfWork& uow, int64_t id) override {
    return inner_.Find(uow, id);
  }
  absl::StatusOr<std::optional<TemplateSummary>> FindVersion(UnitOfWork& uow, int64_t owner, const std::string& key,
                                                            int version) override {
    return inner_.FindVersion(uow, owner, key, version);
  }
  absl::StatusOr<int> LockLatestVersion(UnitOfWork& uow, int64_t owner, const std::string& key) override {
    return inner_.LockLatestVersion(uow, owner, key);
  }
  absl::StatusOr<std::vector<std::string>> ListWeekTitles(UnitOfWork& uow, int64_t template_id) override {
    return inner_.ListWeekTitles(uow, template_id);
  }
  absl::StatusOr<std::vector<TemplateSummary>> ListVisible(UnitOfWork& uow, int64_t organisation_id) override {
    return inner_.ListVisible(uow, organisation_id);
  }
  absl::StatusOr<int64_t> Insert(UnitOfWork& uow, const ProgrammeTemplate& t,
                                 std::optional<int64_t> created_by) override {
    return inner_.Insert(uow, t, created_by);
  }

 private:
  TemplateRepository& inner_;
  int kind_reads_ = 0;
};

ProgrammeTemplate TwoKinds() {
  ProgrammeTemplate t;
  t.summary.key = "kinds-cache";
  t.summary.version = 1;
  t.summary.title = "A programme";
  t.summary.session_minutes = 120;
  ProgrammeWeek week;
  week.number = 1;
  week.title = "Week 1";
  t.weeks.push_back(week);
  PracticeKind breathing{.key = "breathing", .title = "Breathing"};
  breathing.fields.push_back(PracticeField{.key = "in_count", .label = "Breathing in", .type = FieldType::kNumber});
  t.practice_kinds = {breathing, PracticeKind{.key = "journal", .title = "Journal"}};
  return t;
}

class TemplateKindsCacheTest : public ::testing::Test {
 protected:
  TemplateKindsCacheTest() { tx_.Register(&fake_); }
  int64_t Store(const ProgrammeTemplate& t) {
    UnitOfWork uow;
    return *fake_.Insert(uow, t, std::nullopt);
  }

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  testing::FakeTransactionRunner tx_;
  testing::FakeAuditRepository audit_repo_;
  audit::Auditor auditor_{audit_repo_, tx_, clock_};
  testing::FakeTemplateRepository fake_;
  CountingTemplateRepository repo_{fake_};
  TemplateService templates_{repo_, tx_, auditor_, clock_};
};

TEST_F(TemplateKindsCacheTest, AVersionsKindsAreReadOnceAndServeEveryLaterLookup) {
  const int64_t id = Store(TwoKinds());
  UnitOfWork uow;
  auto first = templates_.Kind(uow, id, "breathing", "kind");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->title, "Breathing");
  ASSERT_EQ(first->fields.size(), 1u);
  EXPECT_EQ(first->fields[0].key, "in_count");
  auto second = templates_.Kind(uow, id, "journal", "kind");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->title, "Journal");
  auto all = templates_.PracticeKinds(uow, id);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].key, "breathing");
  EXPECT_EQ((*all)[1].key, "journal");
  // An unknown key is still refused naming the field, from the kept copy.
  EXPECT_THAT(templates_.Kind(uow, id, "nothing-like-it", "kind"),
              StatusIs(Code::kInvalidArgument, "kind: is not a practice kind of this group's programme"));
  EXPECT_EQ(repo_.kind_reads(), 1);
}

TEST_F(TemplateKindsCacheTest, EachVersionHasItsOwnKindsAndAnIdWithoutKindsIsReadAgain) {
  UnitOfWork uow;
  // Not stored yet: nothing kept, so the version stored under it later is read.
  EXPECT_THAT(templates_.Kind(uow, 1, "breathing", "kind"), StatusIs(Code::kInvalidArgument));
  const int64_t v1 = Store(TwoKinds());
  ASSERT_EQ(v1, 1);
  EXPECT_TRUE(templates_.Kind(uow, v1, "breathing", "kind").ok());
  EXPECT_EQ(repo_.kind_reads(), 2);
  ProgrammeTemplate next = TwoKinds();
  next.summary.version = 2;
  next.practice_kinds.pop_back();
  const int64_t v2 = Store(next);
  EXPECT_THAT(templates_.Kind(uow, v2, "journal", "kind"), StatusIs(Code::kInvalidArgument));
  EXPECT_TRUE(templates_.Kind(uow, v1, "journal", "kind").ok());
  EXPECT_EQ(repo_.kind_reads(), 3);
}

}  // namespace
}  // namespace cft::programme
