/**
 * ClickHouse exceptions → QueryFluxError. The HTTP interface answers a failed query with a
 * non-200 status and a body `Code: 60, e.displayText() = DB::Exception: Table x doesn't exist`
 * (18.x) or `Code: 60. DB::Exception: … (UNKNOWN_TABLE)` (newer); the code becomes
 * `details.engineCode` and picks `details.engineErrorKind`.
 * @see https://github.com/ClickHouse/ClickHouse/blob/master/src/Common/ErrorCodes.cpp
 */
import { errors, EngineErrorKind, ErrorCode, QueryFluxError } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'

const BY_CODE: Readonly<Record<number, EngineErrorKind>> = {
  62: EngineErrorKind.syntax, // SYNTAX_ERROR
  60: EngineErrorKind.undefinedTable, // UNKNOWN_TABLE
  47: EngineErrorKind.undefinedColumn, // UNKNOWN_IDENTIFIER
  16: EngineErrorKind.undefinedColumn, // NO_SUCH_COLUMN_IN_TABLE
  46: EngineErrorKind.undefinedFunction, // UNKNOWN_FUNCTION
  63: EngineErrorKind.undefinedFunction, // UNKNOWN_AGGREGATE_FUNCTION
  81: EngineErrorKind.undefinedSchema, // UNKNOWN_DATABASE
  57: EngineErrorKind.duplicateObject, // TABLE_ALREADY_EXISTS
  82: EngineErrorKind.duplicateObject, // DATABASE_ALREADY_EXISTS
  43: EngineErrorKind.typeMismatch, // ILLEGAL_TYPE_OF_ARGUMENT
  44: EngineErrorKind.typeMismatch, // ILLEGAL_COLUMN (a column of a type the function cannot take)
  53: EngineErrorKind.typeMismatch, // TYPE_MISMATCH
  70: EngineErrorKind.typeMismatch, // CANNOT_CONVERT_TYPE
  386: EngineErrorKind.typeMismatch, // NO_COMMON_TYPE
  42: EngineErrorKind.typeMismatch, // NUMBER_OF_ARGUMENTS_DOESNT_MATCH
  153: EngineErrorKind.divisionByZero, // ILLEGAL_DIVISION (intDiv/modulo by zero)
  69: EngineErrorKind.numericOverflow, // ARGUMENT_OUT_OF_BOUND
  321: EngineErrorKind.numericOverflow, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  407: EngineErrorKind.numericOverflow, // DECIMAL_OVERFLOW
  6: EngineErrorKind.invalidValue, // CANNOT_PARSE_TEXT
  27: EngineErrorKind.invalidValue, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  38: EngineErrorKind.invalidValue, // CANNOT_PARSE_DATE
  41: EngineErrorKind.invalidValue, // CANNOT_PARSE_DATETIME
  72: EngineErrorKind.invalidValue, // CANNOT_PARSE_NUMBER
  36: EngineErrorKind.invalidValue, // BAD_ARGUMENTS
  395: EngineErrorKind.invalidValue, // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO
  497: EngineErrorKind.permissionDenied, // ACCESS_DENIED
  164: EngineErrorKind.permissionDenied, // READONLY
  241: EngineErrorKind.insufficientResources, // MEMORY_LIMIT_EXCEEDED
  202: EngineErrorKind.insufficientResources, // TOO_MANY_SIMULTANEOUS_QUERIES
  158: EngineErrorKind.insufficientResources, // TOO_MANY_ROWS
  396: EngineErrorKind.insufficientResources, // TOO_MANY_ROWS_OR_BYTES
}

/** Login and server-side failures: the cluster cannot take queries. */
const UNAVAILABLE = new Set([192, 193, 194, 195, 516, 210, 209])
const CANCELLED = 394 // QUERY_WAS_CANCELLED
const TIMEOUT = 159 // TIMEOUT_EXCEEDED (max_execution_time)

export function engineErrorKindOf (code: number): EngineErrorKind {
  return BY_CODE[code] ?? EngineErrorKind.other
}

/** `Code: N` and the message of an exception text, or undefined if `text` is none. */
export function parseException (text: string): { code: number, message: string } | undefined {
  const match = /^Code: (\d+)[.,]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?([\s\S]*?)(?:, e\.what\(\) = DB::Exception)?\s*$/.exec(text.trim())
  if (match === null) return undefined
  return { code: Number(match[1]), message: match[2]!.replace(/\s*\(version [^)]*\)\s*$/, '') }
}

/**
 * What the server sent, kept as the `cause` of the mapped error (ClickHouse sends text, not an
 * error object): the exception's code and message when the text is one, the text (cut to 4 KiB)
 * and the HTTP status.
 */
export interface ClickHouseServerError {
  readonly code?: number
  readonly message?: string
  readonly text: string
  readonly httpStatus?: number
}

/** An exception text the server sent (status ≠ 200, or mid-stream) → QueryFluxError. */
export function mapClickHouseException (text: string, what: string, details: ErrorDetails = {}, status?: number): QueryFluxError {
  const parsed = parseException(text)
  const cause: ClickHouseServerError = {
    ...(parsed === undefined ? {} : { code: parsed.code, message: parsed.message }),
    text: text.slice(0, 4096),
    ...(status === undefined ? {} : { httpStatus: status }),
  }
  if (parsed === undefined) {
    const reason = `HTTP ${status ?? '?'}: ${text.trim().slice(0, 500) || 'empty response'}`
    return status !== undefined && status >= 500 && status !== 500
      ? errors.engineUnavailable(what, reason, cause, details)
      : errors.engineError(`${what}: ${reason}`, cause, { ...details, engineErrorKind: EngineErrorKind.other })
  }
  const engineCode = String(parsed.code)
  if (parsed.code === CANCELLED) return new QueryFluxError(ErrorCode.CANCELLED, 'the query was cancelled on the ClickHouse server', { cause, details: { ...details, engineCode } })
  if (parsed.code === TIMEOUT) return new QueryFluxError(ErrorCode.QUERY_TIMEOUT, `${what}: ${parsed.message}`, { cause, details: { ...details, engineCode } })
  if (UNAVAILABLE.has(parsed.code)) {
    return errors.engineUnavailable(what, `${parsed.message}: check the cluster's auth username/password`, cause, { ...details, engineCode })
  }
  return errors.engineError(`${what}: ${parsed.message}`, cause, { ...details, engineErrorKind: engineErrorKindOf(parsed.code), engineCode })
}

/** Socket-level failures (refused, reset, DNS, TLS) → ENGINE_UNAVAILABLE. */
export function mapClickHouseTransportError (error: unknown, what: string, details: ErrorDetails = {}): QueryFluxError {
  if (error instanceof QueryFluxError) return error
  const message = error instanceof Error ? error.message : String(error)
  return errors.engineUnavailable(what, `${message}: check that the server is up and the cluster endpoint is right`, error, details)
}
