/**
 * The HTTP layer under the Trino statement protocol: one keep-alive agent of `poolSize` sockets
 * for statement requests and a separate one for cancels and health checks (so a DELETE never
 * waits behind busy sockets). Each call reads one whole response body, capped: Trino's pages are
 * bounded (a few MB by default), and a body past the cap means something is wrong.
 */
import http from 'node:http'
import https from 'node:https'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { abortReason } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { TrinoOptions } from './options.ts'

/** Largest response body accepted (Trino's pages are ~1 MB; its max target result size is 128 MB). */
const MAX_BODY_BYTES = 256 * 1024 * 1024

export interface TrinoHttpResponse {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

export interface TrinoHttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  readonly signal?: AbortSignal
  /** Use the control agent (cancels, health) instead of the statement pool. */
  readonly isControl?: boolean
}

export class TrinoHttpClient {
  readonly #options: TrinoOptions
  readonly #what: string
  readonly #agent: http.Agent
  readonly #controlAgent: http.Agent

  constructor (options: TrinoOptions, what: string) {
    this.#options = options
    this.#what = what
    const AgentClass = options.isHttps ? https.Agent : http.Agent
    this.#agent = new AgentClass({ keepAlive: true, maxSockets: options.poolSize, ...options.tls })
    this.#controlAgent = new AgentClass({ keepAlive: true, maxSockets: 4, ...options.tls })
  }

  /** Absolute URL for a path of the coordinator. */
  url (path: string): string {
    return `${this.#options.baseUrl}${path}`
  }

  async request (request: TrinoHttpRequest): Promise<TrinoHttpResponse> {
    const transport = this.#options.isHttps ? https : http
    return await new Promise<TrinoHttpResponse>((resolve, reject) => {
      const signal = request.signal
      if (signal?.aborted === true) { reject(abortReason(signal)); return }
      const headers: Record<string, string> = { ...request.headers }
      if (this.#options.authorization !== undefined) headers.authorization = this.#options.authorization
      if (request.body !== undefined) headers['content-type'] = 'text/plain; charset=utf-8'
      const outgoing = transport.request(request.url, {
        method: request.method,
        agent: request.isControl === true ? this.#controlAgent : this.#agent,
        headers,
      })
      let connectTimer: NodeJS.Timeout | undefined
      const onAbort = (): void => { outgoing.destroy(abortReason(signal!)) }
      const cleanup = (): void => {
        clearTimeout(connectTimer)
        signal?.removeEventListener('abort', onAbort)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return
        connectTimer = setTimeout(() => outgoing.destroy(errors.engineUnavailable(this.#what,
          `no connection within ${this.#options.connectTimeoutMs} ms (connectTimeoutMs)`)), this.#options.connectTimeoutMs)
        socket.once('connect', () => clearTimeout(connectTimer))
      })
      outgoing.once('error', (error) => { cleanup(); reject(error) })
      outgoing.once('response', (response: IncomingMessage) => {
        readBody(response, MAX_BODY_BYTES).then((body) => {
          cleanup()
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
        }, (error: unknown) => { cleanup(); reject(error) })
      })
      outgoing.end(request.body)
    })
  }

  close (): void {
    this.#agent.destroy()
    this.#controlAgent.destroy()
  }
}

async function readBody (response: IncomingMessage, limit: number): Promise<string> {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      response.destroy()
      throw errors.internal(`a Trino response body exceeded ${limit} bytes`)
    }
    parts.push(chunk)
  }
  return Buffer.concat(parts, size).toString('utf8')
}
