#include "services/storage/sql_errors.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace cft::storage {

bool IsConnectionLost(int error_code) {
  switch (error_code) {
    case 2002:  // CR_CONNECTION_ERROR (socket)
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
      return true;
    default:
      return false;
  }
}

namespace {

absl::Status Classify(int error_code, std::string message) {
  if (IsConnectionLost(error_code)) return absl::UnavailableError(message);
  switch (error_code) {
    case 1062:  // ER_DUP_ENTRY
    case 1586:  // ER_DUP_ENTRY_WITH_KEY_NAME
      return absl::AlreadyExistsError(message);
    case 1451:  // ER_ROW_IS_REFERENCED_2: a parent row still has children
    case 1452:  // ER_NO_REFERENCED_ROW_2: the referenced row is missing
    case 3819:  // ER_CHECK_CONSTRAINT_VIOLATED (MySQL 8)
    case 4025:  // ER_CONSTRAINT_FAILED (MariaDB)
      return absl::FailedPreconditionError(message);
    case 1213:  // ER_LOCK_DEADLOCK
    case 1205:  // ER_LOCK_WAIT_TIMEOUT
    case 1180:  // ER_ERROR_DURING_COMMIT (Galera certification failure)
      return absl::AbortedError(message);
    case 1040:  // ER_CON_COUNT_ERROR
    case 1203:  // ER_TOO_MANY_USER_CONNECTIONS
    case 1047:  // ER_UNKNOWN_COM_ERROR: a Galera node not ready for queries
      return absl::UnavailableError(message);
    case 1044:  // ER_DBACCESS_DENIED_ERROR
    case 1045:  // ER_ACCESS_DENIED_ERROR
    case 1142:  // ER_TABLEACCESS_DENIED_ERROR
    case 1143:  // ER_COLUMNACCESS_DENIED_ERROR
      // The service's own database account lacks a grant: a fault of the
      // installation, not a refusal of the caller, so not PERMISSION_DENIED
      // (which clients and the audit trail read as an access decision).
      return absl::InternalError(message);
    case 1406:  // ER_DATA_TOO_LONG
    case 1264:  // ER_WARN_DATA_OUT_OF_RANGE
    case 1366:  // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
      // Validation should have caught these; reaching the database is a bug.
      return absl::InternalError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace

absl::Status StatusFromMySqlError(int error_code, absl::string_view sql_state,
                                  absl::string_view context) {
  std::string message = absl::StrCat(context, ": database error ", error_code);
  if (!sql_state.empty()) absl::StrAppend(&message, " (SQLSTATE ", sql_state, ")");
  return WithOperatorDetail(Classify(error_code, std::move(message)));
}

}  // namespace cft::storage
