/**
 * The one place where a query's life is decided: route → admit → translate → execute → record.
 * Every frontend calls it; nothing else routes, admits or translates.
 */
import { Dialect } from '../core/dialect.ts'
import { errors, ErrorCode, toQueryFluxError } from '../core/errors.ts'
import { Protocol } from '../core/protocol.ts'
import { createQueryId } from '../core/query-id.ts'
import type { QueryRequest, SessionContext } from '../core/query-request.ts'
import type { EngineAdapter, EngineMetadata, EngineType } from '../engines/engine-adapter.ts'
import type { Lease } from '../capacity/lease.ts'
import type { Translation, Translator } from '../translate/translator.ts'
import type { RoutingTrace } from '../routing/routing-trace.ts'
import type { QueryEvents } from '../observability/query-events.ts'
import type { Logger } from '../observability/logger.ts'
import type { QueryExecution, QueryInfo } from './query-execution.ts'
import { QueryRegistry } from './query-registry.ts'
import { withSourceResultTypes } from './result-types.ts'
import { RunningQuery } from './running-query.ts'
import { translateForEngine } from './schema-aware-translation.ts'
import { TableSchemaCache } from './table-schema-cache.ts'

/** What the service needs from routing/ (RouterChain satisfies it). */
export interface QueryRouting {
  route (request: QueryRequest): Promise<{ readonly group: string, readonly trace: RoutingTrace }>
}

/** What the service needs from capacity/ (CapacityManager satisfies it). */
export interface QueryCapacity {
  acquire (group: string, options: { signal: AbortSignal, onQueued?: () => void, exclude?: readonly string[] }): Promise<Lease>
  describeGroup (name: string): { readonly name: string, readonly engine: EngineType, readonly dialect: Dialect, readonly translationOnError: 'fail' | 'passthrough', readonly retries: number } | undefined
  pickCluster (group: string): { readonly cluster: string, readonly adapter: EngineAdapter }
}

export interface QueryServiceOptions {
  readonly routing: QueryRouting
  readonly capacity: QueryCapacity
  readonly translator: Translator
  readonly events: QueryEvents
  readonly logger: Logger
  /** Source dialect per protocol where config overrides the default (flightSql is configurable). */
  readonly protocolDialects?: Partial<Record<Protocol, Dialect>>
  /** How many finished queries to keep in memory for the admin API. */
  readonly recentLimit?: number
  /** Table schemas for translation; default: a cache with `translation.schemaCacheTtlMs`'s default TTL. */
  readonly tableSchemas?: TableSchemaCache
}

/** `translation.schemaCacheTtlMs`'s default, for a service built without config. */
const DEFAULT_SCHEMA_TTL_MS = 60_000

export interface DryRunResult {
  readonly group: string
  readonly trace: RoutingTrace
  readonly engine: EngineType
  readonly sourceDialect: Dialect
  readonly targetDialect: Dialect
  readonly translatedSql?: string
  readonly translationError?: string
}

const DEFAULT_DIALECTS: Record<Protocol, Dialect> = {
  trinoHttp: Dialect.trino,
  postgresWire: Dialect.postgres,
  mysqlWire: Dialect.mysql,
  flightSql: Dialect.trino,
  admin: Dialect.trino,
}

export class QueryService {
  readonly #options: QueryServiceOptions
  readonly #registry: QueryRegistry
  readonly #dialects: Record<Protocol, Dialect>
  readonly #tableSchemas: TableSchemaCache
  #acceptingQueries = true

  constructor (options: QueryServiceOptions) {
    this.#options = options
    this.#tableSchemas = options.tableSchemas ?? new TableSchemaCache({ ttlMs: DEFAULT_SCHEMA_TTL_MS, logger: options.logger })
    this.#registry = new QueryRegistry(options.recentLimit ?? 1000)
    this.#dialects = { ...DEFAULT_DIALECTS, ...options.protocolDialects }
  }

