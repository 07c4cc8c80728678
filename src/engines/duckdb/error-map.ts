/**
 * DuckDB errors → QueryFluxError. DuckDB's messages read `<Type> Error: <text>`, optionally
 * followed by a source excerpt (`LINE 1: select …` and a caret line). The type becomes
 * `details.engineCode`, type and text pick `details.engineErrorKind`, and the excerpt becomes
 * `details.position` instead of staying in the message.
 * @see https://github.com/duckdb/duckdb/blob/main/src/common/exception.cpp (ExceptionType names)
 */
import { errors, EngineErrorKind, QueryFluxError } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'

/** What the pending-result API puts in front of the engine's own message. */
const WRAPPERS = /^((Failure running pending result task|Failed to extract statements|Failed to prepare( extracted statement)?|Failed to execute (prepared statement|pending result)|Failed to bind[^:]*): )+/

export interface ParsedDuckDbError {
  /** DuckDB's exception type: 'Parser', 'Catalog', 'Binder', 'Out of Range', … ('' when absent). */
  readonly type: string
  /** The message without wrappers and without the LINE excerpt. */
  readonly message: string
  readonly excerpt?: { readonly line: number, readonly text: string, readonly caret: number }
}

export function parseDuckDbError (raw: string): ParsedDuckDbError {
  let message = raw.replace(WRAPPERS, '')
  let excerpt: ParsedDuckDbError['excerpt']
  const line = /\n*LINE (\d+): ([^\n]*)\n( *)\^[^\n]*/.exec(message)
  if (line !== null) {
    const prefix = `LINE ${line[1]}: `.length
    excerpt = { line: Number(line[1]), text: line[2]!, caret: line[3]!.length - prefix }
    message = message.slice(0, line.index) + message.slice(line.index + line[0].length)
  }
  message = message.trimEnd()
  const type = /^([A-Za-z][A-Za-z ]*?) Error: /.exec(message)?.[1] ?? ''
  return excerpt === undefined ? { type, message } : { type, message, excerpt }
}

/** The 1-based line/column the excerpt points at, found in the SQL text itself. */
export function positionOf (sql: string, excerpt: NonNullable<ParsedDuckDbError['excerpt']>): ErrorDetails['position'] {
  const lines = sql.split('\n')
  const source = lines[excerpt.line - 1]
  if (source === undefined || excerpt.caret < 0) return undefined
  // Long lines are shown as a window with '...' on either side.
  const leading = excerpt.text.startsWith('...') ? 3 : 0
  const window = excerpt.text.slice(leading).replace(/\.\.\.$/, '')
  const at = source.indexOf(window)
  if (at < 0) return undefined
  return { line: excerpt.line, column: at + (excerpt.caret - leading) + 1 }
}

export function engineErrorKindOf (type: string, message: string): EngineErrorKind {
  if (/division by zero/i.test(message)) return EngineErrorKind.divisionByZero
  switch (type) {
    case 'Parser': return EngineErrorKind.syntax
    case 'Catalog': return catalogKind(message)
    case 'Binder': return binderKind(message)
    case 'Conversion': return /out of range|Could not cast value/i.test(message) ? EngineErrorKind.numericOverflow : EngineErrorKind.invalidValue
    case 'Out of Range': return EngineErrorKind.numericOverflow
    case 'Invalid Input': return EngineErrorKind.invalidValue
    case 'Constraint': return EngineErrorKind.constraintViolation
    case 'Mismatch Type': return EngineErrorKind.typeMismatch
    case 'Permission': return EngineErrorKind.permissionDenied
    case 'Out of Memory': return EngineErrorKind.insufficientResources
    default: return EngineErrorKind.other
  }
}

function catalogKind (message: string): EngineErrorKind {
  if (/(Scalar|Table|Aggregate|Pragma|Macro)? ?Function with name .* does not exist/i.test(message)) return EngineErrorKind.undefinedFunction
  if (/(Table|View) with name .* does not exist/i.test(message)) return EngineErrorKind.undefinedTable
  if (/(Schema|Catalog) (with name )?.* does not exist/i.test(message)) return EngineErrorKind.undefinedSchema
  if (/already exists/i.test(message)) return EngineErrorKind.duplicateObject
  return EngineErrorKind.other
}

function binderKind (message: string): EngineErrorKind {
  if (/Referenced column .* not found|Column .* does not exist|column .* not found|Values list .* does not have a column/i.test(message)) return EngineErrorKind.undefinedColumn
  if (/Referenced table .* not found/i.test(message)) return EngineErrorKind.undefinedTable
  if (/No function matches|Could not choose a best candidate|Cannot compare|cannot be cast|Cannot mix values|type mismatch/i.test(message)) return EngineErrorKind.typeMismatch
  return EngineErrorKind.other
}

/**
 * Any error from @duckdb/node-api → QueryFluxError. A FATAL error invalidates the whole
 * database instance, so it (and a closed connection) is ENGINE_UNAVAILABLE; INTERRUPT that the
 * adapter did not ask for is CANCELLED; everything else is ENGINE_ERROR with its kind.
 */
export function mapDuckDbError (error: unknown, what: string, sql: string, details: ErrorDetails = {}): QueryFluxError {
  if (error instanceof QueryFluxError) return error
  const raw = error instanceof Error ? error.message : String(error)
  const parsed = parseDuckDbError(raw)
  if (parsed.type === 'INTERRUPT') return errors.cancelled('the DuckDB query was interrupted')
  if (parsed.type === 'FATAL' || /database has been invalidated|Connection (was never established|has been closed)|Database is closed|connection disconnected|instance closed/i.test(parsed.message)) {
    return errors.engineUnavailable(what, parsed.message, error, { ...details, engineCode: parsed.type || undefined })
  }
  const position = parsed.excerpt === undefined ? undefined : positionOf(sql, parsed.excerpt)
  return errors.engineError(parsed.message, error, {
    ...details,
    engineErrorKind: engineErrorKindOf(parsed.type, parsed.message),
    ...(parsed.type === '' ? {} : { engineCode: parsed.type }),
    ...(position === undefined ? {} : { position }),
  })
}
