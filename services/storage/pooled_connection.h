// Internal to storage: the Connector/C++ objects behind a pooled connection.
#pragma once

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"

namespace cft::storage {

struct PooledConnection {
  std::unique_ptr<sql::Connection> conn;
  // Server-side prepared statements, kept for the life of the connection so a
  // statement costs one round trip, not two (prepare + execute).
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements;
  absl::Time last_used;
  // The owning pool's statement counter (see ConnectionPool::statements_sent).
  std::atomic<int64_t>* pool_statements = nullptr;

  // Statements whose text is built at run time (multi-row INSERTs sized to
  // the data, IN lists) repeat too: a register of 12 is the same text every
  // time. Kept like the named ones, but at most kMaxDynamic of them, so that
  // texts of every size cannot pile up on a connection.
  static constexpr size_t kMaxDynamic = 64;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> dynamic;
  sql::PreparedStatement* PrepareDynamic(const std::string& text) {
    auto it = dynamic.find(text);
    if (it != dynamic.end()) return it->second.get();
    if (dynamic.size() >= kMaxDynamic) dynamic.clear();
    std::unique_ptr<sql::PreparedStatement> ps(conn->prepareStatement(text));
    sql::PreparedStatement* raw = ps.get();
    dynamic.emplace(text, std::move(ps));
    return raw;
  }

  // Prepared once per connection and kept: every named statement is a
  // compile-time constant, so the cache is bounded by the program's text.
  sql::PreparedStatement* Prepare(const char* text) {
    auto it = statements.find(text);
    if (it != statements.end()) return it->second.get();
    std::unique_ptr<sql::PreparedStatement> ps(conn->prepareStatement(text));
    sql::PreparedStatement* raw = ps.get();
    statements.emplace(std::string(text), std::move(ps));
    return raw;
  }
};

}  // namespace cft::storage
