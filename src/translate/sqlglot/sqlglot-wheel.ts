/**
 * Where the vendored sqlglot wheel lives. scripts/setup/sqlglot.sh downloads it (pip download,
 * pinned version and sha256) into $QUERYFLUX_CACHE/wheels; nothing downloads it at runtime.
 * The version here must match the script's (sqlglot-translator.test.ts checks it).
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

export const SQLGLOT_VERSION = '30.30.0'

/** The wheel's path for the environment `env` (QUERYFLUX_CACHE, else ~/.cache/queryflux, as scripts/test.sh). */
export function sqlglotWheelPath (env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.QUERYFLUX_CACHE ?? join(homedir(), '.cache', 'queryflux')
  return join(cache, 'wheels', `sqlglot-${SQLGLOT_VERSION}-py3-none-any.whl`)
}
