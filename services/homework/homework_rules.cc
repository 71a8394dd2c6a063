#include "services/homework/homework_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/cohorts/calendar.h"
#include "services/common/civil_time.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"
#include "services/common/validation.h"

namespace cft::homework {
namespace {

using programme::FieldType;
using programme::PracticeField;
using programme::PracticeKind;

constexpr size_t kMaxFieldValues = 20;

std::string FieldPath(absl::string_view key) { return absl::StrCat("fields.", key); }

bool IsFieldKey(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_islower(static_cast<unsigned char>(c)) || absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
           c == '_';
  });
}

absl::Status CheckRating(absl::string_view field, const std::optional<int>& v) {
  if (v && (*v < 0 || *v > 10)) return InvalidField(field, "must be between 0 and 10");
  return absl::OkStatus();
}

const PracticeField* FindField(const PracticeKind& kind, absl::string_view key) {
  for (const PracticeField& f : kind.fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string TypeWords(const PracticeField& f) {
  switch (f.type) {
    case FieldType::kText: return "text";
    case FieldType::kNumber: return "a number";
    case FieldType::kYesNo: return "yes or no";
    case FieldType::kChoice: return "one of its options";
    case FieldType::kStep: return "a step number";
  }
  return "a value";
}

bool Missed(std::optional<cohorts::AttendanceStatus> a) {
  return a && (*a == cohorts::AttendanceStatus::kAbsent || *a == cohorts::AttendanceStatus::kExcused);
}

// Whether a participant's place covers a week at all (whatever the assignment).
bool PlaceCovers(const cohorts::Enrolment& e, const WeekWindow& w) {
  if (w.ends_at && *w.ends_at <= PlaceStart(e)) return false;
  if (e.withdrawn_at && w.released_at && *w.released_at >= *e.withdrawn_at) return false;
  return true;
}

bool TakesPart(const cohorts::Enrolment& e) {
  return e.user_id.has_value() && e.status != cohorts::EnrolmentStatus::kInvited;
}

using TotalsIndex = std::map<std::pair<int64_t, int64_t>, const LogTotals*>;

TotalsIndex IndexTotals(const std::vector<LogTotals>& totals) {
  TotalsIndex out;
  for (const LogTotals& t : totals) out[{t.enrolment_id, t.assignment_id}] = &t;
  return out;
}

std::optional<cohorts::AttendanceStatus> AttendanceAt(const CohortHomework& h, int64_t session_id,
                                                      int64_t enrolment_id) {
  auto s = h.attendance.find(session_id);
  if (s == h.attendance.end()) return std::nullopt;
  auto e = s->second.find(enrolment_id);
  if (e == s->second.end()) return std::nullopt;
  return e->second;
}

AdherenceCell Cell(const CohortHomework& h, const TotalsIndex& totals, const cohorts::Enrolment& e,
                   const WeekWindow& w) {
  AdherenceCell c;
  c.week_number = w.week;
  c.applies = PlaceCovers(e, w);
  c.attendance = AttendanceAt(h, w.session_id, e.id);
  c.module_opened = h.module_opens.count({e.id, w.week}) > 0;
  if (!c.applies) return c;
  int helpfulness = 0;
  for (const Assignment& a : h.assignments) {
    if (a.week_number != w.week || !AppliesTo(a, e, w)) continue;
    c.dose += a.times_per_week;
    auto it = totals.find({e.id, a.id});
    if (it == totals.end()) continue;
    const LogTotals& t = *it->second;
    c.logged += std::min(t.logs, a.times_per_week);
    c.logs += t.logs;
    c.minutes += t.minutes;
    helpfulness += t.helpfulness_sum;
  }
  c.percent = Percent(c.logged, c.dose);
  if (c.logs > 0) c.mean_helpfulness = static_cast<double>(helpfulness) / c.logs;
  return c;
}

std::string WeekTitle(const CohortHomework& h, int week) {
  if (week >= 1 && week <= static_cast<int>(h.week_titles.size())) return h.week_titles[week - 1];
  return "";
}

DigestSession ToDigestSession(const CohortHomework& h, const cohorts::Session& s, const absl::TimeZone& tz) {
  return DigestSession{.session_id = s.id,
                       .week_number = s.week_number,
                       .week_title = WeekTitle(h, s.week_number),
                       .starts_at = s.starts_at,
                       .local_display = FormatLocalForPeople(s.starts_at, tz)};
}

int64_t WholeDays(absl::Duration d) { return absl::ToInt64Hours(d) / 24; }

// "3 October"
std::string DayForPeople(absl::Time t, const absl::TimeZone& tz) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  const absl::CivilDay day = absl::ToCivilDay(t, tz);
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1]);
}

}  // namespace

