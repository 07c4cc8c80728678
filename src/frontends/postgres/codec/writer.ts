/**
 * One reusable output buffer per connection: grows about 1.5× and backfills message lengths,
 * after pg-protocol's `buffer-writer.ts` and porsager's `bytes.js`. Messages accumulate until
 * the connection takes them for one socket write, which coalesces small control messages and
 * puts many DataRows in one write.
 */

const INITIAL_SIZE = 16 * 1024
/** Below this a taken buffer is copied so the big one can be reused; above it the buffer is handed over. */
const COPY_LIMIT = 16 * 1024

export class Writer {
  #buffer: Buffer
  #offset = 0
  #messageStart = -1

  constructor (initialSize = INITIAL_SIZE) {
    this.#buffer = Buffer.allocUnsafe(initialSize)
  }

  /** Bytes written and not yet taken. */
  get length (): number {
    return this.#offset
  }

  /** Starts a typed message; `end()` writes its length. */
  start (code: number): this {
    this.#ensure(5)
    this.#buffer[this.#offset] = code
    this.#messageStart = this.#offset + 1
    this.#offset += 5
    return this
  }

  /** Backfills the length of the message begun by `start`. */
  end (): this {
    this.#buffer.writeInt32BE(this.#offset - this.#messageStart, this.#messageStart)
    this.#messageStart = -1
    return this
  }

  int8 (value: number): this {
    this.#ensure(1)
    this.#buffer[this.#offset++] = value
    return this
  }

  int16 (value: number): this {
    this.#ensure(2)
    this.#buffer.writeInt16BE(value, this.#offset)
    this.#offset += 2
    return this
  }

  int32 (value: number): this {
    this.#ensure(4)
    this.#buffer.writeInt32BE(value, this.#offset)
    this.#offset += 4
    return this
  }

  uint32 (value: number): this {
    this.#ensure(4)
    this.#buffer.writeUInt32BE(value, this.#offset)
    this.#offset += 4
    return this
  }

  int64 (value: bigint): this {
    this.#ensure(8)
    this.#buffer.writeBigInt64BE(value, this.#offset)
    this.#offset += 8
    return this
  }

  float32 (value: number): this {
    this.#ensure(4)
    this.#buffer.writeFloatBE(value, this.#offset)
    this.#offset += 4
    return this
  }

  float64 (value: number): this {
    this.#ensure(8)
    this.#buffer.writeDoubleBE(value, this.#offset)
    this.#offset += 8
    return this
  }

  /** UTF-8 text followed by a zero byte. */
  cstring (value: string): this {
    this.#writeUtf8(value)
    this.#ensure(1)
    this.#buffer[this.#offset++] = 0
    return this
  }

  /** UTF-8 text, no terminator. */
  string (value: string): this {
    this.#writeUtf8(value)
    return this
  }

  bytes (value: Uint8Array): this {
    this.#ensure(value.byteLength)
    this.#buffer.set(value, this.#offset)
    this.#offset += value.byteLength
    return this
  }

  /** A DataRow field: int32 byte length, then UTF-8 text. */
  lengthPrefixedString (value: string): this {
    this.#ensure(4)
    const at = this.#offset
    this.#offset += 4
    this.#writeUtf8(value)
    this.#buffer.writeInt32BE(this.#offset - at - 4, at)
    return this
  }

  /** Reserves an int32 length slot; `endLength(slot)` fills it with the bytes written since. */
  beginLength (): number {
    this.#ensure(4)
    const at = this.#offset
    this.#offset += 4
    return at
  }

  endLength (slot: number): this {
    this.#buffer.writeInt32BE(this.#offset - slot - 4, slot)
    return this
  }

  /** Everything written so far, as one buffer the caller owns; the writer starts empty. */
  take (): Buffer {
    const length = this.#offset
    this.#offset = 0
    if (length <= COPY_LIMIT) return Buffer.from(this.#buffer.subarray(0, length))
    const out = this.#buffer.subarray(0, length)
    this.#buffer = Buffer.allocUnsafe(INITIAL_SIZE)
    return out
  }

  #writeUtf8 (value: string): void {
    // A UTF-16 code unit becomes at most 3 UTF-8 bytes.
    const max = value.length * 3
    if (this.#buffer.byteLength - this.#offset < max) {
      const exact = Buffer.byteLength(value, 'utf8')
      this.#ensure(exact)
    }
    this.#offset += this.#buffer.write(value, this.#offset, 'utf8')
  }

  #ensure (n: number): void {
    const needed = this.#offset + n
    if (needed <= this.#buffer.byteLength) return
    const size = Math.max(needed, Math.floor(this.#buffer.byteLength * 1.5))
    const grown = Buffer.allocUnsafe(size)
    this.#buffer.copy(grown, 0, 0, this.#offset)
    this.#buffer = grown
  }
}
