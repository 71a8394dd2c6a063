#include "services/storage/sql.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "services/common/log.h"
#include "services/storage/pooled_connection.h"
#include "services/storage/sql_errors.h"

namespace cft::storage {
namespace {

absl::Status FromException(const sql::SQLException& e, absl::string_view context) {
  return StatusFromMySqlError(e.getErrorCode(), e.getSQLStateCStr(), context);
}

std::string FormatCivilSecond(absl::CivilSecond cs) {
  return absl::StrFormat("%04d-%02d-%02d %02d:%02d:%02d", cs.year(), cs.month(), cs.day(),
                         cs.hour(), cs.minute(), cs.second());
}

template <typename Container>
void Bind(sql::PreparedStatement* ps, const Container& params) {
  int i = 1;
  for (const SqlValue& v : params) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            ps->setNull(i, sql::DataType::VARCHAR);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            ps->setInt64(i, x);
          } else if constexpr (std::is_same_v<T, std::string>) {
            ps->setString(i, sql::SQLString(x));
          } else if constexpr (std::is_same_v<T, double>) {
            ps->setDouble(i, x);
          } else if constexpr (std::is_same_v<T, bool>) {
            ps->setBoolean(i, x);
          } else if constexpr (std::is_same_v<T, absl::Time>) {
            ps->setString(i, sql::SQLString(FormatDbTime(x)));
          } else if constexpr (std::is_same_v<T, absl::CivilDay>) {
            ps->setString(i, sql::SQLString(absl::StrFormat("%04d-%02d-%02d", x.year(), x.month(),
                                                            x.day())));
          } else if constexpr (std::is_same_v<T, absl::CivilSecond>) {
            ps->setString(i, sql::SQLString(FormatCivilSecond(x)));
          }
        },
        v);
    ++i;
  }
}

sql::ResultSet* Rs(void* p) { return static_cast<sql::ResultSet*>(p); }

std::atomic<int64_t> g_statements{0};

void CountStatement(int64_t& per_session, PooledConnection& conn) {
  ++per_session;
  g_statements.fetch_add(1, std::memory_order_relaxed);
  if (conn.pool_statements != nullptr) conn.pool_statements->fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

int64_t TotalStatementsSent() { return g_statements.load(std::memory_order_relaxed); }

std::string FormatDbTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

absl::StatusOr<absl::Time> ParseDbTime(absl::string_view text) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", text, absl::UTCTimeZone(), &t, &err)) {
    return absl::InternalError(absl::StrCat("unparseable DATETIME value: ", err));
  }
  return t;
}

SqlSession& Sql(UnitOfWork& uow) {
  auto* session = dynamic_cast<SqlSession*>(&uow);
  if (session == nullptr) {
    LogError("a MySQL repository was given a unit of work that is not a SqlSession");
    std::abort();
  }
  return *session;
}

void Row::Fail(int col, absl::string_view what) const {
  if (error_->ok()) {
    *error_ = absl::InternalError(absl::StrCat("column ", col, ": cannot read as ", what));
  }
}

int Row::column_count() const {
  try {
    return static_cast<int>(Rs(rs_)->getMetaData()->getColumnCount());
  } catch (const sql::SQLException&) {
    Fail(0, "metadata");
    return 0;
  }
}

bool Row::IsNull(int col) const {
  try {
    return Rs(rs_)->isNull(col + 1);
  } catch (const sql::SQLException&) {
    Fail(col, "nullable");
    return true;
  }
}

int64_t Row::Int(int col) const {
  try {
    return Rs(rs_)->getInt64(col + 1);
  } catch (const sql::SQLException&) {
    Fail(col, "integer");
    return 0;
  }
}

std::optional<int64_t> Row::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Row::Str(int col) const {
  try {
    return Rs(rs_)->getString(col + 1).asStdString();
  } catch (const sql::SQLException&) {
    Fail(col, "string");
    return {};
  }
}

std::optional<std::string> Row::OptStr(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Str(col);
}

double Row::Double(int col) const {
  try {
    return static_cast<double>(Rs(rs_)->getDouble(col + 1));
  } catch (const sql::SQLException&) {
    Fail(col, "double");
    return 0;
  }
}

bool Row::Bool(int col) const {
  try {
    return Rs(rs_)->getBoolean(col + 1);
  } catch (const sql::SQLException&) {
    Fail(col, "boolean");
    return false;
  }
}

absl::Time Row::Time(int col) const {
  auto t = ParseDbTime(Str(col));
  if (!t.ok()) {
    Fail(col, "DATETIME");
    return absl::InfinitePast();
  }
  return *t;
}

std::optional<absl::Time> Row::OptTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}

absl::CivilDay Row::Day(int col) const {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(Str(col), &day)) Fail(col, "DATE");
  return day;
}

