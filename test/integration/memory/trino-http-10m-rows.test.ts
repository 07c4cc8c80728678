/**
 * Issue #2: a 10M-row result streams through with the QueryFlux process under 300 MiB RSS.
 *
 * QueryFlux runs the way `npm start` runs it (the node flags of package.json's `start` script,
 * src/main.ts, a config file), as a child process so that its peak RSS (VmHWM) is its own. The
 * unmodified `trino-client` package reads every page of a 10M-row × 3-column DuckDB result
 * through the Trino HTTP frontend; the query is translated Trino → DuckDB on the way, as any
 * client query is (WebAssembly tier-up of the translator once spiked RSS to ≈900 MiB).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { BasicAuth, Trino } from 'trino-client'

const ROOT = resolve(import.meta.dirname, '../../..')
const ROWS = 10_000_000
const BOUND_MIB = 300

/** `node <flags> src/main.ts` from package.json's start script → the flags. */
function startScriptNodeFlags (): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const words = pkg.scripts.start.split(/\s+/).filter(Boolean)
  assert.equal(words[0], 'node', `package.json start script runs node: ${pkg.scripts.start}`)
  assert.equal(words.at(-1), 'src/main.ts', `package.json start script runs src/main.ts: ${pkg.scripts.start}`)
  return words.slice(1, -1)
}

function statusMiB (pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  assert.ok(match !== null, `${field} in /proc/${pid}/status`)
  return Number(match[1]) / 1024
}

test(`a ${ROWS.toLocaleString('en-US')}-row result streams through Trino HTTP with QueryFlux under ${BOUND_MIB} MiB RSS`, { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-memory-'))
  const configPath = join(dir, 'queryflux.yaml')
  writeFileSync(configPath, [
    'queryflux:',
    '  frontends:',
    '    trinoHttp: { enabled: true, port: 0 }',
    '    postgresWire: { enabled: false }',
    '    mysqlWire: { enabled: false }',
    '    flightSql: { enabled: false }',
    '  adminApi: { enabled: false }',
    '  logLevel: info',
    'clusters:',
    '  duckdb: { engine: duckDb }',
    'clusterGroups:',
    '  default: { members: [duckdb] }',
    'routingFallback: default',
    '',
  ].join('\n'))
  const child = spawn(process.execPath, [...startScriptNodeFlags(), join(ROOT, 'src/main.ts'), '--config', configPath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, QUERYFLUX_LOG_LEVEL: 'info' },
  })
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit))
  try {
    const port = await new Promise<number>((resolvePort, reject) => {
      let found: number | undefined
      child.once('exit', (code) => reject(new Error(`QueryFlux exited with ${code} before it started`)))
      // Keeps reading after the start so that the log pipe never fills and stalls QueryFlux.
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let entry: { key?: string, port?: number, msg?: string }
        try { entry = JSON.parse(line) as typeof entry } catch { return }
        if (entry.key === 'queryflux.frontends.trinoHttp.port' && entry.port !== undefined) found = entry.port
        if (entry.msg === 'QueryFlux started') {
          if (found === undefined) reject(new Error('QueryFlux started without logging its Trino HTTP port'))
          else resolvePort(found)
        }
      })
    })
    const pid = child.pid!
    const trino = Trino.create({ server: `http://127.0.0.1:${port}`, auth: new BasicAuth('memory-test') })
    let rows = 0
    let sum = 0
    let pages = 0
    const sql = `SELECT i, i * 2 AS doubled, 'row-' || CAST(i AS VARCHAR) AS label FROM range(${ROWS}) t(i)`
    for await (const page of await trino.query(sql)) {
      assert.equal(page.error, undefined, page.error?.message)
      for (const row of page.data ?? []) { rows++; sum += row[1] as number }
      if (page.data !== undefined) pages++
    }
    const peak = statusMiB(pid, 'VmHWM')
    process.stderr.write(`QueryFlux peak RSS ${peak.toFixed(0)} MiB (now ${statusMiB(pid, 'VmRSS').toFixed(0)} MiB), ${pages} pages\n`)
    assert.equal(rows, ROWS)
    assert.equal(sum, ROWS * (ROWS - 1))
    assert.ok(peak < BOUND_MIB, `QueryFlux peak RSS ${peak.toFixed(0)} MiB, bound ${BOUND_MIB} MiB`)
  } finally {
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
})
