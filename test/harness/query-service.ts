/**
 * A real QueryService over a real embedded DuckDB group, for frontend and admin tests:
 * the same pipeline the app builds (routing, capacity, translation, engines), without listeners.
 */
import { ConfigSchema } from '../../src/config/schema.ts'
import type { Config, ConfigInput } from '../../src/config/schema.ts'
import { createCore } from '../../src/app.ts'
import type { QueryFluxCore } from '../../src/app.ts'
import { createLogger } from '../../src/observability/logger.ts'

export const DEFAULT_TEST_CONFIG: ConfigInput = {
  queryflux: { frontends: {}, adminApi: { enabled: false } },
  clusters: { duckdb: { engine: 'duckDb', poolSize: 4 } },
  clusterGroups: { default: { members: ['duckdb'], maxRunningQueries: 8, maxQueuedQueries: 100 } },
  routingFallback: 'default',
}

export interface TestQueryService extends QueryFluxCore {
  [Symbol.asyncDispose] (): Promise<void>
}

/** `await using qf = await createTestQueryService()` closes it at the end of the scope. */
export async function createTestQueryService (options: { config?: ConfigInput } = {}): Promise<TestQueryService> {
  const config: Config = ConfigSchema.parse(options.config ?? DEFAULT_TEST_CONFIG)
  const logger = createLogger({ level: (process.env.QF_TEST_LOG_LEVEL ?? 'silent') as 'silent' })
  const core = await createCore(config, logger)
  return { ...core, [Symbol.asyncDispose]: core.close }
}
