/**
 * Real engine servers for the benchmark, started through the test harness modules
 * (test/harness/servers/<name>.ts, `start<Name>({ dir })`) in a temp folder of this run. A server
 * that cannot start is reported with its reason and its section is skipped: the benchmark
 * measures what this machine can run. Every started server is tracked (cleanup.ts) until stopped.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
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

/** Programs each harness module runs, checked first so a missing install gets a plain reason. Trino's module installs itself. */
const PROGRAMS: Record<ServerName, { programs: string[], setup: string }> = {
  postgres: { programs: ['/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/postgres'], setup: 'scripts/setup/postgres.sh' },
  mariadb: { programs: ['mariadb-install-db', 'mariadbd'], setup: 'scripts/setup/mariadb.sh' },
  clickhouse: { programs: ['clickhouse-server'], setup: 'scripts/setup/clickhouse.sh' },
  trino: { programs: [], setup: 'scripts/setup/trino-server.sh' },
}

/** Starts `name` under `baseDir/<name>`; resolves to the reason it could not start otherwise. */
export async function startServer (name: ServerName, baseDir: string): Promise<BenchServer | { skipped: string }> {
  const missing = PROGRAMS[name].programs.filter((program) => !findProgram(program))
  if (missing.length > 0) return { skipped: `${missing.join(', ')} not found: run ${PROGRAMS[name].setup}` }
  const dir = join(baseDir, name)
  mkdirSync(dir, { recursive: true })
  const t0 = performance.now()
  try {
    const start = await STARTERS[name]()
    const server = await guardedStart(async () => await start({ dir }))
    return { name, env: server.env, startSeconds: (performance.now() - t0) / 1000, stop: track(async () => await stopKeepingAlive(server)) }
  } catch (error) {
    return { skipped: `${name} server did not start: ${(error as Error).message.split('\n')[0]}` }
  }
}

function findProgram (program: string): boolean {
  if (program.startsWith('/')) return existsSync(program)
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, program)))
}

/**
 * A harness child process that fails to spawn emits an `error` event nobody listens to, which
 * would end the benchmark; while a server starts, such an exception fails that start instead.
 * A start that settles after losing the race is stopped.
 */
async function guardedStart (start: () => Promise<HarnessServer>): Promise<HarnessServer> {
  let onUncaught: ((error: Error) => void) | undefined
  const crashed = new Promise<never>((_resolve, reject) => { onUncaught = reject })
  process.on('uncaughtException', onUncaught!)
  const starting = start()
  try {
    return await Promise.race([starting, crashed])
  } catch (error) {
    starting.then(async (late) => await late.stop(), () => {})
    throw error
  } finally {
    process.off('uncaughtException', onUncaught!)
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
