/**
 * One text-protocol query on a mysql2 connection, read as batches the consumer pulls. Rows
 * collect until a batch is full; then the connection is paused (mysql2 `pause()` stops
 * reading the socket, so TCP flow control stops the server) until the consumer takes the
 * batch and the connection resumes. Rows that arrive in one socket chunk are handed over
 * together (a wake-up is deferred with setImmediate), so a fast consumer still gets
 * chunk-sized batches rather than one row at a time.
 */
import type { Column, Row } from '../../core/query-result.ts'
import { decoderFor, mysqlType } from './type-map.ts'
import type { Decoder, MysqlColumnDefinition } from './type-map.ts'

/** The parts of mysql2's callback-style connection and Query this module uses. */
export interface StreamConnection {
  query (options: { sql: string, rowsAsArray: boolean, typeCast: boolean }): QueryEmitter
  pause (): void
  resume (): void
}

export interface QueryEmitter {
  /** mysql2 emits `fields` with `undefined` for statements without a result set. */
  on (event: 'fields', listener: (fields: MysqlColumnDefinition[] | undefined, index: number) => void): QueryEmitter
  on (event: 'result', listener: (row: unknown, index: number) => void): QueryEmitter
  on (event: 'end', listener: () => void): QueryEmitter
  on (event: 'error', listener: (error: Error) => void): QueryEmitter
}

/** What a statement without a result set reports (mysql2's ResultSetHeader). */
export interface StatementHeader { readonly affectedRows?: number, readonly warningStatus?: number }

export class RowStream {
  readonly #connection: StreamConnection
  readonly #batchRows: number
  #columns: Column[] | undefined
  #decoders: Decoder[] = []
  #rows: Row[] = []
  #header: StatementHeader | undefined
  #paused = false
  #ended = false
  #error: unknown
  #waiter: { resolve: (rows: Row[] | null) => void, reject: (error: unknown) => void } | undefined
  #wakeScheduled = false
  readonly #described: PromiseWithResolvers<void> = Promise.withResolvers()
  /** Settles once the server finished the statement (end or error) on this connection. */
  readonly finished: PromiseWithResolvers<void> = Promise.withResolvers()

  constructor (connection: StreamConnection, sql: string, batchRows: number) {
    this.#connection = connection
    this.#batchRows = batchRows
    this.#described.promise.catch(() => {})
    connection.query({ sql, rowsAsArray: true, typeCast: false })
      .on('fields', (fields, index) => { if ((index ?? 0) === 0 && Array.isArray(fields)) this.#onFields(fields) })
      .on('result', (row, index) => { if ((index ?? 0) === 0) this.#onResult(row) })
      .on('end', () => this.#onEnd())
      .on('error', (error) => this.#onError(error))
  }

  async columns (): Promise<readonly Column[]> {
    await this.#described.promise
    return this.#columns ?? []
  }

  get header (): StatementHeader | undefined { return this.#header }
  get isEnded (): boolean { return this.#ended || this.#error !== undefined }
  /** Rows held, waiting for the consumer (for backpressure tests and stats). */
  get bufferedRows (): number { return this.#rows.length }
  get isPaused (): boolean { return this.#paused }

  async next (): Promise<Row[] | null> {
    if (this.#error !== undefined) throw this.#error
    const batch = this.#take()
    if (batch !== undefined) return batch
    if (this.#ended) return null
    return await new Promise<Row[] | null>((resolve, reject) => { this.#waiter = { resolve, reject } })
  }

  /** Fails the stream (cancel, timeout); the caller stops the server side and drops the connection. */
  fail (reason: unknown): void {
    this.#error ??= reason
    this.#described.reject(this.#error)
    this.#wake()
  }

  #onFields (fields: MysqlColumnDefinition[]): void {
    this.#columns = fields.map((field) => ({ name: field.name, type: mysqlType(field) }))
    this.#decoders = fields.map((field, i) => decoderFor(this.#columns![i]!.type, field))
    this.#described.resolve()
  }

  #onResult (row: unknown): void {
    if (!Array.isArray(row)) { this.#header = row as StatementHeader; return }
    if (this.#error !== undefined) return
    try {
      const decoded: Row = []
      for (let i = 0; i < row.length; i++) {
        const raw = row[i] as Buffer | null
        decoded.push(raw === null ? null : this.#decoders[i]!(raw))
      }
      this.#rows.push(decoded)
    } catch (error) {
      this.fail(error)
      return
    }
    if (this.#rows.length >= this.#batchRows && !this.#paused) {
      this.#paused = true
      this.#connection.pause()
    }
    this.#scheduleWake()
  }

  #onEnd (): void {
    this.#ended = true
    this.#described.resolve()
    this.finished.resolve()
    this.#wake()
  }

  #onError (error: Error): void {
    this.#error ??= error
    this.#described.reject(this.#error)
    this.finished.resolve()
    this.#wake()
  }

  #take (): Row[] | undefined {
    if (this.#rows.length === 0) return undefined
    const batch = this.#rows
    this.#rows = []
    if (this.#paused) {
      this.#paused = false
      this.#connection.resume()
    }
    return batch
  }

  #scheduleWake (): void {
    if (this.#waiter === undefined || this.#wakeScheduled) return
    this.#wakeScheduled = true
    setImmediate(() => { this.#wakeScheduled = false; this.#wake() })
  }

  #wake (): void {
    const waiter = this.#waiter
    if (waiter === undefined) return
    // Detach the waiter before #take(): its resume() makes mysql2 replay queued packets at
    // once, and an end-of-result among them re-enters #wake(); a still-attached waiter would
    // then be resolved twice and the first batch lost.
    this.#waiter = undefined
    if (this.#error !== undefined) { waiter.reject(this.#error); return }
    const batch = this.#take()
    if (batch !== undefined) { waiter.resolve(batch); return }
    if (this.#ended) { waiter.resolve(null); return }
    this.#waiter = waiter
  }
}