absl::Status ValidateEntryShape(const PracticeEntry& e) {
  if (e.practised_minute < 0 || e.practised_minute >= 24 * 60) {
    return InvalidField("practised_at", "must be a time of day (00:00 to 23:59)");
  }
  if (e.minutes < 1 || e.minutes > kMaxPracticeMinutes) {
    return InvalidField("minutes", absl::StrCat("must be between 1 and ", kMaxPracticeMinutes));
  }
  RETURN_IF_ERROR(CheckRating("distress_before", e.distress_before));
  RETURN_IF_ERROR(CheckRating("distress_after", e.distress_after));
  if (!e.helpfulness) return InvalidField("helpfulness", "is required (0 to 10)");
  RETURN_IF_ERROR(CheckRating("helpfulness", e.helpfulness));
  RETURN_IF_ERROR(ValidateText("note", e.note, 0, kMaxNoteChars, true));
  if (e.fields.size() > kMaxFieldValues) {
    return InvalidField("fields", absl::StrCat("at most ", kMaxFieldValues, " values"));
  }
  std::set<std::string> keys;
  for (const FieldValue& v : e.fields) {
    if (!IsFieldKey(v.key)) return InvalidField("fields", "every value needs the key of its field");
    if (!keys.insert(v.key).second) return InvalidField(FieldPath(v.key), "is given twice");
  }
  return absl::OkStatus();
}

absl::Status ValidateEntryFields(PracticeEntry& e, const PracticeKind* kind, const Assignment& a) {
  if (kind == nullptr) {
    if (!e.fields.empty()) return InvalidField(FieldPath(e.fields.front().key), "this practice records no fields");
    e.note = Trimmed(e.note);
    return absl::OkStatus();
  }
  if (kind->distress_required) {
    if (!e.distress_before) return InvalidField("distress_before", absl::StrCat("is part of a ", kind->title));
    if (!e.distress_after) return InvalidField("distress_after", absl::StrCat("is part of a ", kind->title));
  }
  // Built aside, so a refused entry is left as it came.
  std::vector<FieldValue> kept;
  for (FieldValue v : e.fields) {
    const std::string path = FieldPath(v.key);
    const PracticeField* f = FindField(*kind, v.key);
    if (f == nullptr) return InvalidField(path, absl::StrCat("is not a field of ", kind->title));
    if (v.type != f->type) return InvalidField(path, absl::StrCat("must be ", TypeWords(*f)));
    switch (f->type) {
      case FieldType::kText:
        RETURN_IF_ERROR(ValidateText(path, v.text, 0, static_cast<size_t>(f->max_length), true));
        v.text = Trimmed(v.text);
        if (v.text.empty()) continue;  // an empty optional answer is no answer
        break;
      case FieldType::kNumber:
        if (v.number < f->min || v.number > f->max) {
          return InvalidField(path, absl::StrCat("must be between ", f->min, " and ", f->max));
        }
        break;
      case FieldType::kYesNo:
        if (v.number != 0 && v.number != 1) return InvalidField(path, "must be yes or no");
        break;
      case FieldType::kChoice: {
        const bool known = std::any_of(f->options.begin(), f->options.end(),
                                       [&](const programme::FieldOption& o) { return o.key == v.text; });
        if (!known) {
          std::vector<std::string> keys;
          for (const auto& o : f->options) keys.push_back(o.key);
          return InvalidField(path, absl::StrCat("must be one of: ", absl::StrJoin(keys, ", ")));
        }
        break;
      }
      case FieldType::kStep:
        if (a.steps.empty()) return InvalidField(path, "this assignment has no steps");
        if (v.number < 1 || v.number > static_cast<int>(a.steps.size())) {
          return InvalidField(path, absl::StrCat("must be a step of this ladder (1 to ", a.steps.size(), ")"));
        }
        break;
    }
    kept.push_back(std::move(v));
  }
  for (const PracticeField& f : kind->fields) {
    const bool given = std::any_of(kept.begin(), kept.end(), [&](const FieldValue& v) { return v.key == f.key; });
    if (f.required && !given) return InvalidField(FieldPath(f.key), "is required");
  }
  // In the kind's order, so equal content is stored and compared alike.
  std::vector<FieldValue> ordered;
  for (const PracticeField& f : kind->fields) {
    for (FieldValue& v : kept) {
      if (v.key == f.key) ordered.push_back(std::move(v));
    }
  }
  e.fields = std::move(ordered);
  e.note = Trimmed(e.note);
  return absl::OkStatus();
}

