/** ClickHouse over its HTTP interface. */
import type { Logger } from '../../observability/logger.ts'
import type { EngineAdapter } from '../engine-adapter.ts'
import { ClickHouseAdapter } from './adapter.ts'
import { resolveClickHouseOptions } from './options.ts'
import type { ClickHouseClusterConfig } from './options.ts'

export async function createClickHouseAdapter (name: string, config: ClickHouseClusterConfig, logger: Logger): Promise<EngineAdapter> {
  return new ClickHouseAdapter(name, resolveClickHouseOptions(name, config), logger)
}
