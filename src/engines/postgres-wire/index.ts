/** PostgreSQL-wire engines (PostgreSQL and servers that speak its protocol). */
import type { Logger } from '../../observability/logger.ts'
import type { EngineAdapter } from '../engine-adapter.ts'
import { PostgresWireAdapter } from './adapter.ts'
import { resolvePostgresOptions } from './options.ts'
import type { PostgresClusterConfig } from './options.ts'

export async function createPostgresWireAdapter (name: string, config: PostgresClusterConfig, logger: Logger): Promise<EngineAdapter> {
  return new PostgresWireAdapter(name, resolvePostgresOptions(name, config), logger)
}
