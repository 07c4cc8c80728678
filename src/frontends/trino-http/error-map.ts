/**
 * QueryFluxError → the `error` object of Trino's QueryResults (io.trino.client.QueryError):
 * errorName, errorCode and errorType from Trino's StandardErrorCode, the message, the
 * position as errorLocation, and a failureInfo. ENGINE_ERROR is refined by
 * details.engineErrorKind (syntax → SYNTAX_ERROR, undefinedTable → TABLE_NOT_FOUND, …), and a
 * Trino engine's own error name passes through unchanged.
 * @see https://github.com/trinodb/trino/blob/master/core/trino-spi/src/main/java/io/trino/spi/StandardErrorCode.java
 */
import type { EngineErrorKind, ErrorCode, QueryFluxError } from '../../core/errors.ts'

export type TrinoErrorType = 'USER_ERROR' | 'INTERNAL_ERROR' | 'INSUFFICIENT_RESOURCES' | 'EXTERNAL'

export interface TrinoErrorCode {
  readonly errorName: string
  readonly errorCode: number
  readonly errorType: TrinoErrorType
}

// StandardErrorCode in declaration order: user errors from 0, internal errors from 0x1_0000,
// insufficient-resources errors from 0x2_0000.
const USER_ERRORS = [
  'GENERIC_USER_ERROR', 'SYNTAX_ERROR', 'ABANDONED_QUERY', 'USER_CANCELED', 'PERMISSION_DENIED', 'NOT_FOUND',
  'FUNCTION_NOT_FOUND', 'INVALID_FUNCTION_ARGUMENT', 'DIVISION_BY_ZERO', 'INVALID_CAST_ARGUMENT', 'OPERATOR_NOT_FOUND',
  'INVALID_VIEW', 'ALREADY_EXISTS', 'NOT_SUPPORTED', 'INVALID_SESSION_PROPERTY', 'INVALID_WINDOW_FRAME',
  'CONSTRAINT_VIOLATION', 'TRANSACTION_CONFLICT', 'INVALID_TABLE_PROPERTY', 'NUMERIC_VALUE_OUT_OF_RANGE',
  'UNKNOWN_TRANSACTION', 'NOT_IN_TRANSACTION', 'TRANSACTION_ALREADY_ABORTED', 'READ_ONLY_VIOLATION',
  'MULTI_CATALOG_WRITE_CONFLICT', 'AUTOCOMMIT_WRITE_CONFLICT', 'UNSUPPORTED_ISOLATION_LEVEL', 'INCOMPATIBLE_CLIENT',
  'SUBQUERY_MULTIPLE_ROWS', 'PROCEDURE_NOT_FOUND', 'INVALID_PROCEDURE_ARGUMENT', 'QUERY_REJECTED',
  'AMBIGUOUS_FUNCTION_CALL', 'INVALID_SCHEMA_PROPERTY', 'SCHEMA_NOT_EMPTY', 'QUERY_TEXT_TOO_LARGE',
  'UNSUPPORTED_SUBQUERY', 'EXCEEDED_FUNCTION_MEMORY_LIMIT', 'ADMINISTRATIVELY_KILLED', 'INVALID_COLUMN_PROPERTY',
  'QUERY_HAS_TOO_MANY_STAGES', 'INVALID_SPATIAL_PARTITIONING', 'INVALID_ANALYZE_PROPERTY', 'TYPE_NOT_FOUND',
  'CATALOG_NOT_FOUND', 'SCHEMA_NOT_FOUND', 'TABLE_NOT_FOUND', 'COLUMN_NOT_FOUND', 'ROLE_NOT_FOUND',
  'SCHEMA_ALREADY_EXISTS', 'TABLE_ALREADY_EXISTS', 'COLUMN_ALREADY_EXISTS', 'ROLE_ALREADY_EXISTS',
  'DUPLICATE_NAMED_QUERY', 'DUPLICATE_COLUMN_NAME', 'MISSING_COLUMN_NAME', 'MISSING_CATALOG_NAME',
  'MISSING_SCHEMA_NAME', 'TYPE_MISMATCH', 'INVALID_LITERAL', 'COLUMN_TYPE_UNKNOWN', 'MISMATCHED_COLUMN_ALIASES',
  'AMBIGUOUS_NAME', 'INVALID_COLUMN_REFERENCE', 'MISSING_GROUP_BY', 'MISSING_ORDER_BY', 'MISSING_OVER',
  'NESTED_AGGREGATION', 'NESTED_WINDOW', 'EXPRESSION_NOT_IN_DISTINCT', 'TOO_MANY_GROUPING_SETS',
  'FUNCTION_NOT_WINDOW', 'FUNCTION_NOT_AGGREGATE', 'EXPRESSION_NOT_AGGREGATE', 'EXPRESSION_NOT_SCALAR',
  'EXPRESSION_NOT_CONSTANT', 'INVALID_ARGUMENTS', 'TOO_MANY_ARGUMENTS', 'INVALID_PRIVILEGE', 'DUPLICATE_PROPERTY',
  'INVALID_PARAMETER_USAGE', 'VIEW_IS_STALE', 'VIEW_IS_RECURSIVE', 'NULL_TREATMENT_NOT_ALLOWED', 'INVALID_ROW_FILTER',
  'INVALID_COLUMN_MASK', 'MISSING_TABLE', 'INVALID_RECURSIVE_REFERENCE', 'MISSING_COLUMN_ALIASES', 'NESTED_RECURSIVE',
  'INVALID_LIMIT_CLAUSE', 'INVALID_ORDER_BY',
] as const
const INTERNAL_ERRORS = [
  'GENERIC_INTERNAL_ERROR', 'TOO_MANY_REQUESTS_FAILED', 'PAGE_TOO_LARGE', 'PAGE_TRANSPORT_ERROR',
  'PAGE_TRANSPORT_TIMEOUT', 'NO_NODES_AVAILABLE', 'REMOTE_TASK_ERROR', 'COMPILER_ERROR', 'REMOTE_TASK_MISMATCH',
  'SERVER_SHUTTING_DOWN', 'FUNCTION_IMPLEMENTATION_MISSING', 'REMOTE_BUFFER_CLOSE_FAILED', 'SERVER_STARTING_UP',
] as const
const RESOURCE_ERRORS = [
  'GENERIC_INSUFFICIENT_RESOURCES', 'EXCEEDED_GLOBAL_MEMORY_LIMIT', 'QUERY_QUEUE_FULL', 'EXCEEDED_TIME_LIMIT',
  'CLUSTER_OUT_OF_MEMORY', 'EXCEEDED_CPU_LIMIT', 'EXCEEDED_SPILL_LIMIT', 'EXCEEDED_LOCAL_MEMORY_LIMIT',
] as const

