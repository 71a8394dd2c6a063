// In-memory TemplateRepository with the same observable rules as the MySQL
// one: a version is unique per (owner, key), weeks come back in order with
// their practices, the visible list is built-ins then the organisation's own
// ordered by key and newest version first, and the week count is the number
// of weeks stored.
#pragma once

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/programme/template_repository.h"
#include "tests/support/fakes.h"

namespace cft::testing {

class FakeTemplateRepository final : public programme::TemplateRepository, public Transactional {
 public:
  struct Stored {
    programme::ProgrammeTemplate t;
    std::optional<int64_t> created_by;
  };
  struct State {
    std::map<int64_t, Stored> templates;
    int64_t next_id = 1;
  };

  void Begin() override { saved_ = state_; }
  void Rollback() override { state_ = saved_; }
  State& state() { return state_; }

  // For joins from other fakes (a cohort view carries its template's title).
  const programme::TemplateSummary* Summary(int64_t id) const {
    auto it = state_.templates.find(id);
    return it == state_.templates.end() ? nullptr : &it->second.t.summary;
  }

  absl::StatusOr<std::optional<programme::TemplateSummary>> FindSummary(UnitOfWork&, int64_t id) override {
    const programme::TemplateSummary* s = Summary(id);
    if (s == nullptr) return std::nullopt;
    return *s;
  }

  absl::StatusOr<std::optional<programme::ProgrammeTemplate>> Find(UnitOfWork&, int64_t id) override {
    auto it = state_.templates.find(id);
    if (it == state_.templates.end()) return std::nullopt;
    return it->second.t;
  }

  absl::StatusOr<std::optional<programme::TemplateSummary>> FindVersion(UnitOfWork&, int64_t owner,
                                                                       const std::string& key,
                                                                       int version) override {
    for (const auto& [id, s] : state_.templates) {
      const auto& x = s.t.summary;
      if (x.owner_organisation_id == owner && x.key == key && x.version == version) return x;
    }
    return std::nullopt;
  }

  absl::StatusOr<int> LockLatestVersion(UnitOfWork&, int64_t owner, const std::string& key) override {
    int latest = 0;
    for (const auto& [id, s] : state_.templates) {
      const auto& x = s.t.summary;
      if (x.owner_organisation_id == owner && x.key == key) latest = std::max(latest, x.version);
    }
    return latest;
  }

  absl::StatusOr<std::vector<std::string>> ListWeekTitles(UnitOfWork&, int64_t template_id) override {
    std::vector<std::string> out;
    auto it = state_.templates.find(template_id);
    if (it == state_.templates.end()) return out;
    for (const auto& w : it->second.t.weeks) out.push_back(w.title);
    return out;
  }

  absl::StatusOr<std::vector<programme::TemplateSummary>> ListVisible(UnitOfWork&,
                                                                      int64_t organisation_id) override {
    std::vector<programme::TemplateSummary> out;
    for (const auto& [id, s] : state_.templates) {
      const auto& x = s.t.summary;
      if (x.owner_organisation_id == 0 || x.owner_organisation_id == organisation_id) out.push_back(x);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::make_tuple(a.owner_organisation_id, a.key, -a.version) <
             std::make_tuple(b.owner_organisation_id, b.key, -b.version);
    });
    return out;
  }

  absl::StatusOr<int64_t> Insert(UnitOfWork&, const programme::ProgrammeTemplate& t,
                                 std::optional<int64_t> created_by) override {
    const auto& s = t.summary;
    for (const auto& [id, other] : state_.templates) {
      const auto& x = other.t.summary;
      if (x.owner_organisation_id == s.owner_organisation_id && x.key == s.key && x.version == s.version) {
        return absl::AlreadyExistsError("InsertTemplate: database error 1062");
      }
    }
    if (t.weeks.empty() || t.weeks.size() > 16) {
      return absl::FailedPreconditionError("InsertTemplate: database error 4025");
    }
    const int64_t id = state_.next_id++;
    Stored stored{t, created_by};
    stored.t.summary.id = id;
    stored.t.summary.week_count = static_cast<int>(t.weeks.size());
    // Dates are stored to the microsecond.
    stored.t.summary.created_at = absl::FromUnixMicros(absl::ToUnixMicros(s.created_at));
    state_.templates[id] = std::move(stored);
    return id;
  }

 private:
  State state_;
  State saved_;
};

}  // namespace cft::testing
