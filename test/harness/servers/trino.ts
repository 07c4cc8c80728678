/**
 * A real Trino server (io.trino:trino-server-core from Maven Central plus the tpch and memory
 * plugins, installed by scripts/setup/trino-server.sh) run as a plain JVM process with its
 * etc/ folder, data dir and logs under `dir`, on a free HTTP port. A single node: coordinator
 * and worker at once, 1 GB heap, C1-only JIT for a faster start on 2 cores.
 *
 * Catalogs: `tpch` (generated TPC-H data) and `memory` (writable, for DDL/DML tests; schema
 * `memory.default` exists). Plain HTTP has no authentication: any X-Trino-User is accepted.
 * HTTPS (self-signed certificate, made with openssl) requires a password (user qf, password qf)
 * or an HS256 JWT signed with QF_TEST_TRINO_JWT_SECRET (base64).
 * Env: QF_TEST_TRINO_URL (http://127.0.0.1:PORT), QF_TEST_TRINO_PORT, QF_TEST_TRINO_VERSION,
 * QF_TEST_TRINO_START_MS, QF_TEST_TRINO_HTTPS_URL, QF_TEST_TRINO_CA_FILE, QF_TEST_TRINO_USER,
 * QF_TEST_TRINO_PASSWORD, QF_TEST_TRINO_JWT_SECRET.
 */
import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort, waitUntil } from './postgres.ts'
import type { RunningServer } from './postgres.ts'

const SETUP_SCRIPT = join(import.meta.dirname, '../../../scripts/setup/trino-server.sh')
/** First start on 2 cores takes 30–60 s; allow for a busy machine. */
const START_LIMIT_MS = 240_000

export interface TrinoServer extends RunningServer {
  /** The JVM's process id while it runs. */
  pid (): number | undefined
}

interface Installation { home: string, java: string, version: string }

