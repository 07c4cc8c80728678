/**
 * MySQL-wire errors → QueryFluxError. Server errors carry an errno (`err.errno`) and a
 * SQLSTATE; the errno becomes `details.engineCode` and picks `details.engineErrorKind`.
 * Socket and login failures become ENGINE_UNAVAILABLE; a killed query (1317) CANCELLED.
 * @see https://mariadb.com/kb/en/mariadb-error-codes/
 */
import { errors, EngineErrorKind, ErrorCode, QueryFluxError } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'

const BY_ERRNO: Readonly<Record<number, EngineErrorKind>> = {
  1064: EngineErrorKind.syntax, // ER_PARSE_ERROR
  1149: EngineErrorKind.syntax, // ER_SYNTAX_ERROR
  1146: EngineErrorKind.undefinedTable, // ER_NO_SUCH_TABLE
  1051: EngineErrorKind.undefinedTable, // ER_BAD_TABLE_ERROR
  1054: EngineErrorKind.undefinedColumn, // ER_BAD_FIELD_ERROR
  1305: EngineErrorKind.undefinedFunction, // ER_SP_DOES_NOT_EXIST
  1630: EngineErrorKind.undefinedFunction, // ER_FUNC_INEXISTENT_NAME_COLLISION
  1049: EngineErrorKind.undefinedSchema, // ER_BAD_DB_ERROR
  1046: EngineErrorKind.undefinedSchema, // ER_NO_DB_ERROR
  1050: EngineErrorKind.duplicateObject, // ER_TABLE_EXISTS_ERROR
  1007: EngineErrorKind.duplicateObject, // ER_DB_CREATE_EXISTS
  1060: EngineErrorKind.duplicateObject, // ER_DUP_FIELDNAME
  1061: EngineErrorKind.duplicateObject, // ER_DUP_KEYNAME
  1365: EngineErrorKind.divisionByZero, // ER_DIVISION_BY_ZERO
  1264: EngineErrorKind.numericOverflow, // ER_WARN_DATA_OUT_OF_RANGE
  1690: EngineErrorKind.numericOverflow, // ER_DATA_OUT_OF_RANGE
  1292: EngineErrorKind.invalidValue, // ER_TRUNCATED_WRONG_VALUE
  1366: EngineErrorKind.invalidValue, // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
  1406: EngineErrorKind.invalidValue, // ER_DATA_TOO_LONG
  1411: EngineErrorKind.invalidValue, // ER_WRONG_VALUE_FOR_TYPE
  1525: EngineErrorKind.invalidValue, // ER_WRONG_VALUE
  1062: EngineErrorKind.constraintViolation, // ER_DUP_ENTRY
  1048: EngineErrorKind.constraintViolation, // ER_BAD_NULL_ERROR
  1451: EngineErrorKind.constraintViolation, // ER_ROW_IS_REFERENCED_2
  1452: EngineErrorKind.constraintViolation, // ER_NO_REFERENCED_ROW_2
  4025: EngineErrorKind.constraintViolation, // ER_CONSTRAINT_FAILED (MariaDB CHECK)
  3819: EngineErrorKind.constraintViolation, // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
  1044: EngineErrorKind.permissionDenied, // ER_DBACCESS_DENIED_ERROR
  1142: EngineErrorKind.permissionDenied, // ER_TABLEACCESS_DENIED_ERROR
  1143: EngineErrorKind.permissionDenied, // ER_COLUMNACCESS_DENIED_ERROR
  1227: EngineErrorKind.permissionDenied, // ER_SPECIFIC_ACCESS_DENIED_ERROR
  1370: EngineErrorKind.permissionDenied, // ER_PROCACCESS_DENIED_ERROR
  1210: EngineErrorKind.typeMismatch, // ER_WRONG_ARGUMENTS
  1582: EngineErrorKind.typeMismatch, // ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT
  1038: EngineErrorKind.insufficientResources, // ER_OUT_OF_SORTMEMORY
  1114: EngineErrorKind.insufficientResources, // ER_RECORD_FILE_FULL
  1135: EngineErrorKind.insufficientResources, // ER_CANT_CREATE_THREAD
}

/** Errnos that mean the server or the login is the problem, not the query. */
const UNAVAILABLE = new Set([1040, 1045, 1053, 1077, 1081, 1152, 1158, 1159, 1160, 1161, 1184, 1251, 2002, 2003, 2006, 2013, 2055])
const INTERRUPTED = 1317 // ER_QUERY_INTERRUPTED: KILL QUERY
const STATEMENT_TIMEOUT = new Set([1969, 3024]) // MariaDB max_statement_time / MySQL max_execution_time

export function engineErrorKindOf (errno: number): EngineErrorKind {
  return BY_ERRNO[errno] ?? EngineErrorKind.other
}

export function mapMysqlError (error: unknown, what: string, details: ErrorDetails = {}): QueryFluxError {
  if (error instanceof QueryFluxError) return error
  const err = error as { message?: unknown, errno?: unknown, code?: unknown, sqlState?: unknown, fatal?: unknown }
  const message = typeof err?.message === 'string' ? err.message : String(error)
  const errno = typeof err?.errno === 'number' && typeof err.sqlState === 'string' ? err.errno : undefined
  if (errno === undefined) {
    // Socket errors (ECONNREFUSED, ETIMEDOUT, PROTOCOL_CONNECTION_LOST, …) have no server errno.
    return errors.engineUnavailable(what, `${message}: check that the server is up and the cluster endpoint is right`, error, details)
  }
  const engineCode = String(errno)
  if (errno === INTERRUPTED) return new QueryFluxError(ErrorCode.CANCELLED, 'the query was killed on the MySQL-wire server', { cause: error, details: { ...details, engineCode } })
  if (STATEMENT_TIMEOUT.has(errno)) return new QueryFluxError(ErrorCode.QUERY_TIMEOUT, `${what}: ${message}`, { cause: error, details: { ...details, engineCode } })
  if (UNAVAILABLE.has(errno)) {
    const hint = errno === 1045 ? ": check the cluster's auth username/password" : ''
    return errors.engineUnavailable(what, `${message}${hint}`, error, { ...details, engineCode })
  }
  return errors.engineError(`${what}: ${message}`, error, { ...details, engineErrorKind: engineErrorKindOf(errno), engineCode })
}
