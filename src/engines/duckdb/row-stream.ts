/**
 * A DuckDB streaming result as the pulled `batches` of a QueryResult: each `next()` fetches one
 * DuckDB chunk (2048 rows) and converts it, so nothing is fetched before the consumer asks and
 * memory stays at one chunk per query whatever the result size.
 *
 * facts.md: an interrupted DuckDB stream simply ends, without an error. So every fetch is
 * followed by a look at the query's own cancellation flag, and a cancelled query ends by
 * throwing CANCELLED (or the signal's coded reason), never by ending early and quietly.
 */
import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api'
import type { QueryFluxError } from '../../core/errors.ts'
import type { Row, RowBatch } from '../../core/query-result.ts'
import type { PooledConnection } from './connection-pool.ts'
import type { ValueConverter } from './type-map.ts'

/** After an interrupt a stream ends at the next fetch; a few buffered chunks may come first. */
const DRAIN_LIMIT = 64

/** What the stream needs from the query that owns it. */
export interface StreamOwner {
  readonly pooled: PooledConnection
  isCancelled (): boolean
  /** The error a cancelled query ends with (CANCELLED, QUERY_TIMEOUT, ENGINE_UNAVAILABLE on close). */
  cancelError (): QueryFluxError
  mapError (error: unknown): QueryFluxError
  /** Gives the connection back (once); `replace` when its state is unknown. */
  finish (replace: boolean): void
}

export class DuckDbRowStream implements AsyncIterableIterator<RowBatch> {
  readonly #result: DuckDBResult
  readonly #converters: readonly ValueConverter[]
  readonly #owner: StreamOwner
  #rows = 0
  #ended = false
  #closing: Promise<void> | undefined

  constructor (result: DuckDBResult, converters: readonly ValueConverter[], owner: StreamOwner) {
    this.#result = result
    this.#converters = converters
    this.#owner = owner
  }

  get rows (): number { return this.#rows }
  get isEnded (): boolean { return this.#ended }

  [Symbol.asyncIterator] (): AsyncIterableIterator<RowBatch> {
    return this
  }

  async next (): Promise<IteratorResult<RowBatch>> {
    if (this.#ended || this.#closing !== undefined) return { done: true, value: undefined }
    const owner = this.#owner
    if (owner.isCancelled()) throw await this.#fail(owner.cancelError())
    let chunk: DuckDBDataChunk | null
    try {
      chunk = await owner.pooled.track(() => this.#result.fetchChunk())
    } catch (error) {
      throw await this.#fail(owner.isCancelled() ? owner.cancelError() : owner.mapError(error))
    }
    if (this.#closing !== undefined) return { done: true, value: undefined }
    if (owner.isCancelled()) throw await this.#fail(owner.cancelError())
    if (chunk === null || chunk.rowCount === 0) {
      this.#ended = true
      owner.finish(false)
      return { done: true, value: undefined }
    }
    this.#rows += chunk.rowCount
    return { done: false, value: { rows: chunkRows(chunk, this.#converters) } }
  }

  /** `for await` calls this on break or throw: the rest of the result is not wanted. */
  async return (): Promise<IteratorResult<RowBatch>> {
    await this.close()
    return { done: true, value: undefined }
  }

  /** Stops the engine-side query, waits until its connection is quiet, and gives it back. */
  close (): Promise<void> {
    if (this.#ended) return Promise.resolve()
    this.#closing ??= this.#stop()
    return this.#closing
  }

  async #fail (error: QueryFluxError): Promise<QueryFluxError> {
    this.#closing ??= this.#stop()
    await this.#closing
    return error
  }

  async #stop (): Promise<void> {
    const pooled = this.#owner.pooled
    pooled.interrupt()
    await pooled.settled()
    let isClean = false
    try {
      for (let i = 0; i < DRAIN_LIMIT && !isClean; i++) {
        const chunk = await pooled.track(() => this.#result.fetchChunk())
        isClean = chunk === null || chunk.rowCount === 0
      }
    } catch {
      isClean = false
    }
    this.#ended = true
    this.#owner.finish(!isClean)
  }
}

/** One DuckDB chunk → rows in column order, values converted per column. */
export function chunkRows (chunk: DuckDBDataChunk, converters: readonly ValueConverter[]): Row[] {
  const count = chunk.rowCount
  const width = chunk.columnCount
  // Preallocated: this loop runs for every value of every result, and sized arrays avoid regrowth.
  const rows: Row[] = new Array(count) // oxlint-disable-line unicorn/no-new-array
  for (let i = 0; i < count; i++) rows[i] = new Array(width) // oxlint-disable-line unicorn/no-new-array
  for (let c = 0; c < width; c++) {
    const vector = chunk.getColumnVector(c)
    const convert = converters[c]
    if (convert === undefined) {
      for (let i = 0; i < count; i++) rows[i]![c] = vector.getItem(i)
    } else {
      for (let i = 0; i < count; i++) {
        const value = vector.getItem(i)
        rows[i]![c] = value === null ? null : convert(value)
      }
    }
  }
  return rows
}