/** Reads what scripts/setup/trino-server.sh installed, running the script first if needed. */
function installation (): Installation {
  const cache = join(process.env.QUERYFLUX_CACHE ?? join(homedir(), '.cache', 'queryflux'), 'trino')
  const version = process.env.QUERYFLUX_TRINO_VERSION ?? '476'
  const envFile = join(cache, `server-${version}.env`)
  if (!existsSync(envFile)) execFileSync('bash', [SETUP_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'] })
  const values = Object.fromEntries(readFileSync(envFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
  return { home: values.TRINO_HOME!, java: values.TRINO_JAVA!, version: values.TRINO_VERSION ?? version }
}

export async function startTrino (options: { dir: string }): Promise<TrinoServer> {
  const dir = resolve(options.dir)
  const { home, java, version } = installation()
  const etc = join(dir, 'etc')
  mkdirSync(join(etc, 'catalog'), { recursive: true })
  mkdirSync(join(dir, 'data'), { recursive: true })
  const port = await freePort()
  const httpsPort = await freePort()
  const base = `http://127.0.0.1:${port}`
  const secure = writeSecurityFiles(etc)
  writeFileSync(join(etc, 'config.properties'), [
    'coordinator=true',
    'node-scheduler.include-coordinator=true',
    `http-server.http.port=${port}`,
    `discovery.uri=${base}`,
    'http-server.log.enabled=false',
    `plugin.dir=${join(home, 'plugin')}`,
    `catalog.config-dir=${join(etc, 'catalog')}`,
    'query.max-memory=512MB',
    'query.max-memory-per-node=384MB',
    'task.concurrency=2',
    'task.max-worker-threads=4',
    'query.client.timeout=1m',
    // One node: a heartbeat missed on a loaded 2-core machine must not drop the only worker ("nodes is empty").
    'failure-detector.enabled=false',
    'query.min-expire-age=1m',
    // HTTPS with password and JWT authentication beside plain HTTP, which stays open to any
    // X-Trino-User (allow-insecure-over-http), so tests of the auth paths share this server.
    'http-server.https.enabled=true',
    `http-server.https.port=${httpsPort}`,
    `http-server.https.keystore.path=${secure.keystore}`,
    'http-server.authentication.type=PASSWORD,JWT',
    'http-server.authentication.allow-insecure-over-http=true',
    `password-authenticator.config-files=${secure.passwordAuthenticator}`,
    `http-server.authentication.jwt.key-file=${secure.jwtKeyFile}`,
    `internal-communication.shared-secret=${secure.sharedSecret}`,
  ].join('\n') + '\n')
  writeFileSync(join(etc, 'log.properties'), 'io.trino=WARN\nio.airlift=WARN\n')
  writeFileSync(join(etc, 'catalog', 'tpch.properties'), 'connector.name=tpch\n')
  writeFileSync(join(etc, 'catalog', 'memory.properties'), 'connector.name=memory\nmemory.max-data-per-node=256MB\n')
  const jvm = [
    '-server', '-Xmx1G', '-Xss2M', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:CICompilerCount=2',
    '-XX:+ExitOnOutOfMemoryError', '-XX:-OmitStackTraceInFastThrow', '-XX:ReservedCodeCacheSize=256M',
    '-XX:+EnableDynamicAgentLoading', '--enable-native-access=ALL-UNNAMED', '-Djdk.attach.allowAttachSelf=true', '-Djdk.nio.maxCachedBufferSize=2000000',
    '-Dfile.encoding=UTF-8', '-Duser.timezone=UTC',
    `-Dconfig=${join(etc, 'config.properties')}`,
    `-Dlog.levels-file=${join(etc, 'log.properties')}`,
    // bin/launcher turns node.properties into system properties; this does the same.
    // Announce and call itself on loopback only, never on the machine's other interfaces.
    '-Dnode.environment=test', `-Dnode.id=qf-test-${port}`, '-Dnode.internal-address=127.0.0.1', `-Dnode.data-dir=${join(dir, 'data')}`,
    '-cp', `${join(home, 'lib')}/*`, 'io.trino.server.TrinoServer',
  ]
  // For reading and for running by hand: `java $(cat etc/jvm.config)`.
  writeFileSync(join(etc, 'jvm.config'), jvm.join('\n') + '\n')

  const logFile = join(dir, 'server.log')
  const out = openSync(logFile, 'a')
  const child: ChildProcess = spawn(java, jvm, { stdio: ['ignore', out, out], cwd: join(dir, 'data'), env: { ...process.env, JAVA_HOME: undefined } })
  closeSync(out)
  child.unref()
  let running: ChildProcess | undefined = child
  const startedAt = Date.now()
  try {
    await waitUntil(async () => await isReady(base), START_LIMIT_MS, `Trino ${version} on port ${port} (log: ${logFile})`, child)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  const startMs = Date.now() - startedAt
  const stopProcess = async (): Promise<void> => {
    const proc = running
    running = undefined
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return
    // The child is unref'd so a test process never waits for it; while stopping, it must keep
    // the event loop alive until the exit is seen.
    proc.ref()
    const exited = new Promise<void>((resolveExit) => proc.once('exit', () => resolveExit()))
    // SIGTERM runs Trino's shutdown hooks, which can take longer than a test run wants to wait;
    // the data of a test run is thrown away, so the JVM is killed after a short grace period.
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 2000)
    await exited
    clearTimeout(timer)
  }
  return {
    name: 'trino',
    env: {
      QF_TEST_TRINO_URL: base,
      QF_TEST_TRINO_PORT: String(port),
      QF_TEST_TRINO_VERSION: version,
      QF_TEST_TRINO_START_MS: String(startMs),
      QF_TEST_TRINO_HTTPS_URL: `https://127.0.0.1:${httpsPort}`,
      QF_TEST_TRINO_CA_FILE: secure.certificate,
      QF_TEST_TRINO_USER: 'qf',
      QF_TEST_TRINO_PASSWORD: 'qf',
      QF_TEST_TRINO_JWT_SECRET: secure.jwtSecret,
    },
    pid: () => running?.pid,
    async stop () {
      await stopProcess()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * A self-signed certificate for 127.0.0.1 (openssl), a password file with user qf/qf (PBKDF2,
 * which node:crypto can compute), an HMAC key for HS256 JWTs, and the internal shared secret.
 */
function writeSecurityFiles (etc: string): { keystore: string, certificate: string, passwordAuthenticator: string, jwtKeyFile: string, jwtSecret: string, sharedSecret: string } {
  const key = join(etc, 'server.key')
  const certificate = join(etc, 'server.crt')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '7',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: ['ignore', 'ignore', 'pipe'] })
  const keystore = join(etc, 'server.pem')
  writeFileSync(keystore, readFileSync(key, 'utf8') + readFileSync(certificate, 'utf8'))
  // Trino's PBKDF2 form: iterations:salt-hex:hash-hex, checked with PBKDF2WithHmacSHA1 over the hash's length.
  const salt = randomBytes(16)
  const hash = pbkdf2Sync('qf', salt, 1000, 64, 'sha1')
  const passwordFile = join(etc, 'password.db')
  writeFileSync(passwordFile, `qf:1000:${salt.toString('hex')}:${hash.toString('hex')}\n`)
  const passwordAuthenticator = join(etc, 'password-authenticator.properties')
  writeFileSync(passwordAuthenticator, `password-authenticator.name=file\nfile.password-file=${passwordFile}\n`)
  const jwtSecret = randomBytes(32).toString('base64')
  const jwtKeyFile = join(etc, 'jwt-hmac.key')
  writeFileSync(jwtKeyFile, jwtSecret)
  return { keystore, certificate, passwordAuthenticator, jwtKeyFile, jwtSecret, sharedSecret: randomBytes(24).toString('base64') }
}

/** /v1/info says the node finished starting, and a query actually runs (workers registered). */
async function isReady (base: string): Promise<boolean> {
  try {
    const info = await fetch(`${base}/v1/info`, { signal: AbortSignal.timeout(2000) })
    if (!info.ok || (await info.json() as { starting?: boolean }).starting !== false) return false
    return await selectOne(base)
  } catch {
    return false
  }
}

async function selectOne (base: string): Promise<boolean> {
  const signal = AbortSignal.timeout(20_000)
  const headers = { 'x-trino-user': 'harness' }
  let page = await (await fetch(`${base}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers, signal })).json() as { nextUri?: string, data?: unknown[][], error?: unknown }
  for (let i = 0; i < 200 && page.error === undefined; i++) {
    if (page.data !== undefined) return true
    if (page.nextUri === undefined) return false
    page = await (await fetch(page.nextUri, { headers, signal })).json() as typeof page
  }
  return false
}

let ensured: Promise<Record<string, string>> | undefined

/** The run-wide server's settings when the test command started one, else a server of this process. */
export async function ensureTrino (): Promise<Record<string, string>> {
  if (process.env.QF_TEST_TRINO_URL !== undefined) {
    return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('QF_TEST_TRINO_') && e[1] !== undefined))
  }
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-trino-'))
    const server = await startTrino({ dir })
    process.once('exit', () => {
      const pid = server.pid()
      if (pid !== undefined) { try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ } }
      try { rmSync(dir, { recursive: true, force: true }) } catch { /* best effort */ }
    })
    return server.env
  })()
  return await ensured
}
