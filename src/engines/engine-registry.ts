/**
 * Engine type → adapter factory. Adapters are imported lazily so that a deployment only
 * loads the drivers of the engines it configures (the Athena SDK alone is 18 MB).
 */
import type { ClusterConfig } from '../config/schema.ts'
import type { Logger } from '../observability/logger.ts'
import type { EngineAdapter, EngineType } from './engine-adapter.ts'

type Factory = (name: string, config: ClusterConfig, logger: Logger) => Promise<EngineAdapter>

// Each engine folder's index.ts exports one create<Engine>Adapter function.
const LOADERS: Record<EngineType, () => Promise<Factory>> = {
  duckDb: async () => (await import('./duckdb/index.ts')).createDuckDbAdapter as Factory,
  trino: async () => (await import('./trino/index.ts')).createTrinoAdapter as Factory,
  postgres: async () => (await import('./postgres-wire/index.ts')).createPostgresWireAdapter as Factory,
  mysql: async () => (await import('./mysql-wire/index.ts')).createMysqlWireAdapter as Factory,
  starRocks: async () => (await import('./mysql-wire/index.ts')).createMysqlWireAdapter as Factory,
  clickHouse: async () => (await import('./clickhouse/index.ts')).createClickHouseAdapter as Factory,
  athena: async () => (await import('./athena/index.ts')).createAthenaAdapter as Factory,
}

export async function createEngineAdapter (name: string, config: ClusterConfig, logger: Logger): Promise<EngineAdapter> {
  const factory = await LOADERS[config.engine]()
  return await factory(name, config, logger.child({ cluster: name, engine: config.engine }))
}
