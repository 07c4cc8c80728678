/**
 * A started statement, whatever answered it (an engine through the QueryService, the session
 * itself, the catalog emulation, a cursor), as one pull-based shape the protocol code writes
 * out: columns, batches of rows pulled on demand, and the command tag.
 */
import type { Column, QueryResult, Row } from '../../core/query-result.ts'
import type { QueryExecution } from '../../service/query-execution.ts'
import type { QueryFluxError } from '../../core/errors.ts'
import type { NoticeFields } from './codec/backend-messages.ts'
import { commandTag } from './command-tag.ts'
import type { LocalOutcome, ParameterStatusChange } from './session-statements.ts'

/** Text COPY options of `COPY … TO STDOUT`. */
export interface CopyOptions {
  readonly format: 'text' | 'csv'
  readonly delimiter: string
  readonly header: boolean
  readonly null: string
  readonly quote: string
  readonly escape: string
}

export interface StatementResult {
  /** Columns of the rows it returns; empty when it returns none (NoData). */
  readonly columns: readonly Column[]
  /** Set when the rows go out as COPY data instead of DataRows. */
  readonly copy?: CopyOptions
  /** The next rows, or undefined when there are no more. Rejects with the statement's error. */
  nextBatch (): Promise<readonly Row[] | undefined>
  /** The CommandComplete tag once `rowCount` rows in all were produced. */
  tag (rowCount: number): string
  readonly notices: readonly NoticeFields[]
  readonly parameterStatus: readonly ParameterStatusChange[]
  /** Stops early; what the engine still has to send is cancelled. Idempotent. */
  close (): Promise<void>
  /** Cancels the engine query (CancelRequest while it streams). */
  cancel? (reason?: QueryFluxError): void
}

const EMPTY: readonly Row[] = []

/** An engine's QueryResult. DML/DDL (updateCount set, or no columns) has no rows to send. */
export function engineStatementResult (sql: string, result: QueryResult, execution: QueryExecution, copy?: CopyOptions): StatementResult {
  const hasRows = result.updateCount === undefined && result.columns.length > 0
  const iterator = result.batches[Symbol.asyncIterator]()
  let isDone = false
  const notices: NoticeFields[] = result.warnings.map((message) => ({ severity: 'WARNING', code: '01000', message }))
  return {
    columns: hasRows ? result.columns : [],
    ...(copy === undefined ? {} : { copy }),
    notices,
    parameterStatus: [],
    nextBatch: async () => {
      if (isDone) return undefined
      const next = await iterator.next()
      if (next.done === true) { isDone = true; return undefined }
      return hasRows ? next.value.rows : EMPTY
    },
    tag: (rows) => copy !== undefined ? `COPY ${rows}` : commandTag(sql, rows, result.updateCount),
    close: async () => {
      if (isDone) return
      isDone = true
      await result.close()
    },
    cancel: (reason) => execution.cancel(reason),
  }
}

/** Rows already in hand (session statements, catalog answers). */
export function staticStatementResult (columns: readonly Column[], outcome: LocalOutcome): StatementResult {
  let isSent = false
  return {
    columns,
    notices: outcome.notices,
    parameterStatus: outcome.parameterStatus,
    nextBatch: async () => {
      if (isSent || outcome.rows.length === 0) return undefined
      isSent = true
      return outcome.rows
    },
    tag: () => outcome.tag,
    close: async () => { isSent = true },
  }
}
