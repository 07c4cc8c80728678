/**
 * The Trino HTTP frontend (`queryflux.frontends.trinoHttp`): the Trino client protocol v1 as a
 * coordinator serves it, on node:http, so the Trino CLI, JDBC, the Python client and the other
 * Trino clients work unchanged. See docs/frontends/trino-http.md.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { TrinoHttpFrontendConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'
import { Protocol } from '../../core/protocol.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { Logger } from '../../observability/logger.ts'
import type { QueryEvents } from '../../observability/query-events.ts'
import type { Frontend } from '../frontend.ts'
import { createRequestHandler } from './routes.ts'
import { StatementRegistry } from './statement-registry.ts'

export interface TrinoHttpFrontendOptions {
  readonly config: TrinoHttpFrontendConfig
  /** Base URL for every URI handed to clients (queryflux.externalAddress); else the request's Host. */
  readonly externalAddress?: string | undefined
  readonly service: QueryService
  readonly logger: Logger
  /** The QueryService publishes engine queries' events; the frontend publishes `answered` for statements it answers itself. */
  readonly events: QueryEvents
}

/** A Trino coordinator's usual port, used when the config names none. */
export const DEFAULT_PORT = 8080

export function createTrinoHttpFrontend (options: TrinoHttpFrontendOptions): Frontend {
  return new TrinoHttpFrontend(options)
}

export class TrinoHttpFrontend implements Frontend {
  readonly protocol = Protocol.trinoHttp
  readonly #options: TrinoHttpFrontendOptions
  readonly #statements: StatementRegistry
  #server: Server | undefined
  #sweeper: NodeJS.Timeout | undefined
  #isStopping = false
  #passthroughStatements = 0

  constructor (options: TrinoHttpFrontendOptions) {
    this.#options = options
    this.#statements = new StatementRegistry(options.config.clientTimeoutMs)
  }

  /** Statements a client may still read from (for tests and the admin view). */
  get activeStatements (): number { return this.#statements.activeCount }

  /** Statements whose rows were forwarded as the Trino engine encoded them (pass-through). */
  get passthroughStatements (): number { return this.#passthroughStatements }

  async start (): Promise<{ host: string, port: number }> {
    const { config, logger, service, externalAddress, events } = this.#options
    const handler = createRequestHandler({
      config,
      externalAddress,
      service,
      logger,
      events,
      statements: this.#statements,
      startedAt: Date.now(),
      isStopping: () => this.#isStopping,
      onPassthrough: () => { this.#passthroughStatements++ },
    })
    // Prepared statements travel in a request header, so headers may be large.
    const server = createServer({ maxHeaderSize: 1024 * 1024, keepAliveTimeout: 60_000, noDelay: true }, handler)
    server.on('clientError', (error, socket) => {
      logger.info({ err: error.message }, 'malformed HTTP request on the Trino port')
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      else socket.destroy()
    })
    this.#server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port ?? DEFAULT_PORT, config.host, () => { server.off('error', reject); resolve() })
    })
    server.on('error', (error) => logger.error({ err: error }, 'Trino HTTP listener error'))
    const address = server.address()
    if (address === null || typeof address === 'string') throw errors.internal('the Trino HTTP listener has no TCP address')
    const interval = Math.max(50, Math.min(config.clientTimeoutMs / 4, 5000))
    this.#sweeper = setInterval(() => this.#statements.sweep(), interval).unref()
    logger.info({ host: address.address, port: address.port }, 'Trino HTTP frontend listening')
    return { host: address.address, port: address.port }
  }

  async stop (signal: AbortSignal): Promise<void> {
    const server = this.#server
    if (server === undefined) return
    this.#isStopping = true
    await this.#statements.waitUntilIdle(signal)
    await this.#statements.cancelAll(errors.shuttingDown())
    clearInterval(this.#sweeper)
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeAllConnections()
    await closed
    this.#server = undefined
  }
}
