// A narrow SQL API over Connector/C++ so that repositories hold their SQL as
// named constants without ever seeing cppconn types or its exceptions. Every
// call here catches Connector/C++'s exceptions and returns absl::Status.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <variant>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/common/unit_of_work.h"

namespace cft::storage {

// A statement known by name: the name (never the text) appears in errors and logs.
struct SqlStatement {
  const char* name;
  const char* text;
};

// Values bound to `?` placeholders. absl::Time binds as a UTC DATETIME(6),
// CivilDay as DATE, CivilSecond as a zone-less DATETIME.
using SqlValue = std::variant<std::nullptr_t, int64_t, std::string, double, bool, absl::Time,
                              absl::CivilDay, absl::CivilSecond>;

template <typename T>
SqlValue Nullable(const std::optional<T>& value) {
  if (!value) return nullptr;
  return SqlValue(*value);
}

// One row of a result set, valid only inside the Query callback. Columns are
// numbered from 0. A failed conversion records an error that Query returns.
class Row {
 public:
  int column_count() const;
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::string Str(int col) const;
  std::optional<std::string> OptStr(int col) const;
  double Double(int col) const;
  bool Bool(int col) const;
  absl::Time Time(int col) const;
  std::optional<absl::Time> OptTime(int col) const;
  absl::CivilDay Day(int col) const;
  absl::CivilSecond Civil(int col) const;

 private:
  friend class SqlSession;
  Row(void* result_set, absl::Status* error) : rs_(result_set), error_(error) {}
  void Fail(int col, absl::string_view what) const;
  void* rs_;
  absl::Status* error_;
};

struct PooledConnection;

// A unit of work bound to one pooled connection with autocommit off. Created
// by MySqlTransactionRunner; not thread-safe.
class SqlSession final : public UnitOfWork {
 public:
  explicit SqlSession(PooledConnection& conn) : conn_(conn) {}

  // Runs an INSERT/UPDATE/DELETE; returns the number of affected rows.
  absl::StatusOr<int64_t> Execute(const SqlStatement& stmt, std::initializer_list<SqlValue> params);
  // Runs an INSERT into a table with an AUTO_INCREMENT key; returns the new id.
  absl::StatusOr<int64_t> Insert(const SqlStatement& stmt, std::initializer_list<SqlValue> params);
  // Runs a SELECT, calling `on_row` per row; stops early if it returns an error.
  absl::Status Query(const SqlStatement& stmt, std::initializer_list<SqlValue> params,
                     absl::FunctionRef<absl::Status(const Row&)> on_row);
  // Runs a statement whose text is built at run time (multi-row INSERTs sized
  // to the data, IN lists). Prepared statements are kept per connection for
  // the texts seen most recently (a bounded number).
  absl::StatusOr<int64_t> ExecuteDynamic(absl::string_view name, const std::string& text,
                                         const std::vector<SqlValue>& params);
  absl::Status QueryDynamic(absl::string_view name, const std::string& text,
                            const std::vector<SqlValue>& params,
                            absl::FunctionRef<absl::Status(const Row&)> on_row);
  // Runs a statement with no parameters and no result (DDL, SET, GRANT).
  absl::Status ExecuteRaw(absl::string_view name, const std::string& sql);

  // Number of statements sent so far: lets tests prove a call's query count
  // does not grow with the data.
  int64_t statements_sent() const { return statements_sent_; }

  PooledConnection& connection() { return conn_; }

 private:
  // Feeds every row of a result set to `on_row`; may throw Connector/C++'s
  // exceptions, so callers hold the try.
  static absl::Status ReadRows(void* result_set, absl::string_view name,
                               absl::FunctionRef<absl::Status(const Row&)> on_row);
  PooledConnection& conn_;
  int64_t statements_sent_ = 0;
};

// Reaches the SQL session behind a unit of work. Only MySQL repositories call
// this; passing them a fake unit of work is a programming error and aborts.
SqlSession& Sql(UnitOfWork& uow);

// Statements sent by every session of this process: lets tests prove that a
// call's round trips do not grow with the data it reads.
int64_t TotalStatementsSent();

// "(?, ?, ?), (?, ?, ?)" for `rows` rows of `columns` placeholders.
std::string PlaceholderRows(size_t rows, size_t columns);

// DATETIME(6) text for a UTC instant, and back.
std::string FormatDbTime(absl::Time t);
absl::StatusOr<absl::Time> ParseDbTime(absl::string_view text);

}  // namespace cft::storage
