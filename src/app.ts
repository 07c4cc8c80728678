/**
 * The composition root: the only module that wires everything together (fastify.js's role).
 * Nothing imports it but main.ts and tests.
 */
import type { Config } from './config/schema.ts'
import { errors, isQueryFluxError, QueryFluxError, ErrorCode } from './core/errors.ts'
import type { Dialect } from './core/dialect.ts'
import { createEngineAdapter } from './engines/engine-registry.ts'
import { CapacityManager } from './capacity/capacity-manager.ts'
import { RouterChain } from './routing/router-chain.ts'
import { createTranslator } from './translate/index.ts'
import { TableSchemaCache } from './service/table-schema-cache.ts'
import { QueryService } from './service/query-service.ts'
import { QueryEvents } from './observability/query-events.ts'
import type { Logger } from './observability/logger.ts'
import type { Frontend } from './frontends/frontend.ts'

export interface QueryFluxCore {
  readonly config: Config
  readonly service: QueryService
  readonly capacity: CapacityManager
  readonly events: QueryEvents
  readonly logger: Logger
  close (): Promise<void>
}

export interface Listening {
  /** Config key that moves this listener, e.g. `queryflux.frontends.trinoHttp.port`. */
  readonly key: string
  readonly name: string
  readonly host: string
  readonly port: number
}

export interface QueryFluxApp extends QueryFluxCore {
  readonly listening: readonly Listening[]
  /** Stops accepting, drains running queries until shutdownTimeoutMs, then cancels the rest. */
  stop (): Promise<void>
}

/** The query pipeline without any listener: service, routing, capacity, translation, engines. */
export async function createCore (config: Config, logger: Logger): Promise<QueryFluxCore> {
  const events = new QueryEvents((error, event) => logger.error({ err: error, event }, 'query event listener failed'))
  const routing = RouterChain.fromConfig(config)
  // A pythonScript router whose script does not compile fails the start, not the first query.
  await routing.warmUp()
  const translator = await createTranslator({ cacheSize: config.translation.cacheSize, workerThreads: config.translation.workerThreads })
  const capacity = await CapacityManager.create(config, {
    createAdapter: async (name, cluster) => await createEngineAdapter(name, cluster, logger),
    events,
    logger,
    healthCheckIntervalMs: config.health.checkIntervalMs,
    healthCheckTimeoutMs: config.health.checkTimeoutMs,
    health: { unhealthyThreshold: config.health.unhealthyThreshold, healthyThreshold: config.health.healthyThreshold },
    circuitBreaker: { failureThreshold: config.health.circuitFailureThreshold, coolDownMs: config.health.circuitCoolDownMs },
  })
  capacity.start()
  const flightDialect: Dialect | undefined = config.queryflux.frontends.flightSql?.dialect
  const service = new QueryService({
    routing,
    capacity,
    translator,
    events,
    logger,
    protocolDialects: flightDialect === undefined ? {} : { flightSql: flightDialect },
    tableSchemas: new TableSchemaCache({ ttlMs: config.translation.schemaCacheTtlMs, logger }),
  })
  return {
    config,
    service,
    capacity,
    events,
    logger,
    close: async () => {
      await capacity.close()
      await translator.close()
      await routing.close()
    },
  }
}

