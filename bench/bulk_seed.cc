#include "bench/bulk_seed.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/common/civil_time.h"

namespace cft::bench {
namespace {

constexpr const char* kZones[] = {"Europe/London", "America/New_York", "Australia/Sydney", "Europe/Berlin",
                                  "Asia/Kolkata"};
constexpr int kSessionMinutes = 120;
constexpr int kCapacity = 12;
// Cohorts per transaction: every table's rows for one chunk go in one
// statement each (well under max_allowed_packet), inserted parent-first.
constexpr int kChunk = 100;

// Literal SQL values. The bench generates every value itself (digits, fixed
// words, generated names), so literal multi-row statements are safe here and
// far cheaper than binding 100,000 parameters; Quote() still escapes.
std::string Quote(absl::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}
std::string Lit(int64_t v) { return absl::StrCat(v); }
std::string Lit(absl::Time t) { return Quote(absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone())); }
std::string Lit(absl::CivilDay d) { return Quote(absl::FormatCivilTime(d)); }
std::string Lit(absl::CivilSecond s) {
  return Quote(absl::StrFormat("%04d-%02d-%02d %02d:%02d:%02d", s.year(), s.month(), s.day(), s.hour(), s.minute(),
                               s.second()));
}
const std::string kNull = "NULL";

// Rows of one table for one chunk, sent as one INSERT.
class Rows {
 public:
  explicit Rows(std::string head) : head_(std::move(head)) {}
  void Add(std::initializer_list<std::string> values) {
    absl::StrAppend(&body_, body_.empty() ? "(" : ",(", absl::StrJoin(values, ","), ")");
  }
  void Send(sql::Statement& st) {
    if (body_.empty()) return;
    st.execute(head_ + body_);
    body_.clear();
  }

 private:
  std::string head_;
  std::string body_;
};

int64_t QueryInt(sql::Connection& conn, const std::string& query) {
  std::unique_ptr<sql::Statement> st(conn.createStatement());
  std::unique_ptr<sql::ResultSet> rs(st->executeQuery(query));
  return rs->next() ? rs->getInt64(1) : 0;
}

enum class CohortState { kPlanned, kRunning, kCompleted };

}  // namespace

absl::StatusOr<DataCounts> CountData(const DbTarget& db) {
  auto conn = OpenDb(db);
  if (!conn.ok()) return conn.status();
  try {
    std::unique_ptr<sql::Statement> st((*conn)->createStatement());
    std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
        "SELECT (SELECT COUNT(*) FROM cohorts), (SELECT COUNT(*) FROM cohort_sessions), "
        "(SELECT COUNT(*) FROM enrolments), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM attendance), "
        "(SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM practice_logs)"));
    DataCounts c;
    if (rs->next()) {
      c.cohorts = rs->getInt64(1);
      c.sessions = rs->getInt64(2);
      c.participants = rs->getInt64(3);
      c.users = rs->getInt64(4);
      c.attendance = rs->getInt64(5);
      c.audit_rows = rs->getInt64(6);
      c.practice_logs = rs->getInt64(7);
    }
    (*conn)->commit();
    return c;
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("count rows: ", e.what()));
  }
}