absl::CivilSecond Row::Civil(int col) const {
  absl::CivilSecond cs;
  std::string text = absl::StrReplaceAll(Str(col), {{" ", "T"}});
  // DATETIME(6) columns carry a fraction that CivilSecond does not.
  if (auto dot = text.find('.'); dot != std::string::npos) text.resize(dot);
  if (!absl::ParseCivilTime(text, &cs)) Fail(col, "DATETIME");
  return cs;
}

absl::Status SqlSession::ReadRows(void* result_set, absl::string_view name,
                                  absl::FunctionRef<absl::Status(const Row&)> on_row) {
  auto* rs = Rs(result_set);
  absl::Status row_error;
  Row row(rs, &row_error);
  while (rs->next()) {
    absl::Status s = on_row(row);
    if (!row_error.ok()) return absl::Status(row_error.code(), absl::StrCat(name, ": ", row_error.message()));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqlSession::Execute(const SqlStatement& stmt,
                                            std::initializer_list<SqlValue> params) {
  try {
    sql::PreparedStatement* ps = conn_.Prepare(stmt.text);
    Bind(ps, params);
    CountStatement(statements_sent_, conn_);
    return static_cast<int64_t>(ps->executeUpdate());
  } catch (const sql::SQLException& e) {
    return FromException(e, stmt.name);
  }
}

absl::StatusOr<int64_t> SqlSession::Insert(const SqlStatement& stmt,
                                           std::initializer_list<SqlValue> params) {
  try {
    sql::PreparedStatement* ps = conn_.Prepare(stmt.text);
    Bind(ps, params);
    CountStatement(statements_sent_, conn_);
    ps->executeUpdate();
    // Connector/C++ 1.1 has no generated-keys API, and INSERT ... RETURNING is
    // MariaDB-only: one more round trip keeps the SQL portable to MySQL 8.
    sql::PreparedStatement* id_ps = conn_.Prepare("SELECT LAST_INSERT_ID()");
    CountStatement(statements_sent_, conn_);
    std::unique_ptr<sql::ResultSet> rs(id_ps->executeQuery());
    if (!rs->next()) return absl::InternalError(absl::StrCat(stmt.name, ": no insert id"));
    return static_cast<int64_t>(rs->getInt64(1));
  } catch (const sql::SQLException& e) {
    return FromException(e, stmt.name);
  }
}

absl::Status SqlSession::Query(const SqlStatement& stmt, std::initializer_list<SqlValue> params,
                               absl::FunctionRef<absl::Status(const Row&)> on_row) {
  try {
    sql::PreparedStatement* ps = conn_.Prepare(stmt.text);
    Bind(ps, params);
    CountStatement(statements_sent_, conn_);
    std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
    return ReadRows(rs.get(), stmt.name, on_row);
  } catch (const sql::SQLException& e) {
    return FromException(e, stmt.name);
  }
}

absl::StatusOr<int64_t> SqlSession::ExecuteDynamic(absl::string_view name, const std::string& text,
                                                   const std::vector<SqlValue>& params) {
  try {
    sql::PreparedStatement* ps = conn_.PrepareDynamic(text);
    Bind(ps, params);
    CountStatement(statements_sent_, conn_);
    return static_cast<int64_t>(ps->executeUpdate());
  } catch (const sql::SQLException& e) {
    return FromException(e, name);
  }
}

absl::Status SqlSession::QueryDynamic(absl::string_view name, const std::string& text,
                                      const std::vector<SqlValue>& params,
                                      absl::FunctionRef<absl::Status(const Row&)> on_row) {
  try {
    sql::PreparedStatement* ps = conn_.PrepareDynamic(text);
    Bind(ps, params);
    CountStatement(statements_sent_, conn_);
    std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
    return ReadRows(rs.get(), name, on_row);
  } catch (const sql::SQLException& e) {
    return FromException(e, name);
  }
}

std::string PlaceholderRows(size_t rows, size_t columns) {
  std::string one = "(";
  for (size_t c = 0; c < columns; ++c) absl::StrAppend(&one, c == 0 ? "?" : ", ?");
  one += ")";
  std::string out;
  for (size_t r = 0; r < rows; ++r) absl::StrAppend(&out, r == 0 ? "" : ", ", one);
  return out;
}

absl::Status SqlSession::ExecuteRaw(absl::string_view name, const std::string& sql_text) {
  try {
    std::unique_ptr<sql::Statement> st(conn_.conn->createStatement());
    CountStatement(statements_sent_, conn_);
    st->execute(sql::SQLString(sql_text));
    // A statement that returned rows must have them consumed before the next one.
    do {
      std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
    } while (st->getMoreResults());
    return absl::OkStatus();
  } catch (const sql::SQLException& e) {
    return FromException(e, name);
  }
}

}  // namespace cft::storage
