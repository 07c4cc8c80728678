/**
 * Streams one statement over a `pg` client with the extended query protocol and portal
 * suspension: Parse, Bind, Describe portal, then Execute with a row limit. The server stops
 * after `fetchSize` rows with PortalSuspended, and the next Execute is sent only when the
 * consumer asks for the next batch, so the engine never runs ahead of the client. Sync is
 * sent once the portal is done (or closed), which ends the implicit transaction.
 *
 * It is a `pg` "submittable" (as pg-cursor is): `client.query(cursor)` calls `submit`, then
 * routes the backend messages of this statement to the `handle*` methods.
 * @see https://www.postgresql.org/docs/15/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
import type { Column, Row } from '../../core/query-result.ts'
import { postgresType, decoderFor } from './type-map.ts'
import type { Decoder } from './type-map.ts'

/** The wire calls of pg's Connection this module uses (@types/pg declares them loosely). */
export interface WireConnection {
  parse (config: { text: string, types: number[] }): void
  bind (config: { values: Array<string | Buffer | null> }): void
  describe (config: { type: 'P' | 'S', name?: string }): void
  execute (config: { portal: string, rows: number }): void
  close (config: { type: 'P' | 'S', name?: string }): void
  flush (): void
  sync (): void
  sendCopyFail (message: string): void
  once (event: 'noData', listener: () => void): void
  removeListener (event: 'noData', listener: () => void): void
}

interface FieldDescription { readonly name: string, readonly dataTypeID: number, readonly dataTypeModifier: number }

/** One row batch, or `null` when the portal is exhausted. */
type BatchResult = Row[] | null

export class PortalCursor {
  readonly #text: string
  readonly #types: number[]
  readonly #values: Array<string | Buffer | null>
  readonly #fetchSize: number
  #connection: WireConnection | undefined
  #decoders: Decoder[] = []
  #rows: Row[] = []
  #ready: Row[] | undefined
  #columns: Column[] | undefined
  #commandTag: string | undefined
  #error: unknown
  /** The server answered with an ErrorResponse (the portal is gone, a Sync was sent). */
  #serverFailed = false
  /** An Execute is on the wire and its rows not all in. */
  #executing = false
  #complete = false
  #closing = false
  #waiter: { resolve: (batch: BatchResult) => void, reject: (error: unknown) => void } | undefined
  readonly #described: PromiseWithResolvers<void> = Promise.withResolvers()
  /** Settles when the server is ready for the next statement on this client (after Sync). */
  readonly finished: PromiseWithResolvers<void> = Promise.withResolvers()

  constructor (text: string, types: number[], values: Array<string | Buffer | null>, fetchSize: number) {
    this.#text = text
    this.#types = types
    this.#values = values
    this.#fetchSize = fetchSize
    this.#described.promise.catch(() => {})
    this.finished.promise.catch(() => {})
  }

  /** Resolves with the columns once the server described the portal (or finished a statement without rows). */
  async columns (): Promise<readonly Column[]> {
    await this.#described.promise
    return this.#columns ?? []
  }

