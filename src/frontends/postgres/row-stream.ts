/**
 * Writes a StatementResult's rows to the connection, pulling one batch at a time: rows are
 * encoded into the connection's writer, flushed in large writes, and no next batch is pulled
 * while the socket is full (the consumer sets the pace). A row limit (Execute's maxRows, FETCH
 * n) stops part-way; the rest of the batch waits in the stream for the next call.
 */
import type { Column, Row } from '../../core/query-result.ts'
import { errors } from '../../core/errors.ts'
import { startDataRow } from './codec/backend-messages.ts'
import type { FieldDescription } from './codec/backend-messages.ts'
import type { Writer } from './codec/writer.ts'
import type { PostgresConnection } from './connection.ts'
import { pgColumnType, writeField } from './type-map.ts'
import type { EncodeContext } from './type-map.ts'
import type { StatementResult } from './statement-result.ts'

/** Encoded rows are handed to the socket once the writer holds this much. */
const FLUSH_BYTES = 128 * 1024
/** When the next batch is not ready within this time, what is encoded goes out first. */
const FLUSH_WAIT_MS = 2

export type RowWriter = (w: Writer, row: Row) => void

export class RowStream {
  readonly result: StatementResult
  #pending: readonly Row[] = []
  #index = 0
  #isExhausted = false
  /** Rows written over all calls. */
  total = 0

  constructor (result: StatementResult) {
    this.result = result
  }

  get isExhausted (): boolean {
    return this.#isExhausted && this.#index >= this.#pending.length
  }

  /** Writes up to `limit` rows (0: all). Rejects with the statement's error. */
  async write (conn: PostgresConnection, limit: number, writeRow: RowWriter): Promise<{ rows: number, isExhausted: boolean }> {
    let written = 0
    while (limit === 0 || written < limit) {
      if (conn.isClosed) throw errors.cancelled('the client disconnected')
      if (this.#index >= this.#pending.length) {
        if (this.#isExhausted) break
        const batch = await this.#pull(conn)
        if (batch === undefined) { this.#isExhausted = true; break }
        this.#pending = batch
        this.#index = 0
        continue
      }
      writeRow(conn.writer, this.#pending[this.#index++]!)
      written++
      if (conn.writer.length >= FLUSH_BYTES) await conn.flushAndDrain()
    }
    this.total += written
    return { rows: written, isExhausted: this.isExhausted }
  }

  /** Up to `max` rows from where the stream stands, or undefined at the end (cursors' FETCH). */
  async take (max: number): Promise<readonly Row[] | undefined> {
    while (this.#index >= this.#pending.length) {
      if (this.#isExhausted) return undefined
      const batch = await this.result.nextBatch()
      if (batch === undefined) { this.#isExhausted = true; return undefined }
      this.#pending = batch
      this.#index = 0
    }
    const rows = this.#pending.slice(this.#index, this.#index + max)
    this.#index += rows.length
    this.total += rows.length
    return rows
  }

  /** Pulls everything and throws it away (a DML statement's empty stream, a MOVE). */
  async skip (conn: PostgresConnection, limit: number): Promise<number> {
    return (await this.write(conn, limit, () => {})).rows
  }

  async #pull (conn: PostgresConnection): Promise<readonly Row[] | undefined> {
    const pull = this.result.nextBatch()
    if (conn.writer.length === 0) return await pull
    let timer: NodeJS.Timeout | undefined
    const isReady = await Promise.race([
      pull.then(() => true, () => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(resolve, FLUSH_WAIT_MS, false) }),
    ])
    clearTimeout(timer)
    // The engine is taking its time: let the client have what is ready (rows stream as they arrive).
    if (!isReady) await conn.flushAndDrain()
    return await pull
  }
}

/** RowDescription fields for the columns in the given formats (0 text, 1 binary per column). */
export function fieldDescriptions (columns: readonly Column[], formats: readonly number[]): FieldDescription[] {
  return columns.map((column, i) => {
    const codec = pgColumnType(column.type)
    return {
      name: column.name,
      tableOid: 0,
      columnAttributeNumber: 0,
      dataTypeOid: codec.oid,
      dataTypeSize: codec.typlen,
      typeModifier: codec.typmod,
      format: formats[i] ?? 0,
    }
  })
}

/** Bind's result format codes spread to one per column. */
export function resultFormats (requested: readonly number[], columnCount: number): number[] {
  if (requested.length === 0) return Array.from({ length: columnCount }, () => 0)
  if (requested.length === 1) return Array.from({ length: columnCount }, () => requested[0]!)
  if (requested.length !== columnCount) {
    throw errors.badRequest(`bind message has ${requested.length} result formats but query has ${columnCount} columns`, { sqlstate: '08P01' })
  }
  return [...requested]
}

/** Writes rows as DataRows in the given formats. */
export function dataRowWriter (columns: readonly Column[], formats: readonly number[], ctx: EncodeContext): RowWriter {
  const codecs = columns.map((c) => pgColumnType(c.type))
  const binary = columns.map((_c, i) => formats[i] === 1)
  const count = columns.length
  return (w, row) => {
    startDataRow(w, count)
    for (let i = 0; i < count; i++) writeField(w, codecs[i]!, row[i], binary[i]!, ctx)
    w.end()
  }
}
