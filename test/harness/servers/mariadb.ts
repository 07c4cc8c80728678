/**
 * A real MariaDB server (Debian's mariadb-server, installed by scripts/setup/mariadb.sh),
 * standing in for the MySQL-wire engines (MySQL, StarRocks). Started as a plain `mariadbd`
 * process with datadir, socket, pid file and error log under `dir`, on a free port.
 *
 * Test user: `qf` (password `qf`, all privileges on database `qf`, plus PROCESS).
 * Env: QF_TEST_MARIADB_URL (mysql://qf:qf@127.0.0.1:PORT/qf), QF_TEST_MARIADB_HOST,
 * QF_TEST_MARIADB_PORT, QF_TEST_MARIADB_USER, QF_TEST_MARIADB_PASSWORD, QF_TEST_MARIADB_DATABASE.
 */
import { spawn, execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, openSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createConnection } from 'mysql2/promise'
import { canConnect, freePort, waitUntil } from './postgres.ts'
import type { RestartableServer } from './postgres.ts'

export async function startMariadb (options: { dir: string }): Promise<RestartableServer> {
  const dir = resolve(options.dir)
  const data = join(dir, 'data')
  const socket = join(dir, 'mariadb.sock')
  mkdirSync(dir, { recursive: true })
  const asRoot = process.getuid?.() === 0
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, ...(asRoot ? ['--user=root'] : []),
    '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const port = await freePort()
  const logFile = join(dir, 'mariadb.err')

  let child: ChildProcess | undefined
  const launch = async (): Promise<void> => {
    const args = ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mariadb.pid')}`, `--log-error=${logFile}`, '--skip-name-resolve', '--skip-log-bin',
      '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M', '--innodb-flush-log-at-trx-commit=0',
      '--performance-schema=OFF', '--max-connections=100', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_general_ci',
      ...(asRoot ? ['--user=root'] : [])]
    const out = openSync(join(dir, 'mariadb.out'), 'a')
    child = spawn('mariadbd', args, { stdio: ['ignore', out, out] })
    closeSync(out)
    child.unref()
    await waitUntil(async () => await canConnect(port), 60_000, `MariaDB on port ${port} (log: ${logFile})`, child)
  }
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
  const stopProcess = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (proc === undefined || proc.exitCode !== null) return
    const exited = new Promise<void>((resolveExit) => proc.once('exit', () => resolveExit()))
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
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
    halt: stopProcess,
    restart: launch,
    pid: () => child?.pid,
    async stop () {
      await stopProcess()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

let ensured: Promise<Record<string, string>> | undefined

/** The run-wide server's settings when the test command started one, else a server of this process. */
export async function ensureMariadb (): Promise<Record<string, string>> {
  if (process.env.QF_TEST_MARIADB_URL !== undefined) {
    return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('QF_TEST_MARIADB_') && e[1] !== undefined))
  }
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-mariadb-'))
    const server = await startMariadb({ dir })
    process.once('exit', () => {
      const pid = server.pid()
      if (pid !== undefined) { try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ } }
      try { rmSync(dir, { recursive: true, force: true }) } catch { /* best effort */ }
    })
    return server.env
  })()
  return await ensured
}