absl::StatusOr<absl::Time> PractisedInstant(const PracticeEntry& e, const absl::TimeZone& tz,
                                            absl::CivilDay earliest_day, absl::Time now) {
  const absl::CivilDay today = absl::ToCivilDay(now + kClockAllowance, tz);
  if (e.practised_on > today) return InvalidField("practised_on", "is in the future");
  if (e.practised_on < earliest_day) {
    return InvalidField("practised_on", absl::StrCat("is before your place in the group began (",
                                                     absl::FormatCivilTime(earliest_day), ")"));
  }
  const absl::Time at = LocalToUtc(absl::CivilSecond(e.practised_on) + e.practised_minute * 60, tz);
  if (at > now + kClockAllowance) return InvalidField("practised_at", "is in the future");
  return at;
}

std::vector<std::string> ChangedFields(const PracticeEntry& before, const PracticeEntry& after) {
  std::vector<std::string> out;
  if (before.practised_on != after.practised_on) out.push_back("practised_on");
  if (before.practised_minute != after.practised_minute) out.push_back("practised_at");
  if (before.minutes != after.minutes) out.push_back("minutes");
  if (before.distress_before != after.distress_before) out.push_back("distress_before");
  if (before.distress_after != after.distress_after) out.push_back("distress_after");
  if (before.helpfulness != after.helpfulness) out.push_back("helpfulness");
  std::map<std::string, std::pair<const FieldValue*, const FieldValue*>> values;
  for (const FieldValue& v : before.fields) values[v.key].first = &v;
  for (const FieldValue& v : after.fields) values[v.key].second = &v;
  for (const auto& [key, pair] : values) {
    const bool same = pair.first != nullptr && pair.second != nullptr ? *pair.first == *pair.second
                                                                      : pair.first == pair.second;
    if (!same) out.push_back(FieldPath(key));
  }
  if (before.note != after.note) out.push_back("note");
  if (before.shared != after.shared) out.push_back("shared");
  return out;
}

PracticeLog ForStaff(PracticeLog log) {
  if (log.entry.shared) return log;
  auto& fields = log.entry.fields;
  const auto text = [](const FieldValue& v) { return v.type == FieldType::kText; };
  const bool had_words = !log.entry.note.empty() || std::any_of(fields.begin(), fields.end(), text);
  fields.erase(std::remove_if(fields.begin(), fields.end(), text), fields.end());
  log.entry.note.clear();
  log.private_withheld = log.private_withheld || had_words;
  return log;
}

std::vector<WeekWindow> BuildSchedule(const std::vector<cohorts::Session>& sessions, cohorts::ModuleRelease mode,
                                      cohorts::CohortStatus status) {
  int weeks = 0;
  for (const cohorts::Session& s : sessions) weeks = std::max(weeks, s.week_number);
  std::vector<WeekWindow> out(static_cast<size_t>(weeks));
  for (int w = 1; w <= weeks; ++w) {
    WeekWindow& ww = out[w - 1];
    ww.week = w;
    ww.released_at = cohorts::WeekReleaseTime(sessions, w, mode, status);
    if (const cohorts::Session* s = cohorts::ReleasingSessionOfWeek(sessions, w); s != nullptr) ww.session_id = s->id;
  }
  for (int w = 1; w <= weeks; ++w) {
    if (w < weeks) {
      out[w - 1].ends_at = out[w].released_at;
    } else if (out[w - 1].released_at) {
      out[w - 1].ends_at = *out[w - 1].released_at + absl::Hours(7 * 24);
    }
  }
  return out;
}

const WeekWindow* FindWeek(const std::vector<WeekWindow>& schedule, int week) {
  if (week < 1 || week > static_cast<int>(schedule.size())) return nullptr;
  return &schedule[week - 1];
}

