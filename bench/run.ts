/**
 * `npm run bench`: proxy overhead (via QueryFlux minus direct, p50/p95/p99), streaming
 * throughput and peak memory, with the direct path measured in the same run. Prints a table
 * and writes JSON to bench/results/<timestamp>.json. Never part of the tests.
 *
 * Environment: BENCH_RUNS (default 1000), BENCH_ROWS (default 10000000), BENCH_SECTIONS
 * (comma list of: trino-http, postgres-wire; default all available).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import os from 'node:os'
import { DuckDBInstance } from '@duckdb/node-api'
import { measure, ms, table } from './lib/stats.ts'
import type { LatencySummary } from './lib/stats.ts'
import { startQueryFluxProcess } from './lib/queryflux-process.ts'
import { runTrinoQuery } from './lib/trino-http-client.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 1000)
const WARMUP = Math.max(50, Math.floor(RUNS / 10))
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000)
const sections = process.env.BENCH_SECTIONS?.split(',') ?? ['trino-http', 'postgres-wire']

const CONFIG = `
queryflux:
  frontends:
    trinoHttp: { enabled: true, port: 0 }
    postgresWire: { enabled: ${sections.includes('postgres-wire') && existsSync(resolve(import.meta.dirname, '../src/frontends/postgres/index.ts'))}, port: 0 }
  adminApi: { enabled: false }
  logLevel: info
clusters:
  duckdb: { engine: duckDb, poolSize: 4 }
clusterGroups:
  default: { members: [duckdb], maxRunningQueries: 16 }
routingFallback: default
`

interface LatencyRow { path: string, direct: LatencySummary, proxied: LatencySummary }
const latency: LatencyRow[] = []
const throughput: Array<{ path: string, rows: number, seconds: number, rowsPerSec: number, mbPerSec: number, peakRssMiB: number }> = []

// Direct path: the same DuckDB engine called in-process, as the adapter calls it.
const duck = await DuckDBInstance.create(':memory:')
const duckConn = await duck.connect()
const directDuck = await measure(RUNS, WARMUP, async () => { const r = await duckConn.run('SELECT 1'); await r.getRows() })

const qf = await startQueryFluxProcess(CONFIG)
try {
  if (sections.includes('trino-http')) {
    const base = `http://127.0.0.1:${qf.ports['queryflux.frontends.trinoHttp.port']}`
    const proxied = await measure(RUNS, WARMUP, async () => await runTrinoQuery(base, 'SELECT 1'))
    latency.push({ path: 'Trino HTTP → DuckDB vs DuckDB in-process', direct: directDuck, proxied })

    const sql = `SELECT i, i * 2 AS doubled, 'row-' || i::VARCHAR AS label FROM range(${ROWS}) t(i)`
    const rssBefore = qf.rssMiB()
    const t0 = performance.now()
    const run = await runTrinoQuery(base, sql)
    const seconds = (performance.now() - t0) / 1000
    if (run.rows !== ROWS) throw new Error(`expected ${ROWS} rows, got ${run.rows}`)
    throughput.push({ path: `Trino HTTP, ${ROWS} rows × 3 columns (RSS before ${rssBefore.toFixed(0)} MiB)`, rows: run.rows, seconds, rowsPerSec: run.rows / seconds, mbPerSec: run.bytes / 1e6 / seconds, peakRssMiB: qf.peakRssMiB() })
  }
  const pgBench = resolve(import.meta.dirname, 'postgres-wire.ts')
  const pgPort = qf.ports['queryflux.frontends.postgresWire.port']
  if (sections.includes('postgres-wire') && pgPort !== undefined && existsSync(pgBench)) {
    const mod = await import(pgBench) as { measurePostgresSelect1?: (opts: { port: number, runs: number, warmup: number }) => Promise<LatencySummary> }
    if (mod.measurePostgresSelect1 !== undefined) {
      const proxied = await mod.measurePostgresSelect1({ port: pgPort, runs: RUNS, warmup: WARMUP })
      latency.push({ path: 'PostgreSQL wire → DuckDB vs DuckDB in-process', direct: directDuck, proxied })
    }
  }
} finally {
  await qf.stop()
  duckConn.closeSync()
}

console.log(`\nQueryFlux benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, ${RUNS} runs after ${WARMUP} warm-up\n`)
console.log(table(
  ['SELECT 1 latency', 'direct p50', 'p95', 'p99', 'via QueryFlux p50', 'p95', 'p99', 'overhead p50', 'p95', 'p99'],
  latency.map((l) => [l.path, ms(l.direct.p50), ms(l.direct.p95), ms(l.direct.p99), ms(l.proxied.p50), ms(l.proxied.p95), ms(l.proxied.p99),
    ms(l.proxied.p50 - l.direct.p50), ms(l.proxied.p95 - l.direct.p95), ms(l.proxied.p99 - l.direct.p99)]),
))
console.log()
console.log(table(
  ['Streaming', 'rows', 'seconds', 'rows/s', 'MB/s (wire)', 'QueryFlux peak RSS'],
  throughput.map((t) => [t.path, String(t.rows), t.seconds.toFixed(2), Math.round(t.rowsPerSec).toLocaleString('en-US'), t.mbPerSec.toFixed(1), `${t.peakRssMiB.toFixed(0)} MiB`]),
))
const outDir = resolve(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const out = join(outDir, `${new Date().toISOString().replaceAll(':', '-')}.json`)
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, runs: RUNS, latency, throughput }, null, 2))
console.log(`\nwrote ${out}`)
