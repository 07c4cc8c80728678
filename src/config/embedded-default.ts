/**
 * The configuration QueryFlux runs on when started without one: a newcomer's first run.
 * One in-memory DuckDB cluster `duckdb` in group `default` (the routing fallback), every
 * implemented frontend (Trino HTTP, PostgreSQL wire) on its protocol's customary port on
 * 127.0.0.1, the admin API and /metrics on 9000. The MySQL wire and Flight SQL frontends are
 * not built yet, so the default does not promise them.
 * Nothing leaves the machine and nothing is written to disk.
 *
 * A port that is taken is reported with the key that moves it (`DEFAULT_PORTS[...].key`); moving
 * it means writing a config file, e.g. examples/duckdb-only.yaml.
 */
import type { ConfigInput } from './schema.ts'
import { DEFAULT_PORTS } from './default-ports.ts'
import { deepFreeze } from './deep-freeze.ts'
import { validateConfig } from './validate.ts'
import type { LoadedConfig } from './validate.ts'

export { DEFAULT_PORTS } from './default-ports.ts'
export type { Listener } from './default-ports.ts'

/** The embedded default as written (before defaults are filled in). */
export const EMBEDDED_DEFAULT: ConfigInput = deepFreeze({
  queryflux: {
    frontends: {
      trinoHttp: { enabled: true, port: DEFAULT_PORTS.trinoHttp.port },
      postgresWire: { enabled: true, port: DEFAULT_PORTS.postgresWire.port },
    },
    adminApi: { enabled: true, port: DEFAULT_PORTS.adminApi.port },
    persistence: 'memory',
  },
  clusters: {
    duckdb: { engine: 'duckDb' },
  },
  clusterGroups: {
    default: { members: ['duckdb'] },
  },
  routingFallback: 'default',
} satisfies ConfigInput)

let cached: LoadedConfig | undefined

/** The embedded default, validated and deep-frozen. */
export function embeddedDefaultConfig (): LoadedConfig {
  cached ??= validateConfig(EMBEDDED_DEFAULT)
  return cached
}
