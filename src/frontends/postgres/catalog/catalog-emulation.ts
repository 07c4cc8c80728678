/**
 * Answers pg_catalog and information_schema queries from the routed engine's own metadata
 * (QueryService.metadataFor) when the engine cannot answer them itself. A PostgreSQL engine
 * answers its own catalog queries; every other engine gets the emulation: the metadata is
 * loaded into a private DuckDB as pg_namespace/pg_class/pg_attribute rows (refreshed every few
 * seconds, and after DDL), and the client's query runs there after a light rewrite.
 */
import type { DuckDBInstance } from '@duckdb/node-api'
import { errors, ErrorCode, isQueryFluxError, QueryFluxError } from '../../../core/errors.ts'
import type { QueryParameter } from '../../../core/query-request.ts'
import type { Column } from '../../../core/query-result.ts'
import type { QueryService } from '../../../service/query-service.ts'
import type { AnsweredKind, QueryEvents } from '../../../observability/query-events.ts'
import type { Logger } from '../../../observability/logger.ts'
import type { EngineMetadata } from '../../../engines/engine-adapter.ts'
import type { AnsweredStatement } from '../answered-statement.ts'
import type { Plan } from '../statement-planner.ts'
import type { SessionState } from '../session-state.ts'
import { SERVER_VERSION } from '../session-state.ts'
import { staticStatementResult } from '../statement-result.ts'
import type { StatementResult } from '../statement-result.ts'
import { leadingKeywords, tokenize } from '../sql-text.ts'
import { CATALOG_TABLES } from './catalog-ddl.ts'
import { CatalogDatabase } from './catalog-database.ts'
import type { CatalogSession } from './catalog-database.ts'
import { rewriteCatalogQuery } from './rewrite.ts'
import { loadSnapshot } from './snapshot.ts'

export interface CatalogContext {
  readonly state: SessionState
  readonly processId: number
  /** The plan that sends the statement to the engine (a PostgreSQL engine answers itself). */
  readonly engine: () => Plan
  /** Records a statement the emulation answers (not the engine) for history and metrics. */
  readonly answered?: (kind: AnsweredKind) => AnsweredStatement
}

export interface CatalogEmulation {
  /** A plan that may answer `sql` from metadata, or undefined when `sql` is not a catalog query. */
  plan (sql: string, context: CatalogContext): Plan | undefined
  close (): Promise<void>
}

export const NO_CATALOG_EMULATION: CatalogEmulation = { plan: () => undefined, close: async () => {} }

/** Names that make a query a catalog query. */
const CATALOG_NAMES = new Set([
  ...Object.keys(CATALOG_TABLES).filter((name) => !name.startsWith('qf_')),
  'pg_roles', 'pg_user', 'pg_tables', 'pg_views', 'pg_indexes', 'pg_stat_user_tables', 'pg_statio_user_tables', 'pg_catalog', 'information_schema',
])

/** Schemas unqualified names resolve to, by engine, when the client set no search_path. */
const DEFAULT_SCHEMAS: Record<string, string> = { duckDb: 'main', postgres: 'public', trino: 'default', clickHouse: 'default', athena: 'default' }

/** Whether `sql` reads PostgreSQL's catalog: a SELECT naming pg_catalog, information_schema or a pg_* catalog table. */
export function isCatalogQuery (sql: string): boolean {
  const [first] = leadingKeywords(sql, 1)
  if (first !== 'SELECT' && first !== 'WITH') return false
  return tokenize(sql).some((t) => t.type === 'word' && CATALOG_NAMES.has(t.text.toLowerCase()))
}

export interface CatalogEmulationOptions {
  readonly service: QueryService
  readonly events: QueryEvents
  readonly logger: Logger
  /** How long a metadata snapshot is reused (DDL through QueryFlux refreshes it at once). */
  readonly snapshotTtlMs?: number
}

interface GroupCatalog {
  readonly instance: DuckDBInstance
  readonly database: CatalogDatabase
  loading: Promise<void> | undefined
}

export function createCatalogEmulation (options: CatalogEmulationOptions): CatalogEmulation {
  return new DuckDbCatalogEmulation(options)
}

class DuckDbCatalogEmulation implements CatalogEmulation {
  readonly #options: CatalogEmulationOptions
  readonly #groups = new Map<string, Promise<GroupCatalog>>()
  readonly #stale = new Set<string>()
  readonly #unsubscribe: () => void