absl::Status BulkSeed(const DbTarget& db, const BulkOptions& o) {
  auto opened = OpenDb(db);
  if (!opened.ok()) return opened.status();
  sql::Connection& conn = **opened;
  std::vector<absl::TimeZone> zones;
  for (const char* name : kZones) {
    auto tz = LoadZone("time_zone", name);
    if (!tz.ok()) return tz.status();
    zones.push_back(*tz);
  }
  const absl::Time now = absl::Now();
  const absl::CivilDay today = absl::ToCivilDay(now, absl::UTCTimeZone());
  try {
    std::unique_ptr<sql::Statement> st(conn.createStatement());
    const std::string org = Lit(o.organisation_id);
    const int64_t have_cohorts = QueryInt(conn, "SELECT COUNT(*) FROM cohorts WHERE organisation_id = " + org);
    const int64_t have_people = QueryInt(
        conn, "SELECT COUNT(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id WHERE c.organisation_id = " + org);
    const int weeks = static_cast<int>(
        QueryInt(conn, "SELECT week_count FROM programme_templates WHERE id = " + Lit(o.template_id)));
    const int64_t bulk_cohorts = o.total_cohorts - have_cohorts;
    const int64_t bulk_people = o.total_participants - have_people;
    if (bulk_cohorts <= 0 || bulk_people <= 0 || weeks <= 0) {
      return absl::FailedPreconditionError("bulk seed: the database already holds the totals, or no template");
    }
    if (bulk_people > bulk_cohorts * kCapacity) return absl::InvalidArgumentError("bulk seed: too many participants");

    // Every bulk account gets a real Argon2id hash (a clinician's, made by
    // cftctl): nobody signs in as them, but the rows look like real ones.
    std::string hash;
    {
      std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
          "SELECT password_hash FROM users WHERE role = 'clinician' AND organisation_id = " + org + " LIMIT 1"));
      if (!rs->next()) return absl::FailedPreconditionError("bulk seed: no clinician to copy a hash from");
      hash = rs->getString(1);
    }
    int64_t next_user = QueryInt(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM users");
    const int64_t first_cohort = QueryInt(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM cohorts");
    int64_t next_referral = QueryInt(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM referrals");
    int64_t next_enrolment = QueryInt(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM enrolments");
    int64_t next_invite = QueryInt(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM invites");
    int64_t next_session = QueryInt(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM cohort_sessions");

    const std::string users_head =
        "INSERT INTO users (id, organisation_id, email, display_name, role, password_hash, "
        "password_change_required, active, created_at, password_changed_at) VALUES ";
    std::vector<int64_t> clinicians;
    {
      Rows users(users_head);
      const absl::Time joined = now - absl::Hours(24 * 400);
      for (int c = 0; c < o.clinicians; ++c) {
        const int64_t id = next_user++;
        clinicians.push_back(id);
        users.Add({Lit(id), org, Quote(absl::StrCat("bulk.clinician.", c + 1, "@bulk.bench.example")),
                   Quote(absl::StrCat("Bulk Clinician ", c + 1)), "'clinician'", Quote(hash), "0", "1", Lit(joined),
                   Lit(joined)});
      }
      users.Send(*st);
      conn.commit();
    }

    int64_t person = 0;
    for (int64_t chunk = 0; chunk < bulk_cohorts; chunk += kChunk) {
      Rows cohorts(
          "INSERT INTO cohorts (id, organisation_id, name, template_id, status, cancel_reason, start_date, weekday, "
          "local_start_time, duration_minutes, time_zone, capacity, group_type, created_at, created_by, updated_at) "
          "VALUES ");
      Rows facilitators("INSERT INTO cohort_facilitators (cohort_id, user_id, role, added_at) VALUES ");
      Rows referrals(
          "INSERT INTO referrals (id, organisation_id, name, contact_email, source, screening_status, "
          "screening_note, screened_at, screened_by, preferred_cohort_id, created_at, created_by) VALUES ");
      Rows users(users_head);
      Rows enrolments(
          "INSERT INTO enrolments (id, cohort_id, referral_id, user_id, status, allocated_at, allocated_by, "
          "late_joiner, closed_group_override, joined_at, withdrawn_at, withdrawal_reason, completed_at) VALUES ");
      Rows invites(
          "INSERT INTO invites (id, enrolment_id, code_hash, created_at, created_by, expires_at, revoked_at, "
          "redeemed_at) VALUES ");
      Rows sessions(
          "INSERT INTO cohort_sessions (id, cohort_id, week_number, live_week, local_start, time_zone, starts_at, "
          "duration_minutes, status, cancel_reason, sequence, held_at, updated_at) VALUES ");
      Rows attendance(
          "INSERT INTO attendance (session_id, enrolment_id, status, note, recorded_at, recorded_by) VALUES ");

      for (int64_t k = chunk; k < std::min(bulk_cohorts, chunk + kChunk); ++k) {
        const int64_t cohort_id = first_cohort + k;
        const size_t z = static_cast<size_t>(k) % zones.size();
        const absl::TimeZone& tz = zones[z];
        // Start dates spread from a year ago to six months ahead: completed,
        // running and planned groups, as a service accumulates them.
        const absl::CivilDay start = today - 365 + (k * 547) / bulk_cohorts;
        const int start_minute = static_cast<int>(9 + k % 10) * 60;
        std::vector<absl::Time> starts;
        std::vector<absl::CivilSecond> locals;
        for (int w = 0; w < weeks; ++w) {
          const absl::Time at = LocalToUtc(absl::CivilSecond(start + 7 * w) + start_minute * 60, tz);
          starts.push_back(at);
          locals.push_back(tz.At(at).cs);
        }
        const absl::Time last_end = starts.back() + absl::Minutes(kSessionMinutes);
        const CohortState state = last_end <= now        ? CohortState::kCompleted
                                  : starts.front() > now ? CohortState::kPlanned
                                                         : CohortState::kRunning;
        const char* state_name = state == CohortState::kCompleted ? "'completed'"
                                 : state == CohortState::kPlanned ? "'planned'"
                                                                  : "'running'";
        const absl::Time created = std::min(starts.front() - absl::Hours(24 * 30), now - absl::Hours(2));
        const int64_t lead = clinicians[static_cast<size_t>(k) % clinicians.size()];
        const int64_t co = clinicians[static_cast<size_t>(k + 1) % clinicians.size()];
        cohorts.Add({Lit(cohort_id), org, Quote(absl::StrCat("Bulk group ", k + 1)), Lit(o.template_id), state_name,
                     kNull, Lit(start), Lit(IsoWeekday(start)),
                     Quote(absl::StrFormat("%02d:%02d:00", start_minute / 60, start_minute % 60)),
                     Lit(kSessionMinutes), Quote(kZones[z]), Lit(kCapacity), k % 4 == 0 ? "'open'" : "'closed'",
                     Lit(created), Lit(lead), Lit(created)});
        facilitators.Add({Lit(cohort_id), Lit(lead), "'lead'", Lit(created)});
        facilitators.Add({Lit(cohort_id), Lit(co), "'co'", Lit(created)});

        const int64_t people = bulk_people / bulk_cohorts + (k < bulk_people % bulk_cohorts ? 1 : 0);
        const absl::Time allocated = created + absl::Hours(1);
        const absl::Time joined = allocated + absl::Hours(24);
        std::vector<int64_t> enrolled;
        for (int64_t j = 0; j < people; ++j, ++person) {
          const int64_t referral_id = next_referral++;
          const int64_t enrolment_id = next_enrolment++;
          const int64_t invite_id = next_invite++;
          const std::string name = Quote(absl::StrCat("Bulk Participant ", person + 1));
          const std::string email = Quote(absl::StrCat("bulk.participant.", person + 1, "@bulk.bench.example"));
          referrals.Add({Lit(referral_id), org, name, email, "'GP referral'", "'suitable'", "''", Lit(created),
                         Lit(lead), kNull, Lit(created), Lit(lead)});
          // A planned group's people are invited; everyone else has joined.
          const bool joined_group = state != CohortState::kPlanned;
          std::string user = kNull;
          if (joined_group) {
            const int64_t user_id = next_user++;
            user = Lit(user_id);
            users.Add({user, org, email, name, "'participant'", Quote(hash), "0", "1", Lit(joined), Lit(joined)});
          }
          const char* status = state == CohortState::kPlanned   ? "'invited'"
                               : state == CohortState::kRunning ? "'active'"
                                                                : "'completed'";
          enrolments.Add({Lit(enrolment_id), Lit(cohort_id), Lit(referral_id), user, status, Lit(allocated), Lit(lead),
                          "0", "0", joined_group ? Lit(joined) : kNull, kNull, kNull,
                          state == CohortState::kCompleted ? Lit(last_end) : kNull});
          // The code itself is never stored; any unique 64-character hex stands in for its hash.
          invites.Add({Lit(invite_id), Lit(enrolment_id), Quote(absl::StrFormat("%064x", invite_id)), Lit(allocated),
                       Lit(lead), Lit(allocated + absl::Hours(24 * 14)), kNull,
                       joined_group ? Lit(joined) : kNull});
          enrolled.push_back(enrolment_id);
        }

        for (int w = 0; w < weeks; ++w) {
          const int64_t session_id = next_session++;
          const absl::Time end = starts[w] + absl::Minutes(kSessionMinutes);
          const bool held = end <= now;
          sessions.Add({Lit(session_id), Lit(cohort_id), Lit(w + 1), Lit(w + 1), Lit(locals[w]), Quote(kZones[z]),
                        Lit(starts[w]), Lit(kSessionMinutes), held ? "'held'" : "'scheduled'", kNull, "0",
                        held ? Lit(end) : kNull, Lit(held ? end : created)});
          if (!held) continue;
          for (size_t j = 0; j < enrolled.size(); ++j) {
            const size_t r = j + static_cast<size_t>(w);
            const char* mark = r % 9 == 0 ? "'absent'" : r % 13 == 0 ? "'late'" : "'present'";
            attendance.Add({Lit(session_id), Lit(enrolled[j]), mark, "''", Lit(end), Lit(lead)});
          }
        }
      }
      // Parents first: the foreign keys are checked as in real use.
      cohorts.Send(*st);
      facilitators.Send(*st);
      referrals.Send(*st);
      users.Send(*st);
      enrolments.Send(*st);
      invites.Send(*st);
      sessions.Send(*st);
      attendance.Send(*st);
      conn.commit();
    }

    // Fresh statistics, so the optimiser plans for the data as it now is.
    for (const char* table : {"users", "cohorts", "cohort_facilitators", "referrals", "enrolments", "invites",
                              "cohort_sessions", "attendance", "audit_log"}) {
      std::unique_ptr<sql::ResultSet> rs(st->executeQuery(absl::StrCat("ANALYZE TABLE ", table)));
      while (rs->next()) {
      }
    }
    conn.commit();
  } catch (const sql::SQLException& e) {
    try {
      conn.rollback();
    } catch (const sql::SQLException&) {
    }
    return absl::InternalError(absl::StrCat("bulk seed: ", e.what(), " (", e.getErrorCode(), ")"));
  }
  return absl::OkStatus();
}

}  // namespace cft::bench
