/**
 * Real engine servers for the benchmark, started through the test harness modules
 * (test/harness/servers/<name>.ts, `start<Name>({ dir })`) in a temp folder of this run. A server
 * that cannot start is reported with its reason and its section is skipped: the benchmark
 * measures what this machine can run. Every started server is tracked (cleanup.ts) until stopped.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { track } from './cleanup.ts'

export type ServerName = 'postgres' | 'mariadb' | 'trino' | 'clickhouse'

export interface BenchServer {
  readonly name: ServerName
  /** QF_TEST_<NAME>_* connection settings, as the harness documents them. */
  readonly env: Record<string, string>
  /** Wall time the start took, in seconds. */
  readonly startSeconds: number
  stop (): Promise<void>
}

interface HarnessServer { env: Record<string, string>, stop (): Promise<void> }
type Start = (options: { dir: string }) => Promise<HarnessServer>

const STARTERS: Record<ServerName, () => Promise<Start>> = {
  postgres: async () => (await import('../../test/harness/servers/postgres.ts')).startPostgres,
  mariadb: async () => (await import('../../test/harness/servers/mariadb.ts')).startMariadb,
  trino: async () => (await import('../../test/harness/servers/trino.ts')).startTrino,
  clickhouse: async () => (await import('../../test/harness/servers/clickhouse.ts')).startClickhouse,
}

/** Starts `name` under `baseDir/<name>`; resolves to the reason it could not start otherwise. */
export async function startServer (name: ServerName, baseDir: string): Promise<BenchServer | { skipped: string }> {
  const dir = join(baseDir, name)
  mkdirSync(dir, { recursive: true })
  const t0 = performance.now()
  try {
    const start = await STARTERS[name]()
    const server = await start({ dir })
    return { name, env: server.env, startSeconds: (performance.now() - t0) / 1000, stop: track(async () => await stopKeepingAlive(server)) }
  } catch (error) {
    return { skipped: `${name} server did not start: ${(error as Error).message.split('\n')[0]}` }
  }
}

/**
 * The harness spawns servers unref'd (a test process must never wait for them), so a `stop()`
 * that waits for the exit event can see the event loop run dry first and the benchmark end
 * mid-await. A timer holds the loop open until the stop settles.
 */
async function stopKeepingAlive (server: HarnessServer): Promise<void> {
  const keepAlive = setInterval(() => {}, 1000)
  try {
    await server.stop()
  } finally {
    clearInterval(keepAlive)
  }
}
