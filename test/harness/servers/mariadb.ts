/**
 * A real MariaDB server (Debian's mariadb-server, installed by scripts/setup/mariadb.sh),
 * standing in for the MySQL-wire engines (MySQL, StarRocks). Started as a plain `mariadbd`
 * process with datadir, socket, pid file and error log under `dir`, on a free port.
 *
 * Test user: `qf` (password `qf`, all privileges on database `qf`, plus PROCESS).
 * Env: QF_TEST_MARIADB_URL (mysql://qf:qf@127.0.0.1:PORT/qf), QF_TEST_MARIADB_HOST,
 * QF_TEST_MARIADB_PORT, QF_TEST_MARIADB_USER, QF_TEST_MARIADB_PASSWORD, QF_TEST_MARIADB_DATABASE.
 */
import { execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, openSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createConnection } from 'mysql2/promise'
import { canConnect, freePort, pickEnv, removeDir, spawnServer, stopServerProcess, stopWithProcess, waitForServer } from './postgres.ts'
import type { RestartableServer } from './postgres.ts'

const SETUP = 'scripts/setup/mariadb.sh'

export async function startMariadb (options: { dir: string }): Promise<RestartableServer> {
  const dir = resolve(options.dir)
  const data = join(dir, 'data')
  const socket = join(dir, 'mariadb.sock')
  const logFile = join(dir, 'mariadb.err')
  const outFile = join(dir, 'mariadb.out')
  const asRoot = process.getuid?.() === 0
  mkdirSync(dir, { recursive: true })
  let child: ChildProcess | undefined
  let port = 0
  const launch = async (): Promise<void> => {
    const args = ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mariadb.pid')}`, `--log-error=${logFile}`, '--skip-name-resolve', '--skip-log-bin',
      '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M', '--innodb-flush-log-at-trx-commit=0',
      '--performance-schema=OFF', '--max-connections=100', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_general_ci',
      ...(asRoot ? ['--user=root'] : [])]
    const out = openSync(outFile, 'a')
    child = spawnServer('mariadbd', args, { stdio: ['ignore', out, out] })
    closeSync(out)
    await waitForServer({ child, what: `MariaDB on port ${port}`, logFiles: [logFile, outFile], setup: SETUP }, async () => await canConnect(port), 60_000)
  }
  try {
    installDb(data, asRoot)
    port = await freePort()
    await launch()
    const admin = await createConnection({ socketPath: socket, user: 'root', password: '' })
    try {
      for (const sql of [
        'CREATE DATABASE qf CHARACTER SET utf8mb4',
        "CREATE USER 'qf'@'%' IDENTIFIED BY 'qf'",
        "GRANT ALL PRIVILEGES ON qf.* TO 'qf'@'%'",
        "GRANT PROCESS ON *.* TO 'qf'@'%'",
      ]) await admin.query(sql)
    } finally {
      await admin.end()
    }
  } catch (error) {
    // The error carries the log's last lines; nothing of a server that never ran is kept.
    if (child !== undefined) await stopServerProcess(child, 'SIGKILL', 0)
    removeDir(dir)
    throw error
  }
  const halt = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (proc !== undefined) await stopServerProcess(proc, 'SIGTERM', 20_000)
  }
  let stopping: Promise<void> | undefined
  return {
    name: 'mariadb',
    env: {
      QF_TEST_MARIADB_URL: `mysql://qf:qf@127.0.0.1:${port}/qf`,
      QF_TEST_MARIADB_HOST: '127.0.0.1',
      QF_TEST_MARIADB_PORT: String(port),
      QF_TEST_MARIADB_USER: 'qf',
      QF_TEST_MARIADB_PASSWORD: 'qf',
      QF_TEST_MARIADB_DATABASE: 'qf',
    },
    halt,
    restart: launch,
    pid: () => child?.pid,
    stop: async () => await (stopping ??= halt().finally(() => removeDir(dir))),
  }
}

function installDb (data: string, asRoot: boolean): void {
  try {
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, ...(asRoot ? ['--user=root'] : []),
      '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const { code, stderr } = error as { code?: string, stderr?: Buffer }
    const hint = code === 'ENOENT' ? ` (is MariaDB installed? run ${SETUP})` : ''
    throw new Error(`MariaDB: mariadb-install-db failed: ${stderr?.toString().trim() || (error as Error).message}${hint}`, { cause: error })
  }
}

let ensured: Promise<Record<string, string>> | undefined

/** The run-wide server's settings when the test command started one, else a server of this process. */
export async function ensureMariadb (): Promise<Record<string, string>> {
  const fromEnv = pickEnv('QF_TEST_MARIADB_')
  if (fromEnv !== undefined) return fromEnv
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-mariadb-'))
    const server = await startMariadb({ dir })
    stopWithProcess(server, dir, 'SIGKILL')
    return server.env
  })()
  return await ensured
}
