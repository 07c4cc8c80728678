/**
 * Trino query errors → QueryFluxError. A failed query's response carries an `error` object
 * (`QueryError`: message, errorCode, errorName, errorType, errorLocation, failureInfo); the
 * errorName becomes `details.engineCode` and picks `details.engineErrorKind`, errorLocation the
 * position.
 * @see https://github.com/trinodb/trino/blob/master/core/trino-spi/src/main/java/io/trino/spi/StandardErrorCode.java
 */
import { errors, EngineErrorKind, ErrorCode, QueryFluxError } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'

/** The `error` member of a Trino response. */
export interface TrinoQueryError {
  readonly message?: string
  readonly errorCode?: number
  readonly errorName?: string
  /** USER_ERROR, INTERNAL_ERROR, INSUFFICIENT_RESOURCES, EXTERNAL. */
  readonly errorType?: string
  readonly errorLocation?: { readonly lineNumber: number, readonly columnNumber: number }
  readonly failureInfo?: unknown
}

const BY_NAME: Readonly<Record<string, EngineErrorKind>> = {
  SYNTAX_ERROR: EngineErrorKind.syntax,
  TABLE_NOT_FOUND: EngineErrorKind.undefinedTable,
  MISSING_TABLE: EngineErrorKind.undefinedTable,
  VIEW_NOT_FOUND: EngineErrorKind.undefinedTable,
  COLUMN_NOT_FOUND: EngineErrorKind.undefinedColumn,
  MISSING_COLUMN_NAME: EngineErrorKind.undefinedColumn,
  FUNCTION_NOT_FOUND: EngineErrorKind.undefinedFunction,
  SCHEMA_NOT_FOUND: EngineErrorKind.undefinedSchema,
  CATALOG_NOT_FOUND: EngineErrorKind.undefinedSchema,
  MISSING_SCHEMA_NAME: EngineErrorKind.undefinedSchema,
  MISSING_CATALOG_NAME: EngineErrorKind.undefinedSchema,
  TABLE_ALREADY_EXISTS: EngineErrorKind.duplicateObject,
  SCHEMA_ALREADY_EXISTS: EngineErrorKind.duplicateObject,
  COLUMN_ALREADY_EXISTS: EngineErrorKind.duplicateObject,
  ALREADY_EXISTS: EngineErrorKind.duplicateObject,
  DUPLICATE_COLUMN_NAME: EngineErrorKind.duplicateObject,
  TYPE_MISMATCH: EngineErrorKind.typeMismatch,
  TYPE_NOT_FOUND: EngineErrorKind.typeMismatch,
  FUNCTION_IMPLEMENTATION_MISSING: EngineErrorKind.typeMismatch,
  DIVISION_BY_ZERO: EngineErrorKind.divisionByZero,
  NUMERIC_VALUE_OUT_OF_RANGE: EngineErrorKind.numericOverflow,
  INVALID_CAST_ARGUMENT: EngineErrorKind.invalidValue,
  INVALID_FUNCTION_ARGUMENT: EngineErrorKind.invalidValue,
  INVALID_LITERAL: EngineErrorKind.invalidValue,
  INVALID_ARGUMENTS: EngineErrorKind.invalidValue,
  INVALID_PARAMETER_USAGE: EngineErrorKind.invalidValue,
  CONSTRAINT_VIOLATION: EngineErrorKind.constraintViolation,
  PERMISSION_DENIED: EngineErrorKind.permissionDenied,
  NOT_SUPPORTED: EngineErrorKind.other,
}

/** The server cannot take queries right now; another cluster may. */
const UNAVAILABLE = new Set(['SERVER_STARTING_UP', 'SERVER_SHUTTING_DOWN', 'NO_NODES_AVAILABLE'])
const CANCELLED = new Set(['USER_CANCELED', 'ADMINISTRATIVELY_KILLED', 'ADMINISTRATIVELY_PREEMPTED'])
const TIMED_OUT = new Set(['EXCEEDED_TIME_LIMIT'])

export function engineErrorKindOf (error: TrinoQueryError): EngineErrorKind {
  const byName = error.errorName === undefined ? undefined : BY_NAME[error.errorName]
  if (byName !== undefined) return byName
  if (error.errorType === 'INSUFFICIENT_RESOURCES') return EngineErrorKind.insufficientResources
  return EngineErrorKind.other
}

/** A query's `error` object → QueryFluxError; `what` names the cluster ("Trino cluster 'x'"). */
export function mapTrinoError (error: TrinoQueryError, what: string, details: ErrorDetails = {}): QueryFluxError {
  const engineCode = error.errorName ?? String(error.errorCode ?? 'UNKNOWN')
  const message = error.message ?? engineCode
  const position = error.errorLocation === undefined
    ? undefined
    : { line: error.errorLocation.lineNumber, column: error.errorLocation.columnNumber }
  const all: ErrorDetails = { ...details, engineCode, ...(position === undefined ? {} : { position }) }
  if (CANCELLED.has(engineCode)) return new QueryFluxError(ErrorCode.CANCELLED, `the query was cancelled on the Trino server: ${message}`, { cause: error, details: all })
  if (TIMED_OUT.has(engineCode)) return new QueryFluxError(ErrorCode.QUERY_TIMEOUT, `${what}: ${message}`, { cause: error, details: all })
  if (UNAVAILABLE.has(engineCode)) return errors.engineUnavailable(what, message, error, all)
  return errors.engineError(`${what}: ${message}`, error, { ...all, engineErrorKind: engineErrorKindOf(error) })
}

/** A response that is not a query document (HTTP status ≠ 200) → QueryFluxError. */
export function mapTrinoHttpStatus (status: number, body: string, what: string, details: ErrorDetails = {}): QueryFluxError {
  const text = body.trim().slice(0, 500) || 'empty response'
  if (status === 401 || status === 403) {
    return errors.engineUnavailable(what, `HTTP ${status} ${text}: check the cluster's auth (basic username/password or bearer token) and that it is sent over https`, undefined, { ...details, engineCode: `HTTP_${status}` })
  }
  if (status >= 500 || status === 429) return errors.engineUnavailable(what, `HTTP ${status}: ${text}`, undefined, { ...details, engineCode: `HTTP_${status}` })
  return errors.engineError(`${what}: HTTP ${status}: ${text}`, undefined, { ...details, engineCode: `HTTP_${status}`, engineErrorKind: EngineErrorKind.other })
}

/** Socket-level failures (refused, reset, DNS, TLS, unparsable body) → ENGINE_UNAVAILABLE. */
export function mapTrinoTransportError (error: unknown, what: string, details: ErrorDetails = {}): QueryFluxError {
  if (error instanceof QueryFluxError) return error
  const message = error instanceof Error ? error.message : String(error)
  return errors.engineUnavailable(what, `${message}: check that the server is up and the cluster endpoint is right`, error, details)
}
