/**
 * Opens the five engines the corpus runs on, through the project's own engine adapters,
 * against the harness's real servers (DuckDB in-process). A server that cannot be started or
 * reached fails the run with a message naming it: no engine is skipped silently.
 */
import type { ClusterConfig } from '../../src/config/schema.ts'
import type { SessionContext } from '../../src/core/query-request.ts'
import type { EngineAdapter } from '../../src/engines/engine-adapter.ts'
import { createSilentLogger } from '../../src/observability/logger.ts'
import type { CorpusEngine } from './load/table-sql.ts'

export interface CorpusEngineHandle {
  readonly engine: CorpusEngine
  readonly adapter: EngineAdapter
  /** The session queries run with (Trino: catalog memory, schema tpch). */
  readonly session: SessionContext
}

export const CORPUS_ENGINES: readonly CorpusEngine[] = ['trino', 'postgres', 'mysql', 'duckdb', 'clickhouse']

/** The schema of Trino's memory catalog that holds the corpus tables. */
export const TRINO_CATALOG = 'memory'
export const TRINO_SCHEMA = 'tpch'

const remote = { enabled: true, weight: 1, priority: 0, poolSize: 6, connectTimeoutMs: 10_000, queryTimeoutMs: 120_000 }

function session (extra: Partial<SessionContext> = {}): SessionContext {
  return { user: 'corpus', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {}, ...extra }
}

type HarnessModule = Record<string, unknown>

async function harnessEnv (file: string, fn: string, what: string): Promise<Record<string, string>> {
  let mod: HarnessModule
  try {
    mod = await import(`../harness/servers/${file}`) as HarnessModule
  } catch (error) {
    throw new Error(`corpus: the ${what} test server module test/harness/servers/${file} is missing (${(error as Error).message}); the corpus needs every engine`, { cause: error })
  }
  const ensure = mod[fn]
  if (typeof ensure !== 'function') throw new Error(`corpus: test/harness/servers/${file} exports no ${fn}()`)
  try {
    return await (ensure as () => Promise<Record<string, string>>)()
  } catch (error) {
    throw new Error(`corpus: the ${what} test server could not be started: ${(error as Error).message}`, { cause: error })
  }
}

function need (env: Record<string, string>, key: string): string {
  const value = env[key]
  if (value === undefined || value === '') throw new Error(`corpus: the harness gave no ${key}`)
  return value
}

type Factory = (name: string, config: ClusterConfig, logger: ReturnType<typeof createSilentLogger>) => Promise<EngineAdapter>

async function factory (folder: string, exportName: string): Promise<Factory> {
  let mod: Record<string, unknown>
  try {
    mod = await import(`../../src/engines/${folder}/index.ts`) as Record<string, unknown>
  } catch (error) {
    throw new Error(`corpus: the engine adapter src/engines/${folder} cannot be loaded: ${(error as Error).message}`, { cause: error })
  }
  const create = mod[exportName]
  if (typeof create !== 'function') throw new Error(`corpus: src/engines/${folder}/index.ts exports no ${exportName}`)
  return create as Factory
}

export async function openEngine (engine: CorpusEngine): Promise<CorpusEngineHandle> {
  const logger = createSilentLogger()
  switch (engine) {
    case 'duckdb': {
      const create = await factory('duckdb', 'createDuckDbAdapter')
      const adapter = await create('corpus-duckdb', { engine: 'duckDb', enabled: true, weight: 1, priority: 0, initSql: [], poolSize: 4 }, logger)
      return { engine, adapter, session: session() }
    }
    case 'postgres': {
      const env = await harnessEnv('postgres.ts', 'ensurePostgres', 'PostgreSQL')
      const create = await factory('postgres-wire', 'createPostgresWireAdapter')
      const adapter = await create('corpus-postgres', { engine: 'postgres', endpoint: need(env, 'QF_TEST_POSTGRES_URL'), ...remote }, logger)
      return { engine, adapter, session: session({ protocol: 'postgresWire' }) }
    }
    case 'mysql': {
      const env = await harnessEnv('mariadb.ts', 'ensureMariadb', 'MariaDB')
      const create = await factory('mysql-wire', 'createMysqlWireAdapter')
      const adapter = await create('corpus-mariadb', { engine: 'mysql', endpoint: need(env, 'QF_TEST_MARIADB_URL'), ...remote }, logger)
      return { engine, adapter, session: session({ protocol: 'mysqlWire' }) }
    }
    case 'clickhouse': {
      const env = await harnessEnv('clickhouse.ts', 'ensureClickhouse', 'ClickHouse')
      const create = await factory('clickhouse', 'createClickHouseAdapter')
      const adapter = await create('corpus-clickhouse', {
        engine: 'clickHouse', endpoint: `${need(env, 'QF_TEST_CLICKHOUSE_URL')}/${need(env, 'QF_TEST_CLICKHOUSE_DATABASE')}`,
        auth: { type: 'basic', username: need(env, 'QF_TEST_CLICKHOUSE_USER'), password: need(env, 'QF_TEST_CLICKHOUSE_PASSWORD') }, ...remote,
      }, logger)
      return { engine, adapter, session: session() }
    }
    case 'trino': {
      const env = await harnessEnv('trino.ts', 'ensureTrino', 'Trino')
      const create = await factory('trino', 'createTrinoAdapter')
      const adapter = await create('corpus-trino', { engine: 'trino', endpoint: need(env, 'QF_TEST_TRINO_URL'), ...remote }, logger)
      return { engine, adapter, session: session({ catalog: TRINO_CATALOG, schema: TRINO_SCHEMA }) }
    }
  }
}

/** Opens every engine; if one fails the others are closed and the error names the engine. */
export async function openEngines (engines: readonly CorpusEngine[] = CORPUS_ENGINES): Promise<Map<CorpusEngine, CorpusEngineHandle>> {
  const results = await Promise.allSettled(engines.map(async (engine) => await openEngine(engine)))
  const opened = new Map<CorpusEngine, CorpusEngineHandle>()
  const failures: string[] = []
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') opened.set(engines[i]!, result.value)
    else failures.push(`${engines[i]}: ${(result.reason as Error).message}`)
  })
  if (failures.length > 0) {
    await closeEngines(opened)
    throw new Error(`corpus: cannot open every engine:\n  ${failures.join('\n  ')}`)
  }
  return opened
}

export async function closeEngines (engines: Map<CorpusEngine, CorpusEngineHandle>): Promise<void> {
  await Promise.allSettled([...engines.values()].map(async (handle) => await handle.adapter.close()))
}