  /** Starts the query's pipeline and returns at once; see QueryExecution. */
  submit (request: QueryRequest): QueryExecution {
    const queryId = request.queryId ?? createQueryId()
    const query = new RunningQuery({
      queryId,
      request,
      sourceDialect: this.dialectFor(request.session),
      events: this.#options.events,
      logger: this.#options.logger,
      onDone: (info) => this.#registry.finish(info),
    })
    this.#registry.add(query)
    if (!this.#acceptingQueries) query.fail(errors.shuttingDown())
    else void query.run((q) => this.#pipeline(q))
    return query
  }

  async metadataFor (request: QueryRequest): Promise<{ group: string, engine: EngineType, dialect: Dialect, metadata: EngineMetadata }> {
    const { group } = await this.#options.routing.route(request)
    const description = this.#describe(group)
    const { adapter } = this.#options.capacity.pickCluster(description.name)
    return { group: description.name, engine: description.engine, dialect: adapter.dialect, metadata: adapter.metadata }
  }

  async dryRun (request: QueryRequest): Promise<DryRunResult> {
    const { group, trace } = await this.#options.routing.route(request)
    const description = this.#describe(group)
    const sourceDialect = this.dialectFor(request.session)
    const base = { group, trace, engine: description.engine, sourceDialect, targetDialect: description.dialect }
    try {
      // With the schema of a cluster the query could get, as the real run would translate it.
      const metadata = this.#metadataOf(description.name)
      const translation = metadata === undefined
        ? await this.#options.translator.translate(request.sql, sourceDialect, description.dialect)
        : await translateForEngine(request.sql, sourceDialect, description.dialect, {
          translator: this.#options.translator, schemas: this.#tableSchemas, metadata,
          session: request.session, signal: request.signal ?? AbortSignal.timeout(30_000), logger: this.#options.logger,
        })
      return { ...base, translatedSql: translation.sql }
    } catch (error) {
      return { ...base, translationError: toQueryFluxError(error).message }
    }
  }

  get (queryId: string): QueryExecution | undefined {
    return this.#registry.get(queryId)
  }

  /** Running queries first, then recent finished ones, newest first. */
  list (): QueryInfo[] {
    return this.#registry.list()
  }

  dialectFor (session: SessionContext): Dialect {
    return session.sourceDialect ?? this.#dialects[session.protocol]
  }

  /** Stops accepting queries; lets running ones finish until `signal` fires, then cancels them. */
  async drain (signal: AbortSignal): Promise<void> {
    this.#acceptingQueries = false
    await this.#registry.drain(signal)
  }

  async #pipeline (query: RunningQuery): Promise<void> {
    const { routing, capacity, events } = this.#options
    const request = query.request

    const decision = await routing.route(request)
    query.routed(decision.group, decision.trace)
    events.emit('routed', { info: query.info(), router: decision.trace.decidedBy, group: decision.group })
    this.#describe(decision.group)

    const excluded: string[] = []
    for (let attempt = 0; ; attempt++) {
      const lease = await capacity.acquire(decision.group, {
        signal: query.signal,
        onQueued: () => events.emit('queued', { info: query.info() }),
        exclude: excluded,
      })
      // The lease's group may be the overflow group, with another engine and dialect.
      const group = this.#describe(lease.group)
      let sql: string
      let resultTypes: Translation['resultTypes']
      try {
        ({ sql, resultTypes } = await this.#translate(query, lease, group.dialect, group.translationOnError))
      } catch (error) {
        lease.release('queryError')
        throw error
      }
      query.started(lease, group.engine, sql)
      events.emit('started', { info: query.info(), queuedMs: lease.queuedMs })
      try {
        const result = await lease.adapter.execute({ queryId: query.queryId, sql, parameters: request.parameters, session: request.session }, query.signal)
        query.streaming(withSourceResultTypes(result, resultTypes), lease)
        return
      } catch (error) {
        const failure = toQueryFluxError(error)
        const retryable = failure.code === ErrorCode.ENGINE_UNAVAILABLE && !query.signal.aborted && attempt < group.retries
        lease.release(failure.code === ErrorCode.ENGINE_UNAVAILABLE ? 'engineFailure' : failure.code === ErrorCode.CANCELLED ? 'cancelled' : 'queryError')
        if (!retryable) throw failure.withDetails({ group: lease.group, cluster: lease.cluster, engine: group.engine })
        excluded.push(lease.cluster)
        query.logger.warn({ cluster: lease.cluster, err: failure.message }, 'cluster failed before sending rows; retrying on another cluster')
      }
    }
  }

  /** Translates for the leased cluster's engine, with its tables' schemas when the dialects differ. */
  async #translate (query: RunningQuery, lease: Lease, target: Dialect, onError: 'fail' | 'passthrough'): Promise<Pick<Translation, 'sql' | 'resultTypes'>> {
    const { translator, events } = this.#options
    const from = query.sourceDialect
    const startedAt = performance.now()
    try {
      const translation = await translateForEngine(query.request.sql, from, target, {
        translator, schemas: this.#tableSchemas, metadata: lease.adapter.metadata,
        session: query.request.session, signal: query.signal, logger: query.logger,
      })
      query.translated(target, translation.sql, translation.outcome)
      if (translation.outcome !== 'identity') events.emit('translated', { from, to: target, outcome: translation.outcome, elapsedMs: translation.elapsedMs })
      return translation
    } catch (error) {
      const failure = toQueryFluxError(error)
      if (query.signal.aborted) throw failure
      events.emit('translationFailed', { from, to: target, elapsedMs: performance.now() - startedAt })
      if (onError === 'passthrough' && failure.code === ErrorCode.TRANSLATION_FAILED) {
        query.translated(target, query.request.sql, 'passthrough')
        events.emit('translated', { from, to: target, outcome: 'passthrough', elapsedMs: performance.now() - startedAt })
        return { sql: query.request.sql }
      }
      throw failure
    }
  }

  /** A cluster of the group's metadata, or undefined when no cluster can be picked now. */
  #metadataOf (group: string): EngineMetadata | undefined {
    try {
      return this.#options.capacity.pickCluster(group).adapter.metadata
    } catch {
      return undefined
    }
  }

  #describe (group: string): NonNullable<ReturnType<QueryCapacity['describeGroup']>> {
    const description = this.#options.capacity.describeGroup(group)
    if (description === undefined) throw errors.internal(`router chose cluster group '${group}', which does not exist`)
    return description
  }
}