type StandardErrorName = (typeof USER_ERRORS)[number] | (typeof INTERNAL_ERRORS)[number] | (typeof RESOURCE_ERRORS)[number]

const STANDARD = new Map<string, TrinoErrorCode>()
for (const [list, base, errorType] of [[USER_ERRORS, 0, 'USER_ERROR'], [INTERNAL_ERRORS, 0x1_0000, 'INTERNAL_ERROR'], [RESOURCE_ERRORS, 0x2_0000, 'INSUFFICIENT_RESOURCES']] as const) {
  list.forEach((errorName, i) => STANDARD.set(errorName, { errorName, errorCode: base + i, errorType }))
}

function standard (name: StandardErrorName): TrinoErrorCode {
  return STANDARD.get(name)!
}

/** Every QueryFlux code → its Trino error (docs/errors.md's Trino column). */
export const TRINO_ERRORS: Record<ErrorCode, TrinoErrorCode> = {
  ROUTING_NO_MATCH: standard('NOT_FOUND'),
  QUEUE_FULL: standard('QUERY_QUEUE_FULL'),
  QUEUE_TIMEOUT: standard('EXCEEDED_TIME_LIMIT'),
  TRANSLATION_FAILED: standard('NOT_SUPPORTED'),
  ENGINE_UNAVAILABLE: standard('NO_NODES_AVAILABLE'),
  ENGINE_ERROR: standard('GENERIC_USER_ERROR'),
  AUTH_FAILED: standard('PERMISSION_DENIED'),
  CANCELLED: standard('USER_CANCELED'),
  BAD_REQUEST: standard('GENERIC_USER_ERROR'),
  PROTOCOL_VIOLATION: standard('GENERIC_USER_ERROR'),
  NOT_SUPPORTED: standard('NOT_SUPPORTED'),
  QUERY_TIMEOUT: standard('EXCEEDED_TIME_LIMIT'),
  SHUTTING_DOWN: standard('SERVER_SHUTTING_DOWN'),
  INTERNAL_ERROR: standard('GENERIC_INTERNAL_ERROR'),
  CONFIG_INVALID: standard('GENERIC_INTERNAL_ERROR'),
}

