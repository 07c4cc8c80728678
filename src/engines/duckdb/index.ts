/** DuckDB, embedded in the QueryFlux process (the default engine). */
import type { Logger } from '../../observability/logger.ts'
import type { EngineAdapter } from '../engine-adapter.ts'
import { DuckDbAdapter } from './adapter.ts'
import { resolveDuckDbOptions } from './options.ts'
import type { DuckDbClusterConfig } from './options.ts'

export type { DuckDbClusterConfig } from './options.ts'

export async function createDuckDbAdapter (name: string, config: DuckDbClusterConfig, logger: Logger): Promise<EngineAdapter> {
  return await DuckDbAdapter.open(name, resolveDuckDbOptions(name, config), logger)
}
