// Live sessions held in memory so that authenticating a call costs no
// database round trip. Bounded (least recently used entries go first) and
// evicted by session or by user when a session ends or an account changes;
// the AuthService fills it and decides when it may be trusted. Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/principal.h"

namespace cft::auth {

struct CachedSession {
  Principal principal;
  // What WhoAmI answers, so that it too needs no database.
  std::string email;
  std::string display_name;
  bool active = true;
  absl::Time account_created_at;
  std::string organisation_name;
  // When it was read from the database (the domain clock): entries are
  // re-read after a maximum age whatever the revocation feed says.
  absl::Time loaded_at;
};

class SessionCache {
 public:
  explicit SessionCache(size_t capacity) : capacity_(capacity) {}

  // The epoch changes with every eviction. A caller notes it before reading
  // a session from the database and passes it to Put, which drops the entry
  // if anything was evicted meanwhile: a revocation that committed during
  // the read can never be undone by a late Put.
  uint64_t epoch() const;

  std::shared_ptr<const CachedSession> Find(const std::string& token_hash);
  std::shared_ptr<const CachedSession> FindBySession(int64_t session_id);
  void Put(const std::string& token_hash, CachedSession session, uint64_t epoch);
  // Both return how many entries went.
  int EvictSession(int64_t session_id);
  int EvictUser(int64_t user_id);
  void Clear();
  size_t size() const;

 private:
  struct Entry {
    std::string token_hash;
    std::shared_ptr<const CachedSession> session;
  };
  using Lru = std::list<Entry>;
  void EraseLocked(Lru::iterator it) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t capacity_;
  mutable absl::Mutex mu_;
  Lru lru_ ABSL_GUARDED_BY(mu_);  // most recently used first
  std::unordered_map<std::string, Lru::iterator> by_token_ ABSL_GUARDED_BY(mu_);
  std::unordered_map<int64_t, Lru::iterator> by_session_ ABSL_GUARDED_BY(mu_);
  std::unordered_multimap<int64_t, Lru::iterator> by_user_ ABSL_GUARDED_BY(mu_);
  uint64_t epoch_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace cft::auth
