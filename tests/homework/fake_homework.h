// In-memory stand-ins for the homework domain's ports: its repository (with
// the MySQL one's observable rules: unique key per participant, live logs
// only, private words withheld from staff reads), the directory of the
// other contexts, and the idempotency keys.
#pragma once

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/homework/directory.h"
#include "services/homework/homework_repository.h"
#include "services/idempotency/idempotency.h"
#include "tests/support/fakes.h"

namespace cft::testing {

class FakeHomeworkRepository final : public homework::HomeworkRepository, public Transactional {
 public:
  struct State {
    std::map<int64_t, homework::Assignment> assignments;
    std::map<int64_t, homework::PracticeLog> logs;
    std::map<int64_t, homework::Feedback> feedback;
    std::map<std::pair<int64_t, int>, std::pair<absl::Time, int>> opens;  // first opened, times
    int64_t next_id = 1;
  };

  void Begin() override { saved_ = state_; }
  void Rollback() override { state_ = saved_; }
  State& state() { return state_; }
  int programme_copies() const { return programme_copies_; }
  // A repository that (wrongly) returns private words to a staff read: the
  // domain must still leave them out.
  void LeakPrivateWords() { leak_ = true; }
  // The next insert finds a concurrent call's log with the same key already stored.
  void LoseNextInsertRaceTo(homework::PracticeLog winner) { race_winner_ = std::move(winner); }

