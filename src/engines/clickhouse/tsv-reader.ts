/**
 * Incremental reader of ClickHouse's TabSeparated output: bytes in, complete lines out,
 * across any chunk boundary (a line, a multi-byte UTF-8 character or an escape may be split
 * between chunks). Raw tabs and newlines only ever separate fields and rows: inside values
 * they are escaped (`\t`, `\n`).
 * @see https://clickhouse.com/docs/en/interfaces/formats#tabseparated
 */
import { errors } from '../../core/errors.ts'

const NEWLINE = 0x0a

export class TsvLineReader {
  #pending: Buffer[] = []
  #pendingBytes = 0
  readonly #maxLineBytes: number

  /** `maxLineBytes` caps one row, so a malformed stream cannot grow memory without bound. */
  constructor (maxLineBytes = 256 * 1024 * 1024) {
    this.#maxLineBytes = maxLineBytes
  }

  /** The complete lines in `chunk` (plus what earlier chunks left), without their newline. */
  push (chunk: Buffer): string[] {
    const lines: string[] = []
    let start = 0
    for (let nl = chunk.indexOf(NEWLINE, start); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      if (this.#pendingBytes > 0) {
        this.#pending.push(chunk.subarray(start, nl))
        lines.push(Buffer.concat(this.#pending).toString('utf8'))
        this.#pending = []
        this.#pendingBytes = 0
      } else {
        lines.push(chunk.toString('utf8', start, nl))
      }
      start = nl + 1
    }
    if (start < chunk.length) {
      this.#pendingBytes += chunk.length - start
      if (this.#pendingBytes > this.#maxLineBytes) throw errors.internal(`a ClickHouse result row is longer than ${this.#maxLineBytes} bytes`)
      // Copy: the caller's chunk may be reused once we return.
      this.#pending.push(Buffer.from(chunk.subarray(start)))
    }
    return lines
  }

  /** Bytes of an unfinished last line (ClickHouse ends every row with a newline). */
  get remainder (): string {
    return Buffer.concat(this.#pending).toString('utf8')
  }
}

/** Splits a line into its raw (still escaped) fields. */
export function splitFields (line: string): string[] {
  return line.split('\t')
}

const UNESCAPE: Readonly<Record<string, string>> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', 0: '\0', a: '\x07', v: '\v' }

/** A TSV field's value: escapes undone; `\N` alone is NULL. */
export function unescapeField (raw: string): string | null {
  if (raw === '\\N') return null
  if (!raw.includes('\\')) return raw
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!
    if (ch !== '\\' || i === raw.length - 1) { out += ch; continue }
    const next = raw[++i]!
    out += UNESCAPE[next] ?? next
  }
  return out
}