/** Starts everything the config enables and reports where it listens. */
export async function startQueryFlux (config: Config, logger: Logger): Promise<QueryFluxApp> {
  const core = await createCore(config, logger)
  const listening: Listening[] = []
  const started: Frontend[] = []
  let admin: { stop (): Promise<void> } | undefined
  try {
    for (const { frontend, key, name } of await createFrontends(core)) {
      const address = await listenOrExplain(key, () => frontend.start())
      started.push(frontend)
      listening.push({ key, name, ...address })
    }
    if (config.queryflux.adminApi.enabled) {
      const server = await startAdmin(core)
      admin = server
      const address = await listenOrExplain('queryflux.adminApi.port', () => server.start())
      listening.push({ key: 'queryflux.adminApi.port', name: 'admin API and /metrics', ...address })
    }
  } catch (error) {
    const never = new AbortController()
    never.abort()
    await Promise.allSettled(started.map(async (f) => await f.stop(never.signal)))
    await core.close()
    throw error
  }

  let stopping: Promise<void> | undefined
  return {
    ...core,
    listening,
    stop: async () => {
      stopping ??= (async () => {
        const deadline = AbortSignal.timeout(config.queryflux.shutdownTimeoutMs)
        await Promise.allSettled([
          core.service.drain(deadline),
          ...started.map(async (f) => await f.stop(deadline)),
        ])
        await admin?.stop()
        await core.close()
      })()
      await stopping
    },
  }
}

async function listenOrExplain<T> (key: string, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen()
  } catch (error) {
    if (isQueryFluxError(error)) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      throw new QueryFluxError(ErrorCode.CONFIG_INVALID, `${(error as Error).message}: the port is taken by another process; set ${key} to a free port (0 picks one)`, { cause: error })
    }
    if (code === 'EACCES') {
      throw new QueryFluxError(ErrorCode.CONFIG_INVALID, `${(error as Error).message}: not allowed to listen there; set ${key} to a port above 1024`, { cause: error })
    }
    throw errors.internal(`could not start the listener of ${key}`, error)
  }
}

interface NamedFrontend { readonly frontend: Frontend, readonly key: string, readonly name: string }

/** Frontends the config enables, imported lazily so an unused protocol loads nothing. */
async function createFrontends (core: QueryFluxCore): Promise<NamedFrontend[]> {
  const { config, service, logger, events } = core
  const { frontends, externalAddress } = config.queryflux
  const out: NamedFrontend[] = []
  if (frontends.trinoHttp?.enabled === true) {
    const { createTrinoHttpFrontend } = await import('./frontends/trino-http/index.ts')
    out.push({
      key: 'queryflux.frontends.trinoHttp.port',
      name: 'Trino HTTP',
      frontend: createTrinoHttpFrontend({ config: frontends.trinoHttp, externalAddress, service, logger: logger.child({ protocol: 'trinoHttp' }), events }),
    })
  }
  if (frontends.postgresWire?.enabled === true) {
    const { createPostgresFrontend } = await import('./frontends/postgres/index.ts')
    out.push({
      key: 'queryflux.frontends.postgresWire.port',
      name: 'PostgreSQL wire',
      frontend: createPostgresFrontend({ config: frontends.postgresWire, auth: config.auth, service, logger: logger.child({ protocol: 'postgresWire' }), events }),
    })
  }
  for (const protocol of ['mysqlWire', 'flightSql'] as const) {
    if (frontends[protocol]?.enabled === true) {
      logger.warn({ protocol }, `the ${protocol} frontend is not implemented yet in this release; queryflux.frontends.${protocol} is ignored`)
    }
  }
  return out
}

async function startAdmin (core: QueryFluxCore): Promise<{ start (): Promise<{ host: string, port: number }>, stop (): Promise<void> }> {
  const { createAdminServer } = await import('./admin/admin-server.ts')
  const { Metrics } = await import('./observability/metrics.ts')
  const { QueryHistory } = await import('./observability/query-history.ts')
  const metrics = new Metrics({ events: core.events, capacitySnapshot: () => core.capacity.snapshot() })
  const history = new QueryHistory({ events: core.events, limit: 10_000 })
  return createAdminServer({
    config: core.config.queryflux.adminApi,
    service: core.service,
    capacity: core.capacity,
    metrics,
    history,
    configView: () => redact(core.config),
    logger: core.logger.child({ component: 'admin' }),
  })
}

/** The config with secrets replaced, for the admin API. */
function redact (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    out[key] = /password|token|secret/i.test(key) && typeof inner === 'string' ? '***' : redact(inner)
  }
  return out
}
