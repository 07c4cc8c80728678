/**
 * The PostgreSQL wire protocol frontend (`queryflux.frontends.postgresWire`): a TCP server
 * whose connections each run a PostgresSession. Owns what sessions share: the TLS context,
 * the credential store, the process-id → session map that CancelRequest looks up, the
 * connection limit, and shutdown.
 */
import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { createSecureContext } from 'node:tls'
import type { SecureContext } from 'node:tls'
import { randomInt, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { AuthConfig, PostgresWireFrontendConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'
import type { Dialect } from '../../core/dialect.ts'
import { Protocol } from '../../core/protocol.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { Logger } from '../../observability/logger.ts'
import type { QueryEvents } from '../../observability/query-events.ts'
import type { Frontend } from '../frontend.ts'
import { CredentialStore } from './auth/credentials.ts'
import { createCatalogEmulation } from './catalog/catalog-emulation.ts'
import type { CatalogEmulation } from './catalog/catalog-emulation.ts'
import { PostgresConnection } from './connection.ts'
import { PostgresSession } from './session.ts'
import type { SessionEnvironment } from './session.ts'

export interface PostgresFrontendOptions {
  readonly config: PostgresWireFrontendConfig
  readonly auth?: AuthConfig | undefined
  readonly service: QueryService
  readonly logger: Logger
  readonly events: QueryEvents
  /** Source dialect override (`SET queryflux.dialect` still wins per session). */
  readonly dialect?: Dialect
  /** Catalog emulation for engines that cannot answer pg_catalog queries themselves. */
  readonly catalog?: CatalogEmulation
}

/** PostgreSQL's well-known port, used when the config names none. */
export const DEFAULT_PORT = 5432

export function createPostgresFrontend (options: PostgresFrontendOptions): Frontend {
  return new PostgresFrontend(options)
}

export class PostgresFrontend implements Frontend {
  readonly protocol = Protocol.postgresWire
  readonly #options: PostgresFrontendOptions
  readonly #sessions = new Map<number, PostgresSession>()
  readonly #sockets = new Set<Socket>()
  readonly #credentials: CredentialStore
  readonly #catalog: CatalogEmulation
  #server: Server | undefined
  #tls: SecureContext | undefined
  #admitted = 0
  #nextConnId = 1

  constructor (options: PostgresFrontendOptions) {
    this.#options = options
    this.#credentials = new CredentialStore(options.auth)
    this.#catalog = options.catalog ?? createCatalogEmulation({ service: options.service, events: options.events, logger: options.logger.child({ component: 'pg_catalog' }) })
  }

  async start (): Promise<{ host: string, port: number }> {
    const { config, logger } = this.#options
    if (config.tls !== undefined) this.#tls = loadTls(config.tls)
    if (config.requireTls && this.#tls === undefined) {
      throw errors.configInvalid('queryflux.frontends.postgresWire.requireTls is true but no tls is configured: set queryflux.frontends.postgresWire.tls.certFile and keyFile')
    }
    const server = createServer({ noDelay: true, keepAlive: true }, (socket) => this.#accept(socket))
    this.#server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port ?? DEFAULT_PORT, config.host, () => { server.off('error', reject); resolve() })
    })
    server.on('error', (error) => logger.error({ err: error }, 'PostgreSQL listener error'))
    const address = server.address()
    if (address === null || typeof address === 'string') throw errors.internal('the PostgreSQL listener has no TCP address')
    logger.info({ host: address.address, port: address.port, tls: this.#tls !== undefined, auth: this.#credentials.isEnabled ? config.authMethod : 'none' }, 'PostgreSQL wire frontend listening')
    return { host: address.address, port: address.port }
  }

  async stop (signal: AbortSignal): Promise<void> {
    const server = this.#server
    if (server === undefined) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const session of this.#sessions.values()) session.shutdown()
    const kill = (): void => {
      for (const session of this.#sessions.values()) session.kill()
      for (const socket of this.#sockets) socket.destroy()
    }
    if (signal.aborted) kill()
    else signal.addEventListener('abort', kill, { once: true })
    await closed
    signal.removeEventListener('abort', kill)
    await this.#catalog.close()
  }

  #accept (socket: Socket): void {
    const { config, logger, events, service } = this.#options
    const dialect = this.#options.dialect ?? config.dialect
    const connId = this.#nextConnId++
    const log = logger.child({ connId, remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}` })
    this.#sockets.add(socket)
    const trace = log.isLevelEnabled('trace') ? (entry: object) => log.trace(entry, 'wire') : undefined
    const conn = new PostgresConnection(socket, { maxMessageBytes: config.maxMessageBytes, ...(trace === undefined ? {} : { trace }) })
    const processId = this.#newProcessId()
    let isAdmitted = false
    const env: SessionEnvironment = {
      config,
      credentials: this.#credentials,
      tls: this.#tls,
      service,
      catalog: this.#catalog,
      events,
      dialect,
      cancelBackend: (pid, key) => this.#cancel(pid, key, log),
      admit: () => {
        if (this.#admitted >= config.maxConnections) return false
        this.#admitted++
        isAdmitted = true
        return true
      },
    }
    const session = new PostgresSession({ conn, env, processId, secretKey: randomInt(-0x80000000, 0x7fffffff), logger: log })
    this.#sessions.set(processId, session)
    events.emit('connection', { protocol: Protocol.postgresWire, opened: true })
    log.debug('connection opened')
    void session.run().finally(() => {
      this.#sessions.delete(processId)
      this.#sockets.delete(socket)
      if (isAdmitted) this.#admitted--
      events.emit('connection', { protocol: Protocol.postgresWire, opened: false })
      log.debug('connection closed')
    })
  }

  #cancel (processId: number, secretKey: number, log: Logger): void {
    const session = this.#sessions.get(processId)
    const a = Buffer.alloc(4)
    const b = Buffer.alloc(4)
    a.writeInt32BE(secretKey)
    if (session !== undefined) b.writeInt32BE(session.secretKey)
    // Compare in constant time so the secret cannot be guessed byte by byte.
    if (session === undefined || !timingSafeEqual(a, b)) {
      log.info({ processId }, 'CancelRequest with an unknown process id or wrong secret ignored')
      return
    }
    log.info({ processId }, 'CancelRequest: cancelling the running query')
    session.cancel()
  }

  #newProcessId (): number {
    for (;;) {
      const pid = randomInt(1, 0x7fffffff)
      if (!this.#sessions.has(pid)) return pid
    }
  }
}

function loadTls (tls: NonNullable<PostgresWireFrontendConfig['tls']>): SecureContext {
  try {
    return createSecureContext({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) })
  } catch (error) {
    throw errors.configInvalid(`cannot load the PostgreSQL frontend's TLS certificate or key (queryflux.frontends.postgresWire.tls): ${(error as Error).message}`)
  }
}
