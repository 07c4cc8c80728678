/**
 * A real PostgreSQL 15 server (Debian's postgresql-15, installed by scripts/setup/postgres.sh)
 * started as a plain process with its data dir, socket and log under `dir`, on a free port.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user.
 *
 * Test users: `qf` (password `qf`, owner of database `qf`).
 * Env: QF_TEST_POSTGRES_URL, QF_TEST_POSTGRES_HOST, QF_TEST_POSTGRES_PORT,
 * QF_TEST_POSTGRES_USER, QF_TEST_POSTGRES_PASSWORD, QF_TEST_POSTGRES_DATABASE.
 */
import { spawn, execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, chownSync, openSync, closeSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const BIN = '/usr/lib/postgresql/15/bin'

export interface RunningServer {
  readonly name: string
  readonly env: Record<string, string>
  stop (): Promise<void>
}

/** A server a test may stop and start again on the same port and data (health tests). */
export interface RestartableServer extends RunningServer {
  /** Stops the server process but keeps its data, port and users for `restart`. */
  halt (): Promise<void>
  /** Starts the halted server again with the same data, port and users. */
  restart (): Promise<void>
  /** The server process id while it runs. */
  pid (): number | undefined
}

export async function startPostgres (options: { dir: string }): Promise<RestartableServer> {
  const dir = resolve(options.dir)
  const data = join(dir, 'data')
  const socketDir = join(dir, 'socket')
  mkdirSync(dir, { recursive: true })
  mkdirSync(socketDir, { recursive: true })
  const asRoot = process.getuid?.() === 0
  const owner = asRoot ? lookupUser('postgres') : undefined
  if (owner !== undefined) {
    allowTraverse(dir)
    chownSync(dir, owner.uid, owner.gid)
    chownSync(socketDir, owner.uid, owner.gid)
  }
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, 'postgres\n', { mode: 0o600 })
  if (owner !== undefined) chownSync(pwfile, owner.uid, owner.gid)
  run(owner, `${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '-E', 'UTF8', '--locale=C.UTF-8',
    '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync'])
  const port = await freePort()
  const logFile = join(dir, 'postgres.log')
  closeSync(openSync(logFile, 'a'))
  if (owner !== undefined) chownSync(logFile, owner.uid, owner.gid)

  let child: ChildProcess | undefined
  const launch = async (): Promise<void> => {
    const args = ['-D', data, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60',
      '-c', 'shared_buffers=32MB', '-c', `logging_collector=off`]
    const logFd = openSync(logFile, 'a')
    child = owner === undefined
      ? spawn(`${BIN}/postgres`, args, { stdio: ['ignore', logFd, logFd] })
      // setpriv execs (no intermediate process), so the child's pid is the postmaster's.
      : spawn('setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--', `${BIN}/postgres`, ...args], { stdio: ['ignore', logFd, logFd] })
    closeSync(logFd)
    child.unref()
    await waitUntil(async () => await canConnect(port), 60_000, `PostgreSQL on port ${port} (log: ${logFile})`, child)
    // The postmaster answers TCP before it accepts logins; psql tells us it is ready.
    await waitUntil(async () => psqlOk(owner, socketDir, port), 30_000, `PostgreSQL login on port ${port}`, child)
  }
  await launch()
  psql(owner, socketDir, port, [
    "CREATE ROLE qf LOGIN CREATEDB PASSWORD 'qf'",
    'CREATE DATABASE qf OWNER qf',
  ])
  const stopProcess = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (proc === undefined || proc.exitCode !== null) return
    // SIGINT is PostgreSQL's "fast" shutdown: cancels queries, closes sessions, checkpoints.
    const exited = new Promise<void>((resolveExit) => proc.once('exit', () => resolveExit()))
    proc.kill('SIGINT')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
  const url = `postgres://qf:qf@127.0.0.1:${port}/qf`
  return {
    name: 'postgres',
    env: {
      QF_TEST_POSTGRES_URL: url,
      QF_TEST_POSTGRES_HOST: '127.0.0.1',
      QF_TEST_POSTGRES_PORT: String(port),
      QF_TEST_POSTGRES_USER: 'qf',
      QF_TEST_POSTGRES_PASSWORD: 'qf',
      QF_TEST_POSTGRES_DATABASE: 'qf',
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
export async function ensurePostgres (): Promise<Record<string, string>> {
  const fromEnv = pickEnv('QF_TEST_POSTGRES_')
  if (fromEnv !== undefined) return fromEnv
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-postgres-'))
    const server = await startPostgres({ dir })
    stopOnExit(server, dir)
    return server.env
  })()
  return await ensured
}

function pickEnv (prefix: string): Record<string, string> | undefined {
  if (process.env[`${prefix}URL`] === undefined) return undefined
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith(prefix) && e[1] !== undefined))
}

function stopOnExit (server: RestartableServer, dir: string): void {
  // 'exit' handlers run synchronously: an immediate-shutdown signal is all that can be sent from there.
  process.once('exit', () => {
    const pid = server.pid()
    if (pid !== undefined) { try { process.kill(pid, 'SIGQUIT') } catch { /* already gone */ } }
    try { rmSync(dir, { recursive: true, force: true }) } catch { /* best effort */ }
  })
}

function lookupUser (name: string): { uid: number, gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim())
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim())
  return { uid, gid }
}

/** Lets the postgres user reach `dir` through root-owned 0700 temp folders (search bit only). */
function allowTraverse (dir: string): void {
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    const mode = statSync(current).mode
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o011)
  }
}

function run (owner: { uid: number, gid: number } | undefined, command: string, args: string[]): void {
  const full = owner === undefined ? [command, ...args] : ['runuser', '-u', 'postgres', '--', command, ...args]
  execFileSync(full[0]!, full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
}

function psqlArgs (socketDir: string, port: number): string[] {
  return [`${BIN}/psql`, '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAt']
}

function psqlOk (owner: { uid: number, gid: number } | undefined, socketDir: string, port: number): boolean {
  try {
    psql(owner, socketDir, port, ['SELECT 1'])
    return true
  } catch {
    return false
  }
}

function psql (owner: { uid: number, gid: number } | undefined, socketDir: string, port: number, statements: string[]): void {
  const args = psqlArgs(socketDir, port)
  for (const sql of statements) args.push('-c', sql)
  run(owner, args[0]!, args.slice(1))
}

export async function freePort (): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

export async function canConnect (port: number): Promise<boolean> {
  return await new Promise((resolveConnect) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolveConnect(true) })
    socket.once('error', () => { socket.destroy(); resolveConnect(false) })
  })
}

export async function waitUntil (check: () => Promise<boolean>, limitMs: number, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (child !== undefined && child.exitCode !== null) throw new Error(`${what}: the server process exited with code ${child.exitCode}`)
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what} did not become ready within ${limitMs} ms`)
}