/** ENGINE_ERROR refined by what the engine said went wrong. */
export const TRINO_ENGINE_ERRORS: Record<EngineErrorKind, TrinoErrorCode> = {
  syntax: standard('SYNTAX_ERROR'),
  undefinedTable: standard('TABLE_NOT_FOUND'),
  undefinedColumn: standard('COLUMN_NOT_FOUND'),
  undefinedFunction: standard('FUNCTION_NOT_FOUND'),
  undefinedSchema: standard('SCHEMA_NOT_FOUND'),
  duplicateObject: standard('ALREADY_EXISTS'),
  typeMismatch: standard('TYPE_MISMATCH'),
  divisionByZero: standard('DIVISION_BY_ZERO'),
  numericOverflow: standard('NUMERIC_VALUE_OUT_OF_RANGE'),
  invalidValue: standard('INVALID_FUNCTION_ARGUMENT'),
  constraintViolation: standard('CONSTRAINT_VIOLATION'),
  permissionDenied: standard('PERMISSION_DENIED'),
  insufficientResources: standard('GENERIC_INSUFFICIENT_RESOURCES'),
  other: standard('GENERIC_USER_ERROR'),
}

export function trinoErrorCodeOf (error: QueryFluxError): TrinoErrorCode {
  if (error.code !== 'ENGINE_ERROR') return TRINO_ERRORS[error.code]
  // A Trino engine's error name is the most precise answer there is.
  const engineCode = error.details.engineCode
  if (error.details.engine === 'trino' && typeof engineCode === 'string' && STANDARD.has(engineCode)) return STANDARD.get(engineCode)!
  const kind = error.details.engineErrorKind
  return kind === undefined ? TRINO_ERRORS.ENGINE_ERROR : TRINO_ENGINE_ERRORS[kind]
}

interface FailureInfo {
  readonly type: string
  readonly message: string
  readonly cause?: FailureInfo
  readonly suppressed: readonly FailureInfo[]
  readonly stack: readonly string[]
  readonly errorLocation?: ErrorLocation
}

interface ErrorLocation { readonly lineNumber: number, readonly columnNumber: number }

/** The `error` object of a FAILED QueryResults page. */
export interface TrinoQueryError extends TrinoErrorCode {
  readonly message: string
  readonly errorLocation?: ErrorLocation
  readonly failureInfo: FailureInfo
}

export function toTrinoError (error: QueryFluxError): TrinoQueryError {
  const code = trinoErrorCodeOf(error)
  const position = error.details.position
  const errorLocation = position === undefined ? undefined : { lineNumber: position.line, columnNumber: position.column }
  const cause = error.cause instanceof Error ? { type: error.cause.name, message: error.cause.message, suppressed: [], stack: [] } : undefined
  const failureInfo: FailureInfo = {
    type: `io.queryflux.QueryFluxError(${error.code})`,
    message: error.message,
    ...(cause === undefined ? {} : { cause }),
    suppressed: [],
    stack: [],
    ...(errorLocation === undefined ? {} : { errorLocation }),
  }
  return { message: error.message, ...code, ...(errorLocation === undefined ? {} : { errorLocation }), failureInfo }
}