  constructor (options: CatalogEmulationOptions) {
    this.#options = options
    // DDL that went through QueryFlux makes the next catalog query see fresh metadata.
    this.#unsubscribe = options.events.on('finished', ({ info }) => {
      if (info.group !== undefined && /^\s*(create|drop|alter|attach|detach|use|rename|comment)\b/i.test(info.sql)) this.#stale.add(info.group)
    })
  }

  plan (sql: string, context: CatalogContext): Plan | undefined {
    if (!isCatalogQuery(sql)) return undefined
    return {
      describe: async (parameters) => {
        const answer = await this.#answer(sql, parameters, context)
        if (answer === 'engine') return await context.engine().describe(parameters)
        return answer.columns.length === 0 ? null : answer.columns
      },
      start: async (parameters): Promise<StatementResult> => {
        const answered = context.answered?.('catalog')
        const answer = await this.#answer(sql, parameters, context).catch((error: unknown) => {
          answered?.fail(error)
          throw error
        })
        // The engine's answer is recorded by the QueryService.
        if (answer === 'engine') return await context.engine().start(parameters)
        const result = staticStatementResult(answer.columns, { rows: answer.rows, tag: `SELECT ${answer.rows.length}`, notices: [], parameterStatus: [] })
        return answered?.track(result) ?? result
      },
    }
  }

  async close (): Promise<void> {
    this.#unsubscribe()
    for (const group of this.#groups.values()) {
      const catalog = await group.catch(() => undefined)
      catalog?.database.close()
      catalog?.instance.closeSync()
    }
    this.#groups.clear()
  }

  async #answer (sql: string, parameters: readonly QueryParameter[], context: CatalogContext): Promise<'engine' | { columns: Column[], rows: unknown[][] }> {
    const { state } = context
    const route = await this.#options.service.metadataFor({ sql, session: state.context() })
    if (route.engine === 'postgres') return 'engine'
    const catalog = await this.#catalog(route.group, route.metadata, state.database)
    const schema = state.context().schema ?? DEFAULT_SCHEMAS[route.engine] ?? 'public'
    const session: CatalogSession = {
      database: state.database,
      user: state.user,
      schema,
      searchPath: [schema],
      processId: context.processId,
      version: `PostgreSQL ${SERVER_VERSION} on x86_64-pc-linux-gnu, compiled by QueryFlux, 64-bit`,
      settings: state.all(),
    }
    const rewritten = rewriteCatalogQuery(sql, catalog.resolver, parameters.map((p) => p.value))
    try {
      return await catalog.query(rewritten, session)
    } catch (error) {
      if (isQueryFluxError(error)) throw error
      this.#options.logger.warn({ err: (error as Error).message, sql: rewritten }, 'catalog query failed in the pg_catalog emulation')
      throw new QueryFluxError(ErrorCode.NOT_SUPPORTED, `QueryFlux's pg_catalog emulation cannot answer this catalog query: ${(error as Error).message.split('\n')[0]}`, { cause: error, details: { sqlstate: '0A000' } })
    }
  }

  /** The group's catalog with a snapshot no older than the TTL. */
  async #catalog (group: string, metadata: EngineMetadata, database: string): Promise<CatalogDatabase> {
    let entry = this.#groups.get(group)
    if (entry === undefined) {
      entry = this.#create()
      this.#groups.set(group, entry)
      entry.catch(() => this.#groups.delete(group))
    }
    const catalog = await entry
    const ttl = this.#options.snapshotTtlMs ?? 5_000
    const isStale = this.#stale.has(group) || performance.now() - catalog.database.loadedAt > ttl
    if (isStale && catalog.loading === undefined) {
      this.#stale.delete(group)
      catalog.loading = (async () => {
        const signal = AbortSignal.timeout(30_000)
        const snapshot = await loadSnapshot(metadata, database, signal)
        await catalog.database.load(snapshot, [...new Set([database, ...snapshot.catalogs])])
      })().finally(() => { catalog.loading = undefined })
    }
    if (catalog.loading !== undefined) {
      try {
        await catalog.loading
      } catch (error) {
        throw errors.engineUnavailable('the engine metadata for the pg_catalog emulation', (error as Error).message, error, { group })
      }
    }
    return catalog.database
  }

  async #create (): Promise<GroupCatalog> {
    const { DuckDBInstance } = await import('@duckdb/node-api')
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' })
    return { instance, database: await CatalogDatabase.create(instance), loading: undefined }
  }
}
