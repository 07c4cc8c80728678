/**
 * moto's standalone server (an AWS emulator, installed by scripts/setup/moto.sh into its own
 * virtualenv) on a free port, for the Athena adapter tests. moto runs no SQL: its Athena answers
 * GetQueryResults from a queue of results seeded through POST /moto-api/static/athena/query-results,
 * and moves executions QUEUED → RUNNING → SUCCEEDED one step per GetQueryExecution unless told
 * otherwise through /moto-api/state-manager/set-transition.
 *
 * Credentials are fake and unchecked. Env: QF_TEST_MOTO_URL (http://127.0.0.1:PORT),
 * QF_TEST_MOTO_REGION, QF_TEST_MOTO_ACCESS_KEY_ID, QF_TEST_MOTO_SECRET_ACCESS_KEY.
 */
import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort, waitUntil } from './postgres.ts'
import type { RunningServer } from './postgres.ts'

const SETUP_SCRIPT = join(import.meta.dirname, '../../../scripts/setup/moto.sh')

export interface MotoServer extends RunningServer {
  pid (): number | undefined
}

function motoPython (): string {
  const envFile = join(process.env.QUERYFLUX_CACHE ?? join(homedir(), '.cache', 'queryflux'), 'moto', 'server.env')
  if (!existsSync(envFile)) execFileSync('bash', [SETUP_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'] })
  const line = readFileSync(envFile, 'utf8').split('\n').find((l) => l.startsWith('MOTO_PYTHON='))
  if (line === undefined) throw new Error(`${envFile} names no MOTO_PYTHON: run scripts/setup/moto.sh`)
  return line.slice('MOTO_PYTHON='.length)
}

export async function startMoto (options: { dir: string }): Promise<MotoServer> {
  const dir = resolve(options.dir)
  mkdirSync(dir, { recursive: true })
  const python = motoPython()
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const logFile = join(dir, 'moto.log')
  const out = openSync(logFile, 'a')
  const child: ChildProcess = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', out, out], cwd: dir, env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  })
  closeSync(out)
  child.unref()
  let running: ChildProcess | undefined = child
  try {
    await waitUntil(async () => await answers(base), 60_000, `moto on port ${port} (log: ${logFile})`, child)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return {
    name: 'moto',
    env: {
      QF_TEST_MOTO_URL: base,
      QF_TEST_MOTO_REGION: 'us-east-1',
      QF_TEST_MOTO_ACCESS_KEY_ID: 'testing',
      QF_TEST_MOTO_SECRET_ACCESS_KEY: 'testing',
    },
    pid: () => running?.pid,
    async stop () {
      const proc = running
      running = undefined
      if (proc !== undefined && proc.exitCode === null && proc.signalCode === null) {
        proc.ref()
        const exited = new Promise<void>((resolveExit) => proc.once('exit', () => resolveExit()))
        proc.kill('SIGTERM')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 3000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function answers (base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) })
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}

let ensured: Promise<Record<string, string>> | undefined

/** The run-wide server's settings when the test command started one, else a server of this process. */
export async function ensureMoto (): Promise<Record<string, string>> {
  if (process.env.QF_TEST_MOTO_URL !== undefined) {
    return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('QF_TEST_MOTO_') && e[1] !== undefined))
  }
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-moto-'))
    const server = await startMoto({ dir })
    process.once('exit', () => {
      const pid = server.pid()
      if (pid !== undefined) { try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ } }
      try { rmSync(dir, { recursive: true, force: true }) } catch { /* best effort */ }
    })
    return server.env
  })()
  return await ensured
}
