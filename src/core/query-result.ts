import type { LogicalType } from './logical-type.ts'

export interface Column {
  readonly name: string
  readonly type: LogicalType
}

/** One row: values in column order, represented as documented in logical-type.ts. */
export type Row = unknown[]

/** Rows in engine-sized chunks; a frontend encodes a whole batch into one write where it can. */
export interface RowBatch {
  readonly rows: readonly Row[]
}

export interface QueryStats {
  /** Rows produced so far. */
  readonly rows: number
  /** Milliseconds from execution start to now or to the end. */
  readonly elapsedMs: number
  /** Engine-reported figures, when the engine reports them. */
  readonly processedRows?: number
  readonly processedBytes?: number
}

/**
 * A query's answer, streamed. `batches` is pulled by the consumer: the engine produces the
 * next batch only when asked, so a slow client slows the engine instead of filling memory.
 *
 * The consumer must either iterate `batches` to the end or call `close()`. Breaking out of a
 * `for await` closes the result too (the iterator's `return`). Closing early cancels what the
 * engine still has to send.
 */
export interface QueryResult {
  readonly columns: readonly Column[]
  readonly batches: AsyncIterable<RowBatch>
  /** Rows changed by DML/DDL, when the engine reports it; absent for row-returning queries. */
  readonly updateCount?: number
  /** Engine warnings, and QueryFlux's own (e.g. a transaction statement that was a no-op). */
  readonly warnings: readonly string[]
  /** Session changes the statement made, for frontends to tell their clients (Trino `X-Trino-Set-*`). */
  readonly sessionUpdate?: SessionUpdate
  /**
   * The same rows in the engine's own wire encoding, offered by an engine that can hand them over
   * undecoded; a frontend that speaks that encoding may forward them as they are (Trino → Trino)
   * instead of reading `batches`. Absent when the engine offers no such path.
   */
  readonly encodedPages?: EncodedPages
  stats (): QueryStats
  close (): Promise<void>
}

/**
 * Same-protocol pass-through: pages as the engine encoded them. Reading `pages()` takes the
 * result's one stream, so a consumer reads either `pages()` or `batches`, never both; closing,
 * cancellation and `stats()` work the same either way.
 */
export interface EncodedPages {
  /**
   * What the pages hold. `trino-json`: each page's `data` is the JSON text of a Trino
   * QueryResults `data` array, and `columns` is that document's `columns` array as received.
   */
  readonly format: 'trino-json'
  /** The engine's own column descriptions, in the format's terms. */
  readonly columns: unknown
  pages (): AsyncIterable<EncodedPage>
}

export interface EncodedPage {
  readonly rowCount: number
  /** The rows, encoded as the format says. */
  readonly data: string
}

/** A session change that a statement such as `USE` or `SET SESSION` made. */
export interface SessionUpdate {
  readonly catalog?: string
  readonly schema?: string
  readonly setProperties?: Readonly<Record<string, string>>
  readonly resetProperties?: readonly string[]
  readonly addedPreparedStatements?: Readonly<Record<string, string>>
  readonly deallocatedPreparedStatements?: readonly string[]
  readonly startedTransaction?: boolean
  readonly endedTransaction?: boolean
}
