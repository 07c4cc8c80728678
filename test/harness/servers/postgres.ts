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
import type { ChildProcess, SpawnOptions } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chownSync, openSync, closeSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const BIN = '/usr/lib/postgresql/15/bin'
const SETUP = 'scripts/setup/postgres.sh'

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
  const logFile = join(dir, 'postgres.log')
  mkdirSync(dir, { recursive: true })
  let child: ChildProcess | undefined
  const launch = async (): Promise<void> => {
    const args = ['-D', data, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60',
      '-c', 'shared_buffers=32MB', '-c', `logging_collector=off`]
    const logFd = openSync(logFile, 'a')
    child = owner === undefined
      ? spawnServer(`${BIN}/postgres`, args, { stdio: ['ignore', logFd, logFd] })
      // setpriv execs (no intermediate process), so the child's pid is the postmaster's.
      : spawnServer('setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--', `${BIN}/postgres`, ...args], { stdio: ['ignore', logFd, logFd] })
    closeSync(logFd)
    const started = { child, what: `PostgreSQL on port ${port}`, logFiles: [logFile], setup: SETUP }
    await waitForServer(started, async () => await canConnect(port), 60_000)
    // The postmaster answers TCP before it accepts logins; psql tells us it is ready.
    await waitForServer(started, async () => psqlOk(owner, socketDir, port), 30_000)
  }
  let owner: { uid: number, gid: number } | undefined
  let port = 0
  try {
    mkdirSync(socketDir, { recursive: true })
    owner = process.getuid?.() === 0 ? lookupUser('postgres') : undefined
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
    port = await freePort()
    closeSync(openSync(logFile, 'a'))
    if (owner !== undefined) chownSync(logFile, owner.uid, owner.gid)
    await launch()
    psql(owner, socketDir, port, [
      "CREATE ROLE qf LOGIN CREATEDB PASSWORD 'qf'",
      'CREATE DATABASE qf OWNER qf',
    ])
  } catch (error) {
    // The error carries the log's last lines; nothing of a server that never ran is kept.
    if (child !== undefined) await stopServerProcess(child, 'SIGQUIT', 5000)
    removeDir(dir)
    throw error
  }
  // SIGINT is PostgreSQL's "fast" shutdown: cancels queries, closes sessions, checkpoints.
  const halt = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (proc !== undefined) await stopServerProcess(proc, 'SIGINT', 20_000)
  }
  let stopping: Promise<void> | undefined
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
    halt,
    restart: launch,
    pid: () => child?.pid,
    stop: async () => await (stopping ??= halt().finally(() => removeDir(dir))),
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
    // SIGQUIT: immediate shutdown, the postmaster takes its backends down with it.
    stopWithProcess(server, dir, 'SIGQUIT')
    return server.env
  })()
  return await ensured
}

export function pickEnv (prefix: string): Record<string, string> | undefined {
  if (process.env[`${prefix}URL`] === undefined) return undefined
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith(prefix) && e[1] !== undefined))
}

/**
 * Stops a server that `ensure…()` started for this process when the process is done with it.
 * 'beforeExit' (the event loop ran dry: the tests are over) allows a proper asynchronous stop;
 * when the process ends otherwise (process.exit, a signal), the 'exit' handler can only act
 * synchronously: `signal` the server, wait (bounded) for it to go, and remove its folder.
 */
export function stopWithProcess (server: RestartableServer, dir: string, exitSignal: NodeJS.Signals): void {
  process.once('beforeExit', () => { void server.stop() })
  process.once('exit', () => {
    const pid = server.pid()
    if (pid !== undefined) killAndWaitSync(pid, exitSignal, 5000)
    try { removeDir(dir) } catch { /* best effort while exiting */ }
  })
}

// --- server processes (shared by the harness modules) ----------------------------------------

interface StartedServer {
  readonly child: ChildProcess
  /** "MariaDB on port 1234": names the server in errors. */
  readonly what: string
  /** Logs whose last lines go into a start error. */
  readonly logFiles: readonly string[]
  /** The setup script that installs the program, for a spawn error's hint. */
  readonly setup: string
}

const spawnErrors = new WeakMap<ChildProcess, Error>()

