/**
 * PostgreSQL errors → QueryFluxError. Server errors carry a SQLSTATE (`code`), which becomes
 * `details.engineCode` and, by class and code, `details.engineErrorKind`. Socket and login
 * failures become ENGINE_UNAVAILABLE; a query the server cancelled (57014) becomes CANCELLED.
 * @see https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
import { errors, EngineErrorKind, ErrorCode, QueryFluxError } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'

const BY_SQLSTATE: Readonly<Record<string, EngineErrorKind>> = {
  '42601': EngineErrorKind.syntax,
  '42P01': EngineErrorKind.undefinedTable,
  '42703': EngineErrorKind.undefinedColumn,
  '42883': EngineErrorKind.undefinedFunction,
  '3F000': EngineErrorKind.undefinedSchema,
  '3D000': EngineErrorKind.undefinedSchema, // invalid_catalog_name (database)
  '42P07': EngineErrorKind.duplicateObject,
  '42P06': EngineErrorKind.duplicateObject,
  '42710': EngineErrorKind.duplicateObject,
  '42723': EngineErrorKind.duplicateObject,
  '42804': EngineErrorKind.typeMismatch,
  '42846': EngineErrorKind.typeMismatch,
  '22012': EngineErrorKind.divisionByZero,
  '22003': EngineErrorKind.numericOverflow,
  '22P02': EngineErrorKind.invalidValue,
  '22007': EngineErrorKind.invalidValue,
  '22008': EngineErrorKind.invalidValue,
  '22001': EngineErrorKind.invalidValue,
  '22023': EngineErrorKind.invalidValue,
  '42501': EngineErrorKind.permissionDenied,
}

/** SQLSTATE classes (first two characters) when the exact code has no entry. */
const BY_CLASS: Readonly<Record<string, EngineErrorKind>> = {
  22: EngineErrorKind.invalidValue,
  23: EngineErrorKind.constraintViolation,
  42: EngineErrorKind.syntax,
  53: EngineErrorKind.insufficientResources,
  54: EngineErrorKind.insufficientResources,
}

/** SQLSTATE classes that mean the server or the login is the problem, not the query. */
const UNAVAILABLE_CLASSES = new Set(['08', '28', '57', '58'])

export function engineErrorKindOf (sqlstate: string): EngineErrorKind {
  return BY_SQLSTATE[sqlstate] ?? BY_CLASS[sqlstate.slice(0, 2)] ?? EngineErrorKind.other
}

/** The fields of pg's DatabaseError this module reads. */
interface PostgresServerError {
  readonly message: string
  readonly code?: string
  readonly position?: string
  readonly hint?: string
  readonly detail?: string
}

/**
 * Maps what `pg` raised. `what` names the cluster for messages ("PostgreSQL cluster 'pg1'").
 * `sql` lets a character position become line/column.
 */
export function mapPostgresError (error: unknown, what: string, sql?: string, details: ErrorDetails = {}): QueryFluxError {
  if (error instanceof QueryFluxError) return error
  const err = error as Partial<PostgresServerError> & { errno?: unknown, syscall?: unknown }
  const message = typeof err?.message === 'string' ? err.message : String(error)
  const sqlstate = typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined
  if (sqlstate === undefined) {
    // Node socket errors (ECONNREFUSED, ETIMEDOUT, …), pg's "Connection terminated", connect timeouts.
    return errors.engineUnavailable(what, `${message}: check that the server is up and clusters endpoint is right`, error, details)
  }
  if (sqlstate === '57014') return new QueryFluxError(ErrorCode.CANCELLED, 'the query was cancelled on the PostgreSQL server', { cause: error, details: { ...details, engineCode: sqlstate } })
  if (sqlstate === '28P01' || sqlstate === '28000') {
    return errors.engineUnavailable(what, `login refused (${message}): check the cluster's auth username/password`, error, { ...details, engineCode: sqlstate })
  }
  if (UNAVAILABLE_CLASSES.has(sqlstate.slice(0, 2)) && sqlstate !== '57014') {
    return errors.engineUnavailable(what, message, error, { ...details, engineCode: sqlstate })
  }
  const position = err.position !== undefined && sql !== undefined ? lineColumn(sql, Number(err.position)) : undefined
  const extra = err.detail !== undefined ? ` (${err.detail})` : ''
  return errors.engineError(`${what}: ${message}${extra}`, error, {
    ...details,
    engineErrorKind: engineErrorKindOf(sqlstate),
    engineCode: sqlstate,
    ...(position === undefined ? {} : { position }),
    ...(err.hint === undefined ? {} : { hint: err.hint }),
  })
}

/** 1-based character offset → 1-based line and column. */
export function lineColumn (sql: string, offset: number): { line: number, column: number } | undefined {
  if (!Number.isInteger(offset) || offset < 1) return undefined
  const before = [...sql].slice(0, offset - 1).join('')
  const lines = before.split('\n')
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }
}
