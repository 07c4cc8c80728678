/**
 * Writes a started statement's answer in protocol order: its notices and ParameterStatus
 * changes, then COPY data or DataRows (up to a row limit), then CommandComplete or
 * PortalSuspended. Shared by the simple and the extended query protocol, and by cursors.
 */
import type { Column, Row } from '../../core/query-result.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import {
  commandComplete, copyData, copyDone, copyOutResponse, noticeResponse, parameterStatus, portalSuspended, rowDescription,
} from './codec/backend-messages.ts'
import type { PostgresConnection } from './connection.ts'
import { copyHeader, copyRowWriter } from './copy-out.ts'
import { dataRowWriter, fieldDescriptions } from './row-stream.ts'
import type { RowStream, RowWriter } from './row-stream.ts'
import type { StatementResult } from './statement-result.ts'
import type { EncodeContext } from './type-map.ts'
import { pgColumnType } from './type-map.ts'

export function writeNotices (conn: PostgresConnection, result: StatementResult): void {
  for (const notice of result.notices) noticeResponse(conn.writer, notice)
  for (const status of result.parameterStatus) parameterStatus(conn.writer, status.name, status.value)
}

export interface OutputOptions {
  /** Simple query protocol: a RowDescription goes before the rows. */
  readonly withRowDescription: boolean
  /** Format code per column (0 text, 1 binary). */
  readonly formats: readonly number[]
  /** Rows to write now; 0 for all. */
  readonly limit: number
  readonly ctx: EncodeContext
  /** Types the client was told in an earlier Describe; values are converted to them when they differ. */
  readonly describedColumns?: readonly Column[] | null
}

/**
 * Writes rows (or COPY data) and the closing message. Returns true when the statement is
 * complete (CommandComplete sent), false when it stopped at the limit (PortalSuspended sent).
 */
export async function writeStatementRows (conn: PostgresConnection, stream: RowStream, options: OutputOptions): Promise<boolean> {
  const result = stream.result
  const w = conn.writer
  if (result.copy !== undefined) {
    copyOutResponse(w, result.columns.length)
    const header = copyHeader(result.columns, result.copy)
    if (header !== undefined) copyData(w, header)
    await stream.write(conn, 0, copyRowWriter(result.columns, result.copy, options.ctx))
    copyDone(w)
    commandComplete(w, result.tag(stream.total))
    return true
  }
  if (result.columns.length === 0) {
    await stream.skip(conn, 0)
    commandComplete(w, result.tag(stream.total))
    return true
  }
  if (options.withRowDescription) rowDescription(w, fieldDescriptions(result.columns, options.formats))
  const { rows, isExhausted } = await stream.write(conn, options.limit, rowWriter(result.columns, options))
  if (!isExhausted) {
    portalSuspended(w)
    return false
  }
  // After a resumed portal PostgreSQL counts the rows of this Execute only (drivers rely on 'SELECT 0' at the end).
  commandComplete(w, result.tag(rows))
  return true
}

function rowWriter (columns: readonly Column[], options: OutputOptions): RowWriter {
  const described = options.describedColumns
  if (described === undefined || described === null || described.length !== columns.length) {
    return dataRowWriter(columns, options.formats, options.ctx)
  }
  const converters = columns.map((c, i) => converterTo(c.type, described[i]!.type))
  if (converters.every((c) => c === undefined)) return dataRowWriter(columns, options.formats, options.ctx)
  const inner = dataRowWriter(described, options.formats, options.ctx)
  return (w, row) => {
    const converted: Row = row.map((v, i) => (v === null || v === undefined || converters[i] === undefined ? v : converters[i]!(v)))
    inner(w, converted)
  }
}

const INTEGER_KINDS = new Set(['tinyint', 'smallint', 'integer'])
const FLOAT_KINDS = new Set(['real', 'double'])

/**
 * A statement described before it ran (Describe of a prepared statement) may return columns of
 * another type once real parameters are bound. The client decodes by what it was told, so
 * values are converted to the described type; undefined means no conversion is needed.
 */
function converterTo (actual: LogicalType, described: LogicalType): ((v: unknown) => unknown) | undefined {
  if (pgColumnType(actual).oid === pgColumnType(described).oid) return undefined
  const codec = pgColumnType(actual)
  const ctx = { timeZone: 'UTC' }
  if (described.kind === 'varchar' || described.kind === 'unknown' || described.kind === 'char') return (v) => codec.toText(v, ctx)
  if (INTEGER_KINDS.has(described.kind)) return (v) => Number(v)
  if (described.kind === 'bigint') return (v) => BigInt(typeof v === 'number' ? Math.trunc(v) : v as bigint)
  if (FLOAT_KINDS.has(described.kind)) return (v) => Number(v)
  if (described.kind === 'decimal') return (v) => String(v)
  return undefined
}