/**
 * Spawns a server program, unref'd so that a test process never waits for it. A spawn failure
 * (missing binary, no permission) arrives as an 'error' event, which would end the process if
 * nobody listened: it is kept, and `waitForServer`/`waitUntil` turn it into a start error.
 */
export function spawnServer (command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options)
  watchSpawnError(child)
  child.unref()
  return child
}

function watchSpawnError (child: ChildProcess): void {
  if (child.listenerCount('error') === 0) child.on('error', (error) => { spawnErrors.set(child, error) })
}

/**
 * Waits (bounded) until `check` passes. If the program cannot be spawned, exits, or is not
 * ready in time, it is killed, and the error says why and ends with the logs' last lines.
 */
export async function waitForServer (server: StartedServer, check: () => Promise<boolean>, limitMs: number): Promise<void> {
  try {
    await waitUntil(check, limitMs, server.what, server.child)
  } catch (error) {
    const spawnError = spawnErrors.get(server.child)
    await stopServerProcess(server.child, 'SIGKILL', 0)
    const reason = spawnError === undefined
      ? (error as Error).message
      : `${server.what}: could not run '${server.child.spawnfile}': ${spawnError.message} (is it installed? run ${server.setup})`
    throw new Error(`${reason}\n${server.logFiles.map((file) => logTail(file)).join('\n')}`, { cause: spawnError ?? error })
  }
}

/**
 * Sends `signal`, then SIGKILL after `graceMs`, and waits for the exit. The child is unref'd,
 * so it is ref'd while stopping: otherwise a process with nothing else to do would end in the
 * middle of this await (nothing would keep its event loop alive).
 */
export async function stopServerProcess (child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  child.ref()
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
  child.kill(signal)
  const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), graceMs)
  try {
    await exited
  } finally {
    clearTimeout(timer)
    child.unref()
  }
}

/** For 'exit' handlers: signal `pid` and wait (bounded, synchronously) until it has exited. */
function killAndWaitSync (pid: number, signal: NodeJS.Signals, limitMs: number): void {
  try { process.kill(pid, signal) } catch { return }
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  for (const deadline = Date.now() + limitMs; Date.now() < deadline;) {
    // An exited child stays a zombie ('Z') until Node reaps it, which it no longer will.
    let state: string
    try { state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] ?? 'Z' } catch { return }
    if (state === 'Z' || state === 'X') return
    Atomics.wait(sleeper, 0, 0, 20)
  }
  try { process.kill(pid, 'SIGKILL') } catch { /* gone */ }
}

/** The last lines of a server log, headed by its path ('(no log)' when there is none). */
export function logTail (file: string, lines = 30): string {
  let text: string
  try { text = readFileSync(file, 'utf8') } catch { return `--- ${file}: (no log) ---` }
  const tail = text.trimEnd().split('\n').slice(-lines).join('\n')
  return tail === '' ? `--- ${file}: (empty) ---` : `--- last lines of ${file} ---\n${tail}`
}

/** Removes a server's folder; retried, since a server that just exited may have left files being closed. */
export function removeDir (dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
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
  try {
    execFileSync(full[0]!, full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const { code, stderr } = error as { code?: string, stderr?: Buffer }
    const hint = code === 'ENOENT' ? ` (is PostgreSQL 15 installed? run ${SETUP})` : ''
    throw new Error(`PostgreSQL: ${command.split('/').at(-1)} failed: ${stderr?.toString().trim() || (error as Error).message}${hint}`, { cause: error })
  }
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

/**
 * Polls `check` until it passes, for at most `limitMs`. With `child`, fails as soon as the
 * process exits or could not be spawned (its 'error' event is listened for from here on).
 */
export async function waitUntil (check: () => Promise<boolean>, limitMs: number, what: string, child?: ChildProcess): Promise<void> {
  if (child !== undefined) watchSpawnError(child)
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    if (child !== undefined) {
      const spawnError = spawnErrors.get(child)
      if (spawnError !== undefined) throw new Error(`${what}: could not run '${child.spawnfile}': ${spawnError.message}`, { cause: spawnError })
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${what}: the server process exited (${child.exitCode === null ? `signal ${child.signalCode}` : `code ${child.exitCode}`}) before it was ready`)
      }
    }
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what} did not become ready within ${limitMs} ms`)
}
