/** Trino over its HTTP client protocol. */
import type { Logger } from '../../observability/logger.ts'
import type { EngineAdapter } from '../engine-adapter.ts'
import { TrinoAdapter } from './adapter.ts'
import { resolveTrinoOptions } from './options.ts'
import type { TrinoClusterConfig } from './options.ts'

export async function createTrinoAdapter (name: string, config: TrinoClusterConfig, logger: Logger): Promise<EngineAdapter> {
  return new TrinoAdapter(name, resolveTrinoOptions(name, config), logger)
}
