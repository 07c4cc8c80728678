/**
 * Bounds-checked reads from one message body. Every read past the end, and every string
 * without its terminating NUL, is a PROTOCOL_VIOLATION, never a RangeError.
 */
import { errors } from '../../../core/errors.ts'

const utf8 = new TextDecoder('utf-8', { fatal: false })

export class MessageReader {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  readonly #what: string
  #offset = 0

  /** `what` names the message in error messages ("Bind"). */
  constructor (bytes: Uint8Array, what: string) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.#what = what
  }

  get remaining (): number {
    return this.#bytes.byteLength - this.#offset
  }

  int8 (): number {
    this.#need(1)
    return this.#bytes[this.#offset++]!
  }

  int16 (): number {
    this.#need(2)
    const value = this.#view.getInt16(this.#offset)
    this.#offset += 2
    return value
  }

  int32 (): number {
    this.#need(4)
    const value = this.#view.getInt32(this.#offset)
    this.#offset += 4
    return value
  }

  /** A NUL-terminated UTF-8 string. */
  cstring (): string {
    const end = this.#bytes.indexOf(0, this.#offset)
    if (end < 0) throw errors.protocolViolation(`${this.#what} message: string is missing its terminating zero byte`)
    const value = utf8.decode(this.#bytes.subarray(this.#offset, end))
    this.#offset = end + 1
    return value
  }

  /** `n` bytes, copied so they may outlive the frame buffer. */
  bytes (n: number): Uint8Array {
    if (n < 0) throw errors.protocolViolation(`${this.#what} message: negative length ${n}`)
    this.#need(n)
    // new Uint8Array(view) copies; Buffer#slice would return a view into the frame buffer.
    const value = new Uint8Array(this.#bytes.subarray(this.#offset, this.#offset + n))
    this.#offset += n
    return value
  }

  /** The rest of the body, copied. */
  rest (): Uint8Array {
    return this.bytes(this.remaining)
  }

  /** A count field that is followed by at least `minBytesEach` bytes per item. */
  count (minBytesEach: number): number {
    const n = this.int16()
    if (n < 0) throw errors.protocolViolation(`${this.#what} message: negative count ${n}`)
    if (n * minBytesEach > this.remaining) throw errors.protocolViolation(`${this.#what} message: count ${n} does not fit in the message`)
    return n
  }

  /** Throws unless the whole body was read. */
  end (): void {
    if (this.#offset !== this.#bytes.byteLength) {
      throw errors.protocolViolation(`${this.#what} message has ${this.remaining} unexpected trailing bytes`)
    }
  }

  #need (n: number): void {
    if (this.#offset + n > this.#bytes.byteLength) {
      throw errors.protocolViolation(`${this.#what} message is shorter than its fields: needed ${n} more bytes at offset ${this.#offset}`)
    }
  }
}
