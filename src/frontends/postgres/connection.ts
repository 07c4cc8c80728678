/**
 * One client socket: framing and decoding of what arrives (paused when the session falls
 * behind), the TLS upgrade after SSLRequest, and coalesced writes with backpressure. Knows the
 * codec, not the protocol's meaning: the session decides what each message does.
 */
import type { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import type { SecureContext } from 'node:tls'
import { errors, toQueryFluxError } from '../../core/errors.ts'
import type { QueryFluxError } from '../../core/errors.ts'
import { FrameReader } from './codec/frame-reader.ts'
import { decodeFrontendMessage, decodeStartupPacket } from './codec/frontend-messages.ts'
import type { FrontendMessage, StartupPacket } from './codec/frontend-messages.ts'
import { Writer } from './codec/writer.ts'

export type Incoming =
  | { readonly kind: 'startup', readonly packet: StartupPacket }
  | { readonly kind: 'message', readonly message: FrontendMessage, readonly bytes: number }

/** Decoded messages waiting for the session beyond this many bytes pause the socket. */
const QUEUE_HIGH_WATER = 1024 * 1024

export interface PostgresConnectionOptions {
  readonly maxMessageBytes: number
  /**
   * Wire trace for debugging drivers (on at log level trace): one entry per message each way,
   * with a hex dump of its first bytes; password messages are never dumped.
   */
  readonly trace?: (entry: { direction: 'in' | 'out', type: string, bytes: number, hex?: string }) => void
}

const TRACE_HEX_BYTES = 64

export class PostgresConnection {
  readonly writer = new Writer()
  readonly remoteAddress: string | undefined
  /** Fires when the socket closes, for whatever reason. */
  readonly closed: AbortSignal
  #socket: Socket
  readonly #reader: FrameReader
  readonly #closeController = new AbortController()
  readonly #queue: Array<Incoming | QueryFluxError> = []
  #queuedBytes = 0
  #waiter: ((value: Incoming | QueryFluxError | undefined) => void) | undefined
  #isPausedByQueue = false
  #isTls = false
  #hasFailed = false
  readonly #onData = (chunk: Buffer): void => this.#receive(chunk)
  readonly #trace: PostgresConnectionOptions['trace']

  constructor (socket: Socket, options: PostgresConnectionOptions) {
    this.#socket = socket
    this.remoteAddress = socket.remoteAddress
    this.#reader = new FrameReader({ maxMessageBytes: options.maxMessageBytes })
    this.#trace = options.trace
    this.closed = this.#closeController.signal
    socket.setNoDelay(true)
    socket.setKeepAlive(true, 60_000)
    this.#attach(socket)
  }

  get isTls (): boolean {
    return this.#isTls
  }

  get isClosed (): boolean {
    return this.closed.aborted
  }

  /** The next message, a protocol error to answer with FATAL, or undefined once the socket closed. */
  async next (): Promise<Incoming | QueryFluxError | undefined> {
    const item = this.#queue.shift()
    if (item !== undefined) {
      if (!(item instanceof Error) && item.kind === 'message') this.#queuedBytes -= item.bytes
      if (this.#isPausedByQueue && this.#queuedBytes < QUEUE_HIGH_WATER / 2) {
        this.#isPausedByQueue = false
        this.#socket.resume()
      }
      return item
    }
    if (this.isClosed) return undefined
    return await new Promise((resolve) => { this.#waiter = resolve })
  }

  /** Whether bytes arrived after the current message (a client must not send after SSLRequest). */
  get hasPendingInput (): boolean {
    return this.#queue.length > 0 || this.#reader.bufferedBytes > 0
  }

  /** Writes one raw byte (the SSLRequest/GSSENCRequest answer). */
  writeByte (byte: number): void {
    this.#socket.write(Buffer.from([byte]))
  }

  /**
   * Hands what the writer holds to the socket. Returns false when the socket's buffer is full:
   * the caller then awaits `drain()` before producing more.
   */
  flush (): boolean {
    if (this.writer.length === 0 || this.isClosed) return !this.isClosed
    const bytes = this.writer.take()
    if (this.#trace !== undefined) traceOutgoing(bytes, this.#trace)
    return this.#socket.write(bytes)
  }

  /** Resolves when the socket can take more, or when it closed. */
  async drain (): Promise<void> {
    if (this.isClosed || !this.#socket.writableNeedDrain) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.#socket.off('drain', done)
        this.closed.removeEventListener('abort', done)
        resolve()
      }
      this.#socket.on('drain', done)
      this.closed.addEventListener('abort', done, { once: true })
    })
  }

  /** flush, then wait for the socket if it is full. */
  async flushAndDrain (): Promise<void> {
    if (!this.flush()) await this.drain()
  }

  /** Switches to TLS after answering 'S' to SSLRequest; resolves once the handshake is done. */
  async upgradeToTls (secureContext: SecureContext): Promise<void> {
    const raw = this.#socket
    raw.off('data', this.#onData)
    const tls = new TLSSocket(raw, { isServer: true, secureContext })
    this.#socket = tls
    this.#isTls = true
    this.#attach(tls)
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => { tls.off('secure', onSecure); reject(error) }
      const onSecure = (): void => { tls.off('error', onError); resolve() }
      tls.once('secure', onSecure)
      tls.once('error', onError)
    })
  }

  /** Switches the framing from startup packets to typed messages. */
  startTypedMessages (): void {
    this.#reader.isStartupPhase = false
  }

  /** Flushes what is pending and closes the socket. */
  end (): void {
    if (this.isClosed) return
    if (this.writer.length > 0) this.#socket.end(this.writer.take())
    else this.#socket.end()
    // A client that never reads must not keep the socket (and its buffers) alive.
    setTimeout(() => this.#socket.destroy(), 5_000).unref()
  }

  destroy (): void {
    this.#socket.destroy()
  }

  #attach (socket: Socket): void {
    socket.on('data', this.#onData)
    socket.on('error', () => { /* 'close' follows; the session logs the reason it knows */ })
    socket.once('close', () => this.#onClose())
  }

  #receive (chunk: Buffer): void {
    if (this.#hasFailed) return
    try {
      this.#reader.push(chunk)
      for (let frame = this.#reader.next(); frame !== undefined; frame = this.#reader.next()) {
        if (frame.code === 0) {
          const packet = decodeStartupPacket(frame.payload)
          this.#trace?.({ direction: 'in', type: packet.type, bytes: frame.payload.byteLength + 4, hex: hex(frame.payload) })
          // Framing changes right after a StartupMessage: the rest of this chunk is typed.
          if (packet.type === 'StartupMessage') this.#reader.isStartupPhase = false
          this.#push({ kind: 'startup', packet })
        } else {
          const message = decodeFrontendMessage(frame.code, frame.payload)
          this.#trace?.({ direction: 'in', type: message.type, bytes: frame.payload.byteLength + 5, ...(message.type === 'Password' ? {} : { hex: hex(frame.payload) }) })
          this.#push({ kind: 'message', message, bytes: frame.payload.byteLength + 5 })
        }
      }
    } catch (error) {
      this.#hasFailed = true
      this.#socket.pause()
      this.#push(toQueryFluxError(error))
    }
  }

  #push (item: Incoming | QueryFluxError): void {
    if (this.#waiter !== undefined) {
      const waiter = this.#waiter
      this.#waiter = undefined
      waiter(item)
      return
    }
    this.#queue.push(item)
    if (!(item instanceof Error) && item.kind === 'message') this.#queuedBytes += item.bytes
    if (!this.#isPausedByQueue && this.#queuedBytes > QUEUE_HIGH_WATER) {
      this.#isPausedByQueue = true
      this.#socket.pause()
    }
  }

  #onClose (): void {
    // After a TLS upgrade both the raw and the TLS socket report 'close'; the first one counts.
    if (this.isClosed) return
    this.#closeController.abort(errors.cancelled('the client disconnected'))
    const waiter = this.#waiter
    this.#waiter = undefined
    waiter?.(undefined)
  }
}

function hex (bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, TRACE_HEX_BYTES)).toString('hex')
  return bytes.byteLength > TRACE_HEX_BYTES ? `${head}…` : head
}

/** One trace entry per message in an outgoing buffer (type byte, then the int32 length). */
function traceOutgoing (bytes: Buffer, trace: NonNullable<PostgresConnectionOptions['trace']>): void {
  for (let at = 0; at + 5 <= bytes.length;) {
    const length = bytes.readInt32BE(at + 1)
    trace({ direction: 'out', type: String.fromCharCode(bytes[at]!), bytes: length + 1, hex: hex(bytes.subarray(at + 5, at + 1 + length)) })
    at += length + 1
  }
}