bool Released(const std::vector<WeekWindow>& schedule, int week, absl::Time now) {
  const WeekWindow* w = FindWeek(schedule, week);
  return w != nullptr && w->released_at && *w->released_at <= now;
}

int CurrentWeek(const std::vector<WeekWindow>& schedule, absl::Time now) {
  int current = 0;
  for (const WeekWindow& w : schedule) {
    if (w.released_at && *w.released_at <= now) current = std::max(current, w.week);
  }
  return current;
}

absl::Time PlaceStart(const cohorts::Enrolment& e) { return e.joined_at.value_or(e.allocated_at); }

bool AppliesTo(const Assignment& a, const cohorts::Enrolment& e, const WeekWindow& w) {
  if (a.enrolment_id && *a.enrolment_id != e.id) return false;
  return PlaceCovers(e, w);
}

int Percent(int logged, int dose) {
  if (dose <= 0) return 0;
  return (100 * logged + dose / 2) / dose;
}

AdherenceGrid ComputeAdherence(const CohortHomework& h, absl::Time now) {
  AdherenceGrid grid;
  std::vector<const WeekWindow*> released;
  for (const WeekWindow& w : h.schedule) {
    if (!w.released_at || *w.released_at > now) continue;
    released.push_back(&w);
    grid.weeks.push_back(AdherenceWeek{.week_number = w.week,
                                       .title = WeekTitle(h, w.week),
                                       .released_at = *w.released_at,
                                       .complete = w.ends_at && *w.ends_at <= now,
                                       .session_id = w.session_id});
  }
  const TotalsIndex totals = IndexTotals(h.totals);
  for (const cohorts::Enrolment& e : h.enrolments) {
    if (!TakesPart(e)) continue;
    AdherenceRow row{.enrolment_id = e.id, .participant_name = e.name, .status = e.status};
    for (const WeekWindow* w : released) row.weeks.push_back(Cell(h, totals, e, *w));
    grid.participants.push_back(std::move(row));
  }
  return grid;
}

