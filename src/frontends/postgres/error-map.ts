/**
 * QueryFluxError → PostgreSQL ErrorResponse fields. Every ErrorCode has a SQLSTATE (the
 * compiler checks the Record; test/architecture/errors-doc.test.ts checks it against
 * docs/errors.md), and ENGINE_ERROR is refined by the engine's error kind.
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
import { ErrorCode, toQueryFluxError } from '../../core/errors.ts'
import type { EngineErrorKind, QueryFluxError } from '../../core/errors.ts'
import type { NoticeFields } from './codec/backend-messages.ts'

export interface PostgresErrorForm {
  readonly sqlstate: string
  /** FATAL ends the connection. */
  readonly severity: 'ERROR' | 'FATAL'
}

export const POSTGRES_ERRORS: Record<ErrorCode, PostgresErrorForm> = {
  ROUTING_NO_MATCH: { sqlstate: '08004', severity: 'ERROR' },
  QUEUE_FULL: { sqlstate: '53000', severity: 'ERROR' },
  QUEUE_TIMEOUT: { sqlstate: '57014', severity: 'ERROR' },
  TRANSLATION_FAILED: { sqlstate: '0A000', severity: 'ERROR' },
  ENGINE_UNAVAILABLE: { sqlstate: '57P03', severity: 'ERROR' },
  ENGINE_ERROR: { sqlstate: 'XX000', severity: 'ERROR' },
  AUTH_FAILED: { sqlstate: '28P01', severity: 'FATAL' },
  CANCELLED: { sqlstate: '57014', severity: 'ERROR' },
  BAD_REQUEST: { sqlstate: '22023', severity: 'ERROR' },
  PROTOCOL_VIOLATION: { sqlstate: '08P01', severity: 'FATAL' },
  NOT_SUPPORTED: { sqlstate: '0A000', severity: 'ERROR' },
  QUERY_TIMEOUT: { sqlstate: '57014', severity: 'ERROR' },
  SHUTTING_DOWN: { sqlstate: '57P01', severity: 'ERROR' },
  INTERNAL_ERROR: { sqlstate: 'XX000', severity: 'ERROR' },
  CONFIG_INVALID: { sqlstate: 'F0000', severity: 'ERROR' },
}

/** The closest SQLSTATE for what the engine said. */
export const ENGINE_ERROR_SQLSTATES: Record<EngineErrorKind, string> = {
  syntax: '42601',
  undefinedTable: '42P01',
  undefinedColumn: '42703',
  undefinedFunction: '42883',
  undefinedSchema: '3F000',
  duplicateObject: '42710',
  typeMismatch: '42804',
  divisionByZero: '22012',
  numericOverflow: '22003',
  invalidValue: '22P02',
  constraintViolation: '23000',
  permissionDenied: '42501',
  insufficientResources: '53000',
  other: 'XX000',
}

const SQLSTATE = /^[0-9A-Z]{5}$/

/** The SQLSTATE a client sees for this error. */
export function sqlstateOf (error: QueryFluxError): string {
  // Errors the frontend raises itself name PostgreSQL's exact SQLSTATE (25P02, 42704, 34000, …).
  const own = error.details.sqlstate
  if (typeof own === 'string' && SQLSTATE.test(own)) return own
  if (error.code === ErrorCode.ENGINE_ERROR) {
    // A PostgreSQL-wire engine's own SQLSTATE is exact; pass it through.
    const engineCode = error.details.engineCode
    if (error.details.engine === 'postgres' && typeof engineCode === 'string' && SQLSTATE.test(engineCode)) return engineCode
    const kind = error.details.engineErrorKind
    if (kind !== undefined) return ENGINE_ERROR_SQLSTATES[kind]
  }
  // A statement the translator cannot parse is a syntax error in the client's SQL.
  if (error.code === ErrorCode.TRANSLATION_FAILED && /parse error|syntax error|unexpected token/i.test(error.message)) return '42601'
  if (error.code === ErrorCode.BAD_REQUEST && /^invalid input syntax|^malformed array literal|^invalid byte sequence/.test(error.message)) return '22P02'
  if (error.code === ErrorCode.BAD_REQUEST && /out of range/.test(error.message)) return '22003'
  return POSTGRES_ERRORS[error.code].sqlstate
}

/** ErrorResponse fields for any thrown value; `sql` turns a line/column position into PostgreSQL's character offset. */
export function errorFields (thrown: unknown, sql?: string): NoticeFields & { readonly severity: 'ERROR' | 'FATAL' } {
  const error = toQueryFluxError(thrown)
  const form = POSTGRES_ERRORS[error.code]
  const position = sql !== undefined && error.details.position !== undefined ? characterPosition(sql, error.details.position) : undefined
  const queryId = error.details.queryId
  const detail = engineDetail(error)
  return {
    severity: form.severity,
    code: sqlstateOf(error),
    message: error.message,
    ...(detail === undefined ? {} : { detail }),
    ...(error.details.hint === undefined ? {} : { hint: error.details.hint }),
    ...(position === undefined ? {} : { position }),
    ...(typeof queryId === 'string' ? { where: `QueryFlux query ${queryId}` } : {}),
  }
}

/** Where an engine error came from, for the DETAIL field. */
function engineDetail (error: QueryFluxError): string | undefined {
  if (error.code !== ErrorCode.ENGINE_ERROR && error.code !== ErrorCode.ENGINE_UNAVAILABLE) return undefined
  const { engine, cluster, group, engineCode } = error.details
  if (cluster === undefined && engine === undefined) return undefined
  const where = [engine === undefined ? undefined : `engine ${engine}`, cluster === undefined ? undefined : `cluster '${cluster}'`, group === undefined ? undefined : `group '${group}'`]
    .filter((part) => part !== undefined).join(', ')
  return `reported by ${where}${engineCode === undefined ? '' : ` (engine code ${String(engineCode)})`}`
}

/** 1-based line/column → 1-based character index, as the P field wants. */
function characterPosition (sql: string, at: { line: number, column: number }): number | undefined {
  let line = 1
  let index = 0
  while (line < at.line) {
    const next = sql.indexOf('\n', index)
    if (next < 0) return undefined
    index = next + 1
    line++
  }
  const position = index + at.column
  return position >= 1 && position <= sql.length + 1 ? position : undefined
}
