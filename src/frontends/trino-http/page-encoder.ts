/**
 * Rows → the JSON text of a QueryResults page's `data` array, with per-column writers built
 * once (type-map.ts) and a running count of encoded bytes so a page stops near
 * `targetPageBytes`. The JSON is written by hand, never through JSON.stringify of the rows,
 * so bigints keep every digit and doubles keep Java's form.
 */
import { Buffer } from 'node:buffer'
import type { Column, Row } from '../../core/query-result.ts'
import { createValueWriter, toTrinoColumn } from './type-map.ts'
import type { ValueWriter } from './type-map.ts'

export class PageEncoder {
  /** JSON text of the QueryResults `columns` array. */
  readonly columnsJson: string
  readonly #writers: readonly ValueWriter[]
  #parts: string[] = []
  #bytes = 0

  constructor (columns: readonly Column[]) {
    this.columnsJson = JSON.stringify(columns.map(toTrinoColumn))
    this.#writers = columns.map((column) => createValueWriter(column.type))
  }

  /** Bytes of row data buffered for the current page. */
  get bytes (): number { return this.#bytes }

  get rowCount (): number { return this.#parts.length }

  add (row: Row): void {
    const writers = this.#writers
    let text = '['
    for (let i = 0; i < writers.length; i++) {
      if (i > 0) text += ','
      text += writers[i]!(row[i])
    }
    text += ']'
    this.#parts.push(text)
    this.#bytes += Buffer.byteLength(text) + 1
  }

  /** The buffered rows as a JSON array (undefined when none), and an empty buffer. */
  take (): string | undefined {
    if (this.#parts.length === 0) return undefined
    const data = `[${this.#parts.join(',')}]`
    this.#parts = []
    this.#bytes = 0
    return data
  }
}