absl::StatusOr<Digest> ComputeDigest(const CohortHomework& h, int64_t session_id, absl::Time now) {
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadZone("time_zone", h.time_zone));
  std::vector<const cohorts::Session*> live;
  for (const cohorts::Session& s : h.sessions) {
    if (s.status != cohorts::SessionStatus::kCancelled) live.push_back(&s);
  }
  std::sort(live.begin(), live.end(),
            [](const cohorts::Session* a, const cohorts::Session* b) { return a->starts_at < b->starts_at; });
  const cohorts::Session* target = nullptr;
  if (session_id != 0) {
    auto it = std::find_if(h.sessions.begin(), h.sessions.end(),
                           [&](const cohorts::Session& s) { return s.id == session_id; });
    if (it == h.sessions.end()) return absl::NotFoundError("session_id: no such session in this cohort");
    if (it->status == cohorts::SessionStatus::kCancelled) {
      return absl::FailedPreconditionError("session_id: the session was cancelled; choose one that takes place");
    }
    target = &*it;
  } else {
    for (const cohorts::Session* s : live) {
      if (s->starts_at > now) {
        target = s;
        break;
      }
    }
    if (target == nullptr) {
      return absl::FailedPreconditionError("session_id: the cohort has no session ahead; choose one of its sessions");
    }
  }
  const cohorts::Session* previous = nullptr;
  const cohorts::Session* before_previous = nullptr;
  for (const cohorts::Session* s : live) {
    if (s->starts_at >= target->starts_at) break;
    before_previous = previous;
    previous = s;
  }

  Digest d;
  d.session = ToDigestSession(h, *target, tz);
  const absl::Time until = std::min(now, target->starts_at);
  d.until = until;
  d.since = until;
  if (previous != nullptr) {
    d.previous_session = ToDigestSession(h, *previous, tz);
    d.since = previous->starts_at;
  }
  d.module_week = CurrentWeek(h.schedule, until);

  const TotalsIndex totals = IndexTotals(h.totals);
  std::optional<absl::Time> first_release;
  if (const WeekWindow* w1 = FindWeek(h.schedule, 1); w1 != nullptr && w1->released_at && *w1->released_at <= until) {
    first_release = w1->released_at;
  }
  for (const cohorts::Enrolment& e : h.enrolments) {
    const bool current = e.status == cohorts::EnrolmentStatus::kActive || e.status == cohorts::EnrolmentStatus::kCompleted;
    if (!current || !e.user_id || PlaceStart(e) >= until) continue;

    int logs = 0;
    int minutes = 0;
    std::optional<absl::Time> last;
    for (const LogTotals& t : h.totals) {
      if (t.enrolment_id != e.id) continue;
      logs += t.logs_in_window;
      minutes += t.minutes_in_window;
      if (t.last_practised_at && (!last || *t.last_practised_at > *last)) last = t.last_practised_at;
    }
    if (previous != nullptr && logs > 0) {
      DigestPractice p{.enrolment_id = e.id, .participant_name = e.name, .logs = logs, .minutes = minutes};
      if (const WeekWindow* w = FindWeek(h.schedule, previous->week_number); w != nullptr) {
        const AdherenceCell c = Cell(h, totals, e, *w);
        p.dose = c.dose;
        p.logged_against_dose = c.logged;
        p.percent_of_dose = c.percent;
      }
      d.practised.push_back(std::move(p));
    }

    if (const WeekWindow* w = FindWeek(h.schedule, d.module_week);
        w != nullptr && PlaceCovers(e, *w) && h.module_opens.count({e.id, d.module_week}) == 0) {
      d.module_not_opened.push_back(DigestPerson{.enrolment_id = e.id, .participant_name = e.name});
    }

    if (previous != nullptr) {
      const auto at_previous = AttendanceAt(h, previous->id, e.id);
      if (Missed(at_previous)) {
        d.missed_last_session.push_back(
            DigestPerson{.enrolment_id = e.id, .participant_name = e.name, .attendance = at_previous});
        if (before_previous != nullptr && Missed(AttendanceAt(h, before_previous->id, e.id))) {
          d.early_warnings.push_back(EarlyWarning{
              .enrolment_id = e.id,
              .participant_name = e.name,
              .reason = WarningReason::kMissedTwoSessions,
              .explanation = absl::StrCat("Missed the last two sessions (weeks ", before_previous->week_number,
                                          " and ", previous->week_number, ").")});
        }
      }
    }

    if (first_release) {
      absl::Time quiet_since = std::max(PlaceStart(e), *first_release);
      if (last && *last > quiet_since) quiet_since = *last;
      if (until - quiet_since >= kNoPracticeWarning) {
        const int64_t days = WholeDays(until - quiet_since);
        d.early_warnings.push_back(EarlyWarning{
            .enrolment_id = e.id,
            .participant_name = e.name,
            .reason = WarningReason::kNoPracticeForTenDays,
            .explanation = last ? absl::StrCat("No practice logged for ", days, " days (last on ",
                                               DayForPeople(*last, tz), ").")
                                : absl::StrCat("No practice logged in the ", days, " days since the programme began.")});
      }
    }

    // The three latest weeks whose practice week is over by then.
    std::vector<const WeekWindow*> complete;
    for (const WeekWindow& w : h.schedule) {
      if (w.released_at && *w.released_at <= until && w.ends_at && *w.ends_at <= until) complete.push_back(&w);
    }
    if (complete.size() >= 3) {
      const WeekWindow* w3 = complete[complete.size() - 1];
      const WeekWindow* w2 = complete[complete.size() - 2];
      const WeekWindow* w1 = complete[complete.size() - 3];
      const AdherenceCell c1 = Cell(h, totals, e, *w1);
      const AdherenceCell c2 = Cell(h, totals, e, *w2);
      const AdherenceCell c3 = Cell(h, totals, e, *w3);
      const bool measured = c1.applies && c2.applies && c3.applies && c1.dose > 0 && c2.dose > 0 && c3.dose > 0;
      if (measured && c1.percent > c2.percent && c2.percent > c3.percent) {
        d.early_warnings.push_back(EarlyWarning{
            .enrolment_id = e.id,
            .participant_name = e.name,
            .reason = WarningReason::kAdherenceFalling,
            .explanation = absl::StrCat("Adherence fell two weeks running: ", c1.percent, "% in week ", w1->week,
                                        ", ", c2.percent, "% in week ", w2->week, ", ", c3.percent, "% in week ",
                                        w3->week, ".")});
      }
    }
  }
  return d;
}

}  // namespace cft::homework