  absl::StatusOr<std::vector<homework::Assignment>> ListAssignments(UnitOfWork&, int64_t cohort_id, bool) override {
    std::vector<homework::Assignment> out;
    for (const auto& [id, a] : state_.assignments) {
      if (a.cohort_id == cohort_id) out.push_back(a);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.week_number < y.week_number; });
    return out;
  }
  absl::StatusOr<std::optional<homework::Assignment>> FindAssignment(UnitOfWork&, int64_t id) override {
    auto it = state_.assignments.find(id);
    if (it == state_.assignments.end()) return std::nullopt;
    return it->second;
  }
  absl::Status InsertProgrammeAssignments(UnitOfWork&, const std::vector<homework::Assignment>& rows) override {
    ++programme_copies_;
    for (homework::Assignment a : rows) {
      const bool exists = std::any_of(state_.assignments.begin(), state_.assignments.end(), [&](const auto& kv) {
        return kv.second.cohort_id == a.cohort_id && kv.second.week_number == a.week_number &&
               kv.second.practice_code == a.practice_code && !a.practice_code.empty();
      });
      if (exists) continue;
      a.id = state_.next_id++;
      state_.assignments[a.id] = a;
    }
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> InsertAssignment(UnitOfWork&, const homework::Assignment& a) override {
    homework::Assignment copy = a;
    copy.id = state_.next_id++;
    state_.assignments[copy.id] = copy;
    return copy.id;
  }
  absl::StatusOr<std::optional<homework::PracticeLog>> FindLogByKey(UnitOfWork&, int64_t user_id,
                                                                    const std::string& key) override {
    for (const auto& [id, l] : state_.logs) {
      if (l.user_id == user_id && l.idempotency_key == key) return l;
    }
    return std::nullopt;
  }
  absl::StatusOr<std::optional<homework::PracticeLog>> FindLog(UnitOfWork&, int64_t id, bool) override {
    auto it = state_.logs.find(id);
    if (it == state_.logs.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<int64_t> InsertLog(UnitOfWork&, const homework::PracticeLog& l) override {
    if (race_winner_) {
      homework::PracticeLog w = *std::move(race_winner_);
      race_winner_.reset();
      w.id = state_.next_id++;
      // The winner committed in a transaction of its own: a rollback of this one keeps it.
      saved_.logs[w.id] = w;
      saved_.next_id = state_.next_id;
      state_.logs[w.id] = w;
      return absl::AlreadyExistsError("duplicate key");
    }
    for (const auto& [id, x] : state_.logs) {
      if (x.user_id == l.user_id && x.idempotency_key == l.idempotency_key) return absl::AlreadyExistsError("duplicate key");
    }
    homework::PracticeLog copy = l;
    copy.id = state_.next_id++;
    state_.logs[copy.id] = copy;
    return copy.id;
  }
  absl::Status UpdateLog(UnitOfWork&, const homework::PracticeLog& l) override {
    homework::PracticeLog& stored = state_.logs.at(l.id);
    stored.entry = l.entry;
    stored.practised_at = l.practised_at;
    stored.updated_at = l.updated_at;
    return absl::OkStatus();
  }
  absl::Status DeleteLog(UnitOfWork&, int64_t id, absl::Time now) override {
    homework::PracticeLog& l = state_.logs.at(id);
    l.deleted_at = now;
    l.entry.note.clear();
    l.entry.fields.clear();
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<homework::PracticeLog>> ListLogs(UnitOfWork&, const homework::LogFilter& f) override {
    std::vector<homework::PracticeLog> out;
    for (const auto& [id, l] : state_.logs) {
      if (l.deleted_at) continue;
      if (f.cohort_id && l.cohort_id != *f.cohort_id) continue;
      if (f.enrolment_id && l.enrolment_id != *f.enrolment_id) continue;
      if (f.week_number && state_.assignments.at(l.assignment_id).week_number != *f.week_number) continue;
      if (f.before && !(l.practised_at < f.before->first || (l.practised_at == f.before->first && l.id < f.before->second))) {
        continue;
      }
      homework::PracticeLog copy = l;
      if (!f.include_private && !l.entry.shared && !leak_) {
        copy.entry.note.clear();
        std::erase_if(copy.entry.fields,
                      [](const homework::FieldValue& v) { return v.type == programme::FieldType::kText; });
      }
      for (const auto& [fid, fb] : state_.feedback) {
        if (fb.log_id == l.id) copy.feedback.push_back(fb);
      }
      out.push_back(std::move(copy));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.practised_at != b.practised_at ? a.practised_at > b.practised_at : a.id > b.id;
    });
    if (out.size() > static_cast<size_t>(f.limit)) out.resize(static_cast<size_t>(f.limit));
    return out;
  }
  absl::StatusOr<std::vector<homework::LogTotals>> CohortTotals(UnitOfWork&, int64_t cohort_id, absl::Time from,
                                                                absl::Time to) override {
    return Totals([&](const homework::PracticeLog& l) { return l.cohort_id == cohort_id; },
                  [&](const homework::PracticeLog& l) { return l.practised_at >= from && l.practised_at < to; },
                  [&](const homework::PracticeLog& l) { return l.practised_at < to; });
  }
  absl::StatusOr<std::vector<homework::LogTotals>> EnrolmentTotals(UnitOfWork&, int64_t enrolment_id,
                                                                   absl::CivilSecond from, absl::CivilSecond to) override {
    return Totals([&](const homework::PracticeLog& l) { return l.enrolment_id == enrolment_id; },
                  [&](const homework::PracticeLog& l) {
                    const absl::CivilSecond local =
                        absl::CivilSecond(l.entry.practised_on) + l.entry.practised_minute * 60;
                    return local >= from && local < to;
                  },
                  [](const homework::PracticeLog&) { return false; });
  }
  absl::StatusOr<int64_t> InsertFeedback(UnitOfWork&, const homework::Feedback& f) override {
    homework::Feedback copy = f;
    copy.id = state_.next_id++;
    state_.feedback[copy.id] = copy;
    return copy.id;
  }
  absl::StatusOr<std::optional<homework::Feedback>> FindFeedback(UnitOfWork&, int64_t id) override {
    auto it = state_.feedback.find(id);
    if (it == state_.feedback.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<absl::Time> RecordModuleOpened(UnitOfWork&, int64_t, int64_t enrolment_id, int week,
                                                absl::Time now) override {
    auto [it, inserted] = state_.opens.try_emplace({enrolment_id, week}, now, 0);
    ++it->second.second;
    return it->second.first;
  }
  absl::StatusOr<std::set<std::pair<int64_t, int>>> ModuleOpens(UnitOfWork&, int64_t) override {
    std::set<std::pair<int64_t, int>> out;
    for (const auto& [key, value] : state_.opens) out.insert(key);
    return out;
  }

  // Live logs, for assertions.
  std::vector<homework::PracticeLog> LiveLogs() const {
    std::vector<homework::PracticeLog> out;
    for (const auto& [id, l] : state_.logs) {
      if (!l.deleted_at) out.push_back(l);
    }
    return out;
  }

 private:
  template <typename Scope, typename InWindow, typename Before>
  std::vector<homework::LogTotals> Totals(Scope scope, InWindow in_window, Before before) {
    std::map<std::pair<int64_t, int64_t>, homework::LogTotals> by;
    for (const auto& [id, l] : state_.logs) {
      if (l.deleted_at || !scope(l)) continue;
      homework::LogTotals& t = by[{l.enrolment_id, l.assignment_id}];
      t.enrolment_id = l.enrolment_id;
      t.assignment_id = l.assignment_id;
      ++t.logs;
      t.minutes += l.entry.minutes;
      t.helpfulness_sum += l.entry.helpfulness.value_or(0);
      if (in_window(l)) {
        ++t.logs_in_window;
        t.minutes_in_window += l.entry.minutes;
      }
      if (before(l) && (!t.last_practised_at || l.practised_at > *t.last_practised_at)) t.last_practised_at = l.practised_at;
    }
    std::vector<homework::LogTotals> out;
    for (auto& [k, t] : by) out.push_back(t);
    return out;
  }

  State state_;
  State saved_;
  bool leak_ = false;
  int programme_copies_ = 0;
  std::optional<homework::PracticeLog> race_winner_;
};

// The cohorts, programme and identity contexts as homework sees them.
class FakeDirectory final : public homework::Directory {
 public:
  struct CohortEntry {
    cohorts::CohortRecord record;
    std::set<int64_t> facilitators;
  };
  std::map<int64_t, CohortEntry> cohorts;
  std::map<int64_t, homework::CohortCalendar> calendars;       // by cohort
  std::map<int64_t, std::vector<cohorts::Enrolment>> enrolled;  // by cohort
  std::map<int64_t, std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>>> attendance;
  std::map<int64_t, std::vector<programme::ProgrammeWeek>> weeks;  // by template
  std::map<int64_t, std::vector<programme::PracticeKind>> kinds;    // by template
  std::map<int64_t, std::string> names;                             // staff by user

  absl::StatusOr<cohorts::CohortRecord> RequireCohort(UnitOfWork&, const Principal& caller, int64_t cohort_id,
                                                      absl::string_view field) override {
    if (cohort_id <= 0) return InvalidField(field, "is required");
    if (caller.role == Role::kParticipant) return absl::PermissionDeniedError("participants cannot manage cohorts");
    auto it = cohorts.find(cohort_id);
    if (it == cohorts.end() || it->second.record.organisation_id != caller.organisation_id) {
      return absl::NotFoundError(absl::StrCat(field, ": no such cohort"));
    }
    if (caller.role == Role::kClinician && !it->second.facilitators.count(caller.user_id)) {
      return absl::PermissionDeniedError("you do not facilitate this cohort");
    }
    return it->second.record;
  }
  absl::StatusOr<homework::Place> MyPlace(UnitOfWork&, const Principal& caller, absl::Time) override {
    for (const auto& [cohort_id, list] : enrolled) {
      for (const cohorts::Enrolment& e : list) {
        if (e.user_id != caller.user_id) continue;
        if (e.status == cohorts::EnrolmentStatus::kWithdrawn) {
          return absl::PermissionDeniedError("your place in the group has ended");
        }
        return homework::Place{.enrolment = e, .cohort = cohorts.at(cohort_id).record};
      }
    }
    return absl::NotFoundError("you do not have a place in a group yet");
  }
  absl::StatusOr<homework::CohortCalendar> Calendar(UnitOfWork&, const cohorts::CohortRecord& c) override {
    return calendars[c.id];
  }
  absl::StatusOr<std::vector<cohorts::Enrolment>> Enrolments(UnitOfWork&, int64_t cohort_id, absl::Time) override {
    return enrolled[cohort_id];
  }
  absl::StatusOr<std::map<int64_t, std::map<int64_t, cohorts::AttendanceStatus>>> Attendance(
      UnitOfWork&, int64_t cohort_id) override {
    return attendance[cohort_id];
  }
  absl::StatusOr<std::vector<programme::ProgrammeWeek>> ProgrammeWeeks(UnitOfWork&,
                                                                       const cohorts::CohortRecord& c) override {
    return weeks[c.template_id];
  }
  absl::StatusOr<std::vector<std::string>> WeekTitles(UnitOfWork&, int64_t template_id) override {
    std::vector<std::string> out;
    for (const auto& w : weeks[template_id]) out.push_back(w.title);
    return out;
  }
  absl::StatusOr<std::vector<programme::PracticeKind>> PracticeKinds(UnitOfWork&, int64_t template_id) override {
    return kinds[template_id];
  }
  absl::StatusOr<programme::PracticeKind> Kind(UnitOfWork&, int64_t template_id, absl::string_view key,
                                               absl::string_view field) override {
    for (const auto& k : kinds[template_id]) {
      if (k.key == key) return k;
    }
    return InvalidField(field, "is not a practice kind of this group's programme");
  }
  absl::StatusOr<std::string> StaffName(UnitOfWork&, int64_t user_id) override { return names.at(user_id); }
  // Everything the measures context would hold, by cohort; the window is applied here as the real one does.
  absl::StatusOr<homework::OutcomeNotes> OutcomeNotesBetween(UnitOfWork&, const cohorts::CohortRecord& c,
                                                             absl::Time since, absl::Time until) override {
    homework::OutcomeNotes in_window;
    for (const auto& a : outcome_notes[c.id].alerts) {
      if (a.raised_at >= since && a.raised_at < until) in_window.alerts.push_back(a);
    }
    for (const auto& ch : outcome_notes[c.id].changes) {
      if (ch.submitted_at >= since && ch.submitted_at < until) in_window.changes.push_back(ch);
    }
    return in_window;
  }
  std::map<int64_t, homework::OutcomeNotes> outcome_notes;
};

class FakeIdempotencyRepository final : public idempotency::IdempotencyRepository, public Transactional {
 public:
  absl::StatusOr<std::optional<idempotency::StoredKey>> Find(UnitOfWork&, int64_t user_id, const std::string& method,
                                                             const std::string& key) override {
    auto it = keys_.find({user_id, method, key});
    if (it == keys_.end()) return std::nullopt;
    return it->second;
  }
  absl::Status Insert(UnitOfWork&, int64_t user_id, const std::string& method, const std::string& key,
                      const idempotency::StoredKey& value, absl::Time) override {
    if (!keys_.emplace(std::make_tuple(user_id, method, key), value).second) return absl::AlreadyExistsError("dup");
    return absl::OkStatus();
  }
  void Begin() override { saved_ = keys_; }
  void Rollback() override { keys_ = saved_; }

 private:
  std::map<std::tuple<int64_t, std::string, std::string>, idempotency::StoredKey> keys_;
  std::map<std::tuple<int64_t, std::string, std::string>, idempotency::StoredKey> saved_;
};

}  // namespace cft::testing
