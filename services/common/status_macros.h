// Status propagation macros with the names and shapes abseil later adopted, so
// that an abseil upgrade (Debian 12 ships 20220623, which has none) is a rename.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CFT_STATUS_CONCAT_INNER(a, b) a##b
#define CFT_STATUS_CONCAT(a, b) CFT_STATUS_CONCAT_INNER(a, b)

// __COUNTER__ gives each expansion its own variable, so nested uses (a
// RETURN_IF_ERROR inside a lambda passed to another) do not shadow.
#define RETURN_IF_ERROR(expr) CFT_RETURN_IF_ERROR_IMPL(CFT_STATUS_CONCAT(cft_status_, __COUNTER__), expr)
#define CFT_RETURN_IF_ERROR_IMPL(var, expr) \
  do {                                      \
    ::absl::Status var = (expr);            \
    if (!var.ok()) return var;              \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, rexpr) \
  CFT_ASSIGN_OR_RETURN_IMPL(CFT_STATUS_CONCAT(cft_statusor_, __COUNTER__), lhs, rexpr)

#define CFT_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                              \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