  /** The command tag of the finished statement ('INSERT 0 3', 'SELECT 10', …). */
  get commandTag (): string | undefined { return this.#commandTag }

  get isComplete (): boolean { return this.#complete || this.#error !== undefined }

  // --- pg Submittable ---------------------------------------------------------------------

  submit (connection: unknown): void {
    // pg passes its Connection; WireConnection names the calls used (see interface comment).
    const wire = connection as WireConnection
    this.#connection = wire
    wire.parse({ text: this.#text, types: this.#types })
    wire.bind({ values: this.#values })
    wire.describe({ type: 'P', name: '' })
    // Flush before Execute: the server holds its output until a Flush or Sync is processed,
    // so with Execute in the same flight the RowDescription would wait for the first rows
    // (a 30 s query would only "start" after 30 s and could not be cancelled before).
    wire.flush()
    // pg does not route NoData (statements without rows) to the active query; listen for it.
    wire.once('noData', this.#onNoData)
  }

  readonly #onNoData = (): void => {
    if (!this.#closing) this.#execute()
  }

  handleRowDescription (message: { fields: FieldDescription[] }): void {
    this.#connection?.removeListener('noData', this.#onNoData)
    this.#columns = message.fields.map((field) => ({ name: field.name, type: postgresType(field.dataTypeID, field.dataTypeModifier) }))
    this.#decoders = message.fields.map((field, i) => decoderFor(field.dataTypeID, this.#columns![i]!.type))
    this.#described.resolve()
    // The first batch is fetched right away: that is what starts the query on the server.
    if (!this.#closing) this.#execute()
  }

  handleDataRow (message: { fields: Array<string | null> }): void {
    if (this.#error !== undefined) return
    try {
      const { fields } = message
      const row: Row = []
      for (let i = 0; i < fields.length; i++) {
        const text = fields[i]
        row.push(text === null || text === undefined ? null : this.#decoders[i]!(text))
      }
      this.#rows.push(row)
    } catch (error) {
      // A value this cursor cannot represent: fail the stream, then close the portal once the
      // current Execute is over (its remaining rows are dropped).
      this.#error = error
      this.#closing = true
      this.#wake()
    }
  }

  handlePortalSuspended (): void {
    this.#executing = false
    if (this.#closing) { this.#closeAndSync(); return }
    this.#ready = this.#rows
    this.#rows = []
    this.#wake()
  }

  handleCommandComplete (message: { text?: string, command?: string, rowCount?: number }): void {
    this.#executing = false
    this.#complete = true
    this.#commandTag = message.text ?? (message.command === undefined ? undefined : `${message.command} ${message.rowCount ?? ''}`.trim())
    this.#ready = this.#rows
    this.#rows = []
    this.#described.resolve()
    this.#connection?.sync()
    this.#wake()
  }

  handleEmptyQuery (): void {
    this.#executing = false
    this.#complete = true
    this.#described.resolve()
    this.#connection?.sync()
    this.#wake()
  }

  handleError (error: unknown): void {
    this.#connection?.removeListener('noData', this.#onNoData)
    this.#executing = false
    this.#serverFailed = true
    this.#error ??= error
    this.#described.reject(this.#error)
    // After an ErrorResponse the server skips messages until Sync; pg routes the following
    // ReadyForQuery to no one (it cleared its active query), so the client is free after that.
    this.#connection?.sync()
    this.#wake()
    this.finished.resolve()
  }

  handleReadyForQuery (): void {
    this.#described.resolve()
    this.finished.resolve()
    this.#wake()
  }

  handleCopyInResponse (): void {
    this.#connection?.sendCopyFail('COPY FROM STDIN is not supported through QueryFlux')
  }

  handleCopyData (): void {
    // COPY TO STDOUT data has no columns to go to; the statement still completes.
  }

  // --- consumer side --------------------------------------------------------------------

  /** The next batch of rows; sends the next Execute only now, when the consumer asks. */
  async next (): Promise<BatchResult> {
    if (this.#error !== undefined) throw this.#error
    if (this.#ready !== undefined) {
      const batch = this.#ready
      this.#ready = undefined
      if (batch.length > 0 || !this.#complete) return batch
    }
    if (this.#complete) return null
    // Before the portal is described, handleRowDescription sends the first Execute; a second
    // one now would put two Executes in flight.
    if (!this.#executing && this.#columns !== undefined) this.#execute()
    return await new Promise<BatchResult>((resolve, reject) => { this.#waiter = { resolve, reject } })
  }

  /**
   * Stops reading: closes the portal at the next protocol boundary and syncs. The client is
   * reusable once `finished` settles.
   */
  close (): void {
    // After an ErrorResponse the server already dropped the portal and pg has a Sync on its way.
    if (this.#complete || this.#closing || this.#serverFailed) return
    this.#closing = true
    if (!this.#executing) this.#closeAndSync()
  }

  /** Fails the stream with `reason` (cancel) and closes the portal. */
  fail (reason: unknown): void {
    this.#error ??= reason
    this.#described.reject(this.#error)
    // Close even though the stream has failed: without Close and Sync the server never sends
    // ReadyForQuery, and the client would be held until the release gives up waiting.
    this.close()
    this.#wake()
  }

  #execute (): void {
    this.#executing = true
    this.#connection!.execute({ portal: '', rows: this.#fetchSize })
    this.#connection!.flush()
  }

  #closeAndSync (): void {
    this.#complete = true
    this.#connection?.close({ type: 'P', name: '' })
    this.#connection?.sync()
  }

  #wake (): void {
    const waiter = this.#waiter
    if (waiter === undefined) return
    if (this.#error !== undefined) { this.#waiter = undefined; waiter.reject(this.#error); return }
    if (this.#ready !== undefined) {
      this.#waiter = undefined
      const batch = this.#ready
      this.#ready = undefined
      waiter.resolve(batch.length === 0 && this.#complete ? null : batch)
      return
    }
    if (this.#complete) { this.#waiter = undefined; waiter.resolve(null) }
  }
}
