// In-memory AuthRepository with the same observable rules as the MySQL one
// (unique e-mail, live-session filter, staff ordering).
#pragma once

#include <algorithm>
#include <map>

#include "services/auth/auth_repository.h"
#include "tests/support/fakes.h"

namespace cft::testing {

class FakeAuthRepository final : public auth::AuthRepository, public Transactional {
 public:
  struct State {
    std::map<int64_t, auth::Organisation> orgs;
    std::map<int64_t, auth::UserRecord> users;
    struct Session {
      auth::NewSession s;
      std::optional<absl::Time> revoked_at;
    };
    std::map<int64_t, Session> sessions;
    std::map<std::pair<int, std::string>, auth::ThrottleState> throttle;
    std::vector<auth::Revocation> revocations;
    int64_t next_id = 1;
  };

  void Begin() override { saved_ = state_; }
  void Rollback() override { state_ = saved_; }
  State& state() { return state_; }

  absl::StatusOr<int64_t> InsertOrganisation(UnitOfWork&, const std::string& name,
                                             absl::Time now) override {
    for (auto& [id, o] : state_.orgs) {
      if (o.name == name) return absl::AlreadyExistsError("dup");
    }
    int64_t id = state_.next_id++;
    state_.orgs[id] = auth::Organisation{id, name, now};
    return id;
  }
  absl::StatusOr<std::optional<auth::Organisation>> FindOrganisation(UnitOfWork&, int64_t id) override {
    auto it = state_.orgs.find(id);
    if (it == state_.orgs.end()) return std::nullopt;
    return it->second;
  }
  absl::Status SetModuleRelease(UnitOfWork&, int64_t organisation_id, const std::string&) override {
    if (!state_.orgs.count(organisation_id)) return absl::NotFoundError("org: no such organisation");
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<auth::Organisation>> FindOrganisationByName(
      UnitOfWork&, const std::string& name) override {
    for (auto& [id, o] : state_.orgs) {
      if (o.name == name) return o;
    }
    return std::nullopt;
  }
  // The MySQL repository asks the column's collation; here addresses are
  // already normalised, so the key is the address.
  absl::StatusOr<std::string> LoginNameKey(UnitOfWork&, const std::string& email) override { return email; }
  absl::StatusOr<std::optional<auth::UserRecord>> FindUserByEmail(UnitOfWork&,
                                                                  const std::string& email) override {
    for (auto& [id, u] : state_.users) {
      if (u.email == email) return u;
    }
    return std::nullopt;
  }
  absl::StatusOr<std::optional<auth::UserRecord>> FindUser(UnitOfWork&, int64_t id) override {
    auto it = state_.users.find(id);
    if (it == state_.users.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<int64_t> InsertUser(UnitOfWork&, const auth::NewUser& n) override {
    for (auto& [id, u] : state_.users) {
      if (u.email == n.email) return absl::AlreadyExistsError("dup");
    }
    int64_t id = state_.next_id++;
    state_.users[id] = auth::UserRecord{id, n.organisation_id, n.email, n.display_name, n.role,
                                        n.password_hash, n.password_change_required, true,
                                        n.created_at};
    return id;
  }
  absl::Status UpdatePassword(UnitOfWork&, int64_t user_id, const std::string& hash,
                              bool change_required, std::optional<absl::Time>) override {
    auto it = state_.users.find(user_id);
    if (it == state_.users.end()) return absl::NotFoundError("no such account");
    it->second.password_hash = hash;
    it->second.password_change_required = change_required;
    return absl::OkStatus();
  }
  absl::Status SetActive(UnitOfWork&, int64_t user_id, bool active) override {
    auto it = state_.users.find(user_id);
    if (it == state_.users.end()) return absl::NotFoundError("no such account");
    it->second.active = active;
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<auth::UserRecord>> ListStaff(UnitOfWork&, int64_t org,
                                                          bool include_inactive) override {
    std::vector<auth::UserRecord> out;
    for (auto& [id, u] : state_.users) {
      if (u.organisation_id == org && u.role != Role::kParticipant && (u.active || include_inactive)) {
        out.push_back(u);
      }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.display_name < b.display_name; });
    return out;
  }
  absl::StatusOr<int64_t> InsertSession(UnitOfWork&, const auth::NewSession& s) override {
    int64_t id = state_.next_id++;
    state_.sessions[id] = State::Session{s, std::nullopt};
    return id;
  }
  absl::StatusOr<std::optional<auth::LiveSession>> FindLiveSession(UnitOfWork&, const std::string& hash,
                                                                   absl::Time now) override {
    ++live_session_reads_;
    for (auto& [id, s] : state_.sessions) {
      if (s.s.token_hash != hash || s.revoked_at || s.s.expires_at <= now) continue;
      const auth::UserRecord& u = state_.users.at(s.s.user_id);
      if (!u.active) continue;
      return auth::LiveSession{
          .principal = Principal{u.id, u.organisation_id, u.role, id, s.s.expires_at, u.password_change_required},
          .email = u.email,
          .display_name = u.display_name,
          .account_created_at = u.created_at,
          .organisation_name = state_.orgs.at(u.organisation_id).name};
    }
    return std::nullopt;
  }
  // How often the session table was read: the cache's hits read nothing.
  int live_session_reads() const { return live_session_reads_; }

  // The feed, with a fake database clock that tests set.
  absl::Status InsertRevocation(UnitOfWork&, int64_t user_id, std::optional<int64_t> session_id) override {
    state_.revocations.push_back(
        auth::Revocation{.id = state_.next_id++, .user_id = user_id, .session_id = session_id, .recorded_at = db_now});
    return absl::OkStatus();
  }
  absl::StatusOr<auth::RevocationRead> ReadRevocations(UnitOfWork&, std::optional<absl::Time> since) override {
    auth::RevocationRead out{.database_now = db_now};
    for (const auto& r : state_.revocations) {
      if (!since || r.recorded_at >= *since) out.revocations.push_back(r);
    }
    return out;
  }
  absl::StatusOr<int64_t> PurgeRevocations(UnitOfWork&, absl::Duration older_than, int limit) override {
    int64_t n = 0;
    auto& v = state_.revocations;
    for (auto it = v.begin(); it != v.end() && n < limit;) {
      if (it->recorded_at < db_now - older_than) {
        it = v.erase(it);
        ++n;
      } else {
        ++it;
      }
    }
    return n;
  }
  absl::Time db_now = absl::FromUnixSeconds(1'800'000'000);
  absl::Status RevokeSession(UnitOfWork&, int64_t session_id, absl::Time now) override {
    auto it = state_.sessions.find(session_id);
    if (it != state_.sessions.end() && !it->second.revoked_at) it->second.revoked_at = now;
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> PurgeThrottle(UnitOfWork&, absl::Time failures_before, absl::Time now,
                                        int limit) override {
    int64_t n = 0;
    for (auto it = state_.throttle.begin(); it != state_.throttle.end() && n < limit;) {
      const auto& t = it->second;
      if (t.last_failure_at < failures_before && (!t.locked_until || *t.locked_until < now)) {
        it = state_.throttle.erase(it);
        ++n;
      } else {
        ++it;
      }
    }
    return n;
  }
  absl::StatusOr<int64_t> PurgeSessions(UnitOfWork&, absl::Time expired_before, int limit) override {
    int64_t n = 0;
    for (auto it = state_.sessions.begin(); it != state_.sessions.end() && n < limit;) {
      if (it->second.s.expires_at < expired_before) {
        it = state_.sessions.erase(it);
        ++n;
      } else {
        ++it;
      }
    }
    return n;
  }
  absl::Status RevokeUserSessions(UnitOfWork&, int64_t user_id, int64_t keep,
                                  absl::Time now) override {
    for (auto& [id, s] : state_.sessions) {
      if (s.s.user_id == user_id && id != keep && !s.revoked_at) s.revoked_at = now;
    }
    return absl::OkStatus();
  }
  absl::Status LockThrottleRows(UnitOfWork&, auth::ThrottleScope scope, const std::vector<std::string>& keys,
                                absl::Time now) override {
    for (const std::string& key : keys) {
      state_.throttle.try_emplace({static_cast<int>(scope), key},
                                  auth::ThrottleState{.failures = 0, .window_started_at = now, .last_failure_at = now});
    }
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<auth::ThrottleState>> GetThrottle(UnitOfWork&, auth::ThrottleScope scope,
                                                                 const std::string& key,
                                                                 bool) override {
    auto it = state_.throttle.find({static_cast<int>(scope), key});
    if (it == state_.throttle.end()) return std::nullopt;
    return it->second;
  }
  absl::Status PutThrottle(UnitOfWork&, auth::ThrottleScope scope, const std::string& key,
                           const auth::ThrottleState& s) override {
    state_.throttle[{static_cast<int>(scope), key}] = s;
    return absl::OkStatus();
  }
  absl::Status ClearThrottle(UnitOfWork&, auth::ThrottleScope scope, const std::string& key) override {
    state_.throttle.erase({static_cast<int>(scope), key});
    return absl::OkStatus();
  }
  absl::StatusOr<auth::DatabaseCounts> Counts(UnitOfWork&, absl::Time) override {
    return auth::DatabaseCounts{static_cast<int64_t>(state_.orgs.size()),
                                static_cast<int64_t>(state_.users.size()),
                                static_cast<int64_t>(state_.sessions.size()), 0};
  }

 private:
  State state_;
  State saved_;
  int live_session_reads_ = 0;
};

}  // namespace cft::testing
