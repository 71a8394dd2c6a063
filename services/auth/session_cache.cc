#include "services/auth/session_cache.h"

#include <vector>

namespace cft::auth {

uint64_t SessionCache::epoch() const {
  absl::MutexLock lock(&mu_);
  return epoch_;
}

std::shared_ptr<const CachedSession> SessionCache::Find(const std::string& token_hash) {
  absl::MutexLock lock(&mu_);
  auto it = by_token_.find(token_hash);
  if (it == by_token_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->session;
}

std::shared_ptr<const CachedSession> SessionCache::FindBySession(int64_t session_id) {
  absl::MutexLock lock(&mu_);
  auto it = by_session_.find(session_id);
  if (it == by_session_.end()) return nullptr;
  return it->second->session;
}

void SessionCache::Put(const std::string& token_hash, CachedSession session, uint64_t epoch) {
  if (capacity_ == 0) return;
  auto shared = std::make_shared<const CachedSession>(std::move(session));
  absl::MutexLock lock(&mu_);
  if (epoch != epoch_) return;
  if (auto it = by_token_.find(token_hash); it != by_token_.end()) EraseLocked(it->second);
  lru_.push_front(Entry{token_hash, shared});
  by_token_[token_hash] = lru_.begin();
  by_session_[shared->principal.session_id] = lru_.begin();
  by_user_.emplace(shared->principal.user_id, lru_.begin());
  while (lru_.size() > capacity_) EraseLocked(std::prev(lru_.end()));
}

void SessionCache::EraseLocked(Lru::iterator it) {
  const Principal& p = it->session->principal;
  by_token_.erase(it->token_hash);
  if (auto s = by_session_.find(p.session_id); s != by_session_.end() && s->second == it) by_session_.erase(s);
  auto [first, last] = by_user_.equal_range(p.user_id);
  for (auto u = first; u != last; ++u) {
    if (u->second == it) {
      by_user_.erase(u);
      break;
    }
  }
  lru_.erase(it);
}

int SessionCache::EvictSession(int64_t session_id) {
  absl::MutexLock lock(&mu_);
  ++epoch_;
  auto it = by_session_.find(session_id);
  if (it == by_session_.end()) return 0;
  EraseLocked(it->second);
  return 1;
}

int SessionCache::EvictUser(int64_t user_id) {
  absl::MutexLock lock(&mu_);
  ++epoch_;
  std::vector<Lru::iterator> victims;
  auto [first, last] = by_user_.equal_range(user_id);
  for (auto u = first; u != last; ++u) victims.push_back(u->second);
  for (auto it : victims) EraseLocked(it);
  return static_cast<int>(victims.size());
}

void SessionCache::Clear() {
  absl::MutexLock lock(&mu_);
  ++epoch_;
  by_token_.clear();
  by_session_.clear();
  by_user_.clear();
  lru_.clear();
}

size_t SessionCache::size() const {
  absl::MutexLock lock(&mu_);
  return lru_.size();
}

}  // namespace cft::auth
