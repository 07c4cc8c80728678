/**
 * Splits a byte stream into PostgreSQL messages: merge-and-scan with offsets, after
 * pg-protocol's `parser.ts` `mergeBuffer` (brianc/node-postgres packages/pg-protocol/src/parser.ts),
 * with a cap checked on the length header before anything is allocated for the body.
 *
 * Two framings exist. In the startup phase a packet is `int32 length` + body (StartupMessage,
 * SSLRequest, GSSENCRequest, CancelRequest); afterwards every message is `byte1 code` +
 * `int32 length` + body. The length counts itself but not the code byte.
 * @see https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS
 */
import { errors } from '../../../core/errors.ts'
import { FrontendCode, SMALL_MESSAGE_LIMIT } from './message-codes.ts'

export interface Frame {
  /** The message type byte; 0 for a startup-phase packet. */
  readonly code: number
  /** The body, a view into the reader's buffer: valid only until the next `push`. */
  readonly payload: Uint8Array
}

export interface FrameReaderOptions {
  /** Largest body accepted for Query, Parse, Bind, CopyData, FunctionCall and password messages. */
  readonly maxMessageBytes: number
}

/** Messages whose body may be large; every other type is capped at SMALL_MESSAGE_LIMIT, as PostgreSQL does. */
const LARGE_TYPES: ReadonlySet<number> = new Set([
  FrontendCode.Query, FrontendCode.Parse, FrontendCode.Bind, FrontendCode.CopyData,
  FrontendCode.FunctionCall, FrontendCode.Password,
])

const EMPTY = new Uint8Array(0)

export class FrameReader {
  readonly #maxMessageBytes: number
  #buffer: Uint8Array = EMPTY
  #start = 0
  #end = 0
  /** The buffer this reader allocated itself (so it may write into it), as opposed to a caller's chunk. */
  #owned: Uint8Array | undefined
  /** True until the StartupMessage has been read: packets then carry no type byte. */
  isStartupPhase = true

  constructor (options: FrameReaderOptions) {
    this.#maxMessageBytes = options.maxMessageBytes
  }

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes (): number {
    return this.#end - this.#start
  }

  /** Size of the internal buffer (for the allocation cap property tests). */
  get capacity (): number {
    return this.#buffer.byteLength
  }

  push (chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return
    const remaining = this.#end - this.#start
    if (remaining === 0) {
      // Nothing pending: scan the chunk in place, no copy.
      this.#buffer = chunk
      this.#start = 0
      this.#end = chunk.byteLength
      return
    }
    const needed = remaining + chunk.byteLength
    if (this.#isOwned && this.#buffer.byteLength - this.#end >= chunk.byteLength) {
      this.#buffer.set(chunk, this.#end)
      this.#end += chunk.byteLength
      return
    }
    // Grow 1.5×, but never past what the pending frame can legitimately need.
    const cap = Math.max(needed, this.#frameBound())
    const size = Math.min(Math.max(needed, Math.floor(remaining * 1.5)), cap)
    const merged = new Uint8Array(size)
    merged.set(this.#buffer.subarray(this.#start, this.#end), 0)
    merged.set(chunk, remaining)
    this.#buffer = merged
    this.#owned = merged
    this.#start = 0
    this.#end = needed
  }

  /**
   * The next complete frame, or undefined when more bytes are needed.
   * Throws PROTOCOL_VIOLATION for a bad or oversized length header.
   */
  next (): Frame | undefined {
    const available = this.#end - this.#start
    const headerBytes = this.isStartupPhase ? 4 : 5
    if (available < headerBytes) return undefined
    const at = this.#start
    const code = this.isStartupPhase ? 0 : this.#buffer[at]!
    const length = this.#readLength(at + headerBytes - 4)
    this.#checkLength(code, length)
    const total = length + headerBytes - 4
    if (available < total) return undefined
    const payload = this.#buffer.subarray(at + headerBytes, at + total)
    this.#start += total
    if (this.#start === this.#end) {
      // Drop the reference so a big merged buffer is not kept alive by an idle connection.
      this.#buffer = EMPTY
      this.#owned = undefined
      this.#start = 0
      this.#end = 0
    }
    return { code, payload }
  }

  get #isOwned (): boolean {
    return this.#owned !== undefined && this.#owned === this.#buffer
  }

  #readLength (at: number): number {
    const b = this.#buffer
    // Unsigned read then reinterpret: a length with the top bit set is negative and invalid.
    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!)
  }

  #limitFor (code: number): number {
    if (this.isStartupPhase) return SMALL_MESSAGE_LIMIT
    return LARGE_TYPES.has(code) ? this.#maxMessageBytes : SMALL_MESSAGE_LIMIT
  }

  #checkLength (code: number, length: number): void {
    if (length < 4) throw errors.protocolViolation(`invalid message length ${length} for message type ${describeCode(code)}`)
    const limit = this.#limitFor(code)
    if (length - 4 > limit) {
      throw errors.protocolViolation(`message of type ${describeCode(code)} is ${length - 4} bytes, over the limit of ${limit} bytes` +
        (LARGE_TYPES.has(code) ? ': raise queryflux.frontends.postgresWire.maxMessageBytes if this message is legitimate' : ''))
    }
  }

  /** Header plus body of the largest frame that could be pending now. */
  #frameBound (): number {
    const headerBytes = this.isStartupPhase ? 4 : 5
    const available = this.#end - this.#start
    if (available >= headerBytes) {
      const length = this.#readLength(this.#start + headerBytes - 4)
      const code = this.isStartupPhase ? 0 : this.#buffer[this.#start]!
      this.#checkLength(code, length)
      return length + headerBytes - 4
    }
    return headerBytes
  }
}

function describeCode (code: number): string {
  if (code === 0) return 'startup packet'
  return code >= 0x20 && code < 0x7f ? `'${String.fromCharCode(code)}'` : `0x${code.toString(16)}`
}
