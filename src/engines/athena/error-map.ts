/**
 * Athena failures → QueryFluxError. Two sources:
 * - a query that ends in state FAILED: Status.StateChangeReason (e.g. "TABLE_NOT_FOUND: line
 *   1:15: Table … does not exist", or engine v3's "line 1:8: mismatched input …") and
 *   Status.AthenaError (ErrorCategory 1 = system, 2 = user, 3 = other; Retryable);
 * - an API call that fails: the SDK's service exceptions (InvalidRequestException with
 *   AthenaErrorCode, TooManyRequestsException, InternalServerException) and network errors.
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_AthenaError.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/error-reference.html
 */
import { errors, EngineErrorKind, ErrorCode, QueryFluxError } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'

/** The Status of a finished QueryExecution, as far as the mapping reads it. */
export interface AthenaFailedStatus {
  readonly State?: string
  readonly StateChangeReason?: string
  readonly AthenaError?: { readonly ErrorCategory?: number, readonly ErrorType?: number, readonly Retryable?: boolean, readonly ErrorMessage?: string }
}

/** Error names (Trino's, which Athena's engines print) and message patterns, in order. */
const PATTERNS: ReadonlyArray<[RegExp, EngineErrorKind]> = [
  [/\bSYNTAX_ERROR\b|mismatched input|extraneous input|no viable alternative/i, EngineErrorKind.syntax],
  [/\b(TABLE_NOT_FOUND|MISSING_TABLE)\b|Table ['"]?[^ ]+['"]? does not exist|EntityNotFoundException.*table/i, EngineErrorKind.undefinedTable],
  [/\bCOLUMN_NOT_FOUND\b|Column ['"]?[^ ]+['"]? cannot be resolved/i, EngineErrorKind.undefinedColumn],
  [/\bFUNCTION_NOT_FOUND\b|Function ['"]?[^ ]+['"]? not registered/i, EngineErrorKind.undefinedFunction],
  [/\b(SCHEMA_NOT_FOUND|CATALOG_NOT_FOUND|MISSING_SCHEMA_NAME)\b|Schema ['"]?[^ ]+['"]? does not exist|Database [^ ]+ not found/i, EngineErrorKind.undefinedSchema],
  [/\b(ALREADY_EXISTS|TABLE_ALREADY_EXISTS)\b|already exists/i, EngineErrorKind.duplicateObject],
  [/\bDIVISION_BY_ZERO\b|Division by zero/i, EngineErrorKind.divisionByZero],
  [/\bNUMERIC_VALUE_OUT_OF_RANGE\b|out of range/i, EngineErrorKind.numericOverflow],
  [/\b(INVALID_CAST_ARGUMENT|INVALID_FUNCTION_ARGUMENT|INVALID_LITERAL)\b|Cannot cast/i, EngineErrorKind.invalidValue],
  [/\bTYPE_MISMATCH\b/i, EngineErrorKind.typeMismatch],
  [/\bPERMISSION_DENIED\b|AccessDenied|Access denied|not authorized/i, EngineErrorKind.permissionDenied],
  [/\bEXCEEDED_[A-Z_]+\b|Query exhausted resources/i, EngineErrorKind.insufficientResources],
]

const ERROR_NAME = /^([A-Z][A-Z0-9_]+[A-Z0-9]):\s/
const LOCATION = /line (\d+):(\d+)/

export function engineErrorKindOfMessage (message: string): EngineErrorKind {
  for (const [pattern, kind] of PATTERNS) if (pattern.test(message)) return kind
  return EngineErrorKind.other
}

/** A query that ended FAILED → ENGINE_ERROR (or ENGINE_UNAVAILABLE for a retryable system error). */
export function mapAthenaFailure (status: AthenaFailedStatus, what: string, details: ErrorDetails = {}): QueryFluxError {
  const message = status.StateChangeReason ?? status.AthenaError?.ErrorMessage ?? 'the query failed without a reason'
  const named = ERROR_NAME.exec(message)?.[1]
  const errorType = status.AthenaError?.ErrorType
  const engineCode = named ?? (errorType === undefined ? 'FAILED' : `ATHENA_ERROR_TYPE_${errorType}`)
  const location = LOCATION.exec(message)
  const all: ErrorDetails = {
    ...details, engineCode,
    ...(location === null ? {} : { position: { line: Number(location[1]), column: Number(location[2]) } }),
  }
  if (status.AthenaError?.ErrorCategory === 1 && status.AthenaError.Retryable === true) {
    return errors.engineUnavailable(what, `${message} (a retryable Athena system error)`, status, all)
  }
  return errors.engineError(`${what}: ${message}`, status, { ...all, engineErrorKind: engineErrorKindOfMessage(message) })
}

/** An SDK exception or network failure from an Athena API call → QueryFluxError. */
export function mapAthenaApiError (error: unknown, what: string, details: ErrorDetails = {}): QueryFluxError {
  if (error instanceof QueryFluxError) return error
  const name = (error as { name?: string } | undefined)?.name ?? 'Error'
  const message = error instanceof Error ? error.message : String(error)
  const athenaCode = (error as { AthenaErrorCode?: string } | undefined)?.AthenaErrorCode
  if (name === 'AbortError') return new QueryFluxError(ErrorCode.CANCELLED, 'the query was cancelled', { cause: error, details })
  if (name === 'InvalidRequestException') {
    const kind = athenaCode === 'MALFORMED_QUERY' ? EngineErrorKind.syntax : engineErrorKindOfMessage(message)
    return errors.engineError(`${what}: ${message}`, error, { ...details, engineCode: athenaCode ?? name, engineErrorKind: kind })
  }
  if (/^(UnrecognizedClient|InvalidSignature|AccessDenied|ExpiredToken|InvalidClientTokenId)/.test(name) || name === 'CredentialsProviderError') {
    return errors.engineUnavailable(what, `${message}: check the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the instance role)`, error, { ...details, engineCode: name })
  }
  // Throttling, 5xx, timeouts and sockets: the service cannot take the query now.
  return errors.engineUnavailable(what, `${name}: ${message}`, error, { ...details, engineCode: name })
}
